// SPDX-License-Identifier: MIT
// Fault suite, authorisation family: an expired token and a missing permission. Both are clear
// errors (the 403 names the permission) and nothing is offboarded.
#include "faultfixture.h"

using namespace Qt::StringLiterals;
using State = BulkOffboard::DeviceState;

class TestFaultAuth : public QObject
{
    Q_OBJECT
    FaultFixture m_f;

private Q_SLOTS:
    void cleanup() { m_f.reset(); }

    void expiredToken()
    {
        QVERIFY(m_f.setUp());
        const QList<OffboardTarget> targets = m_f.eligibleTargets(2);
        // The only token there is has expired (one refresh hands out the same one).
        m_f.tokens = std::make_unique<StaticTokenProvider>(
            m_f.sim->issueAppToken(FaultFixture::allRoles(), 1));
        m_f.client = std::make_unique<DefenderClient>(m_f.network.get(), m_f.tokens.get());
        m_f.client->setRateBudget(m_f.budget.get());
        QVERIFY(m_f.client->setApiBase(m_f.sim->baseUrl()));
        m_f.sim->advanceClock(5000);

        MachineListCall *list = m_f.client->listMachines();
        QSignalSpy done(list, &ApiCall::finished);
        QVERIFY(done.wait(20000));
        QCOMPARE(list->error().httpStatus, 401);
        QVERIFY(!list->error().displayText().isEmpty());

        auto batch = m_f.offboard(targets);
        QVERIFY(batch);
        QVERIFY(auditCompleteAndNoDuplicate(m_f, *batch));
        QCOMPARE(batch->countIn(State::Failed), 2);
        for (const auto &r : batch->results()) {
            QCOMPARE(r.error.httpStatus, 401);
            QCOMPARE(m_f.sim->offboardRequestCount(r.target.machineId), 0);
            QCOMPARE(m_f.audit->record(r.auditId).state, AuditRecord::State::Failed);
        }
    }

    void missingPermission()
    {
        QVERIFY(m_f.setUp({}, {u"Machine.Read.All"_s}));
        const QList<OffboardTarget> targets = m_f.eligibleTargets(2);
        auto batch = m_f.offboard(targets);
        QVERIFY(batch);
        QVERIFY(auditCompleteAndNoDuplicate(m_f, *batch));
        QCOMPARE(batch->countIn(State::Failed), 2);
        QCOMPARE(m_f.requests(u"offboard"_s), 2); // a 403 is definite: not tried again
        for (const auto &r : batch->results()) {
            QCOMPARE(r.error.httpStatus, 403);
            QCOMPARE(r.error.permission, u"Machine.Offboard"_s);
            QVERIFY2(r.error.displayText().contains(u"Machine.Offboard"_s),
                qPrintable(r.error.displayText()));
            QVERIFY(!r.error.target.isEmpty());
            QVERIFY(r.error.displayText().contains(r.error.target));
            QCOMPARE(m_f.audit->record(r.auditId).errorTarget, r.error.target);
        }
        // Reading still works with the permissions the app has.
        MachineListCall *list = m_f.client->listMachines();
        QSignalSpy done(list, &ApiCall::finished);
        QVERIFY(done.wait(20000));
        QVERIFY(list->isOk());
    }
};

QTEST_GUILESS_MAIN(TestFaultAuth)
#include "tst_faultauth.moc"
