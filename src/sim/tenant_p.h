// SPDX-License-Identifier: MIT
#pragma once

// Internals of the tenant generator shared by tenant.cpp (assembly, indexes, JSON writer) and
// tenantdevice.cpp (one device from its own seeded generator).

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <algorithm>

namespace tenant_detail {

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

struct OsChoice
{
    const char *platform;
    const char *version;
    int build; // 0: null
    int weight;
};

constexpr qint64 kTicksPerSecond = 10000000;
constexpr qint64 kTicksPerDay = 86400 * kTicksPerSecond;

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
inline constexpr const char *kFieldNames[FieldCount]
    = {"id", "mergedIntoMachineId", "isPotentialDuplication", "isExcluded", "exclusionReason",
        "computerDnsName", "firstSeen", "lastSeen", "osPlatform", "osVersion", "osProcessor",
        "version", "lastIpAddress", "lastExternalIpAddress", "agentVersion", "osBuild",
        "healthStatus", "deviceValue", "rbacGroupId", "rbacGroupName", "riskScore", "exposureLevel",
        "isAadJoined", "aadDeviceId", "machineTags", "defenderAvStatus", "onboardingStatus",
        "osArchitecture", "managedBy", "managedByStatus", "ipAddresses", "vmMetadata"};

struct Device
{
    QJsonObject json;
    const OsChoice *os = nullptr;
    bool onboarded = false;
    bool silent = false;
    quint64 roll = 0; // for the decisions taken after all devices exist
};

Device makeDevice(Rng &rng, int index, qint64 nowTicks);
QJsonObject offboardAction(Rng &rng, const QJsonObject &machine, qint64 nowTicks);
// Windows 10 1703 and later, Windows 11, Server 2019 and 2022: offboardable under every policy.
bool isEligibleWindows(const OsChoice &os);
// A key of the machine object, as a shared QString.
const QString &fieldKey(Field field);
// A table string as a JSON value, converted once.
QJsonValue literal(const char *text);

} // namespace tenant_detail
