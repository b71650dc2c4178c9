// SPDX-License-Identifier: MIT
#include "auditreconciler.h"
#include "jobfixture.h"

#include <QDateTime>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;

namespace {
const QString Comment = u"Decommissioned"_s;
} // namespace

class TestAuditReconciler final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void settlesWhatAnEarlierRunLeft();
    void leavesFailedLookUpsAndYoungRecords();
    void queuedLeftoversAreNotSent();

private:
    qint64 recordOld(
        AuditRecord::Kind kind, const QString &machineId, const QString &actionId = {});
    MachineAction call(ActionCall *call);
    JobFixture m_f;
    QTemporaryDir m_dir;
    std::unique_ptr<AuditLog> m_audit;
};

void TestAuditReconciler::init()
{
    SimulatorOptions options;
    options.devices = 80;
    QVERIFY(m_f.setUp(options));
    m_audit = std::make_unique<AuditLog>();
    QVERIFY(m_audit->open(m_dir.filePath(QString::number(QDateTime::currentMSecsSinceEpoch()))));
}

void TestAuditReconciler::cleanup()
{
    m_audit.reset();
    m_f.reset();
}

qint64 TestAuditReconciler::recordOld(
    AuditRecord::Kind kind, const QString &machineId, const QString &actionId)
{
    // Written ten minutes ago by a run that then died.
    const qint64 then = QDateTime::currentMSecsSinceEpoch() - 10 * 60000;
    m_audit->setClock([then] { return then; });
    const qint64 id = m_audit->recordIntent(kind, machineId, u"pc"_s, Comment, u"me"_s, actionId);
    m_audit->setClock({});
    return id;
}

MachineAction TestAuditReconciler::call(ActionCall *call)
{
    QSignalSpy done(call, &ApiCall::finished);
    done.wait(10000);
    const MachineAction action = call->action();
    delete call;
    return action;
}

void TestAuditReconciler::settlesWhatAnEarlierRunLeft()
{
    const QList<OffboardTarget> t = m_f.eligibleTargets(5);
    QCOMPARE(t.size(), 5);
    // 0: sent, and the service took it (the answer was lost in the crash).
    const qint64 taken = recordOld(AuditRecord::Kind::Offboard, t.at(0).machineId);
    m_audit->markSent(taken);
    const MachineAction action = call(m_f.client->offboard(t.at(0).machineId, Comment));
    QVERIFY(!action.id.isEmpty());
    // 1: an intent that never left. 2: sent but the service has no trace of it.
    const qint64 never = recordOld(AuditRecord::Kind::Offboard, t.at(1).machineId);
    const qint64 lost = recordOld(AuditRecord::Kind::Offboard, t.at(2).machineId);
    m_audit->markOutcomeUnknown(lost);
    // 3: a cancel that went through.
    const MachineAction toCancel = call(m_f.client->offboard(t.at(3).machineId, Comment));
    const qint64 cancelled = recordOld(AuditRecord::Kind::Cancel, t.at(3).machineId, toCancel.id);
    m_audit->markSent(cancelled);
    QCOMPARE(
        call(m_f.client->cancelAction(toCancel.id, u"oops"_s)).status, ActionStatus::Cancelled);
    // 4: already settled: not looked at.
    const qint64 settled = recordOld(AuditRecord::Kind::Offboard, t.at(4).machineId);
    m_audit->markOutcome(settled, ApiError::invalidInput(u"x"_s));
    m_f.sim->clearRequestLog();

    AuditReconciler reconciler(m_f.client.get(), m_f.budget.get(), m_audit.get());
    QSignalSpy finished(&reconciler, &AuditReconciler::finished);
    QSignalSpy settledSpy(&reconciler, &AuditReconciler::recordSettled);
    QVERIFY(reconciler.start());
    QCOMPARE(reconciler.total(), 4);
    QVERIFY(finished.wait(10000));
    QCOMPARE(reconciler.settledCount(), 4);
    QCOMPARE(settledSpy.size(), 4);

    QCOMPARE(m_audit->record(taken).state, AuditRecord::State::Reconciled);
    QCOMPARE(m_audit->record(taken).actionId, action.id);
    QCOMPARE(m_audit->record(taken).actionStatus, u"Pending"_s);
    QCOMPARE(m_audit->record(never).state, AuditRecord::State::NotSent);
    QCOMPARE(m_audit->record(lost).state, AuditRecord::State::Reconciled);
    QCOMPARE(m_audit->record(lost).actionId, QString());
    QCOMPARE(m_audit->record(lost).actionStatus, u"NotFound"_s);
    QCOMPARE(m_audit->record(cancelled).actionStatus, u"Cancelled"_s);
    QVERIFY(m_audit->unresolvedRecords().isEmpty());
    QCOMPARE(m_f.requests(u"actions"_s), 3);
    QCOMPARE(m_f.requests(u"action"_s), 1);
    QCOMPARE(m_f.requests(u"offboard"_s), 0); // it never sends anything itself
}

