// SPDX-License-Identifier: MIT
// DefenderClient's request policy against a fake network: headers, bodies, paging by links,
// time-outs, aborts, redirects. The simulator-backed tests are in tst_defenderclient.cpp.
#include "accesstokenprovider.h"
#include "clienttestutil.h"
#include "defenderclient.h"
#include "fakeclienttest.h"
#include "fakenetwork.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;
using FakeClientTest::page;

namespace {
const QString MachineId = u"556b3952acb0bff29816d267822305781cc183ec"_s;
const QByteArray ActionJson = R"({"id":"7f3c2b1e-5a4d-4e6f-9a8b-1c2d3e4f5a6b","status":"Pending"})";

} // namespace

class TestDefenderClientFake : public FakeClientTest::Fixture
{
    Q_OBJECT

private Q_SLOTS:

    void headersAndUrl()
    {
        m_net->handler
            = [](const FakeNetwork::Seen &) { return FakeAnswer::reply(200, "{\"id\":\"x\"}"); };
        MachineCall *call = m_client->machine(MachineId);
        QVERIFY(waitFor(call));
        QVERIFY2(call->isOk(), qPrintable(call->error().displayText()));
        QCOMPARE(m_net->seen.size(), 1);
        const QNetworkRequest &r = m_net->seen.at(0).request;
        QCOMPARE(r.url().toString(), u"https://api.example.test/api/machines/"_s + MachineId);
        QCOMPARE(r.rawHeader("Authorization"), QByteArray("Bearer tok-123"));
        QCOMPARE(r.rawHeader("Accept"), QByteArray("application/json"));
        QCOMPARE(r.header(QNetworkRequest::UserAgentHeader).toString(), u"mde-offboard/0.1"_s);
        QCOMPARE(r.attribute(QNetworkRequest::RedirectPolicyAttribute).toInt(),
            int(QNetworkRequest::ManualRedirectPolicy));
        QCOMPARE(call->machine().id, u"x"_s);
    }

    void offboardBody_data()
    {
        QTest::addColumn<int>("status");
        QTest::newRow("200") << 200;
        QTest::newRow("201") << 201;
    }
    void offboardBody()
    {
        QFETCH(int, status);
        m_net->handler
            = [status](const FakeNetwork::Seen &) { return FakeAnswer::reply(status, ActionJson); };
        ActionCall *call = m_client->offboard(MachineId, u"  retired, ticket 7  "_s);
        QVERIFY(waitFor(call));
        QVERIFY2(call->isOk(), qPrintable(call->error().displayText()));
        QCOMPARE(call->action().status, ActionStatus::Pending);
        const FakeNetwork::Seen &s = m_net->seen.at(0);
        QCOMPARE(s.verb, QByteArray("POST"));
        QCOMPARE(s.request.url().path(), u"/api/machines/%1/offboard"_s.arg(MachineId));
        QCOMPARE(s.request.header(QNetworkRequest::ContentTypeHeader).toByteArray(),
            QByteArray("application/json"));
        QCOMPARE(QJsonDocument::fromJson(s.body).object(),
            QJsonObject({{u"Comment"_s, u"retired, ticket 7"_s}}));
    }

    void filterIsEncoded()
    {
        m_net->handler
            = [](const FakeNetwork::Seen &) { return FakeAnswer::reply(200, page(0, 0)); };
        const QString filter = u"computerDnsName eq 'a&b=c+d#e%20'"_s;
        MachineListCall *call = m_client->listMachines({filter, 50});
        QVERIFY(waitFor(call));
        QVERIFY(call->isOk());
        const QUrlQuery q(m_net->seen.at(0).request.url());
        QCOMPARE(q.queryItemValue(u"$filter"_s, QUrl::FullyDecoded), filter);
        QCOMPARE(q.queryItemValue(u"$top"_s), u"50"_s);
        QCOMPARE(q.queryItemValue(u"$skip"_s), u"0"_s);
    }

    void pagesBySkipUntilShortPage()
    {
        m_net->handler = [this](const FakeNetwork::Seen &) {
            return FakeAnswer::reply(200, page(0, m_net->seen.size() < 2 ? 2 : 1));
        };
        MachineListCall *call = m_client->listMachines({{}, 2});
        QSignalSpy pages(call, &MachineListCall::pageReceived);
        QVERIFY(waitFor(call));
        QVERIFY(call->isOk());
        QCOMPARE(pages.size(), 3);
        QCOMPARE(call->receivedCount(), 5);
        QCOMPARE(m_net->seen.size(), 3);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(QUrlQuery(m_net->seen.at(i).request.url()).queryItemValue(u"$skip"_s),
                QString::number(2 * i));
    }

    void followsNextLinkExactly()
    {
        const QString link = u"https://api.example.test/api/machines?$skip=2&$skiptoken=ab%2Fc"_s;
        m_net->handler = [this, link](const FakeNetwork::Seen &) {
            return FakeAnswer::reply(
                200, m_net->seen.isEmpty() ? page(0, 2, link.toUtf8()) : page(0, 2));
        };
        MachineListCall *call = m_client->listMachines({{}, 2});
        QVERIFY(waitFor(call));
        QVERIFY(call->isOk());
        QCOMPARE(m_net->seen.size(), 2); // no own paging once the service leads
        QCOMPARE(m_net->seen.at(1).request.url(), QUrl(link, QUrl::StrictMode));
        QCOMPARE(call->receivedCount(), 4);
    }

