// SPDX-License-Identifier: MIT
#include "tenant.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>
#include <QLocale>
#include <QSet>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <iterator>
#include <thread>
#include <vector>

#include "tenant_p.h"

using namespace Qt::StringLiterals;
using namespace tenant_detail;

namespace {

void civilFromDays(qint64 days, int *y, int *m, int *d)
{
    // Howard Hinnant's algorithm: fast and independent of time zones and QDateTime.
    days += 719468;
    const qint64 era = (days >= 0 ? days : days - 146096) / 146097;
    const qint64 doe = days - era * 146097;
    const qint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const qint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const qint64 mp = (5 * doy + 2) / 153;
    *d = int(doy - (153 * mp + 2) / 5 + 1);
    *m = int(mp < 10 ? mp + 3 : mp - 9);
    *y = int(yoe + era * 400 + (*m <= 2 ? 1 : 0));
}

} // namespace

Tenant::Tenant(int devices, quint32 seed, const QDateTime &now)
{
    const int count = std::clamp(devices, 1, 200000);
    const QDateTime reference = now.isValid() ? now : referenceNow();
    const qint64 nowTicks = reference.toMSecsSinceEpoch() * 10000;
    const quint64 base = (quint64(seed) << 32) ^ 0x6d64652d73696dull;

    // Devices are independent (one generator each), so they are built in parallel; what links
    // them (unique ids, duplicates) is settled afterwards in index order.
    QVector<Device> info(count);
    const int workers
        = count < 2000 ? 1 : int(std::clamp(std::thread::hardware_concurrency(), 1u, 4u));
    {
        std::vector<std::thread> threads;
        for (int w = 0; w < workers; ++w) {
            threads.emplace_back([&info, w, workers, count, base, nowTicks] {
                for (int i = w; i < count; i += workers) {
                    Rng rng(base + quint64(i) * 0xD1B54A32D192ED03ull);
                    info[i] = makeDevice(rng, i, nowTicks);
                }
            });
        }
        for (std::thread &thread : threads)
            thread.join();
    }
    m_machines.resize(count);
    m_silent.resize(count);
    m_bytes.resize(count);
    m_byKey.reserve(count * 2);
    QVector<int> pending;
    for (int i = 0; i < count; ++i) {
        Device &device = info[i];
        Rng rng(device.roll);
        QJsonObject &json = device.json;
        while (m_byKey.contains(json.value(fieldKey(Id)).toString()))
            json[fieldKey(Id)] = rng.hex(40); // 160 random bits: practically never
        // A re-onboarded device leaves its old record behind, marked as merged into the new one.
        if (i > 0 && rng.chance(8)) {
            json[fieldKey(IsPotentialDuplication)] = true;
            json[fieldKey(MergedIntoMachineId)]
                = m_machines.at(int(rng.below(i))).value(fieldKey(Id));
        }
        if (isEligibleWindows(*device.os) && device.onboarded && rng.chance(5))
            pending.append(i);
        m_silent[i] = device.silent;
        m_byKey.insert(json.value(fieldKey(Id)).toString(), i);
        m_byKey.insert(json.value(fieldKey(ComputerDnsName)).toString().toLower(), i);
        m_machines[i] = std::move(json);
    }

    // Small tenants still get one silent device and one pending offboard, so every scenario is
    // reachable; the choice is seeded too.
    Rng fixups(base ^ 0xA5A5A5A5A5A5A5A5ull);
    if (count >= 20 && !m_silent.contains(true)) {
        const int start = int(fixups.below(count));
        int chosen = -1;
        for (int n = 0; n < count && chosen < 0; ++n) {
            const int i = (start + n) % count;
            if (isEligibleWindows(*info[i].os)
                && m_machines[i].value(fieldKey(HealthStatus)) != QLatin1String("Active"))
                chosen = i;
        }
        if (chosen < 0) {
            chosen = start;
            m_machines[chosen][fieldKey(HealthStatus)] = literal("Inactive");
            m_machines[chosen][fieldKey(LastSeen)]
                = timestamp(nowTicks - 8 * kTicksPerDay - fixups.below(kTicksPerDay));
        }
        m_silent[chosen] = true;
    }
    if (count >= 20 && pending.isEmpty()) {
        const int start = int(fixups.below(count));
        for (int n = 0; n < count && pending.isEmpty(); ++n) {
            const int i = (start + n) % count;
            if (isEligibleWindows(*info[i].os) && info[i].onboarded)
                pending.append(i);
        }
    }
    for (int i : std::as_const(pending)) {
        Rng rng(base ^ (quint64(i) * 0x9E3779B97F4A7C15ull) ^ 0x5eedull);
        m_seededActions.append(offboardAction(rng, m_machines.at(i), nowTicks));
    }
}

QDateTime Tenant::referenceNow()
{
    return QDateTime(QDate(2026, 11, 1), QTime(12, 0), Qt::UTC);
}

QByteArray Tenant::machineBytes(int index) const
{
    QByteArray &bytes = m_bytes[index];
    if (bytes.isEmpty())
        bytes = orderedJson(m_machines.at(index));
    return bytes;
}

int Tenant::indexOf(const QString &idOrName) const
{
    return m_byKey.value(idOrName.toLower(), -1);
}

