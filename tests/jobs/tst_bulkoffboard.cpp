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
    for (int i = 2; i < 5; ++i) {
        QCOMPARE(batch->result(i).auditId, -1);
        QCOMPARE(m_f.sim->offboardRequestCount(targets.at(i).machineId), 0);
    }
    QCOMPARE(m_f.requests(u"offboard"_s), 2);
    QCOMPARE(m_f.budget->waitingCount(), 0);
    QCOMPARE(m_audit->records().size(), 2);
}
QTEST_GUILESS_MAIN(TestBulkOffboard)
#include "tst_bulkoffboard.moc"
