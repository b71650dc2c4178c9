// SPDX-License-Identifier: MIT
#include "actionpoller.h"
#include "jobfixture.h"

#include <QUuid>

using namespace Qt::StringLiterals;

class TestActionPoller final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup() { m_f.reset(); }
    void followsUntilFinalWithBackoff();
    void backoffIsCapped();
    void notFoundIsDropped();
    void refusesFinalInvalidAndTooMany();
    void stopHaltsPolling();

private:
    MachineAction offboardOne();
    // Moves the poller's clock, lets it poll, and waits for the answer when one is expected.
    bool step(ActionPoller &poller, qint64 ms, QSignalSpy &updates, bool expectPoll = true);
    JobFixture m_f;
    qint64 m_now = 0;
};

void TestActionPoller::init()
{
    SimulatorOptions options;
    options.devices = 60;
    options.pendingMs = 1000;
    options.inProgressMs = 1000;
    options.timeoutMs = 3600000;
    QVERIFY(m_f.setUp(options));
    m_now = 0;
}

MachineAction TestActionPoller::offboardOne()
{
    const OffboardTarget target = m_f.eligibleTargets(1).value(0);
    ActionCall *call = m_f.client->offboard(target.machineId, u"retired"_s);
    QSignalSpy done(call, &ApiCall::finished);
    done.wait(10000);
    const MachineAction action = call->action();
    delete call;
    m_f.sim->clearRequestLog();
    return action;
}

bool TestActionPoller::step(ActionPoller &poller, qint64 ms, QSignalSpy &updates, bool expectPoll)
{
    const qsizetype before = updates.size();
    m_now += ms;
    poller.wake();
    if (!expectPoll)
        return updates.size() == before;
    return updates.size() > before || updates.wait(10000);
}

void TestActionPoller::followsUntilFinalWithBackoff()
{
    const MachineAction action = offboardOne();
    QCOMPARE(action.status, ActionStatus::Pending);
    ActionPoller poller(m_f.client.get(), m_f.budget.get());
    poller.setClock([this] { return m_now; });
    ActionPoller::Options options;
    options.initialDelayMs = 2000;
    options.maxDelayMs = 60000;
    poller.setOptions(options);
    QSignalSpy updates(&poller, &ActionPoller::actionUpdated);
    QSignalSpy finished(&poller, &ActionPoller::actionFinished);
    QSignalSpy idle(&poller, &ActionPoller::idle);
    QVERIFY(poller.watch(action));
    poller.start();
    QCOMPARE(poller.nextPollInMs(action.id), 2000);
    QVERIFY(step(poller, 1999, updates, false)); // not due yet: no request
    QCOMPARE(m_f.requests(u"action"_s), 0);

    QVERIFY(step(poller, 1, updates));
    QCOMPARE(updates.last().at(0).value<MachineAction>().status, ActionStatus::Pending);
    QCOMPARE(poller.nextPollInMs(action.id), 4000); // unchanged: doubled
    QVERIFY(step(poller, 4000, updates));
    QCOMPARE(poller.nextPollInMs(action.id), 8000);

    m_f.sim->advanceClock(1000); // the device checks in
    QVERIFY(step(poller, 8000, updates));
    QCOMPARE(updates.last().at(0).value<MachineAction>().status, ActionStatus::InProgress);
    QCOMPARE(poller.nextPollInMs(action.id), 2000); // changed: back to the start

    m_f.sim->advanceClock(1000);
    QVERIFY(step(poller, 2000, updates));
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.first().at(0).value<MachineAction>().status, ActionStatus::Succeeded);
    QCOMPARE(idle.size(), 1);
    QVERIFY(!poller.isWatching(action.id));
    QVERIFY(step(poller, 120000, updates, false)); // final: never asked again
    QCOMPARE(m_f.requests(u"action"_s), 4);
    QCOMPARE(updates.size(), 4);
}

void TestActionPoller::backoffIsCapped()
{
    const MachineAction action = offboardOne();
    ActionPoller poller(m_f.client.get(), m_f.budget.get());
    poller.setClock([this] { return m_now; });
    ActionPoller::Options options;
    options.initialDelayMs = 2000;
    options.maxDelayMs = 5000;
    poller.setOptions(options);
    QSignalSpy updates(&poller, &ActionPoller::actionUpdated);
    QVERIFY(poller.watch(action));
    poller.start();
    const QList<qint64> expected {4000, 5000, 5000};
    qint64 wait = 2000;
    for (const qint64 next : expected) {
        QVERIFY(step(poller, wait, updates));
        QCOMPARE(poller.nextPollInMs(action.id), next);
        wait = next;
    }
}

void TestActionPoller::notFoundIsDropped()
{
    ActionPoller poller(m_f.client.get(), m_f.budget.get());
    poller.setClock([this] { return m_now; });
    QSignalSpy failed(&poller, &ActionPoller::pollFailed);
    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QVERIFY(poller.watch(id)); // status unknown: due at once
    QCOMPARE(poller.nextPollInMs(id), 0);
    poller.start();
    QVERIFY(failed.wait(10000));
    QCOMPARE(failed.first().at(0).toString(), id);
    QCOMPARE(failed.first().at(1).value<ApiError>().httpStatus, 404);
    QCOMPARE(poller.watchedCount(), 0);
}

void TestActionPoller::refusesFinalInvalidAndTooMany()
{
    ActionPoller poller(m_f.client.get(), m_f.budget.get());
    ActionPoller::Options options;
    options.maxActions = 2;
    poller.setOptions(options);
    MachineAction done;
    done.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    done.status = ActionStatus::Succeeded;
    QVERIFY(!poller.watch(done));
    QVERIFY(!poller.watch(u"../machines"_s));
    QVERIFY(poller.watch(QUuid::createUuid().toString(QUuid::WithoutBraces)));
    const QString second = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QVERIFY(poller.watch(second));
    QVERIFY(!poller.watch(QUuid::createUuid().toString(QUuid::WithoutBraces)));
    QVERIFY(poller.watch(second)); // already followed: refreshed, not a new one
    QCOMPARE(poller.watchedCount(), 2);
    QVERIFY(!poller.isRunning()); // nothing polls before start()
    QCOMPARE(m_f.requests(u"action"_s), 0);
}

void TestActionPoller::stopHaltsPolling()
{
    const MachineAction action = offboardOne();
    ActionPoller poller(m_f.client.get(), m_f.budget.get());
    poller.setClock([this] { return m_now; });
    QSignalSpy updates(&poller, &ActionPoller::actionUpdated);
    QVERIFY(poller.watch(action));
    poller.start();
    poller.stop();
    QVERIFY(step(poller, 600000, updates, false));
    QCOMPARE(m_f.requests(u"action"_s), 0);
    QVERIFY(poller.isWatching(action.id)); // the list is kept
    poller.start();
    QVERIFY(updates.wait(10000)); // overdue: polled at once
    QCOMPARE(m_f.requests(u"action"_s), 1);
}

QTEST_GUILESS_MAIN(TestActionPoller)
#include "tst_actionpoller.moc"
