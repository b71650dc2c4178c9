// SPDX-License-Identifier: MIT
#include "output.h"

#include "csvexport.h"
#include "machine.h"
#include "machineaction.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

QJsonValue text(const QString &value)
{
    return value.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(value);
}

QJsonValue time(const QDateTime &value)
{
    return value.isValid() ? QJsonValue(Output::timestamp(value)) : QJsonValue(QJsonValue::Null);
}

} // namespace

namespace Output {

QString printable(const QString &text)
{
    QString result = text;
    for (QChar &c : result) {
        const char16_t u = c.unicode();
        if (u < 0x20 || u == 0x7f || (u >= 0x80 && u < 0xa0))
            c = u' ';
    }
    return result;
}

QString table(const QStringList &headers, const QList<QStringList> &rows)
{
    QList<qsizetype> widths(headers.size(), 0);
    const auto measure = [&widths](const QStringList &cells) {
        for (qsizetype i = 0; i < cells.size() && i < widths.size(); ++i)
            widths[i] = std::max(widths.at(i), cells.at(i).size());
    };
    measure(headers);
    for (const QStringList &row : rows)
        measure(row);
    QString out;
    const auto line = [&out, &widths](const QStringList &cells) {
        QString text;
        for (qsizetype i = 0; i < widths.size(); ++i) {
            const QString cell = printable(cells.value(i));
            text += i + 1 < widths.size() ? cell.leftJustified(widths.at(i) + 2) : cell;
        }
        while (text.endsWith(u' '))
            text.chop(1);
        out += text + u'\n';
    };
    line(headers);
    for (const QStringList &row : rows)
        line(row);
    return out;
}

QString csv(const QStringList &headers, const QList<QStringList> &rows)
{
    QString out = Csv::row(headers) + u"\r\n"_s;
    for (const QStringList &row : rows) {
        QStringList cells;
        cells.reserve(row.size());
        for (const QString &cell : row)
            cells.append(printable(cell));
        out += Csv::row(cells) + u"\r\n"_s;
    }
    return out;
}

QString render(OutputFormat format, const QStringList &headers, const QList<QStringList> &rows,
    const QList<QJsonObject> &objects)
{
    switch (format) {
    case OutputFormat::Json: {
        QJsonArray array;
        for (const QJsonObject &object : objects)
            array.append(object);
        return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Indented));
    }
    case OutputFormat::Csv:
        return csv(headers, rows);
    case OutputFormat::Table:
        break;
    }
    return table(headers, rows);
}

