// SPDX-License-Identifier: MIT
// mde-offboard-cli without MDE_CLIENT_SECRET: it signs in silently as the account the window
// signed in, with the refresh token the window left in the system keychain. Needs a Secret
// Service (run under dbus-run-session -- bash scripts/with-keyring).
#include "../auth/authtest.h"
#include "auditlog.h"
#include "clitest.h"
#include "keychaintokenstore.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QSignalSpy>

using namespace Qt::StringLiterals;
using namespace CliTest;

class TestCliKeychain final : public SimTest
{
    Q_OBJECT

private:
    KeychainTokenStore m_store;
    QString m_key;
    QString m_account;

private Q_SLOTS:
    void initTestCase()
    {
        if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
            QSKIP("No D-Bus session: run under dbus-run-session -- bash scripts/with-keyring");
        QVERIFY(m_sim.start(tenantOptions(30)));

        // What the window does: an interactive sign-in that leaves the refresh token in the
        // keychain and remembers the account.
        AppSettings settings;
        settings.tenant = Tenant;
        settings.clientId = SimulatorOptions().clientId; // the public app
        settings.apiUrl = m_sim.url().toString();
        settings.loginUrl = m_sim.url().toString();
        const Endpoints endpoints = settings.endpoints().value_or(Endpoints {});
        QNetworkAccessManager network;
        AuthTest::ScriptedBrowser browser;
        SignInSession session(settings, endpoints, &network, &m_store);
        session.setRememberAccount(false); // the test's own settings stay untouched
        session.setBrowserOpener(browser.opener());
        QSignalSpy signedIn(&session, &SignInSession::signedIn);
        session.signIn();
        QVERIFY(signedIn.wait(20000));
        m_account = session.account();
        QVERIFY(!m_account.isEmpty());
        m_key = TokenStore::makeKey(Cloud::Commercial, Tenant, settings.clientId, m_account);
        // Shared: reads still on their way when the wait ends answer later.
        auto stored = std::make_shared<bool>(false);
        const auto check = [this, stored] {
            m_store.read(m_key, this, [stored](const TokenStoreResult &r) {
                *stored = *stored || (r.isOk() && !r.secret.isEmpty());
            });
        };
        QTRY_VERIFY_WITH_TIMEOUT((check(), *stored), 10000);

        settings.loginHint = m_account;
        QVERIFY(QDir().mkpath(QFileInfo(m_cli.settingsPath()).path()));
        QSettings file(m_cli.settingsPath(), QSettings::IniFormat);
        settings.save(file);
    }

    void cleanupTestCase()
    {
        if (m_key.isEmpty())
            return;
        auto removed = std::make_shared<bool>(false);
        m_store.remove(m_key, this, [removed](const TokenStoreResult &) { *removed = true; });
        QTRY_VERIFY(*removed);
    }

    void signsInAsTheWindowsAccount()
    {
        m_sim.clearRequests();
        const Run list = m_cli.run({u"--format=json"_s, u"machines"_s}, {}, false);
        QCOMPARE(list.exitCode, 0);
        QCOMPARE(list.json().size(), 30);
        // A refresh-token grant, no client secret anywhere.
        QCOMPARE(m_sim.countRequests(u"POST"_s, u"/oauth2/v2.0/token"_s), 1);
    }

    void offboardsAsTheUser()
    {
        const QStringList ids = deviceIds(
            CliTest::machines(m_cli, m_sim), u"Windows11"_s, 1, devicesWithActions(m_cli, m_sim));
        QCOMPARE(ids.size(), 1);
        // The CLI helpers add the app secret; this run must not have it.
        const Run run = m_cli.run(
            {u"--format=json"_s, u"offboard"_s, u"--comment=x"_s, u"--yes"_s, ids.first()}, {},
            false);
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.json().first().toObject().value(u"ok"_s).toBool(), true);
        AuditLog audit;
        QVERIFY(audit.open(m_cli.auditPath()));
        const QList<AuditRecord> records = audit.records();
        QCOMPARE(records.size(), 1);
        QCOMPARE(records.first().requestor, m_account);
    }
};

QTEST_GUILESS_MAIN(TestCliKeychain)
#include "tst_clikeychain.moc"