void Tenant::updateMachine(int index, const QJsonObject &machine)
{
    const QJsonObject &old = m_machines.at(index);
    for (const Field key : {Id, ComputerDnsName}) {
        const QString oldKey = old.value(fieldKey(key)).toString().toLower();
        if (m_byKey.value(oldKey, -1) == index)
            m_byKey.remove(oldKey);
    }
    m_machines[index] = machine;
    m_bytes[index].clear();
    for (const Field key : {Id, ComputerDnsName}) {
        const QString newKey = machine.value(fieldKey(key)).toString().toLower();
        if (!newKey.isEmpty())
            m_byKey.insert(newKey, index);
    }
}

QString Tenant::timestamp(qint64 ticks)
{
    qint64 days = ticks / kTicksPerDay;
    qint64 rest = ticks % kTicksPerDay;
    if (rest < 0) {
        rest += kTicksPerDay;
        --days;
    }
    int y = 0, m = 0, d = 0;
    civilFromDays(days, &y, &m, &d);
    const qint64 seconds = rest / kTicksPerSecond;
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d.%07dZ", y, m, d,
        int(seconds / 3600), int(seconds / 60 % 60), int(seconds % 60),
        int(rest % kTicksPerSecond));
    return QString::fromLatin1(buffer);
}

namespace {

// Key orders of the recorded machine, address and action (contract sections 3 and 4);
// QJsonObject itself only knows sorted keys. Keys outside the order follow, sorted.
struct KeyOrder
{
    std::vector<const char *> keys;
    QSet<QString> names;
    explicit KeyOrder(std::initializer_list<const char *> list)
        : keys(list)
    {
        for (const char *key : list)
            names.insert(QLatin1String(key));
    }
};

const KeyOrder &orderFor(const QJsonObject &object)
{
    static const KeyOrder machine = [] {
        KeyOrder order {"@odata.context"};
        for (const char *key : kFieldNames) {
            order.keys.push_back(key);
            order.names.insert(QLatin1String(key));
        }
        return order;
    }();
    static const KeyOrder address {"ipAddress", "macAddress", "type", "operationalStatus"};
    static const KeyOrder action {"@odata.context", "id", "type", "title", "requestor",
        "requestorComment", "status", "machineId", "computerDnsName", "creationDateTimeUtc",
        "lastUpdateDateTimeUtc", "cancellationRequestor", "cancellationComment",
        "cancellationDateTimeUtc", "errorHResult", "scope", "externalId", "requestSource",
        "relatedFileInfo", "commands", "troubleshootInfo"};
    if (object.contains(QLatin1String("ipAddress")))
        return address;
    if (object.contains(QLatin1String("machineId")) || object.contains(QLatin1String("requestor")))
        return action;
    return machine;
}

void writeEscaped(QByteArray &out, const QString &text)
{
    out += '"';
    const QByteArray utf8 = text.toUtf8();
    for (const char c : utf8) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (uchar(c) < 0x20) {
                char escaped[8];
                std::snprintf(escaped, sizeof escaped, "\\u%04x", uchar(c));
                out += escaped;
            } else {
                out += c;
            }
        }
    }
    out += '"';
}

void writeString(QByteArray &out, const QString &text)
{
    // Fast path for the common case, plain ASCII without escapes: one copy, no temporaries.
    const qsizetype start = out.size();
    out.resize(start + text.size() + 2);
    char *p = out.data() + start;
    *p++ = '"';
    for (const QChar ch : text) {
        const char16_t c = ch.unicode();
        if (c < 0x20 || c >= 0x80 || c == u'"' || c == u'\\') {
            out.truncate(start);
            writeEscaped(out, text);
            return;
        }
        *p++ = char(c);
    }
    *p = '"';
}

void writeValue(QByteArray &out, const QJsonValue &value);

void writeMember(QByteArray &out, bool *first, const QString &key, const QJsonValue &value)
{
    if (!*first)
        out += ',';
    *first = false;
    writeString(out, key);
    out += ':';
    writeValue(out, value);
}

void writeObject(QByteArray &out, const QJsonObject &object)
{
    const KeyOrder &order = orderFor(object);
    out += '{';
    bool first = true;
    qsizetype written = 0;
    for (const char *key : order.keys) {
        const auto it = object.constFind(QLatin1String(key));
        if (it == object.constEnd())
            continue;
        ++written;
        if (!first)
            out += ',';
        first = false;
        out += '"';
        out += key;
        out += "\":";
        writeValue(out, it.value());
    }
    if (written < object.size()) {
        for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
            if (!order.names.contains(it.key()))
                writeMember(out, &first, it.key(), it.value()); // already sorted by key
        }
    }
    out += '}';
}

void writeValue(QByteArray &out, const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        out += "null";
        break;
    case QJsonValue::Bool:
        out += value.toBool() ? "true" : "false";
        break;
    case QJsonValue::Double: {
        const double number = value.toDouble();
        if (number == double(qint64(number)) && std::abs(number) < 9007199254740992.0) {
            char buffer[24];
            std::snprintf(buffer, sizeof buffer, "%lld", static_cast<long long>(number));
            out += buffer;
        } else {
            out += QByteArray::number(number, 'g', QLocale::FloatingPointShortest);
        }
        break;
    }
    case QJsonValue::String:
        writeString(out, value.toString());
        break;
    case QJsonValue::Array: {
        out += '[';
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            if (i)
                out += ',';
            writeValue(out, array.at(i));
        }
        out += ']';
        break;
    }
    case QJsonValue::Object:
        writeObject(out, value.toObject());
        break;
    }
}

} // namespace

QByteArray Tenant::orderedJson(const QJsonObject &object)
{
    QByteArray out;
    out.reserve(1400);
    writeObject(out, object);
    return out;
}
