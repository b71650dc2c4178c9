// SPDX-License-Identifier: MIT
#pragma once

#include "machine.h"
#include "machinebatch.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>
#include <string_view>

// Private to the api folder and its tests: the two page parsers behind parseMachinePage().
//
// parseMachinePageFast (simdjson) handles well-formed pages only. It returns std::nullopt,
// without an error and with *nextLink untouched or cleared, for anything it does not take:
// invalid JSON, a wrong type, a duplicate known key, a number that is not a plain 64-bit
// integer, nesting deeper than it checks. The caller then runs the reference parser
// (QJsonDocument), which defines the semantics and words every error. Whatever the fast parser
// accepts, it returns exactly what the reference parser returns. Thread-safe (no shared state).
std::optional<QList<Machine>> parseMachinePageFast(const QByteArray &body, QString *nextLink);
std::optional<QList<Machine>> parseMachinePageReference(
    const QByteArray &body, QString *nextLink, QString *error);

// parseServiceTimestamp over the UTF-8 bytes of the text.
QDateTime parseServiceTimestampUtf8(std::string_view text);
// The same as milliseconds since the epoch (UTC), without building a QDateTime; false where
// parseServiceTimestamp gives an invalid one.
bool parseServiceTimestampMsUtf8(std::string_view text, qint64 *ms);

// The simdjson page parser writing straight into the compact form (same rules as
// parseMachinePageFast; it also declines a page with a text too long for the compact form).
std::optional<MachineBatch> parseMachineBatchFast(const QByteArray &body, QString *nextLink,
    const MachineBatchPeek &peek = {}, MachinePageParser *reuse = nullptr);
