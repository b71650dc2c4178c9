// SPDX-License-Identifier: MIT
// DefenderClient against the simulator's injected faults: what each one turns into.
#include "clienttestutil.h"

#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using Kind = ApiError::Kind;

class TestDefenderClientFaults : public QObject
{
    Q_OBJECT
    SimClient m_fixture;
    Simulator *m_sim = nullptr;
    DefenderClient *m_client = nullptr;

    QString windows11Id() const
    {
        const int index = m_fixture.find(
            [](const QJsonObject &m) { return m.value(u"osPlatform").toString() == u"Windows11"; });
        return index < 0 ? QString() : m_fixture.machineId(index);
    }

private Q_SLOTS:
    void init()
    {
        SimulatorOptions options;
        options.devices = 40;
        QVERIFY(m_fixture.start(options));
        m_sim = m_fixture.sim.get();
        m_client = m_fixture.client.get();
        // One try: these tests look at what each fault maps to (tst_defenderclientretry and the
        // fault suite cover the retries).
        DefenderClient::RetryPolicy once;
        once.maxAttempts = 1;
        m_client->setRetryPolicy(once);
    }
    void cleanup() { m_fixture.stop(); }

    void getFaults_data()
    {
        QTest::addColumn<QJsonObject>("fault");
        QTest::addColumn<Kind>("kind");
        QTest::addColumn<int>("status");
        QTest::addColumn<bool>("transient");
        QTest::newRow("429") << QJsonObject {{u"tooManyBurst"_s, 1}, {u"retryAfterSeconds"_s, 7}}
                             << Kind::Http << 429 << true;
        QTest::newRow("500") << QJsonObject {{u"errorRatio"_s, 1.0}, {u"errorStatus"_s, 500}}
                             << Kind::Http << 500 << true;
        QTest::newRow("html 502") << QJsonObject {{u"htmlError"_s, 1}} << Kind::Http << 502 << true;
        QTest::newRow("redirect to http")
            << QJsonObject {{u"redirectToHttp"_s, 1}} << Kind::Http << 307 << false;
        QTest::newRow("malformed")
            << QJsonObject {{u"malformed"_s, 1}} << Kind::Parse << 200 << false;
        // Qt re-sends a GET itself when the connection drops before an answer (at most twice).
        QTest::newRow("reset") << QJsonObject {{u"resetBefore"_s, 5}} << Kind::Network << 0 << true;
        QTest::newRow("truncated")
            << QJsonObject {{u"truncate"_s, 1}} << Kind::Network << 200 << true;
    }
    void getFaults()
    {
        QFETCH(QJsonObject, fault);
        QFETCH(Kind, kind);
        QFETCH(int, status);
        QFETCH(bool, transient);
        fault.insert(u"endpoint"_s, u"machine"_s);
        m_sim->addFault(FaultSpec::fromJson(fault));
        MachineCall *call = m_client->machine(windows11Id());
        QVERIFY(waitFor(call));
        const ApiError &e = call->error();
        QCOMPARE(e.kind, kind);
        QCOMPARE(e.httpStatus, status);
        QCOMPARE(e.isTransient(), transient);
        QVERIFY(!e.message.isEmpty());
        QVERIFY2(!e.message.contains(u'<'), qPrintable(e.message)); // never a raw HTML page
        if (status == 429)
            QCOMPARE(e.retryAfterSeconds, 7);
        if (status == 502)
            QVERIFY(e.message.contains(u"proxy"));
        if (!fault.contains(u"resetBefore"))
            QCOMPARE(m_sim->requestLog().size(), 1); // no redirect followed, no retry of ours
    }

    void resetAfterOffboardIsOutcomeUnknown()
    {
        const QString id = windows11Id();
        FaultSpec fault;
        fault.endpoint = u"offboard"_s;
        fault.resetAfterOffboard = 1;
        m_sim->addFault(fault);
        ActionCall *call = m_client->offboard(id, u"x"_s);
        QVERIFY(waitFor(call));
        QCOMPARE(call->error().kind, Kind::OutcomeUnknown);
        QVERIFY(!call->error().isTransient()); // never retried blindly
        QCOMPARE(m_sim->offboardRequestCount(id), 1);
    }

    void stallTimesOut()
    {
        FaultSpec fault;
        fault.endpoint = u"machines"_s;
        fault.stall = 1;
        m_sim->addFault(fault);
        m_client->setTransferTimeout(300);
        MachineListCall *call = m_client->listMachines();
        QVERIFY(waitFor(call));
        QCOMPARE(call->error().kind, Kind::Timeout);
        QVERIFY(call->error().isTransient());
    }

    void abortWhileStalled()
    {
        FaultSpec fault;
        fault.endpoint = u"machines"_s;
        fault.stall = 1;
        m_sim->addFault(fault);
        MachineListCall *call = m_client->listMachines();
        QSignalSpy finished(call, &ApiCall::finished);
        QSignalSpy pages(call, &MachineListCall::pageReceived);
        QTRY_COMPARE(m_sim->requestLog().size(), 1);
        call->abort();
        QCOMPARE(finished.size(), 1);
        QCOMPARE(call->error().kind, Kind::Cancelled);
        QCOMPARE(pages.size(), 0);
        // The client stays usable after the abort.
        MachineListCall *next = m_client->listMachines();
        QVERIFY(waitFor(next));
        QVERIFY2(next->isOk(), qPrintable(next->error().displayText()));
        QCOMPARE(next->receivedCount(), 40);
        QCOMPARE(finished.size(), 1);
    }

    void abortFromPageReceived()
    {
        MachineListCall *call = m_client->listMachines({{}, 5});
        QSignalSpy finished(call, &ApiCall::finished);
        connect(call, &MachineListCall::pageReceived, call, [call] { call->abort(); });
        QVERIFY(waitFor(call));
        QCOMPARE(finished.size(), 1);
        QCOMPARE(call->error().kind, Kind::Cancelled);
        QCOMPARE(call->receivedCount(), 5);
        // No further page is asked for once the receiver aborted.
        MachineCall *probe = m_client->machine(windows11Id());
        QVERIFY(waitFor(probe));
        QCOMPARE(m_sim->requestLog().size(), 2);
    }

    void abortBeforeTokenArrives()
    {
        MachineCall *call = m_client->machine(windows11Id());
        QSignalSpy finished(call, &ApiCall::finished);
        call->abort();
        QCOMPARE(finished.size(), 1);
        // The token callback still comes; nothing may be sent after the abort.
        MachineCall *probe = m_client->machine(windows11Id());
        QVERIFY(waitFor(probe));
        QCOMPARE(m_sim->requestLog().size(), 1);
        QCOMPARE(finished.size(), 1);
    }

    void connectionRefused()
    {
        QUrl base;
        {
            Simulator gone;
            QVERIFY(gone.listen());
            base = gone.baseUrl();
        }
        QVERIFY(m_client->setApiBase(base));
        MachineCall *call = m_client->machine(windows11Id());
        QVERIFY(waitFor(call));
        QCOMPARE(call->error().kind, Kind::Network);
        ActionCall *post = m_client->offboard(windows11Id(), u"x"_s);
        QVERIFY(waitFor(post));
        QCOMPARE(post->error().kind, Kind::Network); // refused: certainly not applied
    }
};

QTEST_GUILESS_MAIN(TestDefenderClientFaults)
#include "tst_defenderclientfaults.moc"
