// SPDX-License-Identifier: MIT
#pragma once

#include "machineaction.h"

#include <QIcon>

// The application's icons: the desktop theme's icon when it has one, else the bundled one
// (:/icons/png/<name>-<side>.png rendered from :/icons/<name>.svg, read when first painted).
// One place maps our names to freedesktop theme names.
namespace Icons {

enum class Id {
    App,
    SignIn,
    SignOut,
    Refresh,
    Offboard,
    Settings,
    About,
    Copy,
    OpenExternal,
    Export,
    Cancel,
    Search,
    Close,
    Error,
    Warning,
    Information,
    StatusPending,
    StatusInProgress,
    StatusSucceeded,
    StatusFailed,
    StatusTimeOut,
    StatusCancelled,
};

QIcon icon(Id id);
QString resourcePath(Id id); // ":/icons/….svg"
QIcon statusIcon(ActionStatus status);

} // namespace Icons
