// SPDX-License-Identifier: MIT
// Kill-safety of a bulk offboard, end to end with real processes: the mde-sim executable, and
// bulkkill_helper running a slow BulkOffboard against it until this test SIGKILLs it after a
// few POSTs. Then, as the app does at its next start, the same audit log is reconciled with
// the service: every device the service took is in the log with its action, none was sent
// twice, and every other device is reported NotSent.
#include "accesstokenprovider.h"
#include "auditlog.h"
#include "auditreconciler.h"
#include "bulkoffboard.h"
#include "defenderclient.h"
#include "killtest.h"
#include "ratebudget.h"
#include "simclientfixture.h"

#include <QFile>
#include <QJsonArray>
#include <QNetworkProxy>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

class TestBulkKill final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void killedBatchIsTracedAndReconciled();

private:
    QHash<QString, QStringList> actionsOfThisTest(); // machine id -> action ids
    QList<OffboardTarget> eligibleTargets(int count);
    template<typename Call> Call *wait(Call *call);

    QTemporaryDir m_dir;
    SimProcess m_sim;
    QNetworkAccessManager m_network;
    std::unique_ptr<StaticTokenProvider> m_tokens;
    std::unique_ptr<DefenderClient> m_client;
    std::unique_ptr<RateBudget> m_budget;
};

void TestBulkKill::initTestCase()
{
    if (qEnvironmentVariableIsEmpty("MDE_SIM_BIN"))
        QSKIP("MDE_SIM_BIN is not set");
    m_network.setProxy(QNetworkProxy::NoProxy);
    QVERIFY(m_sim.start({u"--devices"_s, u"200"_s, u"--rate-per-minute"_s,
        // Twice the clients' budget: the budget sets the pace, the service never says 429.
        QString::number(2 * KillTest::PerMinute), u"--minute-window-ms"_s,
        QString::number(KillTest::MinuteWindowMs),
        // Answers come late, so the kill catches POSTs the service took but whose answer never
        // arrived: those must be found by the reconciliation.
        u"--fault"_s, u"{\"endpoint\":\"offboard\",\"latencyMs\":900}"_s}));
    const QString token = KillTest::fetchAppToken(m_network, m_sim.url());
    QVERIFY(!token.isEmpty());
    m_tokens = std::make_unique<StaticTokenProvider>(token);
    m_client = std::make_unique<DefenderClient>(&m_network, m_tokens.get());
    QVERIFY(m_client->setApiBase(m_sim.url()));
    RateBudget::Limits limits;
    limits.perMinute = KillTest::PerMinute;
    limits.minuteWindowMs = KillTest::MinuteWindowMs;
    m_budget = std::make_unique<RateBudget>(limits);
}

void TestBulkKill::cleanupTestCase()
{
    m_client.reset();
    m_sim.stop();
}

template<typename Call> Call *TestBulkKill::wait(Call *call)
{
    QSignalSpy done(call, &ApiCall::finished);
    if (!done.wait(20000))
        qWarning("no answer");
    return call;
}

QHash<QString, QStringList> TestBulkKill::actionsOfThisTest()
{
    QHash<QString, QStringList> out;
    ActionListCall *call = nullptr;
    m_budget->acquire(RateEndpoint::Actions, RateBudget::Priority::Refresh, this, [&] {
        call = m_client->machineActions({u"type eq 'Offboard'"_s, 10000, {}});
    });
    if (!QTest::qWaitFor([&call] { return call != nullptr; }, 20000)) // the budget may hold it
        return out;
    std::unique_ptr<ActionListCall> list(wait(call));
    if (!list->isOk())
        qWarning("actions: %s", qPrintable(list->error().displayText()));
    for (const MachineAction &action : list->actions()) {
        if (action.requestorComment == KillTest::Comment)
            out[action.machineId].append(action.id);
    }
    return out;
}

QList<OffboardTarget> TestBulkKill::eligibleTargets(int count)
{
    QList<OffboardTarget> out;
    QSet<QString> pending;
    ActionListCall *actions = nullptr;
    m_budget->acquire(RateEndpoint::Actions, RateBudget::Priority::Refresh, this, [&] {
        actions = m_client->machineActions({u"type eq 'Offboard'"_s, 10000, {}});
    });
    if (!actions)
        return out;
    std::unique_ptr<ActionListCall> a(wait(actions));
    for (const MachineAction &action : a->actions()) {
        if (!isFinal(action.status))
            pending.insert(action.machineId.toLower());
    }
    MachineListCall *machines = nullptr;
    m_budget->acquire(RateEndpoint::Machines, RateBudget::Priority::Refresh, this,
        [&] { machines = m_client->listMachines(); });
    if (!machines)
        return out;
    QList<Machine> all;
    connect(machines, &MachineListCall::pageReceived, this,
        [&all](const QList<Machine> &page) { all += page; });
    std::unique_ptr<MachineListCall> m(wait(machines));
    for (const Machine &machine : std::as_const(all)) {
        const QString platform = machine.osPlatform;
        if ((platform == u"Windows11"_s || platform == u"WindowsServer2022"_s)
            && machine.healthStatus == u"Active"_s && !pending.contains(machine.id.toLower())
            && out.size() < count)
            out.append({machine.id, machine.computerDnsName});
    }
    return out;
}

