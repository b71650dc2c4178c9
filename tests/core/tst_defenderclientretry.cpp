// SPDX-License-Identifier: MIT
// DefenderClient's retry policy against a fake network: reads are tried again on transient
// errors (at most 4 tries, backoff with jitter), writes never; 403 names the permission; POSTs
// stay off HTTP/2.
#include "clienttestutil.h"
#include "fakeclienttest.h"
#include "fakenetwork.h"

#include <QTest>

using namespace Qt::StringLiterals;
using FakeClientTest::page;
using Kind = ApiError::Kind;
using NE = QNetworkReply::NetworkError;

namespace {
const QString MachineId = u"556b3952acb0bff29816d267822305781cc183ec"_s;
const QString ActionId = u"7f3c2b1e-5a4d-4e6f-9a8b-1c2d3e4f5a6b"_s;
const QByteArray ActionJson = R"({"id":"7f3c2b1e-5a4d-4e6f-9a8b-1c2d3e4f5a6b","status":"Pending"})";

FakeAnswer failing(const QString &what)
{
    if (what == u"network")
        return FakeAnswer::failure(NE::RemoteHostClosedError);
    if (what == u"timeout")
        return FakeAnswer::hanging();
    if (what == u"429")
        return FakeAnswer::reply(429, {}, {{"Retry-After", "1"}});
    if (what == u"400")
        return FakeAnswer::reply(400, R"({"error":{"code":"BadRequest","message":"no"}})");
    return FakeAnswer::reply(what.toInt(), "{}");
}

} // namespace

