// SPDX-License-Identifier: MIT
// Whatever QT_LOGGING_RULES enable, no Authorization header reaches a log: QtHttpServer 6.4
// logs "Request: … (Headers: … Authorization …)" on qt.httpserver at debug level, so the
// simulator keeps qt.httpserver* debug/info off (Simulator::installLogFilter), in the executable
// and in any process that embeds it.
#include "tst_simhttp.h"

#include <QLoggingCategory>
#include <QProcess>
#include <QProcessEnvironment>
#include <QUrlQuery>

#include <optional>

using namespace Qt::StringLiterals;

namespace {

// Recognisable, JWT-shaped, not signed by the simulator: answered 401, but its header is sent.
const QByteArray CanaryToken = "eyJhbGciOiJIUzI1NiJ9.eyJjYW5hcnkiOiJsb2dzIn0."
                               "Q0FOQVJZLXNpbS1sb2dnaW5nLXNpZ25hdHVyZQ";

QStringList capturedMessages;
void captureMessage(QtMsgType, const QMessageLogContext &context, const QString &message)
{
    capturedMessages.append(QString::fromLatin1(context.category) + u": "_s + message);
}

// The parts of a token that would give it away in a log.
QList<QByteArray> tokenForms(const QByteArray &token)
{
    QList<QByteArray> forms {token};
    const QList<QByteArray> parts = token.split('.');
    if (parts.size() == 3)
        forms << parts.at(1) << parts.at(2);
    return forms;
}

} // namespace

class TestSimLogging final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void executableOmitsAuthorization_data();
    void executableOmitsAuthorization();
    void inProcessOmitsAuthorization();
};

void TestSimLogging::executableOmitsAuthorization_data()
{
    QTest::addColumn<QString>("rules");
    QTest::newRow("httpserver") << u"qt.httpserver*=true"_s;
    QTest::newRow("everything at debug") << u"*.debug=true;qt.httpserver*=true"_s;
    QTest::newRow("named categories")
        << u"qt.httpserver.debug=true;qt.httpserver.response.debug=true;*.info=true"_s;
}

void TestSimLogging::executableOmitsAuthorization()
{
    QFETCH(QString, rules);
    const QString bin = qEnvironmentVariable("MDE_SIM_BIN");
    if (bin.isEmpty())
        QSKIP("MDE_SIM_BIN is not set");
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"QT_LOGGING_RULES"_s, rules);
    process.setProcessEnvironment(environment);
    process.start(bin, {u"--port"_s, u"0"_s, u"--devices"_s, u"20"_s});
    QVERIFY(process.waitForStarted(10000));
    QTRY_VERIFY_WITH_TIMEOUT(process.canReadLine() || process.state() != QProcess::Running, 20000);
    const QString first = QString::fromUtf8(process.readLine()).trimmed();
    QVERIFY2(first.startsWith(u"mde-sim listening on http://127.0.0.1:"_s), qPrintable(first));
    const QUrl base(first.section(u' ', 3));
    const SimulatorOptions defaults;

    // A real app-only token from the executable's own token endpoint.
    SimHttp http(base);
    QUrlQuery form;
    form.addQueryItem(u"grant_type"_s, u"client_credentials"_s);
    form.addQueryItem(u"client_id"_s, defaults.appClientId);
    form.addQueryItem(u"client_secret"_s, defaults.clientSecret);
    form.addQueryItem(u"scope"_s, u"https://api.securitycenter.microsoft.com/.default"_s);
    QNetworkRequest tokenRequest(
        base.resolved(QUrl(u"/%1/oauth2/v2.0/token"_s.arg(defaults.tenant))));
    tokenRequest.setHeader(
        QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/x-www-form-urlencoded"));
    QNetworkReply *reply
        = http.nam().post(tokenRequest, form.toString(QUrl::FullyEncoded).toUtf8());
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(20000));
    const QByteArray token = QJsonDocument::fromJson(reply->readAll())
                                 .object()
                                 .value(u"access_token"_s)
                                 .toString()
                                 .toUtf8();
    reply->deleteLater();
    QVERIFY(token.count('.') == 2);

    http.setToken(QString::fromLatin1(token));
    QCOMPARE(http.get(u"/api/machines?$top=2"_s).status, 200);
    http.setToken(QString::fromLatin1(CanaryToken));
    QCOMPARE(http.get(u"/api/machines/canary"_s).status, 401);

    process.terminate();
    QVERIFY(process.waitForFinished(10000));
    const QByteArray out = process.readAllStandardOutput() + process.readAllStandardError();
    // The requests were served and logged (the simulator's own redacted request log).
    QVERIFY2(out.contains("GET /api/machines?$top=2 200 "), out.right(2000).constData());
    QVERIFY2(out.contains("GET /api/machines/canary 401 "), out.right(2000).constData());
    for (const QByteArray &secret : tokenForms(token) + tokenForms(CanaryToken))
        QVERIFY2(!out.contains(secret), "a bearer token reached the simulator's output");
    QVERIFY(!out.contains("Bearer "));
}

void TestSimLogging::inProcessOmitsAuthorization()
{
    // Rules set before the simulator and after it: the filter wins over both.
    QLoggingCategory::setFilterRules(u"qt.httpserver*=true"_s);
    SimulatorOptions options;
    options.devices = 5;
    options.logRequests = false;
    Simulator sim(options);
    QVERIFY(sim.listen());
    QLoggingCategory::setFilterRules(u"*.debug=true\nqt.httpserver*=true"_s);
    capturedMessages.clear();
    const QtMessageHandler previous = qInstallMessageHandler(captureMessage);

    SimHttp http(sim.baseUrl());
    const QByteArray token = sim.issueUserToken({u"Machine.Read"_s}).toUtf8();
    http.setToken(QString::fromLatin1(token));
    const int status = http.get(u"/api/machines"_s).status;
    http.setToken(QString::fromLatin1(CanaryToken));
    const int canaryStatus = http.get(u"/api/machines"_s).status;

    qInstallMessageHandler(previous);
    QLoggingCategory::setFilterRules({});
    QCOMPARE(status, 200);
    QCOMPARE(canaryStatus, 401);
    const QByteArray logged = capturedMessages.join(u'\n').toUtf8();
    for (const QByteArray &secret : tokenForms(token) + tokenForms(CanaryToken))
        QVERIFY2(!logged.contains(secret), "a bearer token reached a log message");
    // Only debug and info are held back.
    QVERIFY(QLoggingCategory("qt.httpserver").isWarningEnabled());
}

QTEST_GUILESS_MAIN(TestSimLogging)
#include "tst_simlogging.moc"
