// SPDX-License-Identifier: MIT
// After a full sign-in, listing, offboard and sign-out run against the mde-sim executable, no
// access token, refresh token, authorization code, code verifier or client secret is found in
// the settings, data or cache folders (SQLite WAL included) or in any captured log line (every
// Qt logging category at debug level, and the simulator's stderr request log).
// Needs the Secret Service: without a D-Bus session it runs itself again inside
// dbus-run-session with a throwaway unlocked gnome-keyring (scripts/with-keyring).
#include "../auth/authtest.h"
#include "auditlog.h"
#include "bulkoffboard.h"
#include "defenderclient.h"
#include "eligibility.h"
#include "keychaintokenstore.h"
#include "ratebudget.h"
#include "secretscan.h"

#include <QDir>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QUuid>

#include <optional>

using namespace Qt::StringLiterals;
using namespace SecretScan;

namespace {
const QString Comment = u"Decommissioned: secret-scan test run"_s;

struct Run
{
    RecordingNetwork network;
    KeychainTokenStore store; // the real keychain, service "mde-offboard"
    std::unique_ptr<SignInSession> session;
    AuthTest::ScriptedBrowser browser;
    AuditLog audit; // left open until the scan: the database is seen with its WAL
};
} // namespace

class TestSecretScan final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void fullRunLeavesNoSecret_data();
    void fullRunLeavesNoSecret();

private:
    void listAndOffboard(Run &run, const QUrl &api);
    std::optional<LogCapture> m_log;
};

