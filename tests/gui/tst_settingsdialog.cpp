// SPDX-License-Identifier: MIT
// The settings dialog and the command-line overrides.
#include "launchoptions.h"
#include "settingsdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
const QString Tenant = u"11111111-2222-3333-4444-555555555555"_s;
const QString ClientId = u"aaaaaaaa-bbbb-cccc-dddd-000000000002"_s;
} // namespace

class TestSettingsDialog final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void customUrls_data();
    void customUrls();
    void secretOnlyForAppOnlyAndNeverInTheSettingsFile();
    void regionOnlyForCommercial();
    void launchOptionsOverride();
    void launchOptionsRefuse_data();
    void launchOptionsRefuse();
    void quitAfterShow();
};

void TestSettingsDialog::customUrls_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("https") << u"https://api.example.com"_s << true;
    QTest::newRow("loopback http") << u"http://127.0.0.1:8080"_s << true;
    QTest::newRow("localhost http") << u"http://localhost:8080"_s << true;
    QTest::newRow("remote http") << u"http://api.example.com"_s << false;
    QTest::newRow("not a url") << u"ftp://x"_s << false;
}

void TestSettingsDialog::customUrls()
{
    QFETCH(QString, url);
    QFETCH(bool, accepted);
    for (const QString &field : {u"apiUrlEdit"_s, u"loginUrlEdit"_s}) {
        SettingsDialog dialog(AppSettings {}, nullptr);
        dialog.show();
        QSignalSpy spy(&dialog, &SettingsDialog::settingsAccepted);
        auto *edit = dialog.findChild<QLineEdit *>(field);
        QTest::keyClicks(edit, url);
        auto *error = dialog.findChild<QLabel *>(
            field == u"apiUrlEdit"_s ? u"apiUrlError"_s : u"loginUrlError"_s);
        QCOMPARE(error->isVisible(), !accepted); // shown while typing, inline
        QCOMPARE(error->text().isEmpty(), accepted);
        auto *buttons = dialog.findChild<QDialogButtonBox *>(u"buttonBox"_s);
        QTest::mouseClick(buttons->button(QDialogButtonBox::Ok), Qt::LeftButton);
        QCOMPARE(spy.count(), accepted ? 1 : 0);
        QCOMPARE(dialog.isVisible(), !accepted);
        if (accepted) {
            const auto settings = spy.first().first().value<AppSettings>();
            QCOMPARE(field == u"apiUrlEdit"_s ? settings.apiUrl : settings.loginUrl, url);
        }
    }
}

void TestSettingsDialog::secretOnlyForAppOnlyAndNeverInTheSettingsFile()
{
    AppSettings initial;
    initial.tenant = Tenant;
    initial.clientId = ClientId;
    SettingsDialog dialog(initial, nullptr);
    dialog.show();
    auto *secret = dialog.findChild<QLineEdit *>(u"secretEdit"_s);
    QCOMPARE(secret->echoMode(), QLineEdit::Password);
    QVERIFY(!secret->isEnabled()); // interactive by default
    auto *mode = dialog.findChild<QComboBox *>(u"signInModeCombo"_s);
    mode->setCurrentIndex(mode->findData(int(SignInMode::AppOnly)));
    QVERIFY(secret->isEnabled());
    QTest::keyClicks(secret, u"s3cr3t-value"_s);

    QSignalSpy spy(&dialog, &SettingsDialog::settingsAccepted);
    dialog.accept();
    QCOMPARE(spy.count(), 1);
    const auto settings = spy.first().at(0).value<AppSettings>();
    QCOMPARE(spy.first().at(1).toString(), u"s3cr3t-value"_s);
    QCOMPARE(settings.signInMode, SignInMode::AppOnly);

    const QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"s.ini"_s);
    {
        QSettings file(path, QSettings::IniFormat);
        settings.save(file);
    }
    QFile written(path);
    QVERIFY(written.open(QIODevice::ReadOnly));
    const QByteArray text = written.readAll();
    QVERIFY(text.contains(ClientId.toUtf8()));
    QVERIFY(!text.contains("s3cr3t"));

    mode->setCurrentIndex(mode->findData(int(SignInMode::Interactive)));
    QVERIFY(dialog.clientSecret().isEmpty()); // switching away forgets it
}

