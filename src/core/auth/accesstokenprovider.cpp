// SPDX-License-Identifier: MIT
#include "accesstokenprovider.h"

#include <QPointer>
#include <QTimer>

void StaticTokenProvider::requestToken(QObject *context, Callback callback, bool forceRefresh)
{
    if (forceRefresh)
        ++m_refreshes;
    // Asynchronous like every real provider, so callers cannot come to rely on re-entrancy.
    QTimer::singleShot(0, context, [token = m_token, callback = std::move(callback)] {
        if (token.isEmpty()) {
            ApiError error;
            error.kind = ApiError::Kind::Auth;
            error.message = ApiError::tr("Not signed in.");
            callback({}, error);
        } else {
            callback(token, {});
        }
    });
}
