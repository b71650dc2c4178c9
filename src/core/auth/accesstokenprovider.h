// SPDX-License-Identifier: MIT
#pragma once

#include "apierror.h"

#include <QObject>
#include <QString>

#include <functional>

// Where the API client gets its bearer token. The sign-in session implements it; tests use
// StaticTokenProvider. Callbacks run on the provider's thread (the GUI thread) and are dropped
// if context is destroyed first.
class AccessTokenProvider
{
public:
    using Callback = std::function<void(const QString &accessToken, const ApiError &error)>;
    virtual ~AccessTokenProvider() = default;

    // Delivers a valid token: the cached one, or one refreshed first. forceRefresh asks for a
    // new token even if the cached one looks valid (used once after a 401).
    virtual void requestToken(QObject *context, Callback callback, bool forceRefresh = false) = 0;
};

// A fixed token, for tests and scripted runs.
class StaticTokenProvider final : public AccessTokenProvider
{
public:
    explicit StaticTokenProvider(QString token = {})
        : m_token(std::move(token))
    { }
    void setToken(const QString &token) { m_token = token; }
    int refreshCount() const { return m_refreshes; }
    void requestToken(QObject *context, Callback callback, bool forceRefresh = false) override;

private:
    QString m_token;
    int m_refreshes = 0;
};
