// SPDX-License-Identifier: MIT
// Every DefenderClient call against the in-process simulator over loopback http.
#include "clienttestutil.h"

#include <QTest>

using namespace Qt::StringLiterals;
using Kind = ApiError::Kind;

class TestDefenderClient : public QObject
{
    Q_OBJECT
    SimClient m_fixture;
    Simulator *m_sim = nullptr;
    StaticTokenProvider *m_tokens = nullptr;
    DefenderClient *m_client = nullptr;

    QString machineId(int index) const { return m_fixture.machineId(index); }
    // Offboards the first Windows 11 device that has no offboarding pending yet.
    ActionCall *offboardSomeDevice(QString *id)
    {
        for (int i = 0; i < m_sim->deviceCount(); ++i) {
            if (m_sim->machineJson(i).value(u"osPlatform").toString() != u"Windows11")
                continue;
            ActionCall *call = m_client->offboard(machineId(i), u"  decommissioned  "_s);
            if (!waitFor(call) || call->error().code == u"ActiveRequestAlreadyExists")
                continue;
            *id = machineId(i);
            return call;
        }
        return nullptr;
    }

private Q_SLOTS:
    void init()
    {
        SimulatorOptions options;
        options.devices = 25;
        QVERIFY(m_fixture.start(options));
        m_sim = m_fixture.sim.get();
        m_tokens = m_fixture.tokens.get();
        m_client = m_fixture.client.get();
    }
    void cleanup() { m_fixture.stop(); }

    void listMachines_data()
    {
        QTest::addColumn<int>("pageSize");
        QTest::addColumn<int>("requests");
        QTest::newRow("one page") << 10000 << 1;
        QTest::newRow("7 per page") << 7 << 4;
        QTest::newRow("exact multiple") << 5 << 6; // the last, empty page ends it
    }
    void listMachines()
    {
        QFETCH(int, pageSize);
        QFETCH(int, requests);
        MachineListCall *call = m_client->listMachines({{}, pageSize});
        QStringList ids;
        connect(call, &MachineListCall::pageReceived, this, [&ids](const QList<Machine> &page) {
            for (const Machine &m : page)
                ids.append(m.id);
        });
        QVERIFY(waitFor(call));
        QVERIFY2(call->isOk(), qPrintable(call->error().displayText()));
        QCOMPARE(call->receivedCount(), 25);
        QCOMPARE(ids.size(), 25);
        for (int i = 0; i < 25; ++i)
            QCOMPARE(ids.at(i), machineId(i));
        QCOMPARE(m_sim->requestLog().size(), requests);
    }

    void listMachinesFiltered()
    {
        int expected = 0;
        for (int i = 0; i < m_sim->deviceCount(); ++i)
            expected += m_sim->machineJson(i).value(u"osPlatform") == u"Windows11"_s;
        MachineListCall *call = m_client->listMachines({u"osPlatform eq 'Windows11'"_s, 10000});
        QVERIFY(waitFor(call));
        QVERIFY2(call->isOk(), qPrintable(call->error().displayText()));
        QCOMPARE(call->receivedCount(), expected);
    }

    void machineByIdAndName()
    {
        const QString name = m_sim->machineJson(3).value(u"computerDnsName").toString();
        for (const QString &key : {machineId(3), name}) {
            MachineCall *call = m_client->machine(key);
            QVERIFY(waitFor(call));
            QVERIFY2(call->isOk(), qPrintable(call->error().displayText()));
            QCOMPARE(call->machine().id, machineId(3));
            QCOMPARE(call->machine().computerDnsName, name);
        }
    }

    void machineNotFound()
    {
        MachineCall *call = m_client->machine(QString(40, u'0'));
        QVERIFY(waitFor(call));
        QCOMPARE(call->error().kind, Kind::Http);
        QCOMPARE(call->error().httpStatus, 404);
        QCOMPARE(call->error().code, u"ResourceNotFound"_s);
        QVERIFY(!call->error().target.isEmpty());
    }

