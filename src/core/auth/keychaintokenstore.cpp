// SPDX-License-Identifier: MIT
#include "keychaintokenstore.h"

#include <qt6keychain/keychain.h>

#include <QPointer>

using Status = TokenStoreResult::Status;

namespace {
TokenStoreResult resultOf(const QKeychain::Job *job, const QString &secret = {})
{
    TokenStoreResult result;
    switch (job->error()) {
    case QKeychain::NoError:
        result.secret = secret;
        return result;
    case QKeychain::EntryNotFound:
        result.status = Status::NotFound;
        return result;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        result.status = Status::NoBackend;
        result.message
            = TokenStoreResult::tr("No system keychain is available (%1). Sign-in works for this "
                                   "session only and will be asked again next time.")
                  .arg(job->errorString());
        return result;
    case QKeychain::AccessDeniedByUser:
    case QKeychain::AccessDenied:
        result.status = Status::Error;
        result.message = TokenStoreResult::tr("Access to the system keychain was denied (%1). "
                                              "Sign-in works for this session only.")
                             .arg(job->errorString());
        return result;
    case QKeychain::CouldNotDeleteEntry:
    case QKeychain::OtherError:
        break;
    }
    // QtKeychain's libsecret backend reports an unreachable session bus or a missing Secret
    // Service as OtherError with GLib's text; for the user it is the same as no backend.
    const QString text = job->errorString();
    const bool noService = text.contains(QLatin1String("D-Bus"), Qt::CaseInsensitive)
        || text.contains(QLatin1String("DBus"), Qt::CaseInsensitive)
        || text.contains(QLatin1String("org.freedesktop.secrets"), Qt::CaseInsensitive)
        || text.startsWith(QLatin1String("Could not connect"), Qt::CaseInsensitive);
    result.status = noService ? Status::NoBackend : Status::Error;
    result.message = noService
        ? TokenStoreResult::tr("No system keychain is available (%1). Sign-in works for this "
                               "session only and will be asked again next time.")
              .arg(text)
        : TokenStoreResult::tr("The system keychain failed: %1. Sign-in works for this "
                               "session only.")
              .arg(text);
    return result;
}

template<typename JobType> JobType *makeJob(const QString &service, const QString &key)
{
    auto *job = new JobType(service);
    job->setAutoDelete(true);
    job->setKey(key);
    // Deliberately no setInsecureFallback(true): secrets never go to a plain file.
    job->setInsecureFallback(false);
    return job;
}
} // namespace

KeychainTokenStore::KeychainTokenStore(QString service)
    : m_service(std::move(service))
{ }

void KeychainTokenStore::read(const QString &key, QObject *context, Callback callback)
{
    auto *job = makeJob<QKeychain::ReadPasswordJob>(m_service, key);
    QObject::connect(job, &QKeychain::Job::finished, context,
        [callback = std::move(callback)](QKeychain::Job *finished) {
            const auto *readJob = static_cast<QKeychain::ReadPasswordJob *>(finished);
            callback(resultOf(finished, readJob->textData()));
        });
    job->start();
}

void KeychainTokenStore::write(
    const QString &key, const QString &secret, QObject *context, Callback callback)
{
    auto *job = makeJob<QKeychain::WritePasswordJob>(m_service, key);
    job->setTextData(secret);
    QObject::connect(job, &QKeychain::Job::finished, context,
        [callback = std::move(callback)](
            QKeychain::Job *finished) { callback(resultOf(finished)); });
    job->start();
}

void KeychainTokenStore::remove(const QString &key, QObject *context, Callback callback)
{
    auto *job = makeJob<QKeychain::DeletePasswordJob>(m_service, key);
    QObject::connect(job, &QKeychain::Job::finished, context,
        [callback = std::move(callback)](
            QKeychain::Job *finished) { callback(resultOf(finished)); });
    job->start();
}
