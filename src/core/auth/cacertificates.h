// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QSslCertificate>
#include <QString>

#include <optional>

// Loads every certificate of a PEM file. Fails with a clear, translated *error when the file
// cannot be read, holds no PEM certificate, or a certificate is not valid now. An empty path is
// success with an empty list.
std::optional<QList<QSslCertificate>> loadCaCertificates(
    const QString &path, QString *error = nullptr);
