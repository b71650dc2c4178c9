// SPDX-License-Identifier: MIT
#pragma once

#include "cliargs.h"

#include <QJsonObject>
#include <QList>
#include <QString>

struct ApiError;

// One line of the result of offboard (one per device) or cancel (one for the action):
// {"machineId", "computerDnsName", "ok", "actionId", "status", "error": {"code", "message",
// "target"}} in json ("error" null when ok; empty values null), the same columns in csv and
// table.
struct CliResult
{
    QString machineId;
    QString computerDnsName;
    bool ok = false;
    QString actionId;
    QString status; // the action's status, or Refused, Failed, DryRun, NotSent, OutcomeUnknown
    QString errorCode;
    QString errorMessage;
    QString errorTarget;

    void setError(const ApiError &error, const QString &fallbackCode);
    QJsonObject toJson() const;
    static QString render(OutputFormat format, const QList<CliResult> &results);
};
