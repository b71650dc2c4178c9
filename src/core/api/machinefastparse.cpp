// SPDX-License-Identifier: MIT
// The simdjson page parser. It mirrors parseMachine()/readPage() for well-formed input and
// declines (std::nullopt) everything else, so the reference parser keeps the last word on
// errors and odd input.
#include "machineparse_p.h"

#include <simdjson.h>

#include <array>
#include <cstdint>
#include <limits>
#include <string_view>
#include <unordered_map>

namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

// Deeper documents are left to the reference parser, whose own nesting limit then applies.
constexpr size_t MaxDepth = 64;
// Low-cardinality texts (platforms, versions, statuses, groups, tags) share one QString per
// page; past this many distinct texts new ones are no longer remembered.
constexpr size_t MaxInterned = 4096;

enum Field : quint8 {
    IdField,
    MergedIntoField,
    PotentialDuplicationField,
    ExcludedField,
    ExclusionReasonField,
    DnsNameField,
    FirstSeenField,
    LastSeenField,
    PlatformField,
    OsVersionField,
    ProcessorField,
    VersionField,
    LastIpField,
    LastExternalIpField,
    AgentVersionField,
    OsBuildField,
    HealthField,
    DeviceValueField,
    GroupIdField,
    GroupNameField,
    RiskField,
    ExposureField,
    AadJoinedField,
    AadDeviceIdField,
    TagsField,
    DefenderAvField,
    OnboardingField,
    ArchitectureField,
    ManagedByField,
    ManagedByStatusField,
    IpAddressesField,
    FieldCount
};

// In the order the service sends them, so that the next key is usually the expected one.
constexpr std::array<std::string_view, FieldCount> FieldNames
    = {"id", "mergedIntoMachineId", "isPotentialDuplication", "isExcluded", "exclusionReason",
        "computerDnsName", "firstSeen", "lastSeen", "osPlatform", "osVersion", "osProcessor",
        "version", "lastIpAddress", "lastExternalIpAddress", "agentVersion", "osBuild",
        "healthStatus", "deviceValue", "rbacGroupId", "rbacGroupName", "riskScore", "exposureLevel",
        "isAadJoined", "aadDeviceId", "machineTags", "defenderAvStatus", "onboardingStatus",
        "osArchitecture", "managedBy", "managedByStatus", "ipAddresses"};

constexpr int NoField = -1;

class PageReader final
{
public:
    std::optional<QList<Machine>> read(element root, QString *nextLink);

private:
    bool readMachine(element object, Machine *m);
    bool readIpAddress(element object, IpAddress *ip);
    int field(std::string_view key);
    bool string(element v, QString *out);
    bool internedString(element v, QString *out);
    bool boolean(element v, bool *out);
    bool integer(element v, qint64 *out);
    bool timestamp(element v, QDateTime *out);
    bool tags(element v, QStringList *out);
    bool ipAddresses(element v, QList<IpAddress> *out);
    QString intern(std::string_view text);

    int m_expected = 0;
    std::unordered_map<std::string_view, QString> m_interned;
};

