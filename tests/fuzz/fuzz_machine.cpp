// SPDX-License-Identifier: MIT
#include "machine.h"

#include <QJsonDocument>

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes
        = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    QString next, error;
    const auto page = parseMachinePage(bytes, &next, &error);
    // Either a page or an error, never both silently.
    if (!page && error.isEmpty())
        __builtin_trap();
    const QJsonDocument doc = QJsonDocument::fromJson(bytes);
    if (doc.isObject())
        (void)parseMachine(doc.object(), &error);
    (void)parseServiceTimestamp(QString::fromUtf8(bytes.left(64)));
    return 0;
}
