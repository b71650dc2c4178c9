// SPDX-License-Identifier: MIT
#include "machine.h"
#include "jsonfields.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

using namespace Qt::StringLiterals;

namespace {

// Reads exactly `count` ASCII digits at text[pos]; -1 when any is missing.
int readDigits(const QString &text, qsizetype &pos, int count)
{
    if (pos + count > text.size())
        return -1;
    int value = 0;
    for (int i = 0; i < count; ++i) {
        const QChar c = text.at(pos + i);
        if (c < u'0' || c > u'9')
            return -1;
        value = value * 10 + (c.unicode() - u'0');
    }
    pos += count;
    return value;
}

bool expect(const QString &text, qsizetype &pos, char16_t c)
{
    if (pos >= text.size() || text.at(pos) != c)
        return false;
    ++pos;
    return true;
}

bool parseIpAddress(const QJsonValue &value, IpAddress *out, QString *error)
{
    if (!value.isObject()) {
        *error = JsonFields::tr("it is not an object.");
        return false;
    }
    JsonFields inner(value.toObject(), error);
    out->ipAddress = inner.string(u"ipAddress");
    out->macAddress = inner.string(u"macAddress");
    out->type = inner.string(u"type");
    out->operationalStatus = inner.string(u"operationalStatus");
    return inner.ok();
}

} // namespace

QDateTime parseServiceTimestamp(const QString &text)
{
    // yyyy-MM-ddTHH:mm:ss[.f{1,7}](Z|±HH:MM). Qt's ISODateWithMs parser wants exactly three
    // fractional digits, while the service sends up to seven: parse by hand, keep milliseconds.
    qsizetype pos = 0;
    const int year = readDigits(text, pos, 4);
    if (year < 0 || !expect(text, pos, u'-'))
        return {};
    const int month = readDigits(text, pos, 2);
    if (month < 0 || !expect(text, pos, u'-'))
        return {};
    const int day = readDigits(text, pos, 2);
    if (day < 0 || pos >= text.size() || (text.at(pos) != u'T' && text.at(pos) != u't'))
        return {};
    ++pos;
    const int hour = readDigits(text, pos, 2);
    if (hour < 0 || !expect(text, pos, u':'))
        return {};
    const int minute = readDigits(text, pos, 2);
    if (minute < 0 || !expect(text, pos, u':'))
        return {};
    const int second = readDigits(text, pos, 2);
    if (second < 0)
        return {};
    int msec = 0;
    if (pos < text.size() && text.at(pos) == u'.') {
        ++pos;
        int digits = 0;
        int scale = 100;
        while (pos < text.size() && text.at(pos) >= u'0' && text.at(pos) <= u'9') {
            if (digits >= 7)
                return {};
            msec += scale * (text.at(pos).unicode() - u'0');
            scale /= 10;
            ++digits;
            ++pos;
        }
        if (digits == 0)
            return {};
    }
    int offsetSeconds = 0;
    if (pos < text.size() && (text.at(pos) == u'Z' || text.at(pos) == u'z')) {
        ++pos;
    } else if (pos < text.size() && (text.at(pos) == u'+' || text.at(pos) == u'-')) {
        const int sign = text.at(pos) == u'-' ? -1 : 1;
        ++pos;
        const int oh = readDigits(text, pos, 2);
        if (oh < 0 || oh > 14 || !expect(text, pos, u':'))
            return {};
        const int om = readDigits(text, pos, 2);
        if (om < 0 || om > 59)
            return {};
        offsetSeconds = sign * (oh * 3600 + om * 60);
    } else {
        return {}; // the service always says UTC; a local time would be ambiguous
    }
    if (pos != text.size())
        return {};
    const QDate date(year, month, day);
    const QTime time(hour, minute, second, msec);
    if (!date.isValid() || !time.isValid())
        return {};
    QDateTime result(date, time, Qt::UTC);
    if (offsetSeconds != 0)
        result = result.addSecs(-offsetSeconds);
    return result;
}

