// SPDX-License-Identifier: MIT
// Fault suite, network family: latency beyond the time-out, a reset before the answer, a reset
// after an accepted offboard. Reads recover through retries; an offboard is never sent twice.
#include "faultfixture.h"

using namespace Qt::StringLiterals;
using State = BulkOffboard::DeviceState;
using Kind = ApiError::Kind;

class TestFaultNetwork : public QObject
{
    Q_OBJECT
    FaultFixture m_f;

    void addFault(const QString &endpoint, const char *field, int value)
    {
        QJsonObject spec {{u"endpoint"_s, endpoint}, {QString::fromLatin1(field), value}};
        m_f.sim->addFault(FaultSpec::fromJson(spec));
    }

private Q_SLOTS:
    void init() { QVERIFY(m_f.setUp()); }
    void cleanup() { m_f.reset(); }

    void slowListingRecovers()
    {
        m_f.client->setTransferTimeout(300);
        addFault(u"machines"_s, "stall", 2); // two tries time out, the third answers
        MachineListCall *call = m_f.client->listMachines();
        QSignalSpy done(call, &ApiCall::finished);
        QVERIFY(done.wait(20000));
        QVERIFY2(call->isOk(), qPrintable(call->error().displayText()));
        QCOMPARE(call->receivedCount(), m_f.sim->deviceCount());
        QCOMPARE(call->attempts(), 3);
    }

    void latencyBeyondTimeOutGivesUp()
    {
        m_f.client->setTransferTimeout(200);
        addFault(u"machine"_s, "latencyMs", 1500);
        MachineCall *call = m_f.client->machine(m_f.eligibleTargets(1).value(0).machineId);
        QSignalSpy done(call, &ApiCall::finished);
        QVERIFY(done.wait(20000));
        QCOMPARE(call->error().kind, Kind::Timeout);
        QVERIFY2(call->error().displayText().contains(u"after 4 attempts"_s),
            qPrintable(call->error().displayText()));
        QCOMPARE(call->attempts(), 4);
        // The simulator logs a request when it answers, after its latency.
        QTRY_COMPARE_WITH_TIMEOUT(m_f.requests(u"machine"_s), 4, 10000);
    }

    void latencyBeyondTimeOutOnOffboard()
    {
        m_f.client->setTransferTimeout(300);
        addFault(u"offboard"_s, "latencyMs", 1500); // the service acts, we stop waiting
        const QList<OffboardTarget> targets = m_f.eligibleTargets(2);
        auto batch = m_f.offboard(targets);
        QVERIFY(batch);
        // The simulator logs a request when it answers, after its latency.
        QTRY_COMPARE_WITH_TIMEOUT(m_f.requests(u"offboard"_s), 2, 10000);
        QVERIFY(auditCompleteAndNoDuplicate(m_f, *batch));
        for (const auto &r : batch->results()) {
            // Looked up instead of resent: adopted when the service took it meanwhile.
            QVERIFY(r.state == State::Done || r.state == State::OutcomeUnknown);
            QCOMPARE(m_f.offboardPosts().value(r.target.machineId.toLower()), 1);
        }
    }

    void resetBeforeAnswerOnReads()
    {
        addFault(u"machines"_s, "resetBefore", 3); // Qt hides one itself; ours absorb the rest
        MachineListCall *call = m_f.client->listMachines();
        QSignalSpy done(call, &ApiCall::finished);
        QVERIFY(done.wait(20000));
        QVERIFY2(call->isOk(), qPrintable(call->error().displayText()));
        QCOMPARE(call->receivedCount(), m_f.sim->deviceCount());
    }

    void resetBeforeAnswerOnOffboard()
    {
        addFault(u"offboard"_s, "resetBefore", 2);
        const QList<OffboardTarget> targets = m_f.eligibleTargets(3);
        auto batch = m_f.offboard(targets);
        QVERIFY(batch);
        QVERIFY(auditCompleteAndNoDuplicate(m_f, *batch));
        // The reset requests were never acted on: not resent, left OutcomeUnknown to reconcile.
        QCOMPARE(batch->countIn(State::OutcomeUnknown) + batch->countIn(State::Done), 3);
        QVERIFY(batch->countIn(State::OutcomeUnknown) >= 1);
        for (const auto &r : batch->results()) {
            if (r.state == State::OutcomeUnknown) {
                QCOMPARE(m_f.sim->offboardRequestCount(r.target.machineId), 0);
                QVERIFY(!r.error.message.isEmpty());
            }
        }
    }

    void resetAfterAcceptedOffboard()
    {
        addFault(u"offboard"_s, "resetAfterOffboard", 2);
        const QList<OffboardTarget> targets = m_f.eligibleTargets(3);
        auto batch = m_f.offboard(targets);
        QVERIFY(batch);
        QVERIFY(auditCompleteAndNoDuplicate(m_f, *batch));
        // Accepted, then the connection dropped: the action is found and adopted.
        QCOMPARE(batch->countIn(State::Done), 3);
        for (const auto &r : batch->results()) {
            QCOMPARE(m_f.sim->offboardRequestCount(r.target.machineId), 1);
            QVERIFY(!r.action.id.isEmpty());
            QCOMPARE(m_f.audit->record(r.auditId).actionId, r.action.id);
        }
    }

    void oneOffboardTakesOneSlot()
    {
        const QList<OffboardTarget> targets = m_f.eligibleTargets(2);
        auto batch = m_f.offboard(targets);
        QVERIFY(batch);
        QCOMPARE(batch->countIn(State::Done), 2);
        // BulkOffboard's own acquire and the client's funnel share the slot.
        QCOMPARE(m_f.budget->usedInWindow(RateEndpoint::Offboard, 60000), 2);
        QCOMPARE(m_f.requests(u"offboard"_s), 2);
    }
};

QTEST_GUILESS_MAIN(TestFaultNetwork)
#include "tst_faultnetwork.moc"
