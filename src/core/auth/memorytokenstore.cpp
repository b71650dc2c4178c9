// SPDX-License-Identifier: MIT
#include "memorytokenstore.h"

#include <QPointer>
#include <QTimer>

using Status = TokenStoreResult::Status;

void MemoryTokenStore::answer(QObject *context, Callback callback, TokenStoreResult result) const
{
    if (m_failure == Status::NoBackend) {
        result = {
            Status::NoBackend, {}, TokenStoreResult::tr("No keychain is available (test store).")};
    } else if (m_failure == Status::Error) {
        result = {Status::Error, {}, TokenStoreResult::tr("The keychain failed (test store).")};
    }
    // Asynchronous like the keychain, so callers cannot come to rely on re-entrancy.
    QTimer::singleShot(0, context, [callback = std::move(callback), result] { callback(result); });
}

void MemoryTokenStore::read(const QString &key, QObject *context, Callback callback)
{
    TokenStoreResult result;
    const auto it = m_entries.constFind(key);
    if (m_failure != Status::Ok || it == m_entries.cend())
        result.status = Status::NotFound;
    else
        result.secret = *it;
    answer(context, std::move(callback), result);
}

void MemoryTokenStore::write(
    const QString &key, const QString &secret, QObject *context, Callback callback)
{
    if (m_failure == Status::Ok) {
        m_entries.insert(key, secret);
        ++m_writes;
    }
    answer(context, std::move(callback), {});
}

void MemoryTokenStore::remove(const QString &key, QObject *context, Callback callback)
{
    TokenStoreResult result;
    if (m_failure == Status::Ok && m_entries.remove(key) == 0)
        result.status = Status::NotFound;
    answer(context, std::move(callback), result);
}
