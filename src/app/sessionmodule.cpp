// SPDX-License-Identifier: MIT
// The entry point of the mde-offboard-session module (see src/app/CMakeLists.txt).
#include "appsession.h"

extern "C" Q_DECL_EXPORT QObject *mde_start_session(const SessionStart &start);

QObject *mde_start_session(const SessionStart &start)
{
    return startAppSession(start);
}

#include <type_traits>

// The executable resolves it by this name with this type.
static_assert(std::is_same_v<decltype(&mde_start_session), StartSessionFunction>);
static_assert(sizeof(StartSessionSymbol) == sizeof("mde_start_session"));