QString toQString(std::string_view text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

int PageReader::field(std::string_view key)
{
    if (m_expected < FieldCount && FieldNames[size_t(m_expected)] == key)
        return m_expected++;
    for (int i = 0; i < FieldCount; ++i) {
        if (FieldNames[size_t(i)] == key) {
            m_expected = i + 1;
            return i;
        }
    }
    return NoField;
}

QString PageReader::intern(std::string_view text)
{
    const auto it = m_interned.find(text);
    if (it != m_interned.end())
        return it->second;
    QString result = toQString(text);
    if (m_interned.size() < MaxInterned)
        m_interned.emplace(text, result);
    return result;
}

bool PageReader::string(element v, QString *out)
{
    if (v.is_null())
        return true;
    std::string_view text;
    if (v.get_string().get(text))
        return false;
    *out = toQString(text);
    return true;
}

bool PageReader::internedString(element v, QString *out)
{
    if (v.is_null())
        return true;
    std::string_view text;
    if (v.get_string().get(text))
        return false;
    *out = intern(text);
    return true;
}

bool PageReader::boolean(element v, bool *out)
{
    if (v.is_null())
        return true;
    return !v.get_bool().get(*out);
}

bool PageReader::integer(element v, qint64 *out)
{
    // Only numbers simdjson reads as int64 are taken; the reference parser reserves the
    // smallest int64 as its "not an integer" mark, and decides on doubles itself.
    if (v.type() != element_type::INT64)
        return false;
    int64_t n = 0;
    if (v.get_int64().get(n) || n == std::numeric_limits<int64_t>::min())
        return false;
    *out = n;
    return true;
}

bool PageReader::timestamp(element v, QDateTime *out)
{
    if (v.is_null())
        return true;
    std::string_view text;
    if (v.get_string().get(text))
        return false;
    if (text.empty())
        return true;
    *out = parseServiceTimestampUtf8(text);
    return out->isValid();
}

bool PageReader::tags(element v, QStringList *out)
{
    if (v.is_null())
        return true;
    simdjson::dom::array array;
    if (v.get_array().get(array))
        return false;
    out->reserve(qsizetype(array.size()));
    for (element entry : array) {
        if (entry.is_null())
            continue;
        std::string_view text;
        if (entry.get_string().get(text))
            return false;
        out->append(intern(text));
    }
    return true;
}

bool PageReader::readIpAddress(element object, IpAddress *ip)
{
    simdjson::dom::object fields;
    if (object.get_object().get(fields))
        return false;
    unsigned seen = 0;
    for (const simdjson::dom::key_value_pair &kv : fields) {
        int index = -1;
        QString *target = nullptr;
        if (kv.key == "ipAddress") {
            index = 0;
            target = &ip->ipAddress;
        } else if (kv.key == "macAddress") {
            index = 1;
            target = &ip->macAddress;
        } else if (kv.key == "type") {
            index = 2;
            target = &ip->type;
        } else if (kv.key == "operationalStatus") {
            index = 3;
            target = &ip->operationalStatus;
        } else {
            continue;
        }
        if (seen & (1u << index))
            return false; // a duplicate key: the reference parser's rule applies
        seen |= 1u << index;
        if (!(index >= 2 ? internedString(kv.value, target) : string(kv.value, target)))
            return false;
    }
    return true;
}

bool PageReader::ipAddresses(element v, QList<IpAddress> *out)
{
    if (v.is_null())
        return true;
    simdjson::dom::array array;
    if (v.get_array().get(array))
        return false;
    out->reserve(qsizetype(array.size()));
    for (element entry : array) {
        if (entry.is_null())
            continue;
        IpAddress ip;
        if (!readIpAddress(entry, &ip))
            return false;
        out->append(std::move(ip));
    }
    return true;
}

bool PageReader::readMachine(element value, Machine *m)
{
    simdjson::dom::object fields;
    if (value.get_object().get(fields))
        return false;
    quint64 seen = 0;
    m_expected = 0;
    for (const simdjson::dom::key_value_pair &kv : fields) {
        const int index = field(kv.key);
        if (index == NoField)
            continue;
        if (seen & (quint64(1) << index))
            return false;
        seen |= quint64(1) << index;
        const element v = kv.value;
        bool ok = true;
        switch (Field(index)) {
        case IdField:
            ok = string(v, &m->id);
            break;
        case MergedIntoField:
            ok = string(v, &m->mergedIntoMachineId);
            break;
        case PotentialDuplicationField:
            ok = boolean(v, &m->isPotentialDuplication);
            break;
        case ExcludedField:
            ok = boolean(v, &m->isExcluded);
            break;
        case ExclusionReasonField:
            ok = internedString(v, &m->exclusionReason);
            break;
        case DnsNameField:
            ok = string(v, &m->computerDnsName);
            break;
        case FirstSeenField:
            ok = timestamp(v, &m->firstSeen);
            break;
        case LastSeenField:
            ok = timestamp(v, &m->lastSeen);
            break;
        case PlatformField:
            ok = internedString(v, &m->osPlatform);
            break;
        case OsVersionField:
            ok = internedString(v, &m->osVersion);
            break;
        case ProcessorField:
            ok = internedString(v, &m->osProcessor);
            break;
        case VersionField:
            ok = internedString(v, &m->version);
            break;
        case LastIpField:
            ok = string(v, &m->lastIpAddress);
            break;
        case LastExternalIpField:
            ok = string(v, &m->lastExternalIpAddress);
            break;
        case AgentVersionField:
            ok = internedString(v, &m->agentVersion);
            break;
        case OsBuildField:
            if (!v.is_null()) {
                qint64 n = 0;
                ok = integer(v, &n);
                m->osBuild = n;
            }
            break;
        case HealthField:
            ok = internedString(v, &m->healthStatus);
            break;
        case DeviceValueField:
            ok = internedString(v, &m->deviceValue);
            break;
        case GroupIdField:
            if (v.is_string()) {
                ok = internedString(v, &m->rbacGroupId);
            } else if (!v.is_null()) {
                qint64 n = 0;
                ok = integer(v, &n);
                m->rbacGroupId = QString::number(n);
            }
            break;
        case GroupNameField:
            ok = internedString(v, &m->rbacGroupName);
            break;
        case RiskField:
            ok = internedString(v, &m->riskScore);
            break;
        case ExposureField:
            ok = internedString(v, &m->exposureLevel);
            break;
        case AadJoinedField:
            ok = boolean(v, &m->isAadJoined);
            break;
        case AadDeviceIdField:
            ok = string(v, &m->aadDeviceId);
            break;
        case TagsField:
            ok = tags(v, &m->machineTags);
            break;
        case DefenderAvField:
            ok = internedString(v, &m->defenderAvStatus);
            break;
        case OnboardingField:
            ok = internedString(v, &m->onboardingStatus);
            break;
        case ArchitectureField:
            ok = internedString(v, &m->osArchitecture);
            break;
        case ManagedByField:
            ok = internedString(v, &m->managedBy);
            break;
        case ManagedByStatusField:
            ok = internedString(v, &m->managedByStatus);
            break;
        case IpAddressesField:
            ok = ipAddresses(v, &m->ipAddresses);
            break;
        case FieldCount:
            break;
        }
        if (!ok)
            return false;
    }
    return true;
}

std::optional<QList<Machine>> PageReader::read(element root, QString *nextLink)
{
    simdjson::dom::object top;
    if (root.get_object().get(top))
        return std::nullopt;
    std::optional<element> values;
    std::optional<element> link;
    for (const simdjson::dom::key_value_pair &kv : top) {
        if (kv.key == "value") {
            if (values)
                return std::nullopt;
            values = kv.value;
        } else if (kv.key == "@odata.nextLink") {
            if (link)
                return std::nullopt;
            link = kv.value;
        }
    }
    simdjson::dom::array array;
    if (!values || values->get_array().get(array))
        return std::nullopt;
    QString linkText;
    if (link && !string(*link, &linkText))
        return std::nullopt;

    QList<Machine> machines;
    machines.reserve(qsizetype(array.size()));
    for (element value : array) {
        Machine m;
        if (!readMachine(value, &m))
            return std::nullopt;
        machines.append(std::move(m));
    }
    if (nextLink)
        *nextLink = linkText;
    return machines;
}

} // namespace

std::optional<QList<Machine>> parseMachinePageFast(const QByteArray &body, QString *nextLink)
{
    simdjson::dom::parser parser;
    if (parser.allocate(size_t(body.size()) + 1, MaxDepth))
        return std::nullopt;
    element root;
    if (parser.parse(body.constData(), size_t(body.size()), true).get(root))
        return std::nullopt;
    PageReader reader;
    return reader.read(root, nextLink);
}