    void offboardLifecycle()
    {
        QString id;
        ActionCall *call = offboardSomeDevice(&id);
        QVERIFY(call);
        QVERIFY2(call->isOk(), qPrintable(call->error().displayText()));
        const MachineAction action = call->action();
        QCOMPARE(action.type, u"Offboard"_s);
        QCOMPARE(action.status, ActionStatus::Pending);
        QCOMPARE(action.machineId, id);
        QCOMPARE(action.requestorComment, u"decommissioned"_s);
        QCOMPARE(action.requestor, m_sim->options().appClientId);

        ActionCall *again = m_client->offboard(id, u"again"_s);
        QVERIFY(waitFor(again));
        QCOMPARE(again->error().httpStatus, 400);
        QCOMPARE(again->error().code, u"ActiveRequestAlreadyExists"_s);
        QCOMPARE(m_sim->offboardRequestCount(id), 1);

        ActionCall *fetched = m_client->machineAction(action.id);
        QVERIFY(waitFor(fetched));
        QVERIFY(fetched->isOk());
        QCOMPARE(fetched->action().id, action.id);

        ActionListCall *list
            = m_client->machineActions({u"machineId eq '%1' and type eq 'Offboard'"_s.arg(id), 5,
                u"creationDateTimeUtc desc"_s});
        QVERIFY(waitFor(list));
        QVERIFY2(list->isOk(), qPrintable(list->error().displayText()));
        QVERIFY(!list->actions().isEmpty());
        QCOMPARE(list->actions().first().id, action.id);

        ActionCall *cancel = m_client->cancelAction(action.id, u"wrong device"_s);
        QVERIFY(waitFor(cancel));
        QVERIFY2(cancel->isOk(), qPrintable(cancel->error().displayText()));
        QCOMPARE(cancel->action().status, ActionStatus::Cancelled);
        QCOMPARE(cancel->action().cancellationComment, u"wrong device"_s);

        ActionCall *cancelAgain = m_client->cancelAction(action.id, u"again"_s);
        QVERIFY(waitFor(cancelAgain));
        QCOMPARE(cancelAgain->error().httpStatus, 400);
    }

    void osPlatformNotSupported()
    {
        const int index = m_fixture.find([](const QJsonObject &m) {
            const QString os = m.value(u"osPlatform").toString();
            return os == u"macOS" || os == u"Linux" || os == u"iOS" || os == u"Android";
        });
        QVERIFY(index >= 0);
        ActionCall *call = m_client->offboard(machineId(index), u"x"_s);
        QVERIFY(waitFor(call));
        QCOMPARE(call->error().code, u"OsPlatformNotSupported"_s);
        QCOMPARE(m_sim->offboardRequestCount(machineId(index)), 0);
    }

    void invalidInputSendsNothing_data()
    {
        QTest::addColumn<int>("which");
        QTest::newRow("offboard bad id") << 0;
        QTest::newRow("offboard no comment") << 1;
        QTest::newRow("offboard newline") << 2;
        QTest::newRow("cancel bad id") << 3;
        QTest::newRow("machine path") << 4;
        QTest::newRow("action bad id") << 5;
        QTest::newRow("page size 0") << 6;
    }
    void invalidInputSendsNothing()
    {
        QFETCH(int, which);
        const QString id = machineId(0);
        ApiCall *call = nullptr;
        switch (which) {
        case 0:
            call = m_client->offboard(id + u"/../x"_s, u"x"_s);
            break;
        case 1:
            call = m_client->offboard(id, u"   "_s);
            break;
        case 2:
            call = m_client->offboard(id, u"line\nbreak"_s);
            break;
        case 3:
            call = m_client->cancelAction(u"not-a-guid"_s, u"x"_s);
            break;
        case 4:
            call = m_client->machine(u"../admin/faults"_s);
            break;
        case 5:
            call = m_client->machineAction(id);
            break;
        default:
            call = m_client->listMachines({{}, 0});
            break;
        }
        QSignalSpy spy(call, &ApiCall::finished);
        QVERIFY(!call->isFinished()); // finished() comes later, so that callers can connect
        QVERIFY(waitFor(call));
        QCOMPARE(spy.size(), 1);
        QCOMPARE(call->error().kind, Kind::InvalidInput);
        QVERIFY(m_sim->requestLog().isEmpty());
    }

    void unauthorizedRefreshesOnce()
    {
        m_tokens->setToken(u"not-a-token"_s);
        MachineCall *call = m_client->machine(machineId(0));
        QVERIFY(waitFor(call));
        QCOMPARE(call->error().httpStatus, 401);
        QCOMPARE(m_tokens->refreshCount(), 1);
        QCOMPARE(m_sim->requestLog().size(), 2);
    }

    void refreshedTokenSucceeds()
    {
        RefreshingProvider tokens(u"expired"_s, m_sim->issueAppToken({u"Machine.Read.All"_s}));
        DefenderClient client(&m_fixture.network, &tokens);
        QVERIFY(client.setApiBase(m_sim->baseUrl()));
        MachineCall *call = client.machine(machineId(1));
        QVERIFY(waitFor(call));
        QVERIFY2(call->isOk(), qPrintable(call->error().displayText()));
        QCOMPARE(tokens.refreshes, 1);
        QCOMPARE(m_sim->requestLog().size(), 2);
    }

    void forbidden()
    {
        m_tokens->setToken(m_sim->issueAppToken({u"Machine.Read.All"_s}));
        ActionCall *call = m_client->offboard(machineId(0), u"x"_s);
        QVERIFY(waitFor(call));
        QCOMPARE(call->error().httpStatus, 403);
        QCOMPARE(call->error().code, u"Forbidden"_s);
        QVERIFY(call->error().message.contains(u"Machine.Offboard"));
        QVERIFY(!call->error().isTransient());
    }
};

QTEST_GUILESS_MAIN(TestDefenderClient)
#include "tst_defenderclient.moc"
