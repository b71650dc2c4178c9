// SPDX-License-Identifier: MIT
// DefenderClient with a RateBudget: every request takes one slot of its endpoint, at its
// priority; a caller's own slot is reused; a 429 pauses the endpoint; aborting a waiting call
// leaves the queue.
#include "clienttestutil.h"
#include "fakenetwork.h"
#include "ratebudget.h"

#include <QTest>

using namespace Qt::StringLiterals;
using Kind = ApiError::Kind;

namespace {
const QString MachineId = u"556b3952acb0bff29816d267822305781cc183ec"_s;
const QString ActionA = u"7f3c2b1e-5a4d-4e6f-9a8b-1c2d3e4f5a6b"_s;
const QString ActionB = u"8f3c2b1e-5a4d-4e6f-9a8b-1c2d3e4f5a6b"_s;
const QByteArray ActionJson = R"({"id":"7f3c2b1e-5a4d-4e6f-9a8b-1c2d3e4f5a6b","status":"Pending"})";
constexpr qint64 Minute = 60000;
} // namespace

class TestDefenderClientBudget : public QObject
{
    Q_OBJECT
    FakeNetwork *m_net = nullptr;
    StaticTokenProvider m_tokens {u"tok"_s};
    DefenderClient *m_client = nullptr;
    RateBudget *m_budget = nullptr;
    qint64 m_now = 1000;

    RateBudget::Limits oneAMinute() const
    {
        RateBudget::Limits limits;
        limits.perMinute = 1;
        return limits;
    }

private Q_SLOTS:
    void init()
    {
        m_now = 1000;
        m_net = new FakeNetwork;
        m_net->handler = [](const FakeNetwork::Seen &s) {
            return FakeAnswer::reply(200,
                s.request.url().path().endsWith(u"s"_s) ? QByteArray(R"({"value":[]})")
                                                        : ActionJson);
        };
        m_client = new DefenderClient(m_net, &m_tokens);
        QVERIFY(m_client->setApiBase(QUrl(u"https://api.example.test/"_s)));
        m_budget = new RateBudget(RateBudget::Limits {}, [this] { return m_now; });
        m_client->setRateBudget(m_budget);
    }
    void cleanup()
    {
        delete m_client;
        delete m_budget;
        delete m_net;
    }

    void endpointKeys_data()
    {
        QTest::addColumn<QString>("endpoint");
        for (const QLatin1String key :
            {RateEndpoint::Machines, RateEndpoint::Machine, RateEndpoint::Offboard,
                RateEndpoint::Actions, RateEndpoint::Action, RateEndpoint::Cancel})
            QTest::newRow(key.data()) << QString(key);
    }
    void endpointKeys()
    {
        QFETCH(QString, endpoint);
        ApiCall *call = nullptr;
        if (endpoint == RateEndpoint::Machines)
            call = m_client->listMachines();
        else if (endpoint == RateEndpoint::Machine)
            call = m_client->machine(MachineId);
        else if (endpoint == RateEndpoint::Offboard)
            call = m_client->offboard(MachineId, u"x"_s);
        else if (endpoint == RateEndpoint::Actions)
            call = m_client->machineActions();
        else if (endpoint == RateEndpoint::Action)
            call = m_client->machineAction(ActionA);
        else
            call = m_client->cancelAction(ActionA, u"x"_s);
        QVERIFY(waitFor(call));
        QVERIFY2(call->isOk(), qPrintable(call->error().displayText()));
        int total = 0;
        for (const QLatin1String key :
            {RateEndpoint::Machines, RateEndpoint::Machine, RateEndpoint::Offboard,
                RateEndpoint::Actions, RateEndpoint::Action, RateEndpoint::Cancel})
            total += m_budget->usedInWindow(key, Minute);
        QCOMPARE(m_budget->usedInWindow(endpoint, Minute), 1);
        QCOMPARE(total, 1);
    }

