// SPDX-License-Identifier: MIT
#pragma once

#include <QCoreApplication>
#include <QStringList>

// The whole program behind main(): names the application like the window (so settings and the
// audit log are shared), parses the command line, configures, runs the command on the event
// loop and returns the exit code.
struct CliApp
{
    Q_DECLARE_TR_FUNCTIONS(CliApp)
public:
    static int run(QCoreApplication &app);
};
