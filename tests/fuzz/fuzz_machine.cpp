// SPDX-License-Identifier: MIT
#include "machine.h"
#include "machinebatch.h"

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
    // The compact form takes and refuses the same pages, with the same devices and link.
    QString batchNext, batchError;
    MachinePageParser parser; // a fresh one each time: its buffers start small
    const auto batch = parser.parse(bytes, &batchNext, &batchError);
    if (bool(batch) != bool(page) || batchError != error || batchNext != next
        || (batch && batch->size() != page->size()))
        __builtin_trap();
    const QJsonDocument doc = QJsonDocument::fromJson(bytes);
    if (doc.isObject())
        (void)parseMachine(doc.object(), &error);
    (void)parseServiceTimestamp(QString::fromUtf8(bytes.left(64)));
    return 0;
}
