// SPDX-License-Identifier: MIT
// The simulator's read API: routes, paging, OData errors, authentication and permissions.
#include "tst_simhttp.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QUrlQuery>
#include <QUuid>

using namespace Qt::StringLiterals;

class TestSimServer final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void pagingWithoutTop();
    void paging_data();
    void paging();
    void countAndContext();
    void nextLinkKeepsFilter();
    void versionedPrefix();
    void odataErrors_data();
    void odataErrors();
    void machineByIdOrName();
    void unauthorized_data();
    void unauthorized();
    void forbidden_data();
    void forbidden();
    void unknownRoute();

private:
    std::unique_ptr<Simulator> m_sim;
    std::unique_ptr<SimHttp> m_http;
    QString m_readToken;
};

static constexpr int devices = 10050;

void TestSimServer::initTestCase()
{
    SimulatorOptions options;
    options.devices = devices;
    options.logRequests = false;
    options.perMinute = 0; // these tests are about content, not limits
    options.perHour = 0;
    m_sim = std::make_unique<Simulator>(options);
    QString error;
    QVERIFY2(m_sim->listen(QHostAddress::LocalHost, 0, &error), qPrintable(error));
    QVERIFY(m_sim->port() != 0);
    QCOMPARE(m_sim->deviceCount(), devices);
    m_http = std::make_unique<SimHttp>(m_sim->baseUrl());
    m_readToken = m_sim->issueAppToken({u"Machine.Read.All"_s});
    m_http->setToken(m_readToken);
}

void TestSimServer::pagingWithoutTop()
{
    const SimReply first = m_http->get(u"/api/machines"_s);
    QCOMPARE(first.status, 200);
    const QJsonArray page = first.json.value(u"value"_s).toArray();
    QCOMPARE(page.size(), 10000);
    QCOMPARE(page.first().toObject().value(u"id"_s), m_sim->machineJson(0).value(u"id"_s));
    const QString next = first.json.value(u"@odata.nextLink"_s).toString();
    QVERIFY2(next.startsWith(m_sim->baseUrl().toString() + u"/api/machines?"_s), qPrintable(next));
    QVERIFY2(next.contains(u"$skip=10000"_s), qPrintable(next));

    const SimReply second = m_http->get(next);
    QCOMPARE(second.status, 200);
    const QJsonArray rest = second.json.value(u"value"_s).toArray();
    QCOMPARE(rest.size(), devices - 10000);
    QCOMPARE(rest.first().toObject().value(u"id"_s), m_sim->machineJson(10000).value(u"id"_s));
    QVERIFY(!second.json.contains(u"@odata.nextLink"_s));
}

void TestSimServer::paging_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("count");
    QTest::addColumn<int>("firstIndex");
    QTest::newRow("top") << u"$top=100"_s << 100 << 0;
    QTest::newRow("top and skip") << u"$top=100&$skip=200"_s << 100 << 200;
    QTest::newRow("short last page") << u"$top=100&$skip=10000"_s << devices - 10000 << 10000;
    QTest::newRow("top max") << u"$top=10000"_s << 10000 << 0;
    QTest::newRow("skip near end") << u"$skip=10040"_s << 10 << 10040;
    QTest::newRow("skip past end") << u"$top=5&$skip=20000"_s << 0 << -1;
}

void TestSimServer::paging()
{
    QFETCH(QString, query);
    QFETCH(int, count);
    QFETCH(int, firstIndex);
    const SimReply reply = m_http->get(u"/api/machines?"_s + query);
    QCOMPARE(reply.status, 200);
    const QJsonArray page = reply.json.value(u"value"_s).toArray();
    QCOMPARE(page.size(), count);
    if (firstIndex >= 0)
        QCOMPARE(page.first().toObject(), m_sim->machineJson(firstIndex));
    // With $top the service gives no nextLink; these pages also reach the end without one.
    QVERIFY(!reply.json.contains(u"@odata.nextLink"_s));
}

void TestSimServer::countAndContext()
{
    const SimReply counted = m_http->get(u"/api/machines?$top=1&$count=true"_s);
    QCOMPARE(counted.status, 200);
    QCOMPARE(counted.json.value(u"@odata.count"_s).toInt(), devices);
    QVERIFY(counted.json.value(u"@odata.context"_s).toString().endsWith(u"$metadata#Machines"_s));
    const SimReply plain = m_http->get(u"/api/machines?$top=1"_s);
    QVERIFY(!plain.json.contains(u"@odata.count"_s));
}

void TestSimServer::nextLinkKeepsFilter()
{
    const QString filter = u"osPlatform ne 'NoSuchPlatform'"_s;
    const SimReply first = m_http->get(u"/api/machines?$filter="_s + filter);
    QCOMPARE(first.status, 200);
    QCOMPARE(first.json.value(u"value"_s).toArray().size(), 10000);
    const QUrl next(first.json.value(u"@odata.nextLink"_s).toString());
    const QUrlQuery query(next);
    QCOMPARE(query.queryItemValue(u"$filter"_s, QUrl::FullyDecoded), filter);
    QCOMPARE(query.queryItemValue(u"$skip"_s), u"10000"_s);
    const SimReply second = m_http->get(next.toString());
    QCOMPARE(second.json.value(u"value"_s).toArray().size(), devices - 10000);

    const QString platform = m_sim->machineJson(3).value(u"osPlatform"_s).toString();
    const SimReply filtered
        = m_http->get(u"/api/machines?$filter=osPlatform eq '%1'"_s.arg(platform));
    const QJsonArray matches = filtered.json.value(u"value"_s).toArray();
    QVERIFY(!matches.isEmpty() && matches.size() < devices);
    for (const auto &m : matches)
        QCOMPARE(m.toObject().value(u"osPlatform"_s).toString(), platform);
}

