// SPDX-License-Identifier: MIT
#include "bulkfixture.h"

using namespace Qt::StringLiterals;
using namespace BulkTest;

// Qt 6.4's QNetworkAccessManager would send a POST again by itself when the connection closes
// before any answer; the client prevents that (its POST bodies cannot be reset). These tests
// check the "never resent" rule end to end, Qt included.

class TestBulkOffboardFaults final : public BulkTestBase
{
    Q_OBJECT
private Q_SLOTS:
    void init() { initAudit(); }
    void cleanup() { cleanupAll(); }
    void adoptsActionAfterResetNeverResends();
    void resetBeforeAnswerBecomesOutcomeUnknown();
    void stalledPostBecomesOutcomeUnknown();
    void tooManyRequestsWaitsAndSendsAgain();
};

void TestBulkOffboardFaults::adoptsActionAfterResetNeverResends()
{
    QVERIFY(setUp(100, 60000));
    FaultSpec fault;
    fault.endpoint = u"offboard"_s;
    fault.resetAfterOffboard = 1;
    m_f.sim->addFault(fault);
    const QList<OffboardTarget> targets = m_f.eligibleTargets(2);
    auto batch = makeBatch();
    QVERIFY(run(*batch, targets));
    QCOMPARE(m_f.requests(u"offboard"_s), 2); // the reset one was not sent again
    int adopted = 0;
    for (int i = 0; i < 2; ++i) {
        const auto &r = batch->result(i);
        QCOMPARE(r.state, BulkOffboard::DeviceState::Done);
        QVERIFY(!r.action.id.isEmpty());
        QCOMPARE(r.action.machineId.toLower(), r.target.machineId.toLower());
        QCOMPARE(m_f.sim->offboardRequestCount(r.target.machineId), 1);
        QCOMPARE(m_audit->record(r.auditId).state, AuditRecord::State::Succeeded);
        QCOMPARE(m_audit->record(r.auditId).actionId, r.action.id);
        adopted += r.error.isError() ? 0 : 1;
    }
    QCOMPARE(adopted, 2);
    QVERIFY(m_f.requests(u"actions"_s) >= 1); // it was looked up instead
    QVERIFY(m_audit->unresolvedRecords().isEmpty());
}

void TestBulkOffboardFaults::resetBeforeAnswerBecomesOutcomeUnknown()
{
    QVERIFY(setUp(100, 60000));
    FaultSpec fault;
    fault.endpoint = u"offboard"_s;
    fault.resetBefore = 1; // the request reached the server, which never acted on it
    m_f.sim->addFault(fault);
    const OffboardTarget target = m_f.eligibleTargets(1).value(0);
    auto batch = makeBatch();
    QVERIFY(run(*batch, {target}));
    QCOMPARE(m_f.requests(u"offboard"_s), 1); // never resent
    const auto &r = batch->result(0);
    QCOMPARE(r.state, BulkOffboard::DeviceState::OutcomeUnknown);
    QVERIFY(r.error.isError());
    QCOMPARE(m_f.requests(u"actions"_s), 2); // unknownChecks look-ups
    QCOMPARE(m_f.sim->offboardRequestCount(target.machineId), 0);
    QCOMPARE(m_audit->record(r.auditId).state, AuditRecord::State::OutcomeUnknown);
    QCOMPARE(m_audit->unresolvedRecords().size(), 1);
    QCOMPARE(batch->countIn(BulkOffboard::DeviceState::OutcomeUnknown), 1);
}

void TestBulkOffboardFaults::stalledPostBecomesOutcomeUnknown()
{
    QVERIFY(setUp(100, 60000));
    m_f.client->setTransferTimeout(300);
    FaultSpec fault;
    fault.endpoint = u"offboard"_s;
    fault.stall = 1; // no answer at all: our time-out fires
    m_f.sim->addFault(fault);
    const OffboardTarget target = m_f.eligibleTargets(1).value(0);
    auto batch = makeBatch();
    QVERIFY(run(*batch, {target}));
    const auto &r = batch->result(0);
    QCOMPARE(r.state, BulkOffboard::DeviceState::OutcomeUnknown);
    QVERIFY(r.isFinal);
    QCOMPARE(m_f.requests(u"offboard"_s), 1); // never resent
    QCOMPARE(m_f.requests(u"actions"_s), 2); // looked up unknownChecks times instead
    QCOMPARE(m_audit->record(r.auditId).state, AuditRecord::State::OutcomeUnknown);
    QCOMPARE(m_audit->unresolvedRecords().size(), 1);
}

void TestBulkOffboardFaults::tooManyRequestsWaitsAndSendsAgain()
{
    QVERIFY(setUp(100, 60000));
    FaultSpec fault;
    fault.endpoint = u"offboard"_s;
    fault.tooManyBurst = 1;
    fault.retryAfterSeconds = 1;
    m_f.sim->addFault(fault);
    const OffboardTarget target = m_f.eligibleTargets(1).value(0);
    auto batch = makeBatch();
    QSignalSpy paused(m_f.budget.get(), &RateBudget::paused);
    QVERIFY(run(*batch, {target}));
    QCOMPARE(paused.size(), 1);
    QCOMPARE(paused.first().at(1).toLongLong(), 1000);
    QCOMPARE(batch->result(0).state, BulkOffboard::DeviceState::Done);
    QCOMPARE(m_f.requests(u"offboard"_s, 429), 1);
    QCOMPARE(m_f.sim->offboardRequestCount(target.machineId), 1);
    const QList<AuditRecord> records = m_audit->records();
    QCOMPARE(records.size(), 2); // one per POST: refused with 429, then accepted
    QCOMPARE(records.at(0).httpStatus, 429);
    QCOMPARE(records.at(1).state, AuditRecord::State::Succeeded);
}
QTEST_GUILESS_MAIN(TestBulkOffboardFaults)
#include "tst_bulkoffboardfaults.moc"
