// SPDX-License-Identifier: MIT
// loadCaCertificates() in a file of its own: it needs QtNetwork, which the window side of the
// app does not link (the rest of appsettings.cpp is used before the window's first frame).
#include "cacertificates.h"

#include "appsettings.h"

#include <QDateTime>
#include <QFile>

std::optional<QList<QSslCertificate>> loadCaCertificates(const QString &path, QString *error)
{
    if (path.isEmpty())
        return QList<QSslCertificate> {};
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error
                = AppSettings::tr("Cannot read the CA file %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    // A CA bundle is small; refuse anything that cannot be one.
    const QByteArray data = file.read(8 * 1024 * 1024);
    const QList<QSslCertificate> certificates = QSslCertificate::fromData(data, QSsl::Pem);
    if (certificates.isEmpty()) {
        if (error)
            *error = AppSettings::tr("The CA file %1 holds no PEM certificate "
                                     "(expected \"-----BEGIN CERTIFICATE-----\" blocks).")
                         .arg(path);
        return std::nullopt;
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const QSslCertificate &certificate : certificates) {
        if (certificate.isNull()) {
            if (error)
                *error = AppSettings::tr("The CA file %1 holds a damaged certificate.").arg(path);
            return std::nullopt;
        }
        if (certificate.expiryDate() < now || certificate.effectiveDate() > now) {
            const QString subject = certificate.subjectDisplayName();
            if (error)
                *error = AppSettings::tr("The certificate \"%1\" in %2 is not valid now "
                                         "(valid from %3 to %4).")
                             .arg(subject, path, certificate.effectiveDate().toString(Qt::ISODate),
                                 certificate.expiryDate().toString(Qt::ISODate));
            return std::nullopt;
        }
    }
    return certificates;
}
