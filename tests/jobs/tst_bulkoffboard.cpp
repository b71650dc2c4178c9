// SPDX-License-Identifier: MIT
#include "bulkfixture.h"

using namespace Qt::StringLiterals;
using namespace BulkTest;

class TestBulkOffboard final : public BulkTestBase
{
    Q_OBJECT
private Q_SLOTS:
    void init() { initAudit(); }
    void cleanup() { cleanupAll(); }
    void keepsTheQuota();
    void refusesBadCommentWholly();
    void dropsDuplicates();
    void alreadyPendingIsLinked();
    void cancelLeavesNotSent();
    void plansTheWholeBatchFirst();
};

void TestBulkOffboard::keepsTheQuota()
{
    QVERIFY(setUp(4, 400));
    const QList<OffboardTarget> targets = m_f.eligibleTargets(11);
    QCOMPARE(targets.size(), 11);
    auto batch = makeBatch();
    QSignalSpy progress(batch.get(), &BulkOffboard::progressChanged);
    QSignalSpy devices(batch.get(), &BulkOffboard::deviceFinished);
    QSignalSpy finished(batch.get(), &BulkOffboard::finished);
    QVERIFY(batch->start(targets, Comment, Requestor));
    QVERIFY(batch->estimatedTimeLeftMs() > 0); // 7 of 11 wait for the window
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.size(), 1);
    QCOMPARE(devices.size(), 11);
    QCOMPARE(progress.last(), (QList<QVariant> {11, 0, 0}));
    QCOMPARE(batch->estimatedTimeLeftMs(), 0);

    // The simulator enforces the same window: not one 429, every device offboarded once.
    QCOMPARE(m_f.requests(u"offboard"_s), 11);
    QCOMPARE(m_f.requests(u"offboard"_s, 429), 0);
    for (int i = 0; i < batch->count(); ++i) {
        const auto &r = batch->result(i);
        QCOMPARE(r.state, BulkOffboard::DeviceState::Done);
        QVERIFY(!r.action.id.isEmpty());
        QCOMPARE(m_f.sim->offboardRequestCount(r.target.machineId), 1);
        const AuditRecord record = m_audit->record(r.auditId);
        QCOMPARE(record.state, AuditRecord::State::Succeeded);
        QCOMPARE(record.actionId, r.action.id);
        QCOMPARE(record.machineName, r.target.computerDnsName);
        QCOMPARE(record.comment, Comment);
    }
}

