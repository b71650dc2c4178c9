// SPDX-License-Identifier: MIT
#pragma once

#include "appsettings.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <optional>

// The command line of mde-offboard. Connection options override the saved settings for this
// run only (they are not saved). --screenshot and --screenshot-dialog are for scripts/demo:
// take a picture once the first page of devices is shown, then quit. --quit-after-show is the
// start-up probe of the benchmarks: build and show the window as always, then quit (exit code
// 0) from the event loop right after it is shown.
struct LaunchOptions
{
    Q_DECLARE_TR_FUNCTIONS(LaunchOptions)
public:
    QString apiUrl;
    QString loginUrl;
    QString tenant;
    QString clientId;
    QString appClientId; // the client id used when signing in app-only
    QString cloud;
    QString signIn; // "interactive" or "app-only"
    QString screenshot;
    QString screenshotDialog;

    bool quitAfterShow = false;
    bool showHelp = false;
    bool showVersion = false;
    QString helpText;

    bool wantsScreenshot() const { return !screenshot.isEmpty() || !screenshotDialog.isEmpty(); }

    // arguments as QCoreApplication::arguments() gives them (program name first). On a usage
    // error returns nullopt and sets *error (translated).
    static std::optional<LaunchOptions> parse(
        const QStringList &arguments, QString *error = nullptr);
    // Applies the connection overrides; false with *error when a value is not acceptable.
    bool applyTo(AppSettings *settings, QString *error = nullptr) const;
};
