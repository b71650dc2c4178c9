// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

// Reads the device ids of `offboard --from`: one id per line, or a CSV file (comma, semicolon
// or tab separated, RFC 4180 quoting, a UTF-8 byte order mark allowed) whose header names an
// "id", "machineId" or "Device ID" column (the portal's export), compared case-insensitively.
// Blank lines (and rows without an id) and duplicates are skipped and reported; the first entry
// that is not a device id makes the whole input bad. Pure: no I/O.
struct IdInput
{
    Q_DECLARE_TR_FUNCTIONS(IdInput)
public:
    struct Skipped
    {
        int line = 0; // 1-based line where the entry starts
        QString reason; // translated, e.g. "blank line", "duplicate of line 2"
    };

    QStringList ids; // lowercased, first occurrence order
    QList<Skipped> skipped;
    QString column; // the CSV column used; empty for a plain list
    QString error; // translated; set when the input is bad (ids then incomplete)

    bool isOk() const { return error.isEmpty(); }
    static IdInput parse(const QByteArray &data);
};
