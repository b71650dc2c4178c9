// SPDX-License-Identifier: MIT
// HTTPS with a throwaway certificate, and the mde-sim executable itself.
#include "tst_simhttp.h"

#include <QProcess>
#include <QSslCertificate>
#include <QStandardPaths>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;

class TestSimTls final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void https();
    void untrustedCertificateFails();
    void badCertificateFiles();
    void executableListens();
    void executableRefusesNonLoopback();

private:
    QTemporaryDir m_dir;
    QString m_cert;
    QString m_key;
};

void TestSimTls::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const QString openssl = QStandardPaths::findExecutable(u"openssl"_s);
    if (openssl.isEmpty())
        QSKIP("openssl is not installed");
    m_cert = m_dir.filePath(u"cert.pem"_s);
    m_key = m_dir.filePath(u"key.pem"_s);
    QProcess process;
    process.start(openssl,
        {u"req"_s, u"-x509"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s, u"-days"_s, u"2"_s,
            u"-subj"_s, u"/CN=127.0.0.1"_s, u"-addext"_s, u"subjectAltName=IP:127.0.0.1"_s,
            u"-keyout"_s, m_key, u"-out"_s, m_cert});
    QVERIFY(process.waitForFinished(60000));
    QCOMPARE(process.exitCode(), 0);
}

void TestSimTls::https()
{
    SimulatorOptions options;
    options.devices = 10;
    options.logRequests = false;
    options.tlsCertFile = m_cert;
    options.tlsKeyFile = m_key;
    Simulator sim(options);
    QString error;
    QVERIFY2(sim.listen(QHostAddress::LocalHost, 0, &error), qPrintable(error));
    QCOMPARE(sim.baseUrl().scheme(), u"https"_s);

    SimHttp http(sim.baseUrl());
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.addCaCertificates(QSslCertificate::fromPath(m_cert));
    http.setSslConfiguration(config);
    http.setToken(sim.issueAppToken({u"Machine.Read.All"_s}));
    const SimReply reply = http.get(u"/api/machines?$top=2"_s);
    QCOMPARE(reply.error, QNetworkReply::NoError);
    QCOMPARE(reply.status, 200);
    QVERIFY(reply.json.value(u"@odata.context"_s).toString().startsWith(u"https://127.0.0.1:"_s));
}

void TestSimTls::untrustedCertificateFails()
{
    SimulatorOptions options;
    options.devices = 5;
    options.logRequests = false;
    options.tlsCertFile = m_cert;
    options.tlsKeyFile = m_key;
    Simulator sim(options);
    QVERIFY(sim.listen());
    SimHttp http(sim.baseUrl()); // default CAs only: the self-signed certificate is refused
    http.setToken(sim.issueAppToken({u"Machine.Read.All"_s}));
    const SimReply reply = http.get(u"/api/machines?$top=1"_s);
    QVERIFY(reply.finished);
    QCOMPARE(reply.error, QNetworkReply::SslHandshakeFailedError);
    QCOMPARE(reply.status, 0);
}

void TestSimTls::badCertificateFiles()
{
    SimulatorOptions options;
    options.logRequests = false;
    options.tlsCertFile = m_dir.filePath(u"missing.pem"_s);
    options.tlsKeyFile = m_key;
    Simulator sim(options);
    QString error;
    QVERIFY(!sim.listen(QHostAddress::LocalHost, 0, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!sim.listen(QHostAddress(u"192.0.2.1"_s), 0, &error)); // never beyond loopback
}

void TestSimTls::executableListens()
{
    const QString bin = qEnvironmentVariable("MDE_SIM_BIN");
    if (bin.isEmpty())
        QSKIP("MDE_SIM_BIN is not set");
    QProcess process;
    process.setProcessChannelMode(QProcess::SeparateChannels);
    process.start(bin,
        {u"--port"_s, u"0"_s, u"--devices"_s, u"20"_s, u"--fault"_s,
            uR"({"endpoint":"machines","htmlError":1})"_s});
    QVERIFY(process.waitForStarted(10000));
    QTRY_VERIFY_WITH_TIMEOUT(process.canReadLine() || process.state() != QProcess::Running, 20000);
    const QString first = QString::fromUtf8(process.readLine()).trimmed();
    QVERIFY2(first.startsWith(u"mde-sim listening on http://127.0.0.1:"_s), qPrintable(first));
    const QUrl base(first.section(u' ', 3));
    QVERIFY(base.port() > 0);

    SimHttp http(base);
    QCOMPARE(http.get(u"/api/machines"_s).status, 502); // the --fault, used up
    http.setToken(u"eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl"_s); // a token shape, badly signed
    QCOMPARE(http.get(u"/api/machines?code=SECRETCODE&$top=1"_s).status, 401);
    const SimReply faults = http.get(u"/admin/faults"_s);
    QCOMPARE(faults.status, 200);
    QCOMPARE(faults.json[u"faults"_s][0][u"endpoint"_s].toString(), u"machines"_s);
    QCOMPARE(faults.json[u"faults"_s][0][u"htmlError"_s].toInt(), 0);

    process.terminate();
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 0);
    QVERIFY(process.readAllStandardOutput().contains("demo secret"));
    // One line per request on stderr, without tokens or secret query values.
    const QByteArray log = process.readAllStandardError();
    QVERIFY2(log.contains("GET /api/machines 502 "), log.constData());
    QVERIFY2(log.contains("GET /api/machines?code=REDACTED&$top=1 401 "), log.constData());
    QVERIFY(!log.contains("SECRETCODE"));
    QVERIFY(!log.contains("eyJhbGciOiJIUzI1NiJ9"));
}

void TestSimTls::executableRefusesNonLoopback()
{
    const QString bin = qEnvironmentVariable("MDE_SIM_BIN");
    if (bin.isEmpty())
        QSKIP("MDE_SIM_BIN is not set");
    QProcess process;
    process.start(bin, {u"--host"_s, u"0.0.0.0"_s, u"--port"_s, u"0"_s});
    QVERIFY(process.waitForFinished(20000));
    QVERIFY(process.exitCode() != 0);
    QVERIFY(process.readAllStandardOutput().isEmpty());
}

QTEST_GUILESS_MAIN(TestSimTls)
#include "tst_simtls.moc"
