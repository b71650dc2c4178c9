// SPDX-License-Identifier: MIT
#include "allocatortuning.h"
#include "launcher.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>

#include <cstdio>

namespace {

// The signed-in side (network, keychain, audit log): next to the executable in the build tree,
// in lib/mde-offboard beside bin/ once installed. Never looked up on a search path.
QString sessionModulePath()
{
    const QDir dir(QCoreApplication::applicationDirPath());
    const QString besides = dir.filePath(QStringLiteral(MDE_SESSION_MODULE));
    if (QFileInfo::exists(besides))
        return besides;
    return QDir::cleanPath(dir.filePath(QStringLiteral("../lib/mde-offboard/" MDE_SESSION_MODULE)));
}

} // namespace

int main(int argc, char *argv[])
{
    limitAllocatorArenas(); // before any thread: see allocatortuning.h
    QApplication app(argc, argv);
    Startup::setIdentity();
    Startup::installStyle();
    Startup::installTranslations(app);

    QString error;
    const auto options = LaunchOptions::parse(QCoreApplication::arguments(), &error);
    if (!options) {
        std::fprintf(stderr, "mde-offboard: %s\n", qPrintable(error));
        return 2;
    }
    if (options->showHelp || options->showVersion) {
        std::printf("%s\n",
            qPrintable(
                options->showHelp ? options->helpText : QCoreApplication::applicationVersion()));
        return 0;
    }
    Launcher launcher(*options);
    launcher.setSessionModule(sessionModulePath());
    if (!launcher.start(&error)) {
        std::fprintf(stderr, "mde-offboard: %s\n", qPrintable(error));
        return 2;
    }
    return app.exec();
}
