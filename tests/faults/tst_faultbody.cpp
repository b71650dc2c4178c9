// SPDX-License-Identifier: MIT
// Fault suite, body family: a truncated body and malformed JSON. A cut read is tried again; a
// broken 200 on a read is a clear error; a broken 200 on an offboard means "probably accepted":
// the action is looked up and adopted, never sent again.
#include "faultfixture.h"

using namespace Qt::StringLiterals;
using State = BulkOffboard::DeviceState;
using Kind = ApiError::Kind;

class TestFaultBody : public QObject
{
    Q_OBJECT
    FaultFixture m_f;

    void addFault(const QString &endpoint, const QString &field, int value)
    {
        m_f.sim->addFault(FaultSpec::fromJson({{u"endpoint"_s, endpoint}, {field, value}}));
    }

private Q_SLOTS:
    void init() { QVERIFY(m_f.setUp()); }
    void cleanup() { m_f.reset(); }

    void truncatedReadRecovers()
    {
        addFault(u"machines"_s, u"truncate"_s, 1);
        MachineListCall *call = m_f.client->listMachines();
        QSignalSpy done(call, &ApiCall::finished);
        QVERIFY(done.wait(20000));
        QVERIFY2(call->isOk(), qPrintable(call->error().displayText()));
        QCOMPARE(call->receivedCount(), m_f.sim->deviceCount());
        QCOMPARE(call->attempts(), 2);
    }

    void malformedReadIsClear()
    {
        addFault(u"actions"_s, u"malformed"_s, 1);
        ActionListCall *call = m_f.client->machineActions();
        QSignalSpy done(call, &ApiCall::finished);
        QVERIFY(done.wait(20000));
        QCOMPARE(call->error().kind, Kind::Parse);
        QVERIFY(call->error().displayText().contains(u"could not be read"_s));
        QCOMPARE(m_f.requests(u"actions"_s), 1); // a broken 200 is not transient
        // The client stays usable.
        ActionListCall *again = m_f.client->machineActions();
        QSignalSpy done2(again, &ApiCall::finished);
        QVERIFY(done2.wait(20000));
        QVERIFY(again->isOk());
    }

    void bodyFaultsOnOffboard_data()
    {
        QTest::addColumn<QString>("fault");
        QTest::newRow("truncated") << u"truncate"_s;
        QTest::newRow("malformed") << u"malformed"_s;
    }
    void bodyFaultsOnOffboard()
    {
        QFETCH(QString, fault);
        addFault(u"offboard"_s, fault, 2);
        const QList<OffboardTarget> targets = m_f.eligibleTargets(3);
        auto batch = m_f.offboard(targets);
        QVERIFY(batch);
        QVERIFY(auditCompleteAndNoDuplicate(m_f, *batch));
        // The service acted before the body was damaged: every device ends with its action.
        QCOMPARE(batch->countIn(State::Done), 3);
        QCOMPARE(m_f.requests(u"offboard"_s), 3);
        for (const auto &r : batch->results()) {
            QCOMPARE(m_f.sim->offboardRequestCount(r.target.machineId), 1);
            QCOMPARE(m_f.audit->record(r.auditId).actionId, r.action.id);
        }
    }
};

QTEST_GUILESS_MAIN(TestFaultBody)
#include "tst_faultbody.moc"
