// SPDX-License-Identifier: MIT
// One device of the tenant, drawn from its own seeded generator.
#include "tenant.h"
#include "tenant_p.h"

#include <QHash>
#include <QJsonArray>

#include <cctype>
#include <cstdio>
#include <iterator>

using namespace Qt::StringLiterals;
using namespace tenant_detail;

namespace {

struct Choice
{
    const char *value;
    int weight;
};

// Windows 10 before 1703 cannot be offboarded through the API (contract section 6).
constexpr OsChoice kOs[] = {
    {"Windows10", "1507", 10240, 8},
    {"Windows10", "1511", 10586, 6},
    {"Windows10", "1607", 14393, 12},
    {"Windows10", "1703", 15063, 6},
    {"Windows10", "1709", 16299, 8},
    {"Windows10", "1803", 17134, 10},
    {"Windows10", "1809", 17763, 14},
    {"Windows10", "1903", 18362, 8},
    {"Windows10", "1909", 18363, 14},
    {"Windows10", "2004", 19041, 12},
    {"Windows10", "20H2", 19042, 20},
    {"Windows10", "21H1", 19043, 20},
    {"Windows10", "21H2", 19044, 50},
    {"Windows10", "22H2", 19045, 90},
    {"Windows11", "21H2", 22000, 30},
    {"Windows11", "22H2", 22621, 50},
    {"Windows11", "23H2", 22631, 90},
    {"Windows11", "24H2", 26100, 70},
    {"WindowsServer2012R2", "6.3", 9600, 15},
    {"WindowsServer2016", "1607", 14393, 25},
    {"WindowsServer2019", "1809", 17763, 35},
    {"WindowsServer2022", "21H2", 20348, 35},
    {"macOS", "12", 0, 8},
    {"macOS", "13", 0, 10},
    {"macOS", "14", 0, 16},
    {"macOS", "15", 0, 16},
    {"Linux", "22.04", 0, 25},
    {"Linux", "9.3", 0, 12},
    {"iOS", "17.5", 0, 18},
    {"Android", "14", 0, 18},
};

constexpr Choice kHealth[] = {{"Active", 790}, {"Inactive", 90}, {"ImpairedCommunication", 30},
    {"NoSensorData", 40}, {"NoSensorDataImpairedCommunication", 20}, {"Unknown", 30}};
constexpr Choice kRisk[]
    = {{"None", 10}, {"Informational", 10}, {"Low", 30}, {"Medium", 30}, {"High", 20}};
constexpr Choice kExposure[] = {{"None", 5}, {"Low", 35}, {"Medium", 40}, {"High", 20}};
constexpr Choice kValue[] = {{"Normal", 80}, {"Low", 10}, {"High", 10}};
constexpr Choice kOnboarding[]
    = {{"Onboarded", 955}, {"CanBeOnboarded", 20}, {"Unsupported", 10}, {"InsufficientInfo", 15}};
constexpr Choice kDomain[] = {
    {".contoso.example", 60}, {".corp.contoso.example", 20}, {".eu.contoso.example", 10}, {"", 10}};
constexpr Choice kAv[] = {{"Updated", 85}, {"NotUpdated", 8}, {"Disabled", 3}, {"Unknown", 4}};
constexpr Choice kManaged[] = {{"Intune", 50}, {"MDE", 25}, {"ConfigMgr", 15}, {"Unknown", 10}};
constexpr Choice kManagedStatus[] = {{"Success", 70}, {"Unknown", 25}, {"Failure", 5}};
const char *const kTags[]
    = {"VIP", "Finance", "Kiosk", "Lab", "Server-Critical", "Remote", "Decommission", "Test"};
// rbacGroupId 0 is the ungrouped default; the service sends its name as null.
struct Group
{
    int id;
    const char *name;
};
constexpr Group kWorkstationGroups[]
    = {{0, nullptr}, {41, "Workstations"}, {43, "Finance"}, {44, "Lab"}};

// .NET "FFFFFFF" form (trailing zeros dropped), as firstSeen arrives in the recorded example.
QString trimmedTimestamp(qint64 ticks)
{
    QString text = Tenant::timestamp(ticks);
    text.chop(1);
    while (text.endsWith(u'0'))
        text.chop(1);
    if (text.endsWith(u'.'))
        text.chop(1);
    return text + u'Z';
}

struct Prototype
{
    QString keys[FieldCount];
    int position[FieldCount]; // index of the key in the (sorted) object
    QJsonObject machine;
    QJsonObject address;
};

const Prototype &prototype()
{
    static const Prototype proto = [] {
        Prototype p;
        for (int f = 0; f < FieldCount; ++f) {
            p.keys[f] = QLatin1String(kFieldNames[f]);
            p.machine.insert(p.keys[f], QJsonValue::Null);
        }
        for (int f = 0; f < FieldCount; ++f)
            p.position[f]
                = int(std::distance(p.machine.constBegin(), p.machine.constFind(p.keys[f])));
        for (const char *key : {"ipAddress", "macAddress", "type", "operationalStatus"})
            p.address.insert(QLatin1String(key), QJsonValue::Null);
        p.address.insert(QLatin1String("operationalStatus"), QLatin1String("Up"));
        return p;
    }();
    return proto;
}

// A table string as a JSON value, converted to QString once (the tables are static).
// Built once before any worker starts and only read afterwards, so the workers may share it.
const QHash<const void *, QJsonValue> &literals()
{
    static const QHash<const void *, QJsonValue> cache = [] {
        QHash<const void *, QJsonValue> map;
        const auto add = [&map](const char *text) { map.insert(text, QLatin1String(text)); };
        for (const OsChoice &os : kOs) {
            add(os.platform);
            add(os.version);
        }
        const auto addAll = [&add](const auto &table) {
            for (const auto &entry : table)
                add(entry.value);
        };
        addAll(kHealth);
        addAll(kRisk);
        addAll(kExposure);
        addAll(kValue);
        addAll(kOnboarding);
        addAll(kAv);
        addAll(kManaged);
        addAll(kManagedStatus);
        for (const char *tag : kTags)
            add(tag);
        for (const char *text :
            {"x64", "x86", "ARM64", "32-bit", "64-bit", "Servers", "Mobile", "Inactive",
                "NoSensorData", "InactiveDevice", "Ethernet", "Wireless80211", "SoftwareLoopback"})
            add(text);
        for (const Group &group : kWorkstationGroups) {
            if (group.name)
                add(group.name);
        }
        return map;
    }();
    return cache;
}

} // namespace

