// SPDX-License-Identifier: MIT
#pragma once

#include "appsettings.h"
#include "launchoptions.h"

class MainWindow;
class Prompter;
class QObject;

// What the window side hands the signed-in side once the window has painted its first frame:
// the window, the prompter (neither owned, both outlive the session), the saved settings with
// the command-line overrides applied, and the command line (screenshots).
struct SessionStart
{
    MainWindow *window = nullptr;
    Prompter *prompter = nullptr;
    AppSettings settings;
    LaunchOptions options;
};

// Starts the signed-in side (backend, controllers, audit log, sign-in) for a shown window and
// returns it; the caller owns it and must destroy it before the window. The app resolves it
// from the mde-offboard-session module by the name below; tests link it (startAppSession()).
using StartSessionFunction = QObject *(*)(const SessionStart &start);
inline constexpr char StartSessionSymbol[] = "mde_start_session";
