// SPDX-License-Identifier: MIT
// The app as it ships: the executable (the window side) loads the mde-offboard-session module
// (the signed-in side) once its window is up. Run for real against an in-process simulator:
// signed in app-only, the first page of devices shown, the offboard dialog opened, pictures of
// both written. And the executable without its module: a clear message, no crash.
#include "simulator.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestAppBinary final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void signsInAndShowsDevicesThroughTheModule();
    void missingModuleIsReported();

private:
    // Runs the app until it exits (the simulator keeps serving meanwhile); its exit code.
    int run(const QString &program, const QStringList &extra, QByteArray *errors);

    std::unique_ptr<Simulator> m_sim;
    QTemporaryDir m_dir;
};

void TestAppBinary::initTestCase()
{
    QVERIFY(m_dir.isValid());
    SimulatorOptions options;
    options.devices = 40;
    m_sim = startLoopbackSimulator(options);
    QVERIFY(m_sim);
}

int TestAppBinary::run(const QString &program, const QStringList &extra, QByteArray *errors)
{
    const SimulatorOptions &o = m_sim->options();
    const QString url = m_sim->baseUrl().toString();
    QProcess app;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"MDE_CLIENT_SECRET"_s, o.clientSecret); // as scripts/demo hands it over
    env.insert(u"XDG_CONFIG_HOME"_s, m_dir.filePath(u"config"_s));
    env.insert(u"XDG_DATA_HOME"_s, m_dir.filePath(u"data"_s));
    app.setProcessEnvironment(env);
    app.start(program,
        QStringList {u"--api-url"_s, url, u"--login-url"_s, url, u"--tenant"_s, o.tenant,
            u"--client-id"_s, o.appClientId, u"--sign-in"_s, u"app-only"_s, u"--app-client-id"_s,
            o.appClientId}
            + extra);
    if (!app.waitForStarted(10000))
        return -1;
    // Bounded: the app gives up by itself after two minutes without devices.
    if (!QTest::qWaitFor([&app] { return app.state() == QProcess::NotRunning; }, 150000)) {
        app.kill();
        app.waitForFinished(10000);
        return -1;
    }
    *errors = app.readAllStandardError();
    return app.exitStatus() == QProcess::NormalExit ? app.exitCode() : -1;
}

void TestAppBinary::signsInAndShowsDevicesThroughTheModule()
{
    const QString window = m_dir.filePath(u"window.png"_s);
    const QString dialog = m_dir.filePath(u"dialog.png"_s);
    QByteArray errors;
    const int code = run(QStringLiteral(MDE_APP_BIN),
        {u"--screenshot"_s, window, u"--screenshot-dialog"_s, dialog}, &errors);
    QVERIFY2(code == 0, errors.constData());
    const QImage windowShot(window), dialogShot(dialog);
    QVERIFY(!windowShot.isNull());
    QVERIFY(!dialogShot.isNull());
    QVERIFY(windowShot.width() > dialogShot.width());
    // Signed in and listed through the module's client: a token, then the devices.
    bool token = false, machines = false;
    for (const RequestLogEntry &entry : m_sim->requestLog()) {
        token = token
            || (entry.method == u"POST" && entry.path.contains(u"/token") && entry.status == 200);
        machines = machines || (entry.path.startsWith(u"/api/machines") && entry.status == 200);
    }
    QVERIFY(token);
    QVERIFY(machines);
}

void TestAppBinary::missingModuleIsReported()
{
    // The executable alone in a folder: neither beside it nor in ../lib/mde-offboard.
    const QString lonely = m_dir.filePath(u"bin/mde-offboard"_s);
    QVERIFY(QDir().mkpath(m_dir.filePath(u"bin"_s)));
    QVERIFY(QFile::copy(QStringLiteral(MDE_APP_BIN), lonely));
    QByteArray errors;
    const int code = run(lonely, {u"--screenshot"_s, m_dir.filePath(u"never.png"_s)}, &errors);
    QCOMPARE(code, 1);
    QVERIFY2(errors.contains("Cannot load") && errors.contains("mde-offboard-session.so"),
        errors.constData());
    QVERIFY(!QFile::exists(m_dir.filePath(u"never.png"_s)));
}

QTEST_GUILESS_MAIN(TestAppBinary)
#include "tst_appbinary.moc"
