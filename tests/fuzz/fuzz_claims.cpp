// SPDX-License-Identifier: MIT
#include "signinsession.h"

#include <QJsonObject>

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString token = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const QJsonObject claims = decodeJwtPayload(token);
    (void)permissionsFromClaims(claims);
    return 0;
}
