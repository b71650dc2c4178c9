// SPDX-License-Identifier: MIT
#include "defenderclient.h"
#include "machine.h"
#include "machineaction.h"

#include <QUrl>

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes
        = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    static const QUrl base(QStringLiteral("https://api.security.microsoft.com"));
    for (int kind = 0; kind < 2; ++kind) {
        QString next, error;
        const bool ok = kind == 0 ? parseMachinePage(bytes, &next, &error).has_value()
                                  : parseMachineActionPage(bytes, &next, &error).has_value();
        if (!ok || next.isEmpty())
            continue;
        QString why;
        const std::optional<QUrl> url = DefenderClient::checkNextLink(next, base, &why);
        // A link we follow stays on the API's origin; one we refuse says why.
        if (url
            && (url->scheme() != base.scheme() || url->host() != base.host()
                || url->port(443) != base.port(443)))
            __builtin_trap();
        if (!url && why.isEmpty())
            __builtin_trap();
    }
    return 0;
}
