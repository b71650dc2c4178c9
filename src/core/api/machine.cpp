// SPDX-License-Identifier: MIT
#include "machine.h"
#include "jsonfields.h"
#include "machineparse_p.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

using namespace Qt::StringLiterals;

namespace {

// The timestamp grammar over any sequence of 16-bit or 8-bit code units: only ASCII is ever
// accepted, so the UTF-16 text and its UTF-8 bytes give the same result.
template<typename Text> class TimestampReader final
{
public:
    explicit TimestampReader(Text text)
        : m_text(text)
    { }

    // Reads exactly `count` ASCII digits; -1 when any is missing.
    int digits(int count)
    {
        if (m_pos + count > qsizetype(m_text.size()))
            return -1;
        int value = 0;
        for (int i = 0; i < count; ++i) {
            const int c = at(m_pos + i);
            if (c < '0' || c > '9')
                return -1;
            value = value * 10 + (c - '0');
        }
        m_pos += count;
        return value;
    }
    bool expect(char c)
    {
        if (!atEnd() && peek() == c) {
            ++m_pos;
            return true;
        }
        return false;
    }
    bool atEnd() const { return m_pos >= qsizetype(m_text.size()); }
    int peek() const { return at(m_pos); }
    void skip() { ++m_pos; }

private:
    static int unit(QChar c) { return c.unicode(); }
    static int unit(char c) { return static_cast<unsigned char>(c); }
    int at(qsizetype pos) const { return unit(m_text[pos]); }
    Text m_text;
    qsizetype m_pos = 0;
};

template<typename Text> bool readTimestampMs(Text text, qint64 *ms)
{
    // yyyy-MM-ddTHH:mm:ss[.f{1,7}](Z|±HH:MM). Qt's ISODateWithMs parser wants exactly three
    // fractional digits, while the service sends up to seven: parse by hand, keep milliseconds.
    TimestampReader<Text> r(text);
    const int year = r.digits(4);
    if (year < 0 || !r.expect('-'))
        return false;
    const int month = r.digits(2);
    if (month < 0 || !r.expect('-'))
        return false;
    const int day = r.digits(2);
    if (day < 0 || !(r.expect('T') || r.expect('t')))
        return false;
    const int hour = r.digits(2);
    if (hour < 0 || !r.expect(':'))
        return false;
    const int minute = r.digits(2);
    if (minute < 0 || !r.expect(':'))
        return false;
    const int second = r.digits(2);
    if (second < 0)
        return false;
    int msec = 0;
    if (r.expect('.')) {
        int digits = 0;
        int scale = 100;
        while (!r.atEnd() && r.peek() >= '0' && r.peek() <= '9') {
            if (digits >= 7)
                return false;
            msec += scale * (r.peek() - '0');
            scale /= 10;
            ++digits;
            r.skip();
        }
        if (digits == 0)
            return false;
    }
    int offsetSeconds = 0;
    const bool zulu = r.expect('Z') || r.expect('z');
    if (!zulu && !r.atEnd() && (r.peek() == '+' || r.peek() == '-')) {
        const int sign = r.peek() == '-' ? -1 : 1;
        r.skip();
        const int oh = r.digits(2);
        if (oh < 0 || oh > 14 || !r.expect(':'))
            return false;
        const int om = r.digits(2);
        if (om < 0 || om > 59)
            return false;
        offsetSeconds = sign * (oh * 3600 + om * 60);
    } else if (!zulu) {
        return false; // the service always says UTC; a local time would be ambiguous
    }
    if (!r.atEnd())
        return false;
    if (!QDate::isValid(year, month, day) || !QTime::isValid(hour, minute, second, msec))
        return false;
    // Days since the epoch, then the time of day: what QDateTime would give, without one.
    constexpr qint64 MsPerDay = 86400000;
    constexpr qint64 UnixEpochJulianDay = 2440588;
    *ms = (QDate(year, month, day).toJulianDay() - UnixEpochJulianDay) * MsPerDay
        + ((hour * 60 + minute) * 60 + second - offsetSeconds) * qint64(1000) + msec;
    return true;
}

template<typename Text> QDateTime readTimestamp(Text text)
{
    qint64 ms = 0;
    return readTimestampMs(text, &ms) ? QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC) : QDateTime();
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
    return readTimestamp(QStringView(text));
}

QDateTime parseServiceTimestampUtf8(std::string_view text)
{
    return readTimestamp(text);
}

bool parseServiceTimestampMsUtf8(std::string_view text, qint64 *ms)
{
    return readTimestampMs(text, ms);
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

std::optional<QList<Machine>> parseMachinePageReference(
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