QJsonValue tenant_detail::literal(const char *text)
{
    const auto &cache = literals();
    const auto it = cache.constFind(text);
    return it != cache.constEnd() ? *it : QJsonValue(QLatin1String(text));
}

namespace {

template<typename... Args> QString format(const char *pattern, Args... args)
{
    char buffer[96];
    const int length = std::snprintf(buffer, sizeof buffer, pattern, args...);
    return QString::fromLatin1(buffer, std::clamp(length, 0, int(sizeof buffer) - 1));
}

QString ipv4(Rng &rng, int net)
{
    const int host = int(rng.between(2, 254));
    if (net == 10)
        return format("10.%d.%d.%d", int(rng.below(256)), int(rng.below(256)), host);
    if (net == 172)
        return format("172.%d.%d.%d", int(rng.between(16, 31)), int(rng.below(256)), host);
    return format("192.168.%d.%d", int(rng.below(256)), host);
}

QJsonObject address(const QString &ip, const QJsonValue &macAddress, const char *type)
{
    QJsonObject object = prototype().address;
    object[u"ipAddress"_s] = ip;
    object[u"macAddress"_s] = macAddress;
    object[u"type"_s] = literal(type);
    return object;
}

} // namespace

bool tenant_detail::isEligibleWindows(const OsChoice &os)
{
    const QLatin1String platform(os.platform);
    return (platform == QLatin1String("Windows10") && os.build >= 15063)
        || platform == QLatin1String("Windows11") || platform == QLatin1String("WindowsServer2019")
        || platform == QLatin1String("WindowsServer2022");
}

