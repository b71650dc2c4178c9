// SPDX-License-Identifier: MIT
#include "allocatortuning.h"
#include "launcher.h"

#include <QApplication>

#include <cstdio>

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
    if (!launcher.start(&error)) {
        std::fprintf(stderr, "mde-offboard: %s\n", qPrintable(error));
        return 2;
    }
    return app.exec();
}