void TestBulkOffboard::refusesBadCommentWholly()
{
    QVERIFY(setUp(100, 60000));
    auto batch = makeBatch();
    QString error;
    QVERIFY(!batch->start(m_f.eligibleTargets(3), u"   "_s, Requestor, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!batch->start(m_f.eligibleTargets(3), u"bad\u0007bell"_s, Requestor, &error));
    QVERIFY(!batch->isRunning());
    QCOMPARE(batch->count(), 0);
    QVERIFY(m_f.sim->requestLog().isEmpty());
    QVERIFY(m_audit->records().isEmpty());
}

void TestBulkOffboard::dropsDuplicates()
{
    QVERIFY(setUp(100, 60000));
    const OffboardTarget target = m_f.eligibleTargets(1).value(0);
    OffboardTarget shouting = target;
    shouting.machineId = target.machineId.toUpper();
    auto batch = makeBatch();
    QVERIFY(run(*batch, {target, shouting, target}));
    QCOMPARE(batch->count(), 1);
    QCOMPARE(batch->duplicatesDropped(), 2);
    QCOMPARE(batch->result(0).state, BulkOffboard::DeviceState::Done);
    QCOMPARE(m_f.requests(u"offboard"_s), 1);
}

void TestBulkOffboard::alreadyPendingIsLinked()
{
    QVERIFY(setUp(100, 60000));
    const QList<OffboardTarget> targets = m_f.eligibleTargets(2);
    auto first = makeBatch();
    QVERIFY(run(*first, {targets.at(0)}));
    const QString pendingId = first->result(0).action.id;
    QVERIFY(!pendingId.isEmpty());

    auto second = makeBatch();
    QVERIFY(run(*second, targets));
    const auto &r = second->result(0);
    QCOMPARE(r.state, BulkOffboard::DeviceState::AlreadyPending);
    QCOMPARE(r.action.id, pendingId);
    QCOMPARE(r.error.code, u"ActiveRequestAlreadyExists"_s);
    QCOMPARE(second->result(1).state, BulkOffboard::DeviceState::Done);
    QCOMPARE(m_f.sim->offboardRequestCount(targets.at(0).machineId), 1);
    QCOMPARE(m_audit->record(r.auditId).errorCode, u"ActiveRequestAlreadyExists"_s);
}

void TestBulkOffboard::cancelLeavesNotSent()
{
    QVERIFY(setUp(2, 60000));
    const QList<OffboardTarget> targets = m_f.eligibleTargets(5);
    auto batch = makeBatch();
    QSignalSpy finished(batch.get(), &BulkOffboard::finished);
    QVERIFY(batch->start(targets, Comment, Requestor));
    QCOMPARE(batch->countIn(BulkOffboard::DeviceState::Sending), 2);
    QCOMPARE(batch->countIn(BulkOffboard::DeviceState::Queued), 3);
    QVERIFY(batch->estimatedTimeLeftMs() > 50000); // a minute window to wait
    batch->cancel();
    QVERIFY(finished.wait(10000)); // the two in flight were awaited, not aborted
    QCOMPARE(batch->countIn(BulkOffboard::DeviceState::Done), 2);
    QCOMPARE(batch->countIn(BulkOffboard::DeviceState::NotSent), 3);
    // The whole batch was planned first; what was never sent is recorded as NotSent.
    for (int i = 2; i < 5; ++i) {
        QCOMPARE(m_audit->record(batch->result(i).auditId).state, AuditRecord::State::NotSent);
        QCOMPARE(m_f.sim->offboardRequestCount(targets.at(i).machineId), 0);
    }
    QCOMPARE(m_f.requests(u"offboard"_s), 2);
    QCOMPARE(m_f.budget->waitingCount(), 0);
    const QList<AuditRecord> records = m_audit->records();
    QCOMPARE(records.size(), 5);
    for (const AuditRecord &record : records)
        QCOMPARE(record.batchId, batch->batchId());
    QVERIFY(m_audit->unresolvedRecords().isEmpty());
}
void TestBulkOffboard::plansTheWholeBatchFirst()
{
    QVERIFY(setUp(2, 1000));
    const QList<OffboardTarget> targets = m_f.eligibleTargets(8);
    QCOMPARE(targets.size(), 8);
    auto batch = makeBatch();
    QSignalSpy finished(batch.get(), &BulkOffboard::finished);
    QVERIFY(batch->start(targets.mid(0, 5), Comment, Requestor));
    // Before any answer: five records of one batch, two sent, three still queued.
    QList<AuditRecord> records = m_audit->records();
    QCOMPARE(records.size(), 5);
    QCOMPARE(records.at(0).state, AuditRecord::State::Sent);
    QVERIFY(records.at(0).intentMs > 0);
    for (int i = 2; i < 5; ++i) {
        QCOMPARE(records.at(i).state, AuditRecord::State::Queued);
        QCOMPARE(records.at(i).machineId, targets.at(i).machineId);
        QCOMPARE(records.at(i).batchId, batch->batchId());
        QCOMPARE(records.at(i).intentMs, 0);
    }
    QVERIFY(AuditLog::isBatchRunning(batch->batchId()));
    // Another run reported one of them NotSent: this batch must not send it then.
    QVERIFY(m_audit->markQueuedNotSent(batch->result(2).auditId));
    QVERIFY(finished.wait(20000));
    QVERIFY(!AuditLog::isBatchRunning(batch->batchId()));
    QCOMPARE(batch->result(2).state, BulkOffboard::DeviceState::NotSent);
    QCOMPARE(batch->countIn(BulkOffboard::DeviceState::Done), 4);
    QCOMPARE(m_f.sim->offboardRequestCount(targets.at(2).machineId), 0);

    // Dropping a running batch (the window closed) leaves its queued devices NotSent.
    auto second = makeBatch();
    QVERIFY(second->start(targets.mid(5), Comment, Requestor));
    const qint64 queued = second->result(2).auditId;
    QCOMPARE(m_audit->record(queued).state, AuditRecord::State::Queued);
    const int inFlight = second->countIn(BulkOffboard::DeviceState::Sending);
    second.reset();
    QCOMPARE(m_audit->record(queued).state, AuditRecord::State::NotSent);
    QTRY_COMPARE_WITH_TIMEOUT(m_f.requests(u"offboard"_s), 4 + inFlight, 10000); // not aborted
    QCOMPARE(m_f.sim->offboardRequestCount(targets.at(7).machineId), 0);
}

QTEST_GUILESS_MAIN(TestBulkOffboard)
#include "tst_bulkoffboard.moc"