void TestSecretScan::initTestCase()
{
    QVERIFY2(!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"), "no Secret Service");
    for (const QString &folder : xdgFolders())
        QVERIFY2(!folder.isEmpty(), "XDG_*_HOME must be set by the test runner");
    // The app's own names, so settings and data land where the app keeps them.
    QCoreApplication::setOrganizationName(QString::fromLatin1(AppSettings::organization));
    QCoreApplication::setApplicationName(QString::fromLatin1(AppSettings::application));
    m_log.emplace();
    LogCapture::enableAllCategories();
}

void TestSecretScan::cleanupTestCase()
{
    m_log.reset();
}

void TestSecretScan::fullRunLeavesNoSecret_data()
{
    QTest::addColumn<SignInMode>("mode");
    QTest::addColumn<QStringList>("expectedKinds");
    QTest::newRow("interactive") << SignInMode::Interactive
                                 << QStringList {u"access_token"_s, u"refresh_token"_s, u"code"_s,
                                        u"code_verifier"_s};
    QTest::newRow("app-only") << SignInMode::AppOnly
                              << QStringList {u"access_token"_s, u"client_secret"_s};
}

void TestSecretScan::fullRunLeavesNoSecret()
{
    QFETCH(SignInMode, mode);
    QFETCH(QStringList, expectedKinds);
    m_log->clear();
    // A fresh secret per run, so that nothing but this run could have written it.
    const QString clientSecret
        = u"scan~"_s + QUuid::createUuid().toString(QUuid::WithoutBraces) + u"~Xq8/+="_s;
    const SimulatorOptions defaults;
    SimProcess sim;
    QString error;
    QVERIFY2(sim.start({u"--devices"_s, u"40"_s, u"--seed"_s, u"11"_s, u"--client-secret"_s,
                           clientSecret},
                 &error),
        qPrintable(error));

    AppSettings settings;
    settings.tenant = defaults.tenant;
    settings.signInMode = mode;
    settings.clientId = mode == SignInMode::AppOnly ? defaults.appClientId : defaults.clientId;
    settings.apiUrl = sim.baseUrl().toString();
    settings.loginUrl = sim.baseUrl().toString();
    settings.save(); // the settings file the app would write
    const auto endpoints = settings.endpoints(&error);
    QVERIFY2(endpoints, qPrintable(error));

    Run run;
    run.session = std::make_unique<SignInSession>(settings, *endpoints, &run.network, &run.store);
    run.session->setBrowserOpener(run.browser.opener());
    QSignalSpy signedIn(run.session.get(), &SignInSession::signedIn);
    QSignalSpy failed(run.session.get(), &SignInSession::signInFailed);
    if (mode == SignInMode::AppOnly) {
        std::optional<bool> stored;
        run.session->storeClientSecret(clientSecret, [&stored](bool ok, const QString &message) {
            stored = ok;
            if (!ok)
                qWarning("keychain: %s", qPrintable(message));
        });
        QTRY_VERIFY_WITH_TIMEOUT(stored.has_value(), 20000);
        QVERIFY(*stored);
    }
    run.session->signIn();
    QVERIFY(signedIn.wait(20000));
    QVERIFY2(failed.isEmpty(), qPrintable(run.session->lastError()));
    QVERIFY(run.session->isStoragePersistent());
    if (mode == SignInMode::Interactive) {
        QTRY_VERIFY(run.browser.finished);
        QVERIFY2(run.browser.failure.isEmpty(), qPrintable(run.browser.failure));
    }

    // One forced refresh: a rotated refresh token (interactive) or a new app token.
    std::optional<QString> refreshed;
    run.session->requestToken(
        this, [&refreshed](const QString &token, const ApiError &) { refreshed = token; }, true);
    QTRY_VERIFY_WITH_TIMEOUT(refreshed.has_value(), 20000);
    QVERIFY(!refreshed->isEmpty());

    listAndOffboard(run, sim.baseUrl());
    if (QTest::currentTestFailed())
        return;

    QSignalSpy signedOut(run.session.get(), &SignInSession::signedOut);
    run.session->signOut();
    QTRY_VERIFY_WITH_TIMEOUT(!signedOut.isEmpty(), 20000);
    const QByteArray simLog = sim.stop();

    // Sign-out deleted the keychain entry.
    const QString key = TokenStore::makeKey(Cloud::Commercial, settings.tenant, settings.clientId,
        mode == SignInMode::AppOnly ? TokenStore::clientSecretAccount() : defaults.userUpn);
    std::optional<TokenStoreResult> entry;
    run.store.read(key, this, [&entry](const TokenStoreResult &r) { entry = r; });
    QTRY_VERIFY_WITH_TIMEOUT(entry.has_value(), 20000);
    QCOMPARE(entry->status, TokenStoreResult::Status::NotFound);

    // What the run carried: the secrets to look for.
    Secrets secrets = run.network.secrets();
    if (mode == SignInMode::Interactive) {
        const QString code
            = QUrlQuery(run.browser.callbackUrl).queryItemValue(u"code"_s, QUrl::FullyDecoded);
        QVERIFY(!code.isEmpty());
        secrets[u"code"_s].insert(code.toUtf8());
    }
    secrets[u"client_secret"_s].insert(clientSecret.toUtf8());
    for (const QString &kind : std::as_const(expectedKinds))
        QVERIFY2(!secrets.value(kind).isEmpty(), qPrintable(u"no %1 was seen"_s.arg(kind)));
    QVERIFY(secrets.value(u"access_token"_s).size() >= 2); // before and after the refresh
    for (const auto &values : std::as_const(secrets)) {
        for (const QByteArray &value : values)
            QVERIFY(value.size() >= 16); // long enough that a match is no coincidence
    }
    QVERIFY(run.network.tokenCalls() >= 2);
    QVERIFY(run.network.bearerCalls() >= 3);

    // Scan while the audit database (and its WAL) is still as the app leaves it.
    const QStringList logLines = m_log->lines();
    const ScanResult result = scan(secrets, xdgFolders(), logLines, simLog);
    QVERIFY2(result.findings.isEmpty(), qPrintable(result.describe()));
    QVERIFY2(result.files >= 3, qPrintable(result.describe())); // settings, audit db, WAL
    QVERIFY2(result.walFiles >= 1, qPrintable(result.describe()));
    QVERIFY(result.bytes > 0);
    // Debug logging was on: the client's request lines were captured (and scanned).
    const auto logged = [&logLines](const QString &text) {
        return std::any_of(logLines.cbegin(), logLines.cend(),
            [&text](const QString &line) { return line.startsWith(text); });
    };
    QVERIFY2(logged(u"mde.api: GET /api/machines"_s), qPrintable(logLines.join(u'\n')));
    QVERIFY2(logged(u"mde.api: POST /api/machines/"_s), qPrintable(logLines.join(u'\n')));
    QVERIFY(simLog.contains("/oauth2/v2.0/token 200"));
    QVERIFY(simLog.contains("/offboard 20"));
}

void TestSecretScan::listAndOffboard(Run &run, const QUrl &api)
{
    DefenderClient client(&run.network, run.session.get());
    client.setTransferTimeout(15000);
    QString error;
    QVERIFY2(client.setApiBase(api, &error), qPrintable(error));

    // Devices with an offboard already pending are not eligible.
    ActionQuery query;
    query.filter = u"type eq 'Offboard'"_s;
    std::unique_ptr<ActionListCall> actions(client.machineActions(query));
    QSignalSpy actionsDone(actions.get(), &ApiCall::finished);
    QVERIFY(actionsDone.wait(20000));
    QVERIFY2(actions->isOk(), qPrintable(actions->error().displayText()));
    QSet<QString> pending;
    for (const MachineAction &action : actions->actions()) {
        if (!isFinal(action.status))
            pending.insert(action.machineId.toLower());
    }

    QList<Machine> machines;
    std::unique_ptr<MachineListCall> list(client.listMachines());
    connect(list.get(), &MachineListCall::pageReceived, this,
        [&machines](const QList<Machine> &page) { machines += page; });
    QSignalSpy listDone(list.get(), &ApiCall::finished);
    QVERIFY(listDone.wait(20000));
    QVERIFY2(list->isOk(), qPrintable(list->error().displayText()));
    QCOMPARE(machines.size(), 40);

    std::optional<OffboardTarget> target;
    for (const Machine &m : std::as_const(machines)) {
        EligibilityContext context;
        context.canOffboard = run.session->canOffboard();
        context.hasPendingOffboard = pending.contains(m.id.toLower());
        if (!target && evaluateEligibility(m, context).verdict == Eligibility::Eligible)
            target = OffboardTarget {m.id, m.computerDnsName};
    }
    QVERIFY(target);

    AuditLog &audit = run.audit;
    const QString auditPath
        = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/audit.sqlite"_s;
    QVERIFY2(auditPath.startsWith(qEnvironmentVariable("XDG_DATA_HOME")), qPrintable(auditPath));
    QVERIFY2(audit.open(auditPath), qPrintable(audit.errorString()));
    RateBudget budget;
    BulkOffboard batch(&client, &budget, &audit);
    QSignalSpy finished(&batch, &BulkOffboard::finished);
    QVERIFY2(batch.start({*target}, Comment, run.session->account(), &error), qPrintable(error));
    QVERIFY(finished.wait(30000));
    QCOMPARE(batch.result(0).state, BulkOffboard::DeviceState::Done);
    QCOMPARE(audit.record(batch.result(0).auditId).state, AuditRecord::State::Succeeded);
    QVERIFY(QFile::exists(auditPath + u"-wal"_s));
}

int main(int argc, char **argv)
{
    const int rerun = SecretScan::rerunInKeyringSession(argc, argv);
    if (rerun >= 0)
        return rerun;
    QCoreApplication app(argc, argv);
    TestSecretScan test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_secretscan.moc"