void TestSimServer::versionedPrefix()
{
    const SimReply reply = m_http->get(u"/api/v1.0/machines?$top=2"_s);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json.value(u"value"_s).toArray().size(), 2);
    const QString id = m_sim->machineJson(1).value(u"id"_s).toString();
    QCOMPARE(m_http->get(u"/api/v1.0/machines/"_s + id).json.value(u"id"_s).toString(), id);
}

void TestSimServer::odataErrors_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("top too large") << u"/api/machines?$top=10001"_s;
    QTest::newRow("top zero") << u"/api/machines?$top=0"_s;
    QTest::newRow("negative skip") << u"/api/machines?$skip=-1"_s;
    QTest::newRow("unknown field") << u"/api/machines?$filter=noSuchField eq 'x'"_s;
    QTest::newRow("unknown option") << u"/api/machines?$expand=x"_s;
    QTest::newRow("bad action filter") << u"/api/machineactions?$filter=osPlatform eq 'x'"_s;
}

void TestSimServer::odataErrors()
{
    QFETCH(QString, path);
    const SimReply reply = m_http->get(path);
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.errorCode(), u"ODataError"_s);
}

void TestSimServer::machineByIdOrName()
{
    const QJsonObject machine = m_sim->machineJson(42);
    const QString id = machine.value(u"id"_s).toString();
    const SimReply byId = m_http->get(u"/api/machines/"_s + id);
    QCOMPARE(byId.status, 200);
    QCOMPARE(byId.json.value(u"computerDnsName"_s), machine.value(u"computerDnsName"_s));
    QVERIFY(byId.json.value(u"@odata.context"_s).toString().endsWith(u"$entity"_s));
    const SimReply byName = m_http->get(
        u"/api/machines/"_s + machine.value(u"computerDnsName"_s).toString().toUpper());
    QCOMPARE(byName.json.value(u"id"_s).toString(), id);
    const SimReply missing = m_http->get(u"/api/machines/"_s + QString(40, u'f'));
    QCOMPARE(missing.status, 404);
    QCOMPARE(missing.errorCode(), u"ResourceNotFound"_s);
}

void TestSimServer::unauthorized_data()
{
    QTest::addColumn<QByteArray>("authorization");
    QTest::newRow("none") << QByteArray();
    QTest::newRow("not bearer") << QByteArray("Basic dXNlcjpwYXNz");
    QTest::newRow("garbage") << QByteArray("Bearer not-a-token");
    QTest::newRow("tampered") << ("Bearer " + m_readToken.toUtf8() + "x");
}

void TestSimServer::unauthorized()
{
    QFETCH(QByteArray, authorization);
    QNetworkRequest request(m_sim->baseUrl().resolved(QUrl(u"/api/machines?$top=1"_s)));
    if (!authorization.isEmpty())
        request.setRawHeader("Authorization", authorization);
    QNetworkReply *reply = m_http->nam().get(request);
    QSignalSpy spy(reply, &QNetworkReply::finished);
    QVERIFY(spy.wait(20000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 401);
    const QJsonObject error
        = QJsonDocument::fromJson(reply->readAll()).object()[u"error"_s].toObject();
    QCOMPARE(error.value(u"code"_s).toString(), u"Unauthorized"_s);
    QVERIFY(!QUuid::fromString(error.value(u"target"_s).toString()).isNull());
    reply->deleteLater();
}

void TestSimServer::forbidden_data()
{
    QTest::addColumn<bool>("app");
    QTest::addColumn<QStringList>("permissions");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("needle");
    const QString offboard = u"/api/machines/%1/offboard"_s;
    QTest::newRow("app without Offboard") << true << QStringList {u"Machine.Read.All"_s} << offboard
                                          << u"Missing application roles"_s;
    QTest::newRow("user without Offboard") << false << QStringList {u"Machine.Read"_s} << offboard
                                           << u"Missing delegated permissions"_s;
    QTest::newRow("app without read") << true << QStringList {u"Machine.Offboard"_s}
                                      << u"/api/machines"_s << u"Machine.Read.All"_s;
    QTest::newRow("user without read") << false << QStringList {u"Machine.Offboard"_s}
                                       << u"/api/machineactions"_s << u"Machine.Read"_s;
}

void TestSimServer::forbidden()
{
    QFETCH(bool, app);
    QFETCH(QStringList, permissions);
    QFETCH(QString, path);
    QFETCH(QString, needle);
    SimHttp http(m_sim->baseUrl());
    http.setToken(app ? m_sim->issueAppToken(permissions) : m_sim->issueUserToken(permissions));
    const QString id = m_sim->machineJson(0).value(u"id"_s).toString();
    const SimReply reply
        = path.contains(u"offboard"_s) ? http.post(path.arg(id), commentBody()) : http.get(path);
    QCOMPARE(reply.status, 403);
    QCOMPARE(reply.errorCode(), u"Forbidden"_s);
    const QString message = reply.json[u"error"_s][u"message"_s].toString();
    QVERIFY2(message.contains(needle), qPrintable(message));
    QCOMPARE(m_sim->offboardRequestCount(), 0);
}

void TestSimServer::unknownRoute()
{
    QCOMPARE(m_http->get(u"/api/nothing"_s).status, 404);
    QCOMPARE(m_http->get(u"/nothing"_s).status, 404);
    QCOMPARE(m_http->send("DELETE", u"/api/machines"_s).status, 405);
}

QTEST_GUILESS_MAIN(TestSimServer)
#include "tst_simserver.moc"
