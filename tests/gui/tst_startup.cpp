// SPDX-License-Identifier: MIT
// The start of the app: the window is shown before the signed-in side starts and the audit log
// is opened (the rest of the start waits for its first paint), an audit log that cannot be used
// or a session module that cannot be loaded still reaches the message bar, and nothing is
// offboarded before the audit log is open.
#include "accesstokenprovider.h"
#include "appsession.h"
#include "auditlog.h"
#include "backend.h"
#include "bulkoffboard.h"
#include "launcher.h"
#include "mainwindow.h"
#include "messagebar.h"
#include "offboardcontroller.h"
#include "offboardrequest.h"
#include "prompter.h"
#include "simulator.h"
#include "windowsession.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QJsonObject>
#include <QNetworkProxy>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QWindow>

using namespace Qt::StringLiterals;

namespace {

// Notes, in order, the main window's paint events and the opening of the audit log.
class StartRecorder final : public QObject
{
public:
    QStringList events;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && watched->objectName() == u"mainWindow"_s
            && !events.contains(u"paint"_s))
            events.append(u"paint"_s);
        return QObject::eventFilter(watched, event);
    }
};

Backend *backendOf(const Launcher &launcher)
{
    auto *session = qobject_cast<AppSession *>(launcher.session());
    return session ? session->backend() : nullptr;
}

class SilentPrompter final : public Prompter
{
public:
    void about(QWidget *, const QString &, const QString &) override { }
    QString saveFileName(QWidget *, const QString &, const QString &, const QString &) override
    {
        return {};
    }
    QString openFileName(QWidget *, const QString &, const QString &) override { return {}; }
    void openUrl(const QUrl &) override { }
};

} // namespace

class TestStartup final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void windowIsPaintedBeforeTheAuditLogOpens();
    void unusableAuditLogReachesTheMessageBar();
    void missingSessionModuleReachesTheMessageBar();
    void offboardIsRefusedUntilTheAuditLogIsOpen();
    void quitAfterShowQuitsAfterTheFirstFrame();

private:
    QString auditPath() const;
};

void TestStartup::initTestCase()
{
    Startup::setIdentity();
}

void TestStartup::init()
{
    // The data folder outlives a run of the test: each case starts without an audit log.
    QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).removeRecursively();
}

QString TestStartup::auditPath() const
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(u"audit.sqlite"_s);
}

void TestStartup::windowIsPaintedBeforeTheAuditLogOpens()
{
    StartRecorder recorder;
    qApp->installEventFilter(&recorder);
    Launcher launcher(LaunchOptions {});
    launcher.setSessionFunction(&startAppSession);
    connect(&launcher, &Launcher::startFinished, &recorder, [&recorder, &launcher] {
        // The signed-in side has started: its audit log is open.
        const Backend *backend = backendOf(launcher);
        recorder.events.append(backend && backend->audit() ? u"audit"_s : u"no audit"_s);
    });
    QString error;
    QVERIFY2(launcher.start(&error), qPrintable(error));
    // start() returns with the window shown, no signed-in side and the audit log not touched.
    QVERIFY(launcher.window()->isVisible());
    QVERIFY(!launcher.isStartFinished());
    QVERIFY(!launcher.session());
    QVERIFY(!QFile::exists(auditPath()));

    QTRY_VERIFY(launcher.isStartFinished());
    qApp->removeEventFilter(&recorder);
    QCOMPARE(recorder.events, QStringList({u"paint"_s, u"audit"_s}));
    QVERIFY(launcher.window()->windowHandle()->isExposed());
    QVERIFY(backendOf(launcher)->audit());
    QVERIFY(QFile::exists(auditPath()));
}

void TestStartup::quitAfterShowQuitsAfterTheFirstFrame()
{
    // --quit-after-show (the start-up benchmark): the loop ends once the window has painted
    // its first frame, and nothing of the deferred start runs.
    StartRecorder recorder;
    qApp->installEventFilter(&recorder);
    LaunchOptions options;
    options.quitAfterShow = true;
    Launcher launcher(options);
    launcher.setSessionFunction(&startAppSession);
    QVERIFY(launcher.start());
    QEventLoop loop;
    bool timedOut = false;
    QTimer::singleShot(10000, &loop, [&] {
        timedOut = true;
        loop.exit(1);
    });
    QCOMPARE(loop.exec(), 0);
    qApp->removeEventFilter(&recorder);
    QVERIFY(!timedOut);
    QCOMPARE(recorder.events, QStringList {u"paint"_s});
    QVERIFY(!launcher.isStartFinished());
    QVERIFY(!launcher.session());
    QVERIFY(!QFile::exists(auditPath()));
}

