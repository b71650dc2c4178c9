// SPDX-License-Identifier: MIT
#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// Value types for the Defender for Endpoint "Machine" entity (contract section 3).
// Every field may be null or absent in the service's JSON; unknown fields are ignored.
// Parsing never crashes on bad types: it reports an error and returns nothing.

struct IpAddress
{
    QString ipAddress;
    QString macAddress;
    QString type;
    QString operationalStatus;
};

struct Machine
{
    QString id; // 40 lowercase hex
    QString computerDnsName;
    QDateTime firstSeen; // invalid when null/absent
    QDateTime lastSeen;
    QString osPlatform;
    QString osProcessor;
    QString version; // e.g. "21H2", "1607"
    QString osVersion;
    std::optional<qint64> osBuild;
    QString lastIpAddress;
    QString lastExternalIpAddress;
    QString agentVersion;
    QString healthStatus;
    QString rbacGroupId; // documented as string, arrives as number: kept as text
    QString rbacGroupName;
    QString riskScore;
    QString exposureLevel;
    QString deviceValue;
    QString aadDeviceId;
    QStringList machineTags;
    QList<IpAddress> ipAddresses;
    QString osArchitecture;
    QString onboardingStatus;
    QString defenderAvStatus;
    QString managedBy;
    QString managedByStatus;
    QString mergedIntoMachineId;
    bool isPotentialDuplication = false;
    bool isExcluded = false;
    QString exclusionReason;
    bool isAadJoined = false;
};

// Parses one Machine object. On a wrong type for a known field returns std::nullopt and sets
// *error to a sentence naming the field.
std::optional<Machine> parseMachine(const QJsonObject &object, QString *error = nullptr);

// Parses a single-machine answer (GET /api/machines/{id}); "@odata.context" and unknown fields
// are ignored.
std::optional<Machine> parseMachineBody(const QByteArray &body, QString *error = nullptr);

// Parses one collection page: {"value":[…], "@odata.nextLink":"…"}. *nextLink is set to the
// link or cleared. A malformed body or element gives std::nullopt and *error.
std::optional<QList<Machine>> parseMachinePage(
    const QByteArray &body, QString *nextLink = nullptr, QString *error = nullptr);

// The service's timestamps: ISO 8601 UTC with up to 7 fractional digits. Invalid on failure.
QDateTime parseServiceTimestamp(const QString &text);