void TestAuditReconciler::leavesFailedLookUpsAndYoungRecords()
{
    const QList<OffboardTarget> t = m_f.eligibleTargets(2);
    const qint64 failing = recordOld(AuditRecord::Kind::Offboard, t.at(0).machineId);
    const qint64 young = m_audit->recordIntent(
        AuditRecord::Kind::Offboard, t.at(1).machineId, u"pc"_s, Comment, u"me"_s);
    FaultSpec fault;
    fault.endpoint = u"actions"_s;
    fault.htmlError = 20; // more than any retries of a read
    m_f.sim->addFault(fault);
    AuditReconciler reconciler(m_f.client.get(), m_f.budget.get(), m_audit.get());
    QSignalSpy finished(&reconciler, &AuditReconciler::finished);
    QVERIFY(reconciler.start());
    QCOMPARE(reconciler.total(), 1); // the young one is not looked at
    QVERIFY(finished.wait(10000));
    QCOMPARE(reconciler.leftUnresolvedCount(), 1);
    QCOMPARE(m_audit->record(failing).state, AuditRecord::State::Intent); // tried next time
    QCOMPARE(m_audit->record(young).state, AuditRecord::State::Intent);
    QCOMPARE(m_audit->unresolvedRecords().size(), 2);
    QString error;
    QVERIFY(!reconciler.start(&error)); // once per object
    QVERIFY(!error.isEmpty());
}

void TestAuditReconciler::queuedLeftoversAreNotSent()
{
    const QList<OffboardTarget> t = m_f.eligibleTargets(4);
    QList<qint64> ids;
    const QString dead = m_audit->recordQueued(AuditRecord::Kind::Offboard,
        {{t.at(0).machineId, {}}, {t.at(1).machineId, {}}}, Comment, u"me"_s, &ids);
    QVERIFY(m_audit->markIntent(ids.at(0))); // young, and its POST may have left
    QList<qint64> liveIds;
    const QString live = m_audit->recordQueued(
        AuditRecord::Kind::Offboard, {{t.at(2).machineId, {}}}, Comment, u"me"_s, &liveIds);
    AuditLog::setBatchRunning(live, true); // a batch of this run: not a leftover
    m_f.sim->clearRequestLog();

    AuditReconciler reconciler(m_f.client.get(), m_f.budget.get(), m_audit.get());
    AuditReconciler::Options options;
    options.minAgeMs = 300;
    options.waitForYoung = true;
    reconciler.setOptions(options);
    QSignalSpy finished(&reconciler, &AuditReconciler::finished);
    QVERIFY(reconciler.start());
    QCOMPARE(reconciler.total(), 2);
    // The queued one at once, without asking the service; the young intent later.
    QCOMPARE(m_audit->record(ids.at(1)).state, AuditRecord::State::NotSent);
    QCOMPARE(m_audit->record(ids.at(0)).state, AuditRecord::State::Intent);
    QVERIFY(finished.wait(10000));
    QCOMPARE(m_audit->record(ids.at(0)).state, AuditRecord::State::NotSent); // looked up: absent
    QCOMPARE(m_f.requests(u"actions"_s), 1);
    QCOMPARE(reconciler.notSentCount(), 2);
    QCOMPARE(reconciler.reconciledCount(), 0);
    QVERIFY(reconciler.summaryText().contains(u"2"_s));
    QCOMPARE(m_audit->record(liveIds.at(0)).state, AuditRecord::State::Queued);
    AuditLog::setBatchRunning(live, false);
    QVERIFY(!dead.isEmpty());
}

QTEST_GUILESS_MAIN(TestAuditReconciler)
#include "tst_auditreconciler.moc"
