// SPDX-License-Identifier: MIT
#pragma once

#include "machine.h"

#include <QDateTime>
#include <QList>
#include <QString>

// Deterministic Machine values for the model tests (no network).
namespace ModelTestData {

inline QString idFor(int i)
{
    // 40 lowercase hex, unique per i
    return QStringLiteral("%1").arg(quint64(i) * 2654435761u + 17, 40, 16, QLatin1Char('0'));
}

inline Machine machine(int i)
{
    static const char *const platforms[] = {"Windows10", "Windows11", "WindowsServer2019",
        "WindowsServer2016", "macOS", "Linux", "iOS"};
    static const char *const health[]
        = {"Active", "Inactive", "ImpairedCommunication", "NoSensorData"};
    static const char *const risk[] = {"None", "Low", "Medium", "High", "Informational"};
    static const char *const groups[] = {"", "Servers", "Finance Laptops", "Lab"};
    Machine m;
    m.id = idFor(i);
    m.computerDnsName = QStringLiteral("host-%1.contoso.com").arg(i, 5, 10, QLatin1Char('0'));
    m.osPlatform = QString::fromLatin1(platforms[i % 7]);
    m.version = (i % 7 == 0) ? QStringLiteral("22H2") : QString();
    m.osBuild = (i % 7 <= 1) ? std::optional<qint64>(19045 + i % 3) : std::nullopt;
    m.osVersion = (i % 7 == 4) ? QStringLiteral("14.%1").arg(i % 3) : QString();
    m.healthStatus = QString::fromLatin1(health[i % 4]);
    m.riskScore = QString::fromLatin1(risk[i % 5]);
    m.exposureLevel = (i % 2) ? QStringLiteral("High") : QStringLiteral("Low");
    m.deviceValue = (i % 3 == 0) ? QStringLiteral("High") : QStringLiteral("Normal");
    m.onboardingStatus = QStringLiteral("Onboarded");
    m.rbacGroupName = QString::fromLatin1(groups[i % 4]);
    m.rbacGroupId = QString::number(i % 4);
    if (i % 5 == 0)
        m.machineTags = {QStringLiteral("VIP"), QStringLiteral("Tag-%1").arg(i % 3)};
    m.lastIpAddress
        = QStringLiteral("10.%1.%2.%3").arg(i / 65536 % 256).arg(i / 256 % 256).arg(i % 256);
    m.ipAddresses = {{m.lastIpAddress, QStringLiteral("00155D%1").arg(i, 6, 16, QLatin1Char('0')),
                         QStringLiteral("Ethernet"), QStringLiteral("Up")},
        {QStringLiteral("127.0.0.1"), QString(), QStringLiteral("SoftwareLoopback"),
            QStringLiteral("Up")}};
    m.lastSeen
        = QDateTime::fromMSecsSinceEpoch(1'780'000'000'000 - qint64(i % 97) * 3'600'000, Qt::UTC);
    m.firstSeen = QDateTime::fromMSecsSinceEpoch(1'700'000'000'000 + qint64(i) * 1000, Qt::UTC);
    m.agentVersion = QStringLiteral("10.8470.19041.%1").arg(2000 + i % 5);
    m.osProcessor = QStringLiteral("x64");
    m.osArchitecture = QStringLiteral("64-bit");
    return m;
}

inline QList<Machine> machines(int first, int count)
{
    QList<Machine> out;
    out.reserve(count);
    for (int i = first; i < first + count; ++i)
        out.append(machine(i));
    return out;
}

} // namespace ModelTestData
