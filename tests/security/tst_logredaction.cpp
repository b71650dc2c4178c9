// SPDX-License-Identifier: MIT
// The places that log requests never log the Authorization header or a secret: the client's
// "mde.api" debug lines (and every other Qt category at debug level), the errors it reports, and
// the simulator's stderr request log (secret query values redacted).
#include "accesstokenprovider.h"
#include "defenderclient.h"
#include "secretscan.h"
#include "simulator.h"

#include <QLoggingCategory>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

#include <optional>

using namespace Qt::StringLiterals;
using namespace SecretScan;

namespace {
// JWT-shaped but not signed by the simulator: answered 401.
const QString ForgedToken = u"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJyZWRhY3Rpb24ifQ."
                            "Zm9yZ2VkLXNpZ25hdHVyZS1yZWRhY3Rpb24tdGVzdA"_s;
enum class Call { List, Machine, Offboard, Rejected };
} // namespace
Q_DECLARE_METATYPE(Call)

class TestLogRedaction final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void clientLogOmitsToken_data();
    void clientLogOmitsToken();
    void simulatorLogRedacts();

private:
    std::optional<LogCapture> m_log;
};

void TestLogRedaction::initTestCase()
{
    m_log.emplace();
    LogCapture::enableAllCategories();
    // The in-process simulator's HTTP server (Qt's qt.httpserver category) prints every request
    // header at debug level; it is the server side, not the client under test.
    QLoggingCategory::setFilterRules(u"*.debug=true\nqt.httpserver.debug=false"_s);
}

void TestLogRedaction::cleanupTestCase()
{
    m_log.reset();
}

void TestLogRedaction::clientLogOmitsToken_data()
{
    QTest::addColumn<Call>("call");
    QTest::addColumn<QString>("logged"); // what the debug line does say
    QTest::newRow("list") << Call::List << u"GET /api/machines 200"_s;
    QTest::newRow("machine") << Call::Machine << u"GET /api/machines/"_s;
    QTest::newRow("offboard") << Call::Offboard << u"/offboard 20"_s;
    QTest::newRow("401 and retry") << Call::Rejected << u"GET /api/machines 401"_s;
}

void TestLogRedaction::clientLogOmitsToken()
{
    QFETCH(Call, call);
    QFETCH(QString, logged);
    SimulatorOptions options;
    options.devices = 5;
    options.logRequests = false;
    Simulator sim(options);
    QVERIFY(sim.listen());
    const QString token = call == Call::Rejected
        ? ForgedToken
        : sim.issueAppToken({u"Machine.Read.All"_s, u"Machine.Offboard"_s});
    QVERIFY(token.count(u'.') == 2 && token.size() > 40);
    StaticTokenProvider tokens(token);
    QNetworkAccessManager network;
    DefenderClient client(&network, &tokens);
    QVERIFY(client.setApiBase(sim.baseUrl()));
    m_log->clear();

    const QString id = sim.machineJson(0).value(u"id"_s).toString();
    std::unique_ptr<ApiCall> running;
    if (call == Call::Machine)
        running.reset(client.machine(id));
    else if (call == Call::Offboard)
        running.reset(client.offboard(id, u"Redaction test"_s));
    else
        running.reset(client.listMachines());
    QSignalSpy finished(running.get(), &ApiCall::finished);
    QVERIFY(finished.wait(20000));
    QCOMPARE(running->isOk(), call != Call::Rejected);
    if (call == Call::Rejected) // one refresh, one retry: the header went out twice
        QCOMPARE(tokens.refreshCount(), 1);

    const QStringList lines = m_log->lines();
    const QString all = lines.join(u'\n');
    const bool apiLine = std::any_of(lines.cbegin(), lines.cend(),
        [&logged](const QString &l) { return l.startsWith(u"mde.api: "_s) && l.contains(logged); });
    QVERIFY2(apiLine, qPrintable(all)); // the debug line is there, so the check is not vacuous
    // Neither the header nor the token, nor its signature, nor the error shown to the user.
    const QString signature = token.section(u'.', 2);
    const QString error = running->error().displayText() + running->error().message;
    const QRegularExpression credential(
        u"bearer\\s+[A-Za-z0-9_-]{8}"_s, QRegularExpression::CaseInsensitiveOption);
    for (const QString &text : {all, error}) {
        QVERIFY(!text.contains(token));
        QVERIFY(!text.contains(signature));
        QVERIFY(!text.contains(credential)); // "Bearer <something token-like>"
        QVERIFY(!text.contains(u"Authorization:"_s, Qt::CaseInsensitive));
    }
}

void TestLogRedaction::simulatorLogRedacts()
{
    SimProcess sim;
    QString error;
    QVERIFY2(sim.start({u"--devices"_s, u"5"_s}, &error), qPrintable(error));
    const QStringList secretFields = {u"code"_s, u"access_token"_s, u"refresh_token"_s,
        u"client_secret"_s, u"code_verifier"_s, u"id_token"_s, u"password"_s};
    QStringList values;
    QUrlQuery query;
    for (const QString &field : secretFields) {
        values.append(u"SeCrEt-%1-0123456789"_s.arg(field));
        query.addQueryItem(field, values.last());
    }
    query.addQueryItem(u"$top"_s, u"1"_s);
    QUrl url = sim.baseUrl().resolved(QUrl(u"/api/machines"_s));
    url.setQuery(query);

    QNetworkAccessManager network;
    QNetworkRequest get(url);
    get.setRawHeader("Authorization", "Bearer " + ForgedToken.toLatin1());
    const QUrl tokenUrl
        = sim.baseUrl().resolved(QUrl(u"/%1/oauth2/v2.0/token"_s.arg(SimulatorOptions().tenant)));
    QNetworkRequest post(tokenUrl);
    post.setHeader(
        QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/x-www-form-urlencoded"));
    post.setRawHeader(
        "Authorization", "Basic " + QByteArray("app:" + values.at(3).toUtf8()).toBase64());
    const QByteArray form = "grant_type=refresh_token&refresh_token=" + values.at(2).toUtf8()
        + "&client_secret=" + values.at(3).toUtf8();
    std::unique_ptr<QNetworkReply> first(network.get(get));
    std::unique_ptr<QNetworkReply> second(network.post(post, form));
    QTRY_VERIFY_WITH_TIMEOUT(first->isFinished() && second->isFinished(), 20000);
    QCOMPARE(first->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 401);
    QVERIFY(second->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() >= 400);

    const QByteArray log = sim.stop();
    QVERIFY2(
        log.contains("GET /api/machines?code=REDACTED&access_token=REDACTED"), log.constData());
    QVERIFY2(log.contains("&%24top=1 401 ") || log.contains("&$top=1 401 "), log.constData());
    QVERIFY2(log.contains("POST /"), log.constData());
    for (const QString &value : std::as_const(values))
        QVERIFY2(!log.contains(value.toUtf8()), qPrintable(value));
    QVERIFY(!log.contains(ForgedToken.section(u'.', 2).toUtf8()));
    QVERIFY(!log.contains("Bearer"));
    QVERIFY(!log.contains("Basic"));
}

QTEST_GUILESS_MAIN(TestLogRedaction)
#include "tst_logredaction.moc"