namespace {

QLatin1String latin(const char *text)
{
    return QLatin1String(text);
}

qint64 lastSeenAge(Rng &rng, const char *health)
{
    const QLatin1String text(health);
    if (text == QLatin1String("Active"))
        return rng.chance(850) ? rng.below(kTicksPerDay) : rng.below(7 * kTicksPerDay);
    if (text == QLatin1String("ImpairedCommunication"))
        return rng.below(10 * kTicksPerDay);
    if (text == QLatin1String("Inactive") || text.startsWith(QLatin1String("NoSensorData")))
        return 7 * kTicksPerDay + rng.below(53 * kTicksPerDay);
    return rng.below(60 * kTicksPerDay);
}

QString hostName(Rng &rng, int index, const QLatin1String &platform, bool server)
{
    static const char *const prefixes[][3]
        = {{"desk", "lt", "wks"}, {"srv", "sql", "web"}, {"mac", "mbp", "imac"},
            {"lnx", "build", "k8s"}, {"iphone", "ipad", "iphone"}, {"android", "pixel", "galaxy"}};
    const int family = server                       ? 1
        : platform.startsWith(QLatin1String("Win")) ? 0
        : platform == QLatin1String("macOS")        ? 2
        : platform == QLatin1String("Linux")        ? 3
        : platform == QLatin1String("iOS")          ? 4
                                                    : 5;
    char host[32];
    std::snprintf(host, sizeof host, "%s-%05d", prefixes[family][rng.below(3)], index + 1);
    if (family <= 1 && rng.chance(50)) { // NetBIOS habits: the service keeps the case it was given
        for (char *c = host; *c; ++c)
            *c = char(std::toupper(uchar(*c)));
    }
    return QLatin1String(host) + QLatin1String(family >= 4 ? "" : rng.pick(kDomain).value);
}

} // namespace

Device tenant_detail::makeDevice(Rng &rng, int index, qint64 nowTicks)
{
    const Prototype &proto = prototype();
    Device device;
    const OsChoice &os = rng.pick(kOs);
    device.os = &os;
    const QLatin1String platform(os.platform);
    const bool windows = platform.startsWith(QLatin1String("Windows"));
    const bool server = platform.startsWith(QLatin1String("WindowsServer"));
    const bool mobile = platform == QLatin1String("iOS") || platform == QLatin1String("Android");

    const char *onboarding = rng.pick(kOnboarding).value;
    device.onboarded = qstrcmp(onboarding, "Onboarded") == 0;
    const char *health = device.onboarded ? rng.pick(kHealth).value
                                          : (rng.chance(500) ? "NoSensorData" : "Unknown");
    // Devices that stopped talking are the ones that never check in again.
    const QLatin1String healthText(health);
    device.silent = (healthText == QLatin1String("Inactive")
                        || healthText.startsWith(QLatin1String("NoSensorData")))
        && rng.chance(150);
    const qint64 lastSeen = nowTicks - lastSeenAge(rng, health);
    const qint64 firstSeen = lastSeen - rng.between(kTicksPerDay / 24, 900 * kTicksPerDay);

    const int net = server ? 10 : (rng.chance(500) ? 10 : (rng.chance(500) ? 172 : 192));
    const QString ip = ipv4(rng, net);
    QJsonArray addresses;
    addresses.append(address(ip, rng.hex(12).toUpper(),
        !server && (mobile || rng.chance(400)) ? "Wireless80211" : "Ethernet"));
    if (rng.chance(300))
        addresses.append(
            address(format("fe80::%x:%x", unsigned(rng.below(65536)), unsigned(rng.below(65536))),
                rng.hex(12).toUpper(), "Ethernet"));
    if (windows)
        addresses.append(address(u"127.0.0.1"_s, QJsonValue::Null, "SoftwareLoopback"));

    Group group = server ? Group {42, "Servers"}
        : mobile         ? Group {45, "Mobile"}
                         : kWorkstationGroups[rng.below(std::size(kWorkstationGroups))];
    QJsonArray tags;
    if (rng.chance(450)) {
        for (qint64 n = rng.between(1, 3); n > 0; --n) {
            const QJsonValue tag = literal(kTags[rng.below(std::size(kTags))]);
            if (!tags.contains(tag))
                tags.append(tag);
        }
    }
    const bool aad = windows && !server ? rng.chance(800) : rng.chance(100);
    const char *processor = mobile             ? "ARM64"
        : os.build == 10240 && rng.chance(300) ? "x86"
        : rng.chance(100)                      ? "ARM64"
                                               : "x64";
    QJsonValue agent = QJsonValue::Null;
    if (device.onboarded && windows)
        agent = format("10.8760.%d.%d", os.build, int(rng.between(1000, 5000)));
    else if (device.onboarded && mobile)
        agent = format("1.0.%d.0101", int(rng.between(6000, 6999)));
    else if (device.onboarded)
        agent = format("101.%d.%04d", int(rng.between(24000, 25000)), int(rng.between(1, 20)));
    const bool excluded = rng.chance(10);

    QJsonObject &m = device.json;
    m = proto.machine;
    // Writing through an iterator skips the key search: the prototype fixed every position.
    QJsonObject::iterator first = m.begin();
    const auto set
        = [&](Field field, const QJsonValue &value) { first[proto.position[field]] = value; };
    set(Id, rng.hex(40));
    set(IsPotentialDuplication, false);
    set(IsExcluded, excluded);
    if (excluded)
        set(ExclusionReason, literal("InactiveDevice"));
    set(ComputerDnsName, hostName(rng, index, platform, server));
    set(FirstSeen, trimmedTimestamp(firstSeen));
    set(LastSeen, Tenant::timestamp(lastSeen));
    set(OsPlatform, literal(os.platform));
    if (windows && rng.chance(500))
        set(OsVersion, format("10.0.%d.%d", os.build, int(rng.between(100, 5000))));
    set(OsProcessor, literal(processor));
    set(Version, literal(os.version));
    if (!rng.chance(40))
        set(LastIpAddress, ip);
    if (!rng.chance(60))
        set(LastExternalIpAddress, format("203.0.113.%d", int(rng.between(1, 254))));
    set(AgentVersion, agent);
    if (os.build != 0 && !rng.chance(20))
        set(OsBuild, os.build);
    set(HealthStatus, literal(health));
    set(DeviceValue, literal(rng.pick(kValue).value));
    set(RbacGroupId, group.id);
    if (group.name)
        set(RbacGroupName, literal(group.name));
    set(RiskScore, literal(rng.pick(kRisk).value));
    set(ExposureLevel, literal(rng.pick(kExposure).value));
    set(IsAadJoined, aad);
    if (aad)
        set(AadDeviceId, rng.guid());
    set(MachineTags, tags);
    set(DefenderAvStatus, literal(device.onboarded ? rng.pick(kAv).value : "Unknown"));
    set(OnboardingStatus, literal(onboarding));
    set(OsArchitecture, literal(qstrcmp(processor, "x86") == 0 ? "32-bit" : "64-bit"));
    set(ManagedBy, literal(rng.pick(kManaged).value));
    set(ManagedByStatus, literal(rng.pick(kManagedStatus).value));
    set(IpAddresses, addresses);
    if (server && rng.chance(300))
        set(VmMetadata,
            QJsonObject {{u"hypervisorId"_s, u"Azure"_s}, {u"vmId"_s, rng.guid()},
                {u"cloudResourceId"_s, QJsonValue::Null}, {u"subscriptionId"_s, rng.guid()}});
    device.roll = rng.next();
    return device;
}