QString timestamp(const QDateTime &utc)
{
    return utc.isValid() ? utc.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QJsonObject machineToJson(const Machine &m)
{
    QJsonArray addresses;
    for (const IpAddress &a : m.ipAddresses) {
        addresses.append(
            QJsonObject {{u"ipAddress"_s, text(a.ipAddress)}, {u"macAddress"_s, text(a.macAddress)},
                {u"type"_s, text(a.type)}, {u"operationalStatus"_s, text(a.operationalStatus)}});
    }
    bool numeric = false;
    const qint64 group = m.rbacGroupId.toLongLong(&numeric);
    return QJsonObject {{u"id"_s, m.id}, {u"computerDnsName"_s, text(m.computerDnsName)},
        {u"firstSeen"_s, time(m.firstSeen)}, {u"lastSeen"_s, time(m.lastSeen)},
        {u"osPlatform"_s, text(m.osPlatform)}, {u"osProcessor"_s, text(m.osProcessor)},
        {u"version"_s, text(m.version)}, {u"osVersion"_s, text(m.osVersion)},
        {u"osBuild"_s, m.osBuild ? QJsonValue(double(*m.osBuild)) : QJsonValue()},
        {u"lastIpAddress"_s, text(m.lastIpAddress)},
        {u"lastExternalIpAddress"_s, text(m.lastExternalIpAddress)},
        {u"agentVersion"_s, text(m.agentVersion)}, {u"healthStatus"_s, text(m.healthStatus)},
        {u"rbacGroupId"_s, numeric ? QJsonValue(double(group)) : text(m.rbacGroupId)},
        {u"rbacGroupName"_s, text(m.rbacGroupName)}, {u"riskScore"_s, text(m.riskScore)},
        {u"exposureLevel"_s, text(m.exposureLevel)}, {u"deviceValue"_s, text(m.deviceValue)},
        {u"aadDeviceId"_s, text(m.aadDeviceId)},
        {u"machineTags"_s, QJsonArray::fromStringList(m.machineTags)},
        {u"ipAddresses"_s, addresses}, {u"osArchitecture"_s, text(m.osArchitecture)},
        {u"onboardingStatus"_s, text(m.onboardingStatus)},
        {u"defenderAvStatus"_s, text(m.defenderAvStatus)}, {u"managedBy"_s, text(m.managedBy)},
        {u"managedByStatus"_s, text(m.managedByStatus)},
        {u"mergedIntoMachineId"_s, text(m.mergedIntoMachineId)},
        {u"isPotentialDuplication"_s, m.isPotentialDuplication}, {u"isExcluded"_s, m.isExcluded},
        {u"exclusionReason"_s, text(m.exclusionReason)}, {u"isAadJoined"_s, m.isAadJoined}};
}

QStringList machineHeaders(OutputFormat format)
{
    if (format == OutputFormat::Table)
        return {u"id"_s, u"computerDnsName"_s, u"osPlatform"_s, u"version"_s, u"healthStatus"_s,
            u"onboardingStatus"_s, u"riskScore"_s, u"lastSeen"_s};
    return {u"id"_s, u"computerDnsName"_s, u"osPlatform"_s, u"version"_s, u"osVersion"_s,
        u"osBuild"_s, u"healthStatus"_s, u"onboardingStatus"_s, u"riskScore"_s, u"exposureLevel"_s,
        u"deviceValue"_s, u"firstSeen"_s, u"lastSeen"_s, u"lastIpAddress"_s, u"rbacGroupId"_s,
        u"rbacGroupName"_s, u"aadDeviceId"_s, u"machineTags"_s};
}

QStringList machineRow(const Machine &m, OutputFormat format)
{
    if (format == OutputFormat::Table)
        return {m.id, m.computerDnsName, m.osPlatform, m.version, m.healthStatus,
            m.onboardingStatus, m.riskScore, timestamp(m.lastSeen)};
    return {m.id, m.computerDnsName, m.osPlatform, m.version, m.osVersion,
        m.osBuild ? QString::number(*m.osBuild) : QString(), m.healthStatus, m.onboardingStatus,
        m.riskScore, m.exposureLevel, m.deviceValue, timestamp(m.firstSeen), timestamp(m.lastSeen),
        m.lastIpAddress, m.rbacGroupId, m.rbacGroupName, m.aadDeviceId, m.machineTags.join(u';')};
}

bool matchesSearch(const Machine &m, const QString &search)
{
    const QStringList terms = search.split(QChar(u' '), Qt::SkipEmptyParts);
    QStringList haystack = {m.computerDnsName, m.id, m.lastIpAddress, m.rbacGroupName};
    haystack += m.machineTags;
    for (const IpAddress &a : m.ipAddresses)
        haystack.append(a.ipAddress);
    return std::all_of(terms.cbegin(), terms.cend(), [&haystack](const QString &term) {
        return std::any_of(haystack.cbegin(), haystack.cend(), [&term](const QString &field) {
            return field.contains(term.trimmed(), Qt::CaseInsensitive);
        });
    });
}

QJsonObject actionToJson(const MachineAction &a)
{
    return QJsonObject {{u"id"_s, a.id}, {u"type"_s, text(a.type)}, {u"title"_s, text(a.title)},
        {u"scope"_s, text(a.scope)}, {u"requestor"_s, text(a.requestor)},
        {u"requestorComment"_s, text(a.requestorComment)},
        {u"requestSource"_s, text(a.requestSource)},
        {u"status"_s,
            a.statusText.isEmpty() ? text(actionStatusToString(a.status))
                                   : QJsonValue(a.statusText)},
        {u"machineId"_s, text(a.machineId)}, {u"computerDnsName"_s, text(a.computerDnsName)},
        {u"creationDateTimeUtc"_s, time(a.creationDateTimeUtc)},
        {u"lastUpdateDateTimeUtc"_s, time(a.lastUpdateDateTimeUtc)},
        {u"cancellationRequestor"_s, text(a.cancellationRequestor)},
        {u"cancellationComment"_s, text(a.cancellationComment)},
        {u"cancellationDateTimeUtc"_s, time(a.cancellationDateTimeUtc)},
        {u"errorHResult"_s, double(a.errorHResult)}, {u"externalId"_s, text(a.externalId)}};
}

QStringList actionHeaders(OutputFormat format)
{
    if (format == OutputFormat::Table)
        return {u"id"_s, u"type"_s, u"status"_s, u"machineId"_s, u"computerDnsName"_s,
            u"requestor"_s, u"creationDateTimeUtc"_s};
    return {u"id"_s, u"type"_s, u"status"_s, u"machineId"_s, u"computerDnsName"_s, u"requestor"_s,
        u"requestorComment"_s, u"creationDateTimeUtc"_s, u"lastUpdateDateTimeUtc"_s,
        u"cancellationRequestor"_s, u"cancellationComment"_s};
}

QStringList actionRow(const MachineAction &a, OutputFormat format)
{
    const QString status = a.statusText.isEmpty() ? actionStatusToString(a.status) : a.statusText;
    if (format == OutputFormat::Table)
        return {a.id, a.type, status, a.machineId, a.computerDnsName, a.requestor,
            timestamp(a.creationDateTimeUtc)};
    return {a.id, a.type, status, a.machineId, a.computerDnsName, a.requestor, a.requestorComment,
        timestamp(a.creationDateTimeUtc), timestamp(a.lastUpdateDateTimeUtc),
        a.cancellationRequestor, a.cancellationComment};
}

} // namespace Output
