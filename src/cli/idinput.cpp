// SPDX-License-Identifier: MIT
#include "idinput.h"

#include "validation.h"

#include <QHash>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

struct Record
{
    int line = 0;
    QStringList fields;
};

// RFC 4180 records; a quoted field may span lines, so each record keeps its first line.
QList<Record> splitRecords(const QString &text, QChar delimiter)
{
    QList<Record> records;
    Record current;
    QString field;
    bool quoted = false;
    bool fieldStarted = false;
    int line = 1;
    current.line = 1;
    const auto endRecord = [&] {
        current.fields.append(field);
        records.append(current);
        current = Record {};
        current.line = line;
        field.clear();
        fieldStarted = false;
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == u'"') {
                if (i + 1 < text.size() && text.at(i + 1) == u'"') {
                    field.append(u'"');
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                if (c == u'\n')
                    ++line;
                field.append(c);
            }
            continue;
        }
        if (c == u'"' && !fieldStarted) {
            quoted = true;
            fieldStarted = true;
        } else if (c == delimiter) {
            current.fields.append(field);
            field.clear();
            fieldStarted = false;
        } else if (c == u'\n') {
            ++line;
            endRecord();
        } else if (c != u'\r') {
            field.append(c);
            fieldStarted = true;
        }
    }
    if (fieldStarted || !field.isEmpty() || !current.fields.isEmpty())
        endRecord();
    return records;
}

bool isBlank(const Record &record)
{
    return std::all_of(record.fields.cbegin(), record.fields.cend(),
        [](const QString &f) { return f.trimmed().isEmpty(); });
}

} // namespace

IdInput IdInput::parse(const QByteArray &data)
{
    IdInput result;
    QString text = QString::fromUtf8(data);
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);

    // The first non-blank line decides: a device id starts a plain list, anything else must be
    // a CSV header.
    const QStringList lines = text.split(u'\n');
    QString first;
    for (const QString &line : lines) {
        first = line.trimmed();
        if (!first.isEmpty())
            break;
    }
    const bool plain = first.isEmpty() || Validation::isMachineId(first);
    QChar delimiter = u',';
    for (const QChar candidate : {u',', u';', u'\t'}) {
        if (first.contains(candidate)) {
            delimiter = candidate;
            break;
        }
    }
    const QList<Record> records = plain ? QList<Record> {} : splitRecords(text, delimiter);

    QHash<QString, int> seen; // id -> line
    const auto take = [&result, &seen](const QString &value, int line) {
        const QString id = value.trimmed().toLower();
        if (!Validation::isMachineId(id)) {
            result.error = tr("Line %1: \"%2\" is not a device id (40 hexadecimal characters).")
                               .arg(line)
                               .arg(value.trimmed().left(80));
            return false;
        }
        if (const auto it = seen.constFind(id); it != seen.cend()) {
            result.skipped.append({line, tr("duplicate of line %1").arg(it.value())});
            return true;
        }
        seen.insert(id, line);
        result.ids.append(id);
        return true;
    };

    if (plain) {
        for (int i = 0; i < lines.size(); ++i) {
            const QString value = lines.at(i).trimmed();
            if (value.isEmpty()) {
                // A final newline does not make a blank line.
                if (i + 1 < lines.size())
                    result.skipped.append({i + 1, tr("blank line")});
                continue;
            }
            if (!take(value, i + 1))
                return result;
        }
        return result;
    }

    qsizetype headerIndex = 0;
    while (headerIndex < records.size() && isBlank(records.at(headerIndex)))
        ++headerIndex;
    const QStringList header = records.value(headerIndex).fields;
    int column = -1;
    for (const QString &wanted : {u"id"_s, u"machineId"_s, u"Device ID"_s}) {
        for (int i = 0; i < header.size() && column < 0; ++i) {
            if (header.at(i).trimmed().compare(wanted, Qt::CaseInsensitive) == 0) {
                column = i;
                result.column = header.at(i).trimmed();
            }
        }
        if (column >= 0)
            break;
    }
    if (column < 0) {
        result.error = tr("The input is neither a list of device ids (one per line) nor a CSV "
                          "file with an \"id\", \"machineId\" or \"Device ID\" column.");
        return result;
    }
    for (qsizetype r = 0; r < records.size(); ++r) {
        const Record &record = records.at(r);
        if (r == headerIndex)
            continue;
        if (isBlank(record)) {
            if (r > headerIndex)
                result.skipped.append({record.line, tr("blank line")});
            continue;
        }
        const QString value = record.fields.value(column).trimmed();
        if (value.isEmpty()) {
            result.skipped.append(
                {record.line, tr("no device id in column \"%1\"").arg(result.column)});
            continue;
        }
        if (!take(value, record.line))
            return result;
    }
    return result;
}
