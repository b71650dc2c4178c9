// SPDX-License-Identifier: MIT
#pragma once

#include "cliargs.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

struct Machine;
struct MachineAction;

// Rendering of the CLI's results: tables aligned for people, CSV (RFC 4180 with a header row,
// formula injection neutralised like the window's exports) and JSON with the service's field
// names. Text from the service is stripped of control characters before it reaches a terminal.
// Pure functions.
namespace Output {

QString table(const QStringList &headers, const QList<QStringList> &rows);
QString csv(const QStringList &headers, const QList<QStringList> &rows);
// Rows in the given format; json is rendered from `objects` (an indented array).
QString render(OutputFormat format, const QStringList &headers, const QList<QStringList> &rows,
    const QList<QJsonObject> &objects);

QString timestamp(const QDateTime &utc); // ISO 8601 UTC with milliseconds, empty when invalid
QString printable(const QString &text); // control characters become spaces

QJsonObject machineToJson(const Machine &machine);
QStringList machineHeaders(OutputFormat format); // fewer columns for the table
QStringList machineRow(const Machine &machine, OutputFormat format);
// The window's search: every white-space separated term occurs (case-insensitively) in the
// name, id, an IP address, a tag or the device group name.
bool matchesSearch(const Machine &machine, const QString &search);

QJsonObject actionToJson(const MachineAction &action);
QStringList actionHeaders(OutputFormat format);
QStringList actionRow(const MachineAction &action, OutputFormat format);

} // namespace Output