void TestSettingsDialog::regionOnlyForCommercial()
{
    SettingsDialog dialog(AppSettings {}, nullptr);
    auto *cloud = dialog.findChild<QComboBox *>(u"cloudCombo"_s);
    auto *region = dialog.findChild<QComboBox *>(u"regionCombo"_s);
    region->setCurrentIndex(region->findData(u"eu"_s));
    QCOMPARE(dialog.settings().region, u"eu"_s);
    cloud->setCurrentIndex(cloud->findData(int(Cloud::GccHigh)));
    QVERIFY(!region->isEnabled());
    QCOMPARE(dialog.settings().cloud, Cloud::GccHigh);
    QVERIFY(dialog.settings().region.isEmpty());
}

void TestSettingsDialog::launchOptionsOverride()
{
    const auto options = LaunchOptions::parse({u"mde-offboard"_s, u"--api-url"_s,
        u"http://127.0.0.1:9000"_s, u"--login-url"_s, u"http://127.0.0.1:9001"_s, u"--tenant"_s,
        Tenant, u"--client-id"_s, u"aaaaaaaa-bbbb-cccc-dddd-000000000001"_s, u"--app-client-id"_s,
        ClientId, u"--sign-in"_s, u"app-only"_s, u"--cloud"_s, u"gcc"_s, u"--screenshot"_s,
        u"/tmp/x.png"_s});
    QVERIFY(options);
    QCOMPARE(options->screenshot, u"/tmp/x.png"_s);
    QVERIFY(options->wantsScreenshot());
    AppSettings settings;
    settings.region = u"eu"_s;
    QString error;
    QVERIFY2(options->applyTo(&settings, &error), qPrintable(error));
    QCOMPARE(settings.apiUrl, u"http://127.0.0.1:9000"_s);
    QCOMPARE(settings.loginUrl, u"http://127.0.0.1:9001"_s);
    QCOMPARE(settings.tenant, Tenant);
    QCOMPARE(settings.clientId, ClientId); // app-only uses the app's client id
    QCOMPARE(settings.signInMode, SignInMode::AppOnly);
    QCOMPARE(settings.cloud, Cloud::Gcc);
    QVERIFY(settings.region.isEmpty());
}

void TestSettingsDialog::launchOptionsRefuse_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<bool>("parses");
    QTest::newRow("unknown option") << QStringList {u"--bogus"_s} << false;
    QTest::newRow("positional") << QStringList {u"extra"_s} << false;
    QTest::newRow("remote http") << QStringList {u"--api-url"_s, u"http://example.com"_s} << true;
    QTest::newRow("bad cloud") << QStringList {u"--cloud"_s, u"mars"_s} << true;
    QTest::newRow("bad mode") << QStringList {u"--sign-in"_s, u"magic"_s} << true;
    QTest::newRow("bad tenant") << QStringList {u"--tenant"_s, u"not a tenant"_s} << true;
    QTest::newRow("bad client") << QStringList {u"--client-id"_s, u"123"_s} << true;
}

void TestSettingsDialog::launchOptionsRefuse()
{
    QFETCH(QStringList, arguments);
    QFETCH(bool, parses);
    QString error;
    const auto options = LaunchOptions::parse(QStringList {u"mde-offboard"_s} + arguments, &error);
    QCOMPARE(options.has_value(), parses);
    if (options) {
        AppSettings settings;
        const AppSettings before = settings;
        QVERIFY(!options->applyTo(&settings, &error));
        QVERIFY(settings == before); // nothing half-applied
    }
    QVERIFY(!error.isEmpty());
}

void TestSettingsDialog::quitAfterShow()
{
    const auto plain = LaunchOptions::parse({u"mde-offboard"_s});
    QVERIFY(plain && !plain->quitAfterShow);
    const auto options = LaunchOptions::parse({u"mde-offboard"_s, u"--quit-after-show"_s});
    QVERIFY(options && options->quitAfterShow);
    QVERIFY(!options->wantsScreenshot());

    // The real app, with no saved settings (signed out, no network): up, shown, gone, code 0.
    // It says "shown" once the first frame is painted: the benchmark times that line.
    QProcess app;
    app.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    app.start(QStringLiteral(MDE_APP_BIN), {u"--quit-after-show"_s});
    QVERIFY(app.waitForStarted(10000));
    QVERIFY(app.waitForFinished(60000));
    QCOMPARE(app.exitStatus(), QProcess::NormalExit);
    QCOMPARE(app.exitCode(), 0);
    QCOMPARE(app.readAllStandardOutput(), QByteArray("shown\n"));
}

QTEST_MAIN(TestSettingsDialog)
#include "tst_settingsdialog.moc"
