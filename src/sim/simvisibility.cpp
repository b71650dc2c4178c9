// SPDX-License-Identifier: MIT
// Device-group visibility of delegated callers (contract section 6) and /admin/visibility.
#include "simulator_p.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

using namespace Qt::StringLiterals;

bool SimVisibility::sees(const QJsonObject &machine) const
{
    if (all)
        return true;
    const QJsonValue group = machine.value(u"rbacGroupId"_s);
    // Documented as a string, sent as a number: accept both.
    bool ok = group.isDouble();
    const int id = ok ? group.toInt() : group.toString().toInt(&ok);
    return ok && groups.contains(id);
}

SimVisibility Simulator::Private::visibility(const TokenClaims &claims) const
{
    SimVisibility seen;
    if (claims.isApp())
        return seen;
    const auto it = deviceGroups.constFind(claims.upn.toLower());
    if (it != deviceGroups.cend()) {
        seen.all = false;
        seen.groups = *it;
    }
    return seen;
}

int Simulator::Private::visibleIndex(const QString &idOrName, const SimVisibility &seen) const
{
    const int index = tenant.indexOf(idOrName);
    return index >= 0 && seen.sees(tenant.machine(index)) ? index : -1;
}

bool Simulator::Private::seesAction(const SimAction &action, const SimVisibility &seen) const
{
    return seen.all || visibleIndex(action.base.value(u"machineId"_s).toString(), seen) >= 0;
}

namespace {

QJsonObject visibilityJson(const QHash<QString, QSet<int>> &deviceGroups)
{
    QJsonObject users;
    for (auto it = deviceGroups.cbegin(); it != deviceGroups.cend(); ++it) {
        QList<int> ids = it->values();
        std::sort(ids.begin(), ids.end());
        QJsonArray array;
        for (const int id : std::as_const(ids))
            array.append(id);
        users.insert(it.key(), array);
    }
    return {{u"users"_s, users}};
}

} // namespace

SimResponse Simulator::Private::handleVisibilityAdmin(const QHttpServerRequest &request)
{
    const auto method = request.method();
    if (method == QHttpServerRequest::Method::Delete) {
        deviceGroups.clear();
    } else if (method == QHttpServerRequest::Method::Post) {
        QJsonParseError error {};
        const QJsonObject body = QJsonDocument::fromJson(request.body(), &error).object();
        const QString user = body.value(u"user"_s).toString().trimmed();
        const QJsonValue groups = body.value(u"deviceGroups"_s);
        const QJsonArray array = groups.toArray();
        const bool validGroups = groups.isNull()
            || (groups.isArray()
                && std::all_of(array.begin(), array.end(),
                    [](const QJsonValue &v) { return v.isDouble() && v.toInt(-1) >= 0; }));
        if (error.error != QJsonParseError::NoError || user.isEmpty() || !validGroups)
            return SimResponse::error(400, u"InvalidRequestBody"_s,
                u"Expected {\"user\": UPN, \"deviceGroups\": [rbacGroupId, …] or null}."_s);
        std::optional<QList<int>> ids;
        if (!groups.isNull()) {
            ids.emplace();
            for (const QJsonValue &v : array)
                ids->append(v.toInt());
        }
        q->setUserDeviceGroups(user, ids);
    } else if (method != QHttpServerRequest::Method::Get) {
        return SimResponse::error(405, u"MethodNotAllowed"_s, u"GET, POST or DELETE."_s);
    }
    return SimResponse::json(
        200, QJsonDocument(visibilityJson(deviceGroups)).toJson(QJsonDocument::Compact));
}

void Simulator::setUserDeviceGroups(const QString &upn, const std::optional<QList<int>> &groups)
{
    const QString key = upn.trimmed().toLower();
    if (!groups) {
        d->deviceGroups.remove(key);
        return;
    }
    d->deviceGroups.insert(key, QSet<int>(groups->cbegin(), groups->cend()));
}
