// SPDX-License-Identifier: MIT
#include "machineaction.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes
        = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    QString next, error;
    const auto page = parseMachineActionPage(bytes, &next, &error);
    if (!page && error.isEmpty())
        __builtin_trap();
    const auto one = parseMachineActionBody(bytes, &error);
    if (one && !isFinal(one->status) && one->status != ActionStatus::Unknown
        && actionStatusFromString(actionStatusToString(one->status)) != one->status)
        __builtin_trap();
    return 0;
}
