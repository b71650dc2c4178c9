// SPDX-License-Identifier: MIT
// Machine actions: offboarding, the lifecycle on the simulator's clock, listing and cancelling.
#include "odata.h"
#include "simulator_p.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>
#include <QUuid>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

constexpr int maxPage = 10000;

const QStringList actionFields
    = {u"id"_s, u"status"_s, u"machineId"_s, u"type"_s, u"requestor"_s, u"creationDateTimeUtc"_s};

// The body's "Comment" (case-sensitive, non-empty), or the error to answer.
std::optional<QString> readComment(const QByteArray &body, SimResponse *error)
{
    QJsonParseError parse {};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parse);
    if (parse.error != QJsonParseError::NoError || !doc.isObject()) {
        *error = SimResponse::error(
            400, u"InvalidRequestBody"_s, u"Request body is not a valid JSON object."_s);
        return std::nullopt;
    }
    const QString comment = doc.object().value(u"Comment"_s).toString();
    if (comment.trimmed().isEmpty()) {
        *error = SimResponse::error(
            400, u"MissingRequiredParameter"_s, u"Parameter Comment is missing."_s);
        return std::nullopt;
    }
    return comment;
}

bool isFinalStatus(const QString &status)
{
    return status != u"Pending"_s && status != u"InProgress"_s;
}

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

void Simulator::Private::addSeededActions()
{
    const auto seeded = tenant.seededActions();
    for (const QJsonObject &object : seeded) {
        SimAction action;
        action.base = object;
        action.sequence = int(actions.size());
        const QDateTime created = QDateTime::fromString(
            object.value(u"creationDateTimeUtc"_s).toString(), Qt::ISODateWithMs);
        action.createdMs = created.isValid() ? created.toMSecsSinceEpoch() : startEpochMs;
        // Their devices get the chance to check in from the moment the simulator starts.
        action.lifecycleStartMs = qMax(action.createdMs, startEpochMs);
        const int index = tenant.indexOf(object.value(u"machineId"_s).toString());
        action.silent = index >= 0 && tenant.neverChecksIn(index);
        const QString status = object.value(u"status"_s).toString(u"Pending"_s);
        if (status != u"Pending"_s)
            action.fixedStatus = status;
        QString id = object.value(u"id"_s).toString();
        if (id.isEmpty()) {
            id = QUuid::createUuid().toString(QUuid::WithoutBraces);
            action.base.insert(u"id"_s, id);
        }
        actionIndex.insert(id.toLower(), int(actions.size()));
        actions.append(action);
    }
}

QString Simulator::Private::actionStatus(const SimAction &action, qint64 *lastUpdateMs) const
{
    qint64 updated = action.createdMs;
    QString status;
    if (action.cancelledMs >= 0) {
        status = u"Cancelled"_s;
        updated = action.cancelledMs;
    } else if (!action.fixedStatus.isEmpty()) {
        status = action.fixedStatus;
        const QDateTime last = QDateTime::fromString(
            action.base.value(u"lastUpdateDateTimeUtc"_s).toString(), Qt::ISODateWithMs);
        if (last.isValid())
            updated = last.toMSecsSinceEpoch();
    } else {
        const qint64 start = action.lifecycleStartMs;
        const qint64 elapsed = nowMs() - start;
        if (action.silent) {
            status = elapsed >= options.timeoutMs ? u"TimeOut"_s : u"Pending"_s;
            if (elapsed >= options.timeoutMs)
                updated = start + options.timeoutMs;
        } else if (elapsed < options.pendingMs) {
            status = u"Pending"_s;
        } else if (elapsed < qint64(options.pendingMs) + options.inProgressMs) {
            status = u"InProgress"_s;
            updated = start + options.pendingMs;
        } else {
            status = u"Succeeded"_s;
            updated = start + options.pendingMs + options.inProgressMs;
        }
    }
    if (lastUpdateMs)
        *lastUpdateMs = updated;
    return status;
}

QJsonObject Simulator::Private::actionJson(const SimAction &action) const
{
    QJsonObject o = action.base;
    qint64 updated = 0;
    o.insert(u"status"_s, actionStatus(action, &updated));
    if (!o.contains(u"creationDateTimeUtc"_s))
        o.insert(u"creationDateTimeUtc"_s, timestamp(action.createdMs, action.sequence));
    o.insert(u"lastUpdateDateTimeUtc"_s, timestamp(updated, action.sequence + 1));
    if (action.cancelledMs >= 0) {
        o.insert(u"cancellationRequestor"_s, action.cancellationRequestor);
        o.insert(u"cancellationComment"_s, action.cancellationComment);
        o.insert(u"cancellationDateTimeUtc"_s, timestamp(action.cancelledMs, action.sequence + 2));
    }
    return o;
}

