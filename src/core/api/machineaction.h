// SPDX-License-Identifier: MIT
#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

// The MachineAction entity (contract section 4). Both status spellings ("Cancelled",
// "Canceled") and both timestamp names ("lastUpdateDateTimeUtc", "lastUpdateTimeUtc") parse.

enum class ActionStatus { Unknown, Pending, InProgress, Succeeded, Failed, TimeOut, Cancelled };

ActionStatus actionStatusFromString(const QString &text);
QString actionStatusToString(ActionStatus status); // the service's spelling
bool isFinal(ActionStatus status);                 // Succeeded, Failed, TimeOut, Cancelled

struct MachineAction
{
    QString id; // GUID
    QString type; // "Offboard", …
    QString title;
    QString scope;
    QString requestor;
    QString requestorComment;
    QString requestSource;
    ActionStatus status = ActionStatus::Unknown;
    QString statusText; // as received
    QString machineId;
    QString computerDnsName;
    QDateTime creationDateTimeUtc;
    QDateTime lastUpdateDateTimeUtc;
    QString cancellationRequestor;
    QString cancellationComment;
    QDateTime cancellationDateTimeUtc;
    qint64 errorHResult = 0;
    QString externalId;
};

std::optional<MachineAction> parseMachineAction(const QJsonObject &object, QString *error = nullptr);
std::optional<MachineAction> parseMachineActionBody(const QByteArray &body, QString *error = nullptr);
std::optional<QList<MachineAction>> parseMachineActionPage(const QByteArray &body,
                                                           QString *nextLink = nullptr,
                                                           QString *error = nullptr);