QJsonObject tenant_detail::offboardAction(Rng &rng, const QJsonObject &machine, qint64 nowTicks)
{
    const QString created = Tenant::timestamp(
        nowTicks - rng.between(3600, 6 * 3600) * kTicksPerSecond - rng.below(kTicksPerSecond));
    QJsonObject action;
    action.insert(latin("id"), rng.guid());
    action.insert(latin("type"), latin("Offboard"));
    action.insert(latin("title"), QJsonValue::Null);
    action.insert(latin("requestor"), latin("previous.analyst@contoso.example"));
    action.insert(latin("requestorComment"), latin("Hardware returned to vendor (CHG-1042)"));
    action.insert(latin("status"), latin("Pending"));
    action.insert(latin("machineId"), machine.value(latin("id")));
    action.insert(latin("computerDnsName"), machine.value(latin("computerDnsName")));
    action.insert(latin("creationDateTimeUtc"), created);
    action.insert(latin("lastUpdateDateTimeUtc"), created);
    action.insert(latin("cancellationRequestor"), QJsonValue::Null);
    action.insert(latin("cancellationComment"), QJsonValue::Null);
    action.insert(latin("cancellationDateTimeUtc"), QJsonValue::Null);
    action.insert(latin("errorHResult"), 0);
    action.insert(latin("scope"), QJsonValue::Null);
    action.insert(latin("externalId"), QJsonValue::Null);
    action.insert(latin("requestSource"), latin("PublicApi"));
    action.insert(latin("relatedFileInfo"), QJsonValue::Null);
    action.insert(latin("commands"), QJsonArray());
    action.insert(latin("troubleshootInfo"), QJsonValue::Null);
    return action;
}

const QString &tenant_detail::fieldKey(Field field)
{
    return prototype().keys[field];
}
