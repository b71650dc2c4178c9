// SPDX-License-Identifier: MIT
#pragma once

#include "endpoints.h"

#include <QCoreApplication>
#include <QObject>
#include <QString>

#include <functional>

// Where secrets rest between runs: the delegated refresh token or the app-only client secret.
// Access tokens never go here (they live in memory only).
//
// Every operation is asynchronous (the keychain answers over D-Bus): the callback runs exactly
// once, later, on the caller's thread, and is dropped if context is destroyed first. The store
// must outlive pending operations.
struct TokenStoreResult
{
    Q_DECLARE_TR_FUNCTIONS(TokenStoreResult)
public:
    enum class Status {
        Ok, // done; for read(), secret holds the value
        NotFound, // no entry (read: "signed out"; remove: nothing to delete)
        NoBackend, // no keychain (no Secret Service, no D-Bus): work in memory only
        Error // any other backend failure (locked, denied, …)
    };
    Status status = Status::Ok;
    QString secret; // read() only; never log it
    QString message; // translated, for Error/NoBackend (empty otherwise)

    bool isOk() const { return status == Status::Ok; }
    // NoBackend and Error: the keychain cannot be used, keep secrets in memory for this run.
    bool isBackendFailure() const { return status == Status::NoBackend || status == Status::Error; }
};

class TokenStore
{
public:
    using Callback = std::function<void(const TokenStoreResult &result)>;
    virtual ~TokenStore() = default;

    virtual void read(const QString &key, QObject *context, Callback callback) = 0;
    virtual void write(
        const QString &key, const QString &secret, QObject *context, Callback callback)
        = 0;
    virtual void remove(const QString &key, QObject *context, Callback callback) = 0;

    // The entry key: "{cloud}|{tenant}|{clientId}|{account}", tenant lowercased. For delegated
    // sign-in account is the user's UPN; for app-only it is clientSecretAccount().
    static QString makeKey(
        Cloud cloud, const QString &tenant, const QString &clientId, const QString &account);
    static QString clientSecretAccount() { return QStringLiteral("#client-secret"); }
};
