// SPDX-License-Identifier: MIT
#pragma once

#include "tokenstore.h"

#include <QHash>

// A TokenStore in a hash, for unit tests. Answers asynchronously like the keychain. A test can
// make it behave like a machine without a keychain (setFailure) to drive the in-memory path.
class MemoryTokenStore final : public TokenStore
{
public:
    MemoryTokenStore() = default;
    Q_DISABLE_COPY_MOVE(MemoryTokenStore)

    void read(const QString &key, QObject *context, Callback callback) override;
    void write(
        const QString &key, const QString &secret, QObject *context, Callback callback) override;
    void remove(const QString &key, QObject *context, Callback callback) override;

    // Synchronous inspection and seeding for tests.
    bool contains(const QString &key) const { return m_entries.contains(key); }
    QString value(const QString &key) const { return m_entries.value(key); }
    void setValue(const QString &key, const QString &secret) { m_entries.insert(key, secret); }
    QHash<QString, QString> entries() const { return m_entries; }
    // Every later operation fails with this status (Ok = work normally).
    void setFailure(TokenStoreResult::Status status) { m_failure = status; }
    int writeCount() const { return m_writes; }

private:
    void answer(QObject *context, Callback callback, TokenStoreResult result) const;

    QHash<QString, QString> m_entries;
    TokenStoreResult::Status m_failure = TokenStoreResult::Status::Ok;
    int m_writes = 0;
};