SimResponse Simulator::Private::offboard(const QHttpServerRequest &request, const SimRoute &route,
    const TokenClaims &claims, const SimVisibility &seen)
{
    // Outside the caller's device groups: the same answer as an unknown device, before the body
    // is looked at, so that the answer does not tell that the device exists.
    const int index = visibleIndex(route.id, seen);
    if (index < 0)
        return SimResponse::error(
            404, u"ResourceNotFound"_s, u"Machine %1 was not found."_s.arg(route.id.left(100)));
    SimResponse bad;
    const auto comment = readComment(request.body(), &bad);
    if (!comment)
        return bad;
    const QJsonObject &machine = tenant.machine(index);
    const QString machineId = machine.value(u"id"_s).toString();
    if (!offboardSupported(machine, options.osPolicy))
        return SimResponse::error(400, u"OsPlatformNotSupported"_s,
            u"Offboarding is not supported for OS platform %1 version %2."_s.arg(
                machine.value(u"osPlatform"_s).toString(), machine.value(u"version"_s).toString()));
    for (const auto &action : std::as_const(actions)) {
        if (action.base.value(u"type"_s).toString() == u"Offboard"_s
            && action.base.value(u"machineId"_s).toString().compare(machineId, Qt::CaseInsensitive)
                == 0
            && !isFinalStatus(actionStatus(action)))
            return SimResponse::error(
                400, u"ActiveRequestAlreadyExists"_s, u"Action is already in progress"_s);
    }

    SimAction action;
    action.sequence = int(actions.size());
    action.createdMs = action.lifecycleStartMs = nowMs();
    action.silent = tenant.neverChecksIn(index);
    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    action.base = QJsonObject {{u"id"_s, id}, {u"type"_s, u"Offboard"_s},
        {u"title"_s, QJsonValue::Null}, {u"requestor"_s, claims.requestor()},
        {u"requestorComment"_s, *comment}, {u"machineId"_s, machineId},
        {u"computerDnsName"_s, machine.value(u"computerDnsName"_s)},
        {u"cancellationRequestor"_s, QJsonValue::Null},
        {u"cancellationComment"_s, QJsonValue::Null},
        {u"cancellationDateTimeUtc"_s, QJsonValue::Null}, {u"errorHResult"_s, 0},
        {u"scope"_s, QJsonValue::Null}, {u"externalId"_s, QJsonValue::Null},
        {u"requestSource"_s, u"PublicApi"_s}, {u"relatedFileInfo"_s, QJsonValue::Null},
        {u"commands"_s, QJsonArray {}}, {u"troubleshootInfo"_s, QJsonValue::Null}};
    actionIndex.insert(id.toLower(), int(actions.size()));
    actions.append(action);
    ++offboardTotal;
    ++offboardCounts[machineId.toLower()];

    QJsonObject out = actionJson(action);
    out.insert(
        u"@odata.context"_s, q->baseUrl().toString() + u"/api/$metadata#MachineActions/$entity"_s);
    return SimResponse::json(options.offboardStatus == 201 ? 201 : 200, compact(out));
}

SimResponse Simulator::Private::listActions(
    const QHttpServerRequest &request, const SimRoute &route, const SimVisibility &seen)
{
    QString error;
    const QUrlQuery urlQuery = request.query();
    const auto query = ODataQuery::fromUrlQuery(urlQuery, actionFields, &error);
    if (!query)
        return SimResponse::error(400, u"ODataError"_s, error);
    QList<QJsonObject> selected;
    for (auto it = actions.crbegin(); it != actions.crend(); ++it) { // newest first
        if (!seesAction(*it, seen))
            continue;
        QJsonObject o = actionJson(*it);
        if (!query->filter || query->filter->matches(o))
            selected.append(std::move(o));
    }
    if (!query->orderByField.isEmpty()) {
        const QString field = query->orderByField;
        const bool desc = query->orderDescending;
        std::stable_sort(
            selected.begin(), selected.end(), [&](const QJsonObject &a, const QJsonObject &b) {
                const QString va = a.value(field).toVariant().toString();
                const QString vb = b.value(field).toVariant().toString();
                return desc ? vb < va : va < vb;
            });
    }
    const int matched = int(selected.size());
    const int pageSize = query->top > 0 ? qMin(query->top, maxPage) : maxPage;
    const int from = qMin(query->skip, matched);
    const int to = int(qMin<qint64>(qint64(from) + pageSize, matched));
    QJsonArray value;
    for (int i = from; i < to; ++i)
        value.append(selected.at(i));
    QJsonObject out {
        {u"@odata.context"_s, q->baseUrl().toString() + u"/api/$metadata#MachineActions"_s},
        {u"value"_s, value}};
    if (query->count)
        out.insert(u"@odata.count"_s, matched);
    if (query->top < 0 && to < matched)
        out.insert(u"@odata.nextLink"_s, nextLink(route, u"/machineactions"_s, urlQuery, to));
    return SimResponse::json(200, compact(out));
}

SimResponse Simulator::Private::getAction(const SimRoute &route, const SimVisibility &seen)
{
    const int index = actionIndex.value(route.id.toLower(), -1);
    if (index < 0 || !seesAction(actions.at(index), seen))
        return SimResponse::error(404, u"ResourceNotFound"_s,
            u"Machine action %1 was not found."_s.arg(route.id.left(100)));
    QJsonObject out = actionJson(actions.at(index));
    out.insert(
        u"@odata.context"_s, q->baseUrl().toString() + u"/api/$metadata#MachineActions/$entity"_s);
    return SimResponse::json(200, compact(out));
}

SimResponse Simulator::Private::cancelAction(const QHttpServerRequest &request,
    const SimRoute &route, const TokenClaims &claims, const SimVisibility &seen)
{
    const int index = actionIndex.value(route.id.toLower(), -1);
    if (index < 0 || !seesAction(actions.at(index), seen))
        return SimResponse::error(404, u"ResourceNotFound"_s,
            u"Machine action %1 was not found."_s.arg(route.id.left(100)));
    SimResponse bad;
    const auto comment = readComment(request.body(), &bad);
    if (!comment)
        return bad;
    SimAction &action = actions[index];
    const QString status = actionStatus(action);
    if (isFinalStatus(status))
        return SimResponse::error(
            400, u"BadRequest"_s, u"Cannot cancel an action in status %1."_s.arg(status));
    action.cancelledMs = nowMs();
    action.cancellationRequestor = claims.requestor();
    action.cancellationComment = *comment;
    return getAction(route, seen);
}
