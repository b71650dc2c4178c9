// SPDX-License-Identifier: MIT
#include "appsettings.h"
#include "cacertificates.h"

#include <QFile>
#include <QProcess>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestAppSettings final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTrip();
    void defaultsForMissingOrInvalidValues();
    void saveLoginHintOnly();
    void completeness_data();
    void completeness();
    void endpoints_data();
    void endpoints();
    void caCertificates();
};

void TestAppSettings::roundTrip()
{
    QTemporaryDir dir;
    QSettings file(dir.filePath(u"s.ini"_s), QSettings::IniFormat);
    AppSettings s;
    s.cloud = Cloud::GccHigh;
    s.region = u""_s;
    s.tenant = u"contoso.onmicrosoft.com"_s;
    s.clientId = u"aaaaaaaa-bbbb-cccc-dddd-000000000001"_s;
    s.signInMode = SignInMode::AppOnly;
    s.apiUrl = u"http://127.0.0.1:8080"_s;
    s.loginUrl = u"https://login.example"_s;
    s.resource = u"https://api-gov.securitycenter.microsoft.us"_s;
    s.caFile = u"/etc/ssl/proxy.pem"_s;
    s.osPolicy = u"2026"_s;
    s.loginHint = u"analyst@contoso.example"_s;
    s.save(file);
    const AppSettings back = AppSettings::load(file);
    QVERIFY(back == s);
    // Nothing secret-looking is written: every key is one of the plain settings.
    file.beginGroup(u"connection"_s);
    const QStringList keys = file.allKeys();
    for (const QString &key : keys)
        QVERIFY2(!key.contains(u"secret"_s, Qt::CaseInsensitive)
                && !key.contains(u"token"_s, Qt::CaseInsensitive),
            qPrintable(key));
}

void TestAppSettings::defaultsForMissingOrInvalidValues()
{
    QTemporaryDir dir;
    QSettings file(dir.filePath(u"s.ini"_s), QSettings::IniFormat);
    file.setValue(u"connection/cloud"_s, u"mars"_s);
    file.setValue(u"connection/signInMode"_s, u"telepathy"_s);
    file.setValue(u"connection/osPolicy"_s, u"1999"_s);
    file.setValue(u"connection/region"_s, u"atlantis"_s);
    const AppSettings s = AppSettings::load(file);
    QCOMPARE(s.cloud, Cloud::Commercial);
    QCOMPARE(s.signInMode, SignInMode::Interactive);
    QCOMPARE(s.osPolicy, u"2024"_s);
    QVERIFY(s.region.isEmpty());
    QCOMPARE(signInModeFromString(u"app-only"_s), SignInMode::AppOnly);
    QCOMPARE(signInModeToString(SignInMode::Interactive), u"interactive"_s);
}

void TestAppSettings::saveLoginHintOnly()
{
    // The test runs with a private XDG_CONFIG_HOME, so the default location is ours.
    AppSettings s;
    s.tenant = u"contoso.example"_s;
    s.save();
    AppSettings::saveLoginHint(u"someone@contoso.example"_s);
    const AppSettings back = AppSettings::load();
    QCOMPARE(back.loginHint, u"someone@contoso.example"_s);
    QCOMPARE(back.tenant, u"contoso.example"_s);
}

void TestAppSettings::completeness_data()
{
    QTest::addColumn<QString>("tenant");
    QTest::addColumn<QString>("clientId");
    QTest::addColumn<bool>("complete");
    const QString guid = u"aaaaaaaa-bbbb-cccc-dddd-000000000001"_s;
    QTest::newRow("guid tenant") << u"11111111-2222-3333-4444-555555555555"_s << guid << true;
    QTest::newRow("domain tenant") << u"contoso.onmicrosoft.com"_s << guid << true;
    QTest::newRow("no tenant") << QString() << guid << false;
    QTest::newRow("path in tenant") << u"contoso.com/../x"_s << guid << false;
    QTest::newRow("common") << u"common"_s << guid << false;
    QTest::newRow("no client") << u"contoso.com"_s << QString() << false;
    QTest::newRow("bad client") << u"contoso.com"_s << u"not-a-guid"_s << false;
}

void TestAppSettings::completeness()
{
    QFETCH(QString, tenant);
    QFETCH(QString, clientId);
    QFETCH(bool, complete);
    AppSettings s;
    s.tenant = tenant;
    s.clientId = clientId;
    QString error;
    QCOMPARE(s.isComplete(&error), complete);
    QCOMPARE(error.isEmpty(), complete);
}

void TestAppSettings::endpoints_data()
{
    QTest::addColumn<QString>("apiUrl");
    QTest::addColumn<QString>("loginUrl");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("authority");
    QTest::newRow("defaults") << QString() << QString() << true
                              << u"https://login.microsoftonline.com"_s;
    QTest::newRow("loopback sim") << u"http://127.0.0.1:4567"_s << u"http://127.0.0.1:4567/"_s
                                  << true << u"http://127.0.0.1:4567"_s;
    QTest::newRow("http remote login")
        << QString() << u"http://login.example"_s << false << QString();
    QTest::newRow("http remote api") << u"http://api.example"_s << QString() << false << QString();
}

void TestAppSettings::endpoints()
{
    QFETCH(QString, apiUrl);
    QFETCH(QString, loginUrl);
    QFETCH(bool, ok);
    QFETCH(QString, authority);
    AppSettings s;
    s.apiUrl = apiUrl;
    s.loginUrl = loginUrl;
    QString error;
    const auto e = s.endpoints(&error);
    QCOMPARE(e.has_value(), ok);
    QCOMPARE(error.isEmpty(), ok);
    if (!ok)
        return;
    QCOMPARE(e->authority.toString(), authority);
    QVERIFY(!e->resource.isEmpty());
    if (!apiUrl.isEmpty())
        QCOMPARE(e->apiBase.port(), 4567);
}

void TestAppSettings::caCertificates()
{
    QTemporaryDir dir;
    QString error;
    // Empty path: nothing to add.
    QVERIFY(loadCaCertificates(QString(), &error).value().isEmpty());
    // Missing file.
    QVERIFY(!loadCaCertificates(dir.filePath(u"missing.pem"_s), &error));
    QVERIFY(error.contains(u"missing.pem"_s));
    // Not PEM.
    QFile junk(dir.filePath(u"junk.pem"_s));
    QVERIFY(junk.open(QIODevice::WriteOnly));
    junk.write("this is not a certificate\n");
    junk.close();
    error.clear();
    QVERIFY(!loadCaCertificates(junk.fileName(), &error));
    QVERIFY(error.contains(u"PEM"_s));
    // A real certificate.
    const QString openssl = QStandardPaths::findExecutable(u"openssl"_s);
    if (openssl.isEmpty())
        QSKIP("openssl is not installed; cannot make a test certificate");
    QProcess p;
    p.setWorkingDirectory(dir.path());
    p.start(openssl,
        {u"req"_s, u"-x509"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s, u"-keyout"_s, u"k.pem"_s,
            u"-out"_s, u"ca.pem"_s, u"-days"_s, u"30"_s, u"-subj"_s, u"/CN=Proxy Test CA"_s});
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitCode(), 0);
    const auto certificates = loadCaCertificates(dir.filePath(u"ca.pem"_s), &error);
    QVERIFY2(certificates, qPrintable(error));
    QCOMPARE(certificates->size(), 1);
    QCOMPARE(certificates->first().subjectDisplayName(), u"Proxy Test CA"_s);
}

QTEST_GUILESS_MAIN(TestAppSettings)
#include "tst_appsettings.moc"