    void refusesForeignNextLink()
    {
        m_net->handler = [](const FakeNetwork::Seen &) {
            return FakeAnswer::reply(200, page(0, 1, "https://evil.test/api/machines?$skip=1"));
        };
        MachineListCall *call = m_client->listMachines();
        QVERIFY(waitFor(call));
        QCOMPARE(call->error().kind, ApiError::Kind::Parse);
        QCOMPARE(m_net->seen.size(), 1);
    }

    void redirectIsNotFollowed()
    {
        m_net->handler = [](const FakeNetwork::Seen &) {
            return FakeAnswer::reply(302, {}, {{"Location", "http://api.example.test/x"}});
        };
        MachineCall *call = m_client->machine(MachineId);
        QVERIFY(waitFor(call));
        QCOMPARE(call->error().kind, ApiError::Kind::Http);
        QCOMPARE(call->error().httpStatus, 302);
        QCOMPARE(m_net->seen.size(), 1);
    }

    void timeout()
    {
        m_net->handler = [](const FakeNetwork::Seen &) { return FakeAnswer::hanging(); };
        m_client->setTransferTimeout(50);
        MachineCall *call = m_client->machine(MachineId);
        QVERIFY(waitFor(call));
        QCOMPARE(call->error().kind, ApiError::Kind::Timeout);
        QVERIFY(m_net->replyAborted(0));
    }

    void abortInFlight()
    {
        m_net->handler = [](const FakeNetwork::Seen &) { return FakeAnswer::hanging(); };
        ActionCall *call = m_client->offboard(MachineId, u"x"_s);
        QSignalSpy spy(call, &ApiCall::finished);
        QTRY_COMPARE(m_net->seen.size(), 1);
        call->abort();
        QCOMPARE(spy.size(), 1);
        QCOMPARE(call->error().kind, ApiError::Kind::Cancelled);
        QVERIFY(m_net->replyAborted(0));
        call->abort(); // a second abort does not finish again
        QCOMPARE(spy.size(), 1);
    }

    void destructionAbortsReply()
    {
        m_net->handler = [](const FakeNetwork::Seen &) { return FakeAnswer::hanging(); };
        MachineListCall *call = m_client->listMachines();
        QTRY_COMPARE(m_net->seen.size(), 1);
        delete call;
        QVERIFY(m_net->replyAborted(0));
    }

    void postOutcomeUnknown_data()
    {
        QTest::addColumn<QNetworkReply::NetworkError>("error");
        QTest::addColumn<bool>("post");
        QTest::addColumn<ApiError::Kind>("kind");
        QTest::newRow("post reset")
            << QNetworkReply::RemoteHostClosedError << true << ApiError::Kind::OutcomeUnknown;
        QTest::newRow("post refused")
            << QNetworkReply::ConnectionRefusedError << true << ApiError::Kind::Network;
        QTest::newRow("get reset")
            << QNetworkReply::RemoteHostClosedError << false << ApiError::Kind::Network;
    }
    void postOutcomeUnknown()
    {
        QFETCH(QNetworkReply::NetworkError, error);
        QFETCH(bool, post);
        QFETCH(ApiError::Kind, kind);
        m_net->handler = [error](const FakeNetwork::Seen &) { return FakeAnswer::failure(error); };
        ApiCall *call = post ? static_cast<ApiCall *>(m_client->offboard(MachineId, u"x"_s))
                             : m_client->machine(MachineId);
        QVERIFY(waitFor(call));
        QCOMPARE(call->error().kind, kind);
    }

    void unreadableAnswerIsParseError()
    {
        m_net->handler
            = [](const FakeNetwork::Seen &) { return FakeAnswer::reply(200, "{\"id\":"); };
        MachineCall *call = m_client->machine(MachineId);
        QVERIFY(waitFor(call));
        QCOMPARE(call->error().kind, ApiError::Kind::Parse);
        QCOMPARE(call->error().httpStatus, 200);
    }

    void noTokenNoRequest()
    {
        StaticTokenProvider none;
        DefenderClient client(m_net, &none);
        QVERIFY(client.setApiBase(QUrl(u"https://api.example.test"_s)));
        MachineCall *call = client.machine(MachineId);
        QVERIFY(waitFor(call));
        QCOMPARE(call->error().kind, ApiError::Kind::Auth);
        QVERIFY(m_net->seen.isEmpty());
    }

    void refusesHttpBase()
    {
        QString error;
        QVERIFY(!m_client->setApiBase(QUrl(u"http://api.example.test"_s), &error));
        QVERIFY(!error.isEmpty());
        QCOMPARE(m_client->apiBase(), QUrl(u"https://api.example.test"_s));
    }
};

QTEST_GUILESS_MAIN(TestDefenderClientFake)
#include "tst_defenderclientfake.moc"
