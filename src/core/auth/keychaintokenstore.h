// SPDX-License-Identifier: MIT
#pragma once

#include "tokenstore.h"

#include <QString>

// The TokenStore on the system keychain through QtKeychain (Secret Service on Linux, Keychain on
// macOS, Credential Manager on Windows), service name "mde-offboard". Never falls back to an
// insecure file: when no backend is available every operation ends with NoBackend and a clear
// message, and the caller keeps secrets in memory for the run.
class KeychainTokenStore final : public TokenStore
{
public:
    explicit KeychainTokenStore(QString service = QStringLiteral("mde-offboard"));
    Q_DISABLE_COPY_MOVE(KeychainTokenStore)

    void read(const QString &key, QObject *context, Callback callback) override;
    void write(
        const QString &key, const QString &secret, QObject *context, Callback callback) override;
    void remove(const QString &key, QObject *context, Callback callback) override;

    QString service() const { return m_service; }

private:
    QString m_service;
};