    void callerSlotIsReused()
    {
        // As BulkOffboard does: acquire, then call the client from inside go.
        ActionCall *call = nullptr;
        const RateBudget::Ticket ticket
            = m_budget->acquire(RateEndpoint::Offboard, RateBudget::Priority::UserAction, this,
                [&] { call = m_client->offboard(MachineId, u"x"_s); });
        QVERIFY(call);
        QVERIFY(waitFor(call));
        QVERIFY(call->isOk());
        m_budget->settle(ticket);
        QCOMPARE(m_budget->usedInWindow(RateEndpoint::Offboard, Minute), 1);
        QCOMPARE(m_net->seen.size(), 1);
    }

    void waitsForItsSlot()
    {
        m_budget->setLimits(oneAMinute());
        QVERIFY(waitFor(m_client->machineAction(ActionA)));
        ActionCall *second = m_client->machineAction(ActionA);
        QCOMPARE(m_budget->waitingCount(RateEndpoint::Action), 1);
        QVERIFY(!second->isFinished()); // nothing before the window ends
        QCOMPARE(m_net->seen.size(), 1);
        m_now += Minute + 1;
        m_budget->wake();
        QVERIFY(waitFor(second));
        QVERIFY(second->isOk());
        QCOMPARE(m_net->seen.size(), 2);
    }

    void abortLeavesTheQueue()
    {
        m_budget->setLimits(oneAMinute());
        QVERIFY(waitFor(m_client->offboard(MachineId, u"x"_s)));
        ActionCall *waiting = m_client->offboard(MachineId, u"y"_s);
        QCOMPARE(m_budget->waitingCount(RateEndpoint::Offboard), 1);
        waiting->abort();
        QCOMPARE(waiting->error().kind, Kind::Cancelled);
        QCOMPARE(m_budget->waitingCount(RateEndpoint::Offboard), 0);
        m_now += Minute + 1;
        m_budget->wake();
        QCOMPARE(m_budget->usedInWindow(RateEndpoint::Offboard, Minute), 0);
        QCOMPARE(m_net->seen.size(), 1); // never sent
    }

    void priorities()
    {
        m_budget->setLimits(oneAMinute());
        QVERIFY(waitFor(m_client->machineAction(ActionA)));
        ActionCall *background = m_client->machineAction(ActionA);
        ActionCall *urgent = nullptr;
        {
            DefenderClient::PriorityOverride scope(m_client, RateBudget::Priority::UserAction);
            urgent = m_client->machineAction(ActionB);
        }
        m_now += Minute + 1;
        m_budget->wake(); // one slot: the user's call goes first
        QVERIFY(waitFor(urgent));
        QCOMPARE(m_net->seen.size(), 2);
        QVERIFY(m_net->seen.at(1).request.url().path().endsWith(ActionB));
        QVERIFY(!background->isFinished());
    }

    void tooManyPausesEndpoint()
    {
        m_net->handler = [](const FakeNetwork::Seen &) {
            return FakeAnswer::reply(429, {}, {{"Retry-After", "7"}});
        };
        ActionCall *call = m_client->offboard(MachineId, u"x"_s);
        QVERIFY(waitFor(call));
        QCOMPARE(call->error().httpStatus, 429);
        QCOMPARE(m_budget->pausedUntil(RateEndpoint::Offboard), m_now + 7000);
        QCOMPARE(m_net->seen.size(), 1); // a POST is left to its caller to queue again
    }

    void tooManyReadWaitsForPause()
    {
        int n = 0;
        m_net->handler = [&n](const FakeNetwork::Seen &) {
            return ++n == 1 ? FakeAnswer::reply(429, {}, {{"Retry-After", "2"}})
                            : FakeAnswer::reply(200, ActionJson);
        };
        ActionCall *call = m_client->machineAction(ActionA);
        QTRY_COMPARE(m_budget->waitingCount(RateEndpoint::Action), 1); // held by the pause
        QCOMPARE(m_net->seen.size(), 1);
        m_now += 2001;
        m_budget->wake();
        QVERIFY(waitFor(call));
        QVERIFY(call->isOk());
        QCOMPARE(m_net->seen.size(), 2);
        QCOMPARE(m_budget->usedInWindow(RateEndpoint::Action, Minute), 2);
    }
};

QTEST_GUILESS_MAIN(TestDefenderClientBudget)
#include "tst_defenderclientbudget.moc"