std::optional<Machine> parseMachine(const QJsonObject &object, QString *error)
{
    JsonFields f(object, error);
    Machine m;
    m.id = f.string(u"id");
    m.computerDnsName = f.string(u"computerDnsName");
    m.firstSeen = f.timestamp(u"firstSeen");
    m.lastSeen = f.timestamp(u"lastSeen");
    m.osPlatform = f.string(u"osPlatform");
    m.osProcessor = f.string(u"osProcessor");
    m.version = f.string(u"version");
    m.osVersion = f.string(u"osVersion");
    m.osBuild = f.optionalInteger(u"osBuild");
    m.lastIpAddress = f.string(u"lastIpAddress");
    m.lastExternalIpAddress = f.string(u"lastExternalIpAddress");
    m.agentVersion = f.string(u"agentVersion");
    m.healthStatus = f.string(u"healthStatus");
    m.rbacGroupId = f.stringOrInteger(u"rbacGroupId");
    m.rbacGroupName = f.string(u"rbacGroupName");
    m.riskScore = f.string(u"riskScore");
    m.exposureLevel = f.string(u"exposureLevel");
    m.deviceValue = f.string(u"deviceValue");
    m.aadDeviceId = f.string(u"aadDeviceId");
    m.machineTags = f.stringList(u"machineTags");
    m.osArchitecture = f.string(u"osArchitecture");
    m.onboardingStatus = f.string(u"onboardingStatus");
    m.defenderAvStatus = f.string(u"defenderAvStatus");
    m.managedBy = f.string(u"managedBy");
    m.managedByStatus = f.string(u"managedByStatus");
    m.mergedIntoMachineId = f.string(u"mergedIntoMachineId");
    m.isPotentialDuplication = f.boolean(u"isPotentialDuplication");
    m.isExcluded = f.boolean(u"isExcluded");
    m.exclusionReason = f.string(u"exclusionReason");
    m.isAadJoined = f.boolean(u"isAadJoined");

    const QJsonValue ips = object.value(u"ipAddresses");
    if (f.ok() && !ips.isNull() && !ips.isUndefined()) {
        if (!ips.isArray()) {
            f.fail(u"ipAddresses", JsonFields::tr("an array"));
        } else {
            const QJsonArray array = ips.toArray();
            m.ipAddresses.reserve(array.size());
            for (qsizetype i = 0; i < array.size() && f.ok(); ++i) {
                const QJsonValue entry = array.at(i);
                if (entry.isNull())
                    continue;
                IpAddress ip;
                QString entryError;
                if (parseIpAddress(entry, &ip, &entryError))
                    m.ipAddresses.append(ip);
                else
                    f.failWith(JsonFields::tr("Field \"ipAddresses\", entry %1: %2")
                                   .arg(i + 1)
                                   .arg(entryError));
            }
        }
    }
    if (!f.ok())
        return std::nullopt;
    return m;
}

std::optional<Machine> parseMachineBody(const QByteArray &body, QString *error)
{
    QJsonObject object;
    if (!readObject(body, &object, error))
        return std::nullopt;
    return parseMachine(object, error);
}

std::optional<QList<Machine>> parseMachinePage(
    const QByteArray &body, QString *nextLink, QString *error)
{
    QJsonArray values;
    if (!readPage(body, &values, nextLink, error))
        return std::nullopt;
    QList<Machine> machines;
    machines.reserve(values.size());
    for (qsizetype i = 0; i < values.size(); ++i) {
        const QJsonValue value = values.at(i);
        QString elementError;
        std::optional<Machine> machine;
        if (value.isObject())
            machine = parseMachine(value.toObject(), &elementError);
        else
            elementError = JsonFields::tr("it is not an object.");
        if (!machine) {
            if (error)
                *error = JsonFields::tr("Device %1 of the page: %2").arg(i + 1).arg(elementError);
            return std::nullopt;
        }
        machines.append(std::move(*machine));
    }
    return machines;
}
