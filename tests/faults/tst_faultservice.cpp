// SPDX-License-Identifier: MIT
// Fault suite, service family: 5xx, a 429 burst, an HTML error page. Reads recover through
// retries (a 429 through the rate budget's pause); an offboard is never sent twice, and a 429
// one is queued again by BulkOffboard (the service did not act on it).
#include "faultfixture.h"

using namespace Qt::StringLiterals;
using State = BulkOffboard::DeviceState;
using Kind = ApiError::Kind;

class TestFaultService : public QObject
{
    Q_OBJECT
    FaultFixture m_f;

    void addFault(const QJsonObject &spec) { m_f.sim->addFault(FaultSpec::fromJson(spec)); }

private Q_SLOTS:
    void init() { QVERIFY(m_f.setUp()); }
    void cleanup() { m_f.reset(); }

    void serverErrorOnReadsGivesUpClearly()
    {
        addFault({{u"endpoint"_s, u"actions"_s}, {u"errorRatio"_s, 1.0}, {u"errorStatus"_s, 503}});
        ActionListCall *call = m_f.client->machineActions();
        QSignalSpy done(call, &ApiCall::finished);
        QVERIFY(done.wait(20000));
        QCOMPARE(call->error().httpStatus, 503);
        QVERIFY(call->error().displayText().contains(u"after 4 attempts"_s));
        QCOMPARE(m_f.requests(u"actions"_s), 4);
    }

    void serverErrorOnOffboard()
    {
        addFault({{u"endpoint"_s, u"offboard"_s}, {u"errorRatio"_s, 1.0}, {u"errorStatus"_s, 500}});
        const QList<OffboardTarget> targets = m_f.eligibleTargets(2);
        auto batch = m_f.offboard(targets);
        QVERIFY(batch);
        QVERIFY(auditCompleteAndNoDuplicate(m_f, *batch));
        QCOMPARE(m_f.requests(u"offboard"_s), 2); // a 5xx POST is looked up, never resent
        for (const auto &r : batch->results()) {
            QCOMPARE(r.state, State::OutcomeUnknown);
            QCOMPARE(r.error.httpStatus, 500);
        }
    }

    void tooManyBurstOnReadsRecovers()
    {
        addFault(
            {{u"endpoint"_s, u"machines"_s}, {u"tooManyBurst"_s, 2}, {u"retryAfterSeconds"_s, 1}});
        QSignalSpy paused(m_f.budget.get(), &RateBudget::paused);
        MachineListCall *call = m_f.client->listMachines();
        QSignalSpy done(call, &ApiCall::finished);
        QVERIFY(done.wait(20000));
        QVERIFY2(call->isOk(), qPrintable(call->error().displayText()));
        QCOMPARE(call->receivedCount(), m_f.sim->deviceCount());
        QCOMPARE(paused.size(), 2);
        QCOMPARE(m_f.requests(u"machines"_s, 429), 2);
    }

    void tooManyBurstOnOffboard()
    {
        addFault(
            {{u"endpoint"_s, u"offboard"_s}, {u"tooManyBurst"_s, 2}, {u"retryAfterSeconds"_s, 1}});
        const QList<OffboardTarget> targets = m_f.eligibleTargets(3);
        auto batch = m_f.offboard(targets);
        QVERIFY(batch);
        QVERIFY(auditCompleteAndNoDuplicate(m_f, *batch));
        QCOMPARE(batch->countIn(State::Done), 3);
        QCOMPARE(m_f.requests(u"offboard"_s, 429), 2);
        for (const auto &r : batch->results())
            QCOMPARE(m_f.sim->offboardRequestCount(r.target.machineId), 1);
    }

    void htmlErrorPageOnReadsRecovers()
    {
        addFault({{u"endpoint"_s, u"machines"_s}, {u"htmlError"_s, 1}});
        MachineListCall *call = m_f.client->listMachines();
        QSignalSpy done(call, &ApiCall::finished);
        QVERIFY(done.wait(20000));
        QVERIFY2(call->isOk(), qPrintable(call->error().displayText()));
        QCOMPARE(m_f.requests(u"machines"_s, 502), 1);
    }

    void htmlErrorPageOnOffboard()
    {
        addFault({{u"endpoint"_s, u"offboard"_s}, {u"htmlError"_s, 1}});
        const OffboardTarget target = m_f.eligibleTargets(1).value(0);
        auto batch = m_f.offboard({target});
        QVERIFY(batch);
        QVERIFY(auditCompleteAndNoDuplicate(m_f, *batch));
        const auto &r = batch->result(0);
        QCOMPARE(r.error.httpStatus, 502);
        QVERIFY2(r.error.message.contains(u"proxy"_s), qPrintable(r.error.message));
        QVERIFY(!r.error.message.contains(u'<'));
        QCOMPARE(m_f.requests(u"offboard"_s), 1);
        QCOMPARE(m_f.audit->record(r.auditId).httpStatus, 502);
    }
};

QTEST_GUILESS_MAIN(TestFaultService)
#include "tst_faultservice.moc"
