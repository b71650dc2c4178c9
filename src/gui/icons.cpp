// SPDX-License-Identifier: MIT
#include "icons.h"

using namespace Qt::StringLiterals;

// The resources live in a static library: nothing references their object file, so the linker
// would drop it without this explicit initialisation (it must be called outside any namespace).
static void initResources()
{
    static const bool done = [] {
        Q_INIT_RESOURCE(resources);
        return true;
    }();
    Q_UNUSED(done);
}

namespace Icons {

namespace {

struct Entry
{
    const char16_t *theme; // freedesktop name, empty for none
    const char16_t *file; // under :/icons
};

Entry entry(Id id)
{
    switch (id) {
    case Id::App:
        return {u"", u"app"};
    case Id::SignIn:
        return {u"system-log-in", u"sign-in"};
    case Id::SignOut:
        return {u"system-log-out", u"sign-out"};
    case Id::Refresh:
        return {u"view-refresh", u"refresh"};
    case Id::Offboard:
        return {u"", u"offboard"};
    case Id::Settings:
        return {u"preferences-system", u"settings"};
    case Id::About:
        return {u"help-about", u"about"};
    case Id::Copy:
        return {u"edit-copy", u"copy"};
    case Id::OpenExternal:
        return {u"internet-web-browser", u"open-external"};
    case Id::Export:
        return {u"document-save-as", u"export"};
    case Id::Cancel:
        return {u"process-stop", u"cancel"};
    case Id::Search:
        return {u"edit-find", u"search"};
    case Id::Close:
        return {u"window-close", u"close"};
    case Id::Error:
        return {u"dialog-error", u"error"};
    case Id::Warning:
        return {u"dialog-warning", u"warning"};
    case Id::Information:
        return {u"dialog-information", u"information"};
    case Id::StatusPending:
        return {u"", u"status-pending"};
    case Id::StatusInProgress:
        return {u"", u"status-inprogress"};
    case Id::StatusSucceeded:
        return {u"", u"status-succeeded"};
    case Id::StatusFailed:
        return {u"", u"status-failed"};
    case Id::StatusTimeOut:
        return {u"", u"status-timeout"};
    case Id::StatusCancelled:
        return {u"", u"status-cancelled"};
    }
    return {u"", u"app"};
}

} // namespace

QString resourcePath(Id id)
{
    return u":/icons/"_s + QString::fromUtf16(entry(id).file) + u".svg"_s;
}

QIcon icon(Id id)
{
    initResources();
    const Entry e = entry(id);
    const QIcon bundled(resourcePath(id));
    const QString theme = QString::fromUtf16(e.theme);
    if (theme.isEmpty())
        return bundled;
    return QIcon::fromTheme(theme, bundled);
}

QIcon statusIcon(ActionStatus status)
{
    switch (status) {
    case ActionStatus::Pending:
        return icon(Id::StatusPending);
    case ActionStatus::InProgress:
        return icon(Id::StatusInProgress);
    case ActionStatus::Succeeded:
        return icon(Id::StatusSucceeded);
    case ActionStatus::Failed:
        return icon(Id::StatusFailed);
    case ActionStatus::TimeOut:
        return icon(Id::StatusTimeOut);
    case ActionStatus::Cancelled:
        return icon(Id::StatusCancelled);
    case ActionStatus::Unknown:
        break;
    }
    return {};
}

} // namespace Icons
