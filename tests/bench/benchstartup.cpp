// SPDX-License-Identifier: MIT
// startup_ratio_vs_minimal: process start -> main window shown (its first frame painted,
// offscreen), for the app and for a minimal Qt Widgets window, each run several times; medians
// compared. The teardown after the first frame is counted for neither.
#include "benchsupport.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;

namespace {

// Milliseconds from starting `program` to the line "shown" it prints once its first frame is
// painted; the teardown after that is not counted. -1 when it never says so or fails.
double timeRun(const QString &program, const QStringList &arguments, const QString &home)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    env.insert(u"XDG_CONFIG_HOME"_s, home + u"/config"_s);
    env.insert(u"XDG_DATA_HOME"_s, home + u"/data"_s);
    env.insert(u"XDG_CACHE_HOME"_s, home + u"/cache"_s);
    process.setProcessEnvironment(env);
    process.setStandardErrorFile(QProcess::nullDevice());
    QElapsedTimer timer;
    timer.start();
    process.start(program, arguments);
    double shownMs = -1;
    while (shownMs < 0 && process.waitForReadyRead(60000)) {
        // Every whole line that has arrived, so that one read behind "shown" is not missed.
        while (shownMs < 0 && process.canReadLine()) {
            if (process.readLine() == "shown\n")
                shownMs = double(timer.nsecsElapsed()) / 1e6;
        }
    }
    if (!process.waitForFinished(60000) || process.exitCode() != 0)
        return -1;
    return shownMs;
}

} // namespace

QList<BenchFigure> benchStartup(const BenchConfig &config)
{
    QTemporaryDir home;
    const int runs = config.quick ? 3 : 15;
    QList<double> app, minimal;
    // Alternate the two so that a disturbance hits both alike.
    for (int i = 0; i < runs; ++i) {
        app.append(timeRun(QString::fromUtf8(MDE_APP_PATH), {u"--quit-after-show"_s}, home.path()));
        minimal.append(timeRun(QString::fromUtf8(MDE_MINIMAL_PATH), {}, home.path()));
    }
    const double a = Bench::median(app), m = Bench::median(minimal);
    return {{u"startup_ratio_vs_minimal"_s, (a > 0 && m > 0) ? a / m : -1, u"≤ 1.5"_s,
        u"app %1 ms, minimal window %2 ms (medians of %3)"_s.arg(a, 0, 'f', 0)
            .arg(m, 0, 'f', 0)
            .arg(runs)}};
}