void TestBulkKill::killedBatchIsTracedAndReconciled()
{
    const QList<OffboardTarget> targets = eligibleTargets(20);
    QCOMPARE(targets.size(), 20);
    QFile list(m_dir.filePath(u"targets.txt"_s));
    QVERIFY(list.open(QIODevice::WriteOnly));
    for (const OffboardTarget &t : targets)
        list.write((t.machineId + u'\t' + t.computerDnsName + u'\n').toUtf8());
    list.close();
    const QString auditPath = m_dir.filePath(u"audit.sqlite"_s);

    QProcess helper;
    helper.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    helper.start(
        QStringLiteral(BULKKILL_HELPER_BIN), {m_sim.url().toString(), auditPath, list.fileName()});
    QVERIFY(helper.waitForStarted(10000));
    QVERIFY(helper.waitForReadyRead(20000));
    QVERIFY(helper.readLine().startsWith("started "));
    const auto posts = [this] {
        int n = 0;
        const QJsonArray log = m_sim.requests();
        for (const auto &entry : log)
            n += entry.toObject().value(u"endpoint"_s).toString() == u"offboard"_s ? 1 : 0;
        return n;
    };
    QTRY_VERIFY_WITH_TIMEOUT(posts() >= 2, 30000); // two answered, more on their way
    helper.kill(); // SIGKILL: no clean-up of any kind
    QVERIFY(helper.waitForFinished(10000));
    QCOMPARE(helper.exitStatus(), QProcess::CrashExit);

    // The next start: the same log, reconciled with the service.
    AuditLog audit;
    QVERIFY2(audit.open(auditPath), qPrintable(audit.errorString()));
    QVERIFY(audit.records().size() >= targets.size()); // every device traced, sent or not
    AuditReconciler reconciler(m_client.get(), m_budget.get(), &audit);
    AuditReconciler::Options options;
    options.minAgeMs = 0;
    reconciler.setOptions(options);
    QSignalSpy finished(&reconciler, &AuditReconciler::finished);
    QVERIFY(reconciler.start());
    QVERIFY(finished.wait(30000));
    QVERIFY(audit.unresolvedRecords().isEmpty());

    // The service is the judge of what was sent.
    const QHash<QString, QStringList> taken = actionsOfThisTest();
    QVERIFY(taken.size() >= 2);
    QVERIFY(taken.size() < targets.size()); // the batch was cut short
    int notSent = 0;
    const QList<AuditRecord> records = audit.records();
    for (const OffboardTarget &t : targets) {
        // Its last record (a 429 would have added one for the next try).
        const auto it = std::find_if(records.crbegin(), records.crend(),
            [&t](const AuditRecord &r) { return r.machineId == t.machineId; });
        QVERIFY(it != records.crend());
        const QStringList actions = taken.value(t.machineId);
        QVERIFY(actions.size() <= 1); // never sent twice
        if (actions.size() == 1) {
            QVERIFY2(it->state == AuditRecord::State::Succeeded
                    || it->state == AuditRecord::State::Reconciled,
                qPrintable(auditStateToString(it->state)));
            QCOMPARE(it->actionId, actions.first());
        } else {
            // Never reached the service: NotSent, or a Sent one the service has no trace of.
            QVERIFY2(it->state == AuditRecord::State::NotSent
                    || (it->state == AuditRecord::State::Reconciled && it->actionId.isEmpty()),
                qPrintable(auditStateToString(it->state)));
            ++notSent;
        }
    }
    qInfo("%d taken by the service, %d of them reconciled at start, %d not sent", int(taken.size()),
        reconciler.reconciledCount(), notSent);
    QVERIFY(notSent > 0);
    QCOMPARE(reconciler.notSentCount(), notSent);
    QVERIFY(reconciler.summaryText().contains(QString::number(notSent)));
    // The request log agrees: one POST per device at most, none after the kill.
    QTRY_COMPARE_WITH_TIMEOUT(posts(), int(taken.size()), 10000);
}

QTEST_GUILESS_MAIN(TestBulkKill)
#include "tst_bulkkill.moc"
