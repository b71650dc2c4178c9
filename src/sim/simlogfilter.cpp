// SPDX-License-Identifier: MIT
// Qt's own HTTP server logging kept quiet: it would print Authorization headers.
#include "simulator.h"

#include <QLoggingCategory>

#include <cstring>
#include <mutex>

namespace {

QLoggingCategory::CategoryFilter previousLogFilter = nullptr;

// QtHttpServer 6.4 logs each request with its headers (Authorization too) on qt.httpserver at
// debug level: whatever the rules enabled, those levels stay off.
void httpServerLogFilter(QLoggingCategory *category)
{
    if (previousLogFilter)
        previousLogFilter(category);
    if (std::strncmp(category->categoryName(), "qt.httpserver", 13) == 0) {
        category->setEnabled(QtDebugMsg, false);
        category->setEnabled(QtInfoMsg, false);
    }
}

} // namespace

void Simulator::installLogFilter()
{
    static std::once_flag once;
    std::call_once(
        once, [] { previousLogFilter = QLoggingCategory::installFilter(httpServerLogFilter); });
}