class TestDefenderClientRetry : public FakeClientTest::Fixture
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        makeClient();
        m_client->setRandomSource([] { return 0.5; });
        m_client->setTransferTimeout(200);
    }

    void backoff_data()
    {
        QTest::addColumn<int>("retry");
        QTest::addColumn<double>("random");
        QTest::addColumn<int>("delay");
        QTest::newRow("first, middle") << 1 << 0.5 << 500;
        QTest::newRow("second") << 2 << 0.5 << 1000;
        QTest::newRow("third, low") << 3 << 0.0 << 1600;
        QTest::newRow("third, high") << 3 << 1.0 << 2400;
        QTest::newRow("capped") << 30 << 1.0 << 30000;
    }
    void backoff()
    {
        QFETCH(int, retry);
        QFETCH(double, random);
        QFETCH(int, delay);
        QCOMPARE(DefenderClient::backoffDelayMs({}, retry, random), delay);
    }

    void readRecovers()
    {
        int n = 0;
        m_net->handler = [&n](const FakeNetwork::Seen &) {
            return ++n < 3 ? FakeAnswer::reply(503, "{}") : FakeAnswer::reply(200, ActionJson);
        };
        ActionCall *call = m_client->machineAction(ActionId);
        QVERIFY(waitFor(call));
        QVERIFY2(call->isOk(), qPrintable(call->error().displayText()));
        QCOMPARE(m_net->seen.size(), 3);
        QCOMPARE(call->attempts(), 3);
    }

    void readGivesUp_data()
    {
        QTest::addColumn<QString>("fault");
        QTest::addColumn<Kind>("kind");
        QTest::newRow("network") << u"network"_s << Kind::Network;
        QTest::newRow("time-out") << u"timeout"_s << Kind::Timeout;
        QTest::newRow("500") << u"500"_s << Kind::Http;
        QTest::newRow("503") << u"503"_s << Kind::Http;
        QTest::newRow("429") << u"429"_s << Kind::Http;
    }
    void readGivesUp()
    {
        QFETCH(QString, fault);
        QFETCH(Kind, kind);
        m_net->handler = [fault](const FakeNetwork::Seen &) { return failing(fault); };
        if (fault == u"429") // no budget: the client itself waits the Retry-After
            m_client->setRetryPolicy({2, 1, 0.2, 30000, 120});
        const int tries = m_client->retryPolicy().maxAttempts;
        MachineCall *call = m_client->machine(MachineId);
        QVERIFY(waitFor(call));
        QCOMPARE(call->error().kind, kind);
        QCOMPARE(m_net->seen.size(), tries);
        QVERIFY2(call->error().message.contains(u"after %1 attempts"_s.arg(tries)),
            qPrintable(call->error().message));
    }

    void definiteErrorsNotRetried()
    {
        m_net->handler = [](const FakeNetwork::Seen &) { return failing(u"400"_s); };
        MachineCall *call = m_client->machine(MachineId);
        QVERIFY(waitFor(call));
        QCOMPARE(call->error().httpStatus, 400);
        QCOMPARE(m_net->seen.size(), 1);
        QVERIFY(!call->error().message.contains(u"attempts"));
    }

    void postsNeverResent_data()
    {
        QTest::addColumn<QString>("fault");
        QTest::addColumn<Kind>("kind");
        QTest::newRow("reset after sending") << u"network"_s << Kind::OutcomeUnknown;
        QTest::newRow("time-out") << u"timeout"_s << Kind::OutcomeUnknown;
        QTest::newRow("500") << u"500"_s << Kind::Http;
        QTest::newRow("429") << u"429"_s << Kind::Http;
        QTest::newRow("400") << u"400"_s << Kind::Http;
    }
    void postsNeverResent()
    {
        QFETCH(QString, fault);
        QFETCH(Kind, kind);
        m_net->handler = [fault](const FakeNetwork::Seen &) { return failing(fault); };
        ActionCall *offboard = m_client->offboard(MachineId, u"gone"_s);
        QVERIFY(waitFor(offboard));
        QCOMPARE(offboard->error().kind, kind);
        ActionCall *cancel = m_client->cancelAction(ActionId, u"stop"_s);
        QVERIFY(waitFor(cancel));
        QCOMPARE(cancel->error().kind, kind);
        QCOMPARE(m_net->seen.size(), 2); // one each, never again
        QCOMPARE(offboard->attempts(), 1);
    }

    void postsStayOffHttp2()
    {
        m_net->handler
            = [](const FakeNetwork::Seen &) { return FakeAnswer::reply(200, ActionJson); };
        QVERIFY(waitFor(m_client->offboard(MachineId, u"x"_s)));
        QVERIFY(waitFor(m_client->machineAction(ActionId)));
        QCOMPARE(m_net->seen.size(), 2);
        const QVariant post
            = m_net->seen.at(0).request.attribute(QNetworkRequest::Http2AllowedAttribute);
        QVERIFY(post.isValid());
        QCOMPARE(post.toBool(), false);
        QVERIFY(
            !m_net->seen.at(1).request.attribute(QNetworkRequest::Http2AllowedAttribute).isValid());
    }

    void listingRetriesPerPage()
    {
        int n = 0;
        m_net->handler = [&n](const FakeNetwork::Seen &s) {
            ++n;
            const bool second = s.request.url().query().contains(u"$skip=2"_s);
            if (second && n == 2)
                return FakeAnswer::failure(NE::RemoteHostClosedError);
            return FakeAnswer::reply(200, page(0, second ? 1 : 2));
        };
        MachineListCall *call = m_client->listMachines({{}, 2});
        QSignalSpy pages(call, &MachineListCall::pageReceived);
        QVERIFY(waitFor(call));
        QVERIFY2(call->isOk(), qPrintable(call->error().displayText()));
        QCOMPARE(pages.size(), 2); // the first page was not asked for again
        QCOMPARE(call->receivedCount(), 3);
        QCOMPARE(m_net->seen.size(), 3);
    }

    void abortDuringBackoff()
    {
        // A backoff (240-360 ms) far longer than it takes to see the first answer and abort,
        // even on a slow sanitizer build; the probe below outlasts it.
        m_client->setRetryPolicy({4, 300, 0.2, 30000, 120});
        m_client->setTransferTimeout(1500);
        m_net->handler = [](const FakeNetwork::Seen &s) {
            return s.verb == "GET" ? FakeAnswer::reply(500, "{}") : FakeAnswer::hanging();
        };
        MachineCall *call = m_client->machine(MachineId);
        QSignalSpy finished(call, &ApiCall::finished);
        QTRY_VERIFY(!m_net->seen.isEmpty() && m_net->seen.at(0).reply.isNull());
        call->abort();
        QCOMPARE(call->error().kind, Kind::Cancelled);
        // A POST that hangs until the 1,500 ms time-out outlasts the backoff.
        ActionCall *probe = m_client->offboard(MachineId, u"x"_s);
        QVERIFY(waitFor(probe));
        QCOMPARE(m_net->seen.size(), 2); // the aborted read was not tried again
        QCOMPARE(finished.size(), 1);
    }

    void forbiddenNamesPermission_data()
    {
        QTest::addColumn<bool>("offboard");
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<QString>("permission");
        QTest::newRow("named by the service")
            << true
            << QByteArray("Missing application roles. API required roles: Machine.Offboard.")
            << u"Machine.Offboard"_s;
        QTest::newRow("offboard, not named")
            << true << QByteArray("Forbidden") << u"Machine.Offboard"_s;
        QTest::newRow("read, not named") << false << QByteArray() << u"Machine.Read.All"_s;
    }
    void forbiddenNamesPermission()
    {
        QFETCH(bool, offboard);
        QFETCH(QByteArray, message);
        QFETCH(QString, permission);
        m_net->handler = [message](const FakeNetwork::Seen &) {
            return FakeAnswer::reply(403,
                R"({"error":{"code":"Forbidden","message":")" + message
                    + R"(","target":"|c0r.1"}})");
        };
        ApiCall *call = offboard ? static_cast<ApiCall *>(m_client->offboard(MachineId, u"x"_s))
                                 : m_client->machine(MachineId);
        QVERIFY(waitFor(call));
        const ApiError &e = call->error();
        QCOMPARE(e.permission, permission);
        QVERIFY2(e.message.contains(permission), qPrintable(e.message));
        QVERIFY(e.message.contains(QString::fromUtf8(message)));
        QCOMPARE(e.target, u"|c0r.1"_s);
        QVERIFY(e.displayText().contains(u"|c0r.1"_s));
        QCOMPARE(m_net->seen.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestDefenderClientRetry)
#include "tst_defenderclientretry.moc"
