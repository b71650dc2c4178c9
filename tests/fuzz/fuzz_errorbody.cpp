// SPDX-License-Identifier: MIT
#include "apierror.h"

#include <QJsonDocument>

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    // The first two bytes choose the HTTP status (100..599); the rest is the body.
    const int status = 100 + (data[0] << 8 | data[1]) % 500;
    const QByteArray body
        = QByteArray::fromRawData(reinterpret_cast<const char *>(data + 2), qsizetype(size - 2));
    const auto networkError
        = status >= 400 ? QNetworkReply::UnknownContentError : QNetworkReply::NoError;
    const ApiError error = mapError(networkError, status, false, body, body.left(40));
    if (status >= 400 && (!error.isError() || error.displayText().isEmpty()))
        __builtin_trap(); // every failure must have something to show
    // Never show raw markup to people: a body that is not the service's JSON is described.
    if (!QJsonDocument::fromJson(body).isObject()
        && error.displayText().contains(u"<html", Qt::CaseInsensitive))
        __builtin_trap();
    return 0;
}