void TestStartup::unusableAuditLogReachesTheMessageBar()
{
    QVERIFY(QDir().mkpath(QFileInfo(auditPath()).absolutePath()));
    QFile damaged(auditPath());
    QVERIFY(damaged.open(QIODevice::WriteOnly));
    damaged.write(QByteArray(4096, 'x'));
    damaged.close();

    Launcher launcher(LaunchOptions {});
    launcher.setSessionFunction(&startAppSession);
    QVERIFY(launcher.start());
    MessageBar *bar = launcher.window()->messageBar();
    QVERIFY(!bar->isVisible());
    QSignalSpy shown(bar, &MessageBar::messageShown);
    QTRY_VERIFY(launcher.isStartFinished());
    const Backend *backend = backendOf(launcher);
    QVERIFY(backend);
    QVERIFY(!backend->audit());
    QVERIFY(!backend->auditError().isEmpty());
    // The first message (a sign-in prompt may follow it).
    QVERIFY(!shown.isEmpty());
    const QString first = shown.constFirst().at(1).toString();
    QVERIFY2(first.contains(u"The audit log cannot be used: "_s + backend->auditError()),
        qPrintable(first));
    // The file it could not use is left as it was.
    QCOMPARE(QFileInfo(auditPath()).size(), 4096);
}

void TestStartup::missingSessionModuleReachesTheMessageBar()
{
    const QString path = u"/nonexistent/mde-offboard-session.so"_s;
    QString error;
    QVERIFY(!Launcher::loadSessionModule(path, &error));
    QVERIFY2(error.contains(path), qPrintable(error));

    Launcher launcher(LaunchOptions {});
    launcher.setSessionModule(path);
    QVERIFY(launcher.start());
    MessageBar *bar = launcher.window()->messageBar();
    QTRY_VERIFY(launcher.isStartFinished());
    QVERIFY(!launcher.session());
    QVERIFY(bar->isVisible());
    QVERIFY2(bar->text().contains(path), qPrintable(bar->text()));
    // The window stays usable, signed out: nothing to sign in with, nothing to offboard.
    QVERIFY(launcher.window()->isEnabled());
    QVERIFY(!launcher.window()->accountState().signedIn);
    QVERIFY(!QFile::exists(auditPath()));
}

void TestStartup::offboardIsRefusedUntilTheAuditLogIsOpen()
{
    QTemporaryDir dir;
    SimulatorOptions simOptions;
    simOptions.devices = 5;
    simOptions.logRequests = false;
    Simulator sim(simOptions);
    QString error;
    QVERIFY2(sim.listen(QHostAddress::LocalHost, 0, &error), qPrintable(error));
    StaticTokenProvider tokens(sim.issueAppToken({u"Machine.Read.All"_s, u"Machine.Offboard"_s}));
    Backend::Options options;
    options.fixedTokens = &tokens;
    options.fixedAccount = simOptions.appClientId;
    options.auditPath = dir.filePath(u"audit.sqlite"_s);
    options.openAuditLater = true;
    Backend backend(options);
    backend.network()->setProxy(QNetworkProxy::NoProxy);
    AppSettings settings;
    settings.apiUrl = sim.baseUrl().toString();
    settings.loginUrl = sim.baseUrl().toString();
    settings.tenant = simOptions.tenant;
    settings.clientId = simOptions.appClientId;
    settings.signInMode = SignInMode::AppOnly;
    QVERIFY2(backend.applySettings(settings, &error), qPrintable(error));
    SilentPrompter prompter;
    auto window = std::make_unique<MainWindow>(settings, &prompter);
    auto session = std::make_unique<WindowSession>(window.get(), &backend, &prompter);
    backend.start();
    QVERIFY(backend.isSignedIn());

    const QString machineId = sim.machineJson(0).value(u"id"_s).toString();
    const OffboardRequest request {
        {machineId}, {u"pc-0"_s}, u"Decommissioned hardware, ticket CHG-1042"_s};
    OffboardController *offboard = session->offboard();
    QSignalSpy problems(offboard, &OffboardController::problem);
    offboard->execute(request);
    QCOMPARE(problems.size(), 1);
    QVERIFY(!offboard->currentJob());
    QCOMPARE(sim.offboardRequestCount(), 0);

    QVERIFY2(backend.openAudit(), qPrintable(backend.auditError()));
    offboard->execute(request);
    QCOMPARE(problems.size(), 1);
    BulkOffboard *job = offboard->currentJob();
    QVERIFY(job);
    QCOMPARE(backend.audit()->records().size(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(job->isFinished(), 15000);
    QCOMPARE(backend.audit()->records().constFirst().machineId, machineId);
    session.reset();
    window.reset();
}

QTEST_MAIN(TestStartup)
#include "tst_startup.moc"
