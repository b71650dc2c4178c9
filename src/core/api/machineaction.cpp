// SPDX-License-Identifier: MIT
#include "machineaction.h"
#include "jsonfields.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

ActionStatus actionStatusFromString(const QString &text)
{
    struct Entry
    {
        QStringView name;
        ActionStatus status;
    };
    static constexpr Entry table[] = {
        {u"Pending", ActionStatus::Pending}, {u"InProgress", ActionStatus::InProgress},
        {u"Succeeded", ActionStatus::Succeeded}, {u"Failed", ActionStatus::Failed},
        {u"TimeOut", ActionStatus::TimeOut}, {u"Cancelled", ActionStatus::Cancelled},
        {u"Canceled", ActionStatus::Cancelled}, // older spelling, still served
    };
    for (const Entry &entry : table) {
        if (QStringView(text).compare(entry.name, Qt::CaseInsensitive) == 0)
            return entry.status;
    }
    return ActionStatus::Unknown;
}

QString actionStatusToString(ActionStatus status)
{
    switch (status) {
    case ActionStatus::Pending:
        return u"Pending"_s;
    case ActionStatus::InProgress:
        return u"InProgress"_s;
    case ActionStatus::Succeeded:
        return u"Succeeded"_s;
    case ActionStatus::Failed:
        return u"Failed"_s;
    case ActionStatus::TimeOut:
        return u"TimeOut"_s;
    case ActionStatus::Cancelled:
        return u"Cancelled"_s;
    case ActionStatus::Unknown:
        break;
    }
    return u"Unknown"_s;
}

bool isFinal(ActionStatus status)
{
    return status == ActionStatus::Succeeded || status == ActionStatus::Failed
        || status == ActionStatus::TimeOut || status == ActionStatus::Cancelled;
}

std::optional<MachineAction> parseMachineAction(const QJsonObject &object, QString *error)
{
    JsonFields f(object, error);
    MachineAction a;
    a.id = f.string(u"id");
    a.type = f.string(u"type");
    a.title = f.string(u"title");
    a.scope = f.string(u"scope");
    a.requestor = f.string(u"requestor");
    a.requestorComment = f.string(u"requestorComment");
    a.requestSource = f.string(u"requestSource");
    a.statusText = f.string(u"status");
    a.status = actionStatusFromString(a.statusText);
    a.machineId = f.string(u"machineId");
    a.computerDnsName = f.string(u"computerDnsName");
    a.creationDateTimeUtc = f.timestamp(u"creationDateTimeUtc");
    // One documentation example spells it lastUpdateTimeUtc: accept both, prefer the usual name.
    a.lastUpdateDateTimeUtc = f.timestamp(u"lastUpdateDateTimeUtc");
    if (!a.lastUpdateDateTimeUtc.isValid())
        a.lastUpdateDateTimeUtc = f.timestamp(u"lastUpdateTimeUtc");
    a.cancellationRequestor = f.string(u"cancellationRequestor");
    a.cancellationComment = f.string(u"cancellationComment");
    a.cancellationDateTimeUtc = f.timestamp(u"cancellationDateTimeUtc");
    a.errorHResult = f.optionalInteger(u"errorHResult").value_or(0);
    a.externalId = f.string(u"externalId");
    if (!f.ok())
        return std::nullopt;
    return a;
}

std::optional<MachineAction> parseMachineActionBody(const QByteArray &body, QString *error)
{
    QJsonObject object;
    if (!readObject(body, &object, error))
        return std::nullopt;
    return parseMachineAction(object, error);
}

std::optional<QList<MachineAction>> parseMachineActionPage(
    const QByteArray &body, QString *nextLink, QString *error)
{
    QJsonArray values;
    if (!readPage(body, &values, nextLink, error))
        return std::nullopt;
    QList<MachineAction> actions;
    actions.reserve(values.size());
    for (qsizetype i = 0; i < values.size(); ++i) {
        const QJsonValue value = values.at(i);
        QString elementError;
        std::optional<MachineAction> action;
        if (value.isObject())
            action = parseMachineAction(value.toObject(), &elementError);
        else
            elementError = JsonFields::tr("it is not an object.");
        if (!action) {
            if (error)
                *error = JsonFields::tr("Action %1 of the page: %2").arg(i + 1).arg(elementError);
            return std::nullopt;
        }
        actions.append(std::move(*action));
    }
    return actions;
}
