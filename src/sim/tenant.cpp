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

using namespace Qt::StringLiterals;

namespace {

// splitmix64: tiny, fast, well distributed and identical on every platform, unlike std::rand.
class Rng
{
public:
    explicit Rng(quint64 state)
        : m_state(state)
    { }
    quint64 next()
    {
        quint64 z = (m_state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    qint64 below(qint64 n) { return qint64(next() % quint64(n)); }
    qint64 between(qint64 lo, qint64 hi) { return lo + below(hi - lo + 1); }
    bool chance(int perMille) { return below(1000) < perMille; }
    void hex(char *out, int digits)
    {
        static const char alphabet[] = "0123456789abcdef";
        quint64 bits = next();
        for (int i = 0, left = 16; i < digits; ++i, --left) {
            if (left == 0) {
                bits = next();
                left = 16;
            }
            out[i] = alphabet[bits & 15];
            bits >>= 4;
        }
    }
    QString hex(int digits)
    {
        char buffer[64];
        hex(buffer, std::min(digits, 64));
        return QString::fromLatin1(buffer, std::min(digits, 64));
    }
    QString guid()
    {
        char buffer[37];
        hex(buffer, 36);
        buffer[8] = buffer[13] = buffer[18] = buffer[23] = '-';
        buffer[14] = '4';
        return QString::fromLatin1(buffer, 36);
    }
    template<typename T, size_t N> const T &pick(const T (&table)[N])
    {
        int total = 0;
        for (const T &entry : table)
            total += entry.weight;
        qint64 roll = below(total);
        for (const T &entry : table) {
            if (roll < entry.weight)
                return entry;
            roll -= entry.weight;
        }
        return table[N - 1];
    }

private:
    quint64 m_state;
};

struct Choice
{
    const char *value;
    int weight;
};

struct OsChoice
{
    const char *platform;
    const char *version;
    int build; // 0: null
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

constexpr qint64 kTicksPerSecond = 10000000;
constexpr qint64 kTicksPerDay = 86400 * kTicksPerSecond;

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

// Field names, in the order of the recorded machine. Every machine starts as a copy of a
// prototype holding all of them, and values are replaced in place: an order of magnitude fewer
// allocations than inserting 32 keys into an empty QJsonObject.
enum Field {
    Id,
    MergedIntoMachineId,
    IsPotentialDuplication,
    IsExcluded,
    ExclusionReason,
    ComputerDnsName,
    FirstSeen,
    LastSeen,
    OsPlatform,
    OsVersion,
    OsProcessor,
    Version,
    LastIpAddress,
    LastExternalIpAddress,
    AgentVersion,
    OsBuild,
    HealthStatus,
    DeviceValue,
    RbacGroupId,
    RbacGroupName,
    RiskScore,
    ExposureLevel,
    IsAadJoined,
    AadDeviceId,
    MachineTags,
    DefenderAvStatus,
    OnboardingStatus,
    OsArchitecture,
    ManagedBy,
    ManagedByStatus,
    IpAddresses,
    VmMetadata,
    FieldCount
};
constexpr const char *kFieldNames[FieldCount]
    = {"id", "mergedIntoMachineId", "isPotentialDuplication", "isExcluded", "exclusionReason",
        "computerDnsName", "firstSeen", "lastSeen", "osPlatform", "osVersion", "osProcessor",
        "version", "lastIpAddress", "lastExternalIpAddress", "agentVersion", "osBuild",
        "healthStatus", "deviceValue", "rbacGroupId", "rbacGroupName", "riskScore", "exposureLevel",
        "isAadJoined", "aadDeviceId", "machineTags", "defenderAvStatus", "onboardingStatus",
        "osArchitecture", "managedBy", "managedByStatus", "ipAddresses", "vmMetadata"};

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

QJsonValue literal(const char *text)
{
    const auto &cache = literals();
    const auto it = cache.constFind(text);
    return it != cache.constEnd() ? *it : QJsonValue(QLatin1String(text));
}

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

bool isEligibleWindows(const OsChoice &os)
{
    const QLatin1String platform(os.platform);
    return (platform == QLatin1String("Windows10") && os.build >= 15063)
        || platform == QLatin1String("Windows11") || platform == QLatin1String("WindowsServer2019")
        || platform == QLatin1String("WindowsServer2022");
}

struct Device
{
    QJsonObject json;
    const OsChoice *os = nullptr;
    bool onboarded = false;
    bool silent = false;
    quint64 roll = 0; // for the decisions taken after all devices exist
};

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
        for (char &c : host)
            c = char(std::toupper(uchar(c)));
    }
    return QLatin1String(host) + QLatin1String(family >= 4 ? "" : rng.pick(kDomain).value);
}

Device makeDevice(Rng &rng, int index, qint64 nowTicks)
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

QJsonObject offboardAction(Rng &rng, const QJsonObject &machine, qint64 nowTicks)
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

} // namespace

Tenant::Tenant(int devices, quint32 seed, const QDateTime &now)
{
    const int count = std::clamp(devices, 1, 200000);
    const QDateTime reference = now.isValid() ? now : referenceNow();
    const qint64 nowTicks = reference.toMSecsSinceEpoch() * 10000;
    const quint64 base = (quint64(seed) << 32) ^ 0x6d64652d73696dull;
    const auto &keys = prototype().keys;

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
        while (m_byKey.contains(json.value(keys[Id]).toString()))
            json[keys[Id]] = rng.hex(40); // 160 random bits: practically never
        // A re-onboarded device leaves its old record behind, marked as merged into the new one.
        if (i > 0 && rng.chance(8)) {
            json[keys[IsPotentialDuplication]] = true;
            json[keys[MergedIntoMachineId]] = m_machines.at(int(rng.below(i))).value(keys[Id]);
        }
        if (isEligibleWindows(*device.os) && device.onboarded && rng.chance(5))
            pending.append(i);
        m_silent[i] = device.silent;
        m_byKey.insert(json.value(keys[Id]).toString(), i);
        m_byKey.insert(json.value(keys[ComputerDnsName]).toString().toLower(), i);
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
                && m_machines[i].value(keys[HealthStatus]) != QLatin1String("Active"))
                chosen = i;
        }
        if (chosen < 0) {
            chosen = start;
            m_machines[chosen][keys[HealthStatus]] = literal("Inactive");
            m_machines[chosen][keys[LastSeen]]
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
    for (const char *key : {"id", "computerDnsName"}) {
        const QString oldKey = old.value(latin(key)).toString().toLower();
        if (m_byKey.value(oldKey, -1) == index)
            m_byKey.remove(oldKey);
    }
    m_machines[index] = machine;
    m_bytes[index].clear();
    for (const char *key : {"id", "computerDnsName"}) {
        const QString newKey = machine.value(latin(key)).toString().toLower();
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
