// SPDX-License-Identifier: MIT
// The /api resources: routing, permissions, rate limits, machines and offboarding.
#include "odata.h"
#include "simulator_p.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUrlQuery>
#include <QUuid>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace {

constexpr int maxPage = 10000;

const QStringList machineFields = {u"computerDnsName"_s, u"id"_s, u"version"_s, u"deviceValue"_s,
    u"aadDeviceId"_s, u"machineTags"_s, u"lastSeen"_s, u"exposureLevel"_s, u"onboardingStatus"_s,
    u"lastIpAddress"_s, u"healthStatus"_s, u"osPlatform"_s, u"riskScore"_s, u"rbacGroupId"_s};

bool lessThan(const QJsonValue &a, const QJsonValue &b)
{
    if (a.isDouble() && b.isDouble())
        return a.toDouble() < b.toDouble();
    if (a.isNull() || a.isUndefined())
        return !(b.isNull() || b.isUndefined());
    if (b.isNull() || b.isUndefined())
        return false;
    return a.toVariant().toString().compare(b.toVariant().toString(), Qt::CaseInsensitive) < 0;
}

QByteArray jsonString(const QString &text)
{
    // A JSON string literal: a one-element array serialised compactly, brackets removed.
    const QByteArray array = QJsonDocument(QJsonArray {text}).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2);
}

// Windows 10 1703 is build 15063.
bool windows10Supported(const QJsonObject &machine)
{
    const QString version = machine.value(u"version"_s).toString();
    static const QRegularExpression yymm(u"^(\\d{4})$"_s);
    static const QRegularExpression half(
        u"^\\d{2}H\\d$"_s, QRegularExpression::CaseInsensitiveOption);
    if (const auto m = yymm.match(version); m.hasMatch())
        return m.captured(1).toInt() >= 1703;
    if (half.match(version).hasMatch())
        return true;
    const QJsonValue build = machine.value(u"osBuild"_s);
    if (build.isDouble())
        return build.toInteger() >= 15063;
    return true; // nothing to judge by: the service would not refuse either
}

int leadingNumber(const QString &text)
{
    static const QRegularExpression number(u"^\\D*(\\d+)"_s);
    const auto m = number.match(text);
    return m.hasMatch() ? m.captured(1).toInt() : -1;
}

} // namespace

// The offboarding policy of contract section 6.
bool offboardSupported(const QJsonObject &machine, const QString &policy)
{
    const QString platform = machine.value(u"osPlatform"_s).toString();
    if (platform.compare(u"Windows10"_s, Qt::CaseInsensitive) == 0)
        return windows10Supported(machine);
    if (platform.compare(u"Windows11"_s, Qt::CaseInsensitive) == 0)
        return true;
    if (platform.startsWith(u"WindowsServer"_s, Qt::CaseInsensitive)) {
        const QString rest = platform.mid(13);
        if (rest.compare(u"2012R2"_s, Qt::CaseInsensitive) == 0 || rest == u"2016"_s)
            return true; // with the unified agent, which the simulator assumes
        return leadingNumber(rest) >= 2019;
    }
    if (policy != u"2026"_s)
        return false;
    if (platform.compare(u"macOS"_s, Qt::CaseInsensitive) == 0) {
        QString version = machine.value(u"osVersion"_s).toString();
        if (version.isEmpty())
            version = machine.value(u"version"_s).toString();
        return leadingNumber(version) >= 14;
    }
    static const QStringList linuxPlatforms
        = {u"Linux"_s, u"Ubuntu"_s, u"Debian"_s, u"RedHatEnterpriseLinux"_s, u"CentOS"_s,
            u"SuseLinuxEnterpriseServer"_s, u"OracleLinux"_s, u"AmazonLinux"_s, u"Fedora"_s};
    return linuxPlatforms.contains(platform, Qt::CaseInsensitive);
}

SimRoute SimRoute::classify(const QString &method, const QString &path)
{
    SimRoute route;
    const QStringList parts = path.split(u'/', Qt::SkipEmptyParts);
    if (parts.isEmpty()) {
        route.endpoint = u"other"_s;
        return route;
    }
    const QString first = parts.first().toLower();
    if (first == u"admin"_s) {
        route.endpoint = u"admin"_s;
        return route;
    }
    if (first != u"api"_s) {
        if (path.endsWith(u"/oauth2/v2.0/token"_s))
            route.endpoint = u"token"_s;
        else if (path.endsWith(u"/oauth2/v2.0/authorize"_s))
            route.endpoint = u"authorize"_s;
        else if (path.endsWith(u"/openid-configuration"_s))
            route.endpoint = u"metadata"_s;
        else
            route.endpoint = u"other"_s;
        return route;
    }
    route.isApi = true;
    route.endpoint = u"api"_s;
    int i = 1;
    route.prefix = u"/api"_s;
    if (parts.size() > 1 && parts.at(1).compare(u"v1.0"_s, Qt::CaseInsensitive) == 0) {
        route.prefix = u"/api/v1.0"_s;
        i = 2;
    }
    const QStringList rest = parts.mid(i);
    const QString collection = rest.value(0).toLower();
    const bool get = method == u"GET"_s;
    const bool post = method == u"POST"_s;
    if (collection == u"machines"_s) {
        if (rest.size() == 1) {
            route.endpoint = u"machines"_s;
            route.methodAllowed = get;
        } else if (rest.size() == 2) {
            route.endpoint = u"machine"_s;
            route.methodAllowed = get;
        } else if (rest.size() == 3
            && rest.at(2).compare(u"offboard"_s, Qt::CaseInsensitive) == 0) {
            route.endpoint = u"offboard"_s;
            route.methodAllowed = post;
        }
    } else if (collection == u"machineactions"_s) {
        if (rest.size() == 1) {
            route.endpoint = u"actions"_s;
            route.methodAllowed = get;
        } else if (rest.size() == 2) {
            route.endpoint = u"action"_s;
            route.methodAllowed = get;
        } else if (rest.size() == 3 && rest.at(2).compare(u"cancel"_s, Qt::CaseInsensitive) == 0) {
            route.endpoint = u"cancel"_s;
            route.methodAllowed = post;
        }
    }
    if (route.endpoint != u"api"_s && route.endpoint != u"machines"_s
        && route.endpoint != u"actions"_s)
        route.id = rest.at(1);
    return route;
}

std::optional<int> Simulator::Private::rateLimitRetryAfter(const QString &endpoint)
{
    const qint64 now = nowMs();
    auto &times = calls[endpoint];
    const qint64 keep = qMax(options.minuteWindowMs, options.hourWindowMs);
    while (!times.empty() && times.front() <= now - keep)
        times.pop_front();
    qint64 waitMs = 0;
    const auto check = [&](int limit, int windowMs) {
        if (limit <= 0)
            return;
        // Calls still inside this window, oldest first.
        const auto first = std::upper_bound(times.begin(), times.end(), now - windowMs);
        const auto inWindow = std::distance(first, times.end());
        if (inWindow < limit)
            return;
        // The slot frees when the call that keeps the window full leaves it.
        const qint64 leaves = *(times.end() - limit) + windowMs;
        waitMs = qMax(waitMs, leaves - now);
    };
    check(options.perMinute, options.minuteWindowMs);
    check(options.perHour, options.hourWindowMs);
    if (waitMs > 0)
        return int(qMax<qint64>(1, (waitMs + 999) / 1000));
    times.push_back(now);
    return std::nullopt;
}

SimResponse Simulator::Private::handleApi(const QHttpServerRequest &request, const SimRoute &route)
{
    QString why;
    const auto claims = identity.validateBearer(request.value("Authorization"), &why);
    if (!claims) {
        SimResponse r = SimResponse::error(
            401, u"Unauthorized"_s, why.isEmpty() ? u"Authorization token is invalid."_s : why);
        r.headers.append({QByteArrayLiteral("WWW-Authenticate"), QByteArrayLiteral("Bearer")});
        return r;
    }
    if (const auto retry = rateLimitRetryAfter(route.endpoint)) {
        SimResponse r = SimResponse::error(429, u"TooManyRequests"_s,
            u"API calls quota exceeded! Maximum allowed calls exceeded. Try again in %1 seconds."_s
                .arg(*retry));
        r.headers.append({QByteArrayLiteral("Retry-After"), QByteArray::number(*retry)});
        return r;
    }
    if (route.endpoint == u"api"_s)
        return SimResponse::error(404, u"NotFound"_s, u"The resource was not found."_s);
    if (!route.methodAllowed)
        return SimResponse::error(405, u"MethodNotAllowed"_s,
            u"The requested method is not allowed for this resource."_s);

    const bool writes = route.endpoint == u"offboard"_s || route.endpoint == u"cancel"_s;
    const QStringList delegated = writes ? QStringList {u"Machine.Offboard"_s}
                                         : QStringList {u"Machine.Read"_s, u"Machine.ReadWrite"_s};
    const QStringList app = writes
        ? QStringList {u"Machine.Offboard"_s}
        : QStringList {u"Machine.Read.All"_s, u"Machine.ReadWrite.All"_s};
    const QStringList &needed = claims->isApp() ? app : delegated;
    const QStringList &held = claims->isApp() ? claims->roles : claims->scp;
    const bool allowed = std::any_of(
        needed.begin(), needed.end(), [&held](const QString &p) { return held.contains(p); });
    if (!allowed) {
        const QString message = claims->isApp()
            ? u"Missing application roles. API required roles: %1"_s.arg(needed.join(u" | "_s))
            : u"Missing delegated permissions. API required permissions: %1"_s.arg(
                needed.join(u" | "_s));
        return SimResponse::error(403, u"Forbidden"_s, message);
    }

    const SimVisibility seen = visibility(*claims);
    if (route.endpoint == u"machines"_s)
        return listMachines(request, route, seen);
    if (route.endpoint == u"machine"_s)
        return getMachine(route, seen);
    if (route.endpoint == u"offboard"_s)
        return offboard(request, route, *claims, seen);
    if (route.endpoint == u"actions"_s)
        return listActions(request, route, seen);
    if (route.endpoint == u"action"_s)
        return getAction(route, seen);
    return cancelAction(request, route, *claims, seen);
}

QString Simulator::Private::nextLink(
    const SimRoute &route, const QString &collection, QUrlQuery query, int to) const
{
    query.removeAllQueryItems(u"$skip"_s);
    query.addQueryItem(u"$skip"_s, QString::number(to));
    QUrl link = q->baseUrl();
    link.setPath(route.prefix + collection);
    link.setQuery(query);
    return link.toString(QUrl::FullyEncoded);
}

SimResponse Simulator::Private::listMachines(
    const QHttpServerRequest &request, const SimRoute &route, const SimVisibility &seen)
{
    QString error;
    const QUrlQuery urlQuery = request.query();
    auto query = ODataQuery::fromUrlQuery(urlQuery, machineFields, &error);
    if (!query)
        return SimResponse::error(400, u"ODataError"_s, error);

    QList<int> indices;
    const int total = tenant.size();
    const bool selecting = query->filter.has_value() || !query->orderByField.isEmpty() || !seen.all;
    if (selecting) {
        for (int i = 0; i < total; ++i) {
            const QJsonObject &machine = tenant.machine(i);
            if (seen.sees(machine) && (!query->filter || query->filter->matches(machine)))
                indices.append(i);
        }
        if (!query->orderByField.isEmpty()) {
            const QString field = query->orderByField;
            const bool desc = query->orderDescending;
            std::stable_sort(indices.begin(), indices.end(), [&](int a, int b) {
                const QJsonValue va = tenant.machine(a).value(field);
                const QJsonValue vb = tenant.machine(b).value(field);
                return desc ? lessThan(vb, va) : lessThan(va, vb);
            });
        }
    }
    const int matched = selecting ? int(indices.size()) : total;
    const int pageSize = query->top > 0 ? qMin(query->top, maxPage) : maxPage;
    const int from = qMin(query->skip, matched);
    const int to = int(qMin<qint64>(qint64(from) + pageSize, matched));

    const QString base = q->baseUrl().toString();
    QByteArray body;
    body.reserve((to - from) * 1200 + 256);
    body += "{\"@odata.context\":" + jsonString(base + u"/api/$metadata#Machines"_s);
    if (query->count)
        body += ",\"@odata.count\":" + QByteArray::number(matched);
    body += ",\"value\":[";
    for (int i = from; i < to; ++i) {
        if (i > from)
            body += ',';
        body += tenant.machineBytes(selecting ? indices.at(i) : i);
    }
    body += ']';
    if (query->top < 0 && to < matched)
        body += ",\"@odata.nextLink\":" + jsonString(nextLink(route, u"/machines"_s, urlQuery, to));
    body += '}';
    return SimResponse::json(200, body);
}

SimResponse Simulator::Private::getMachine(const SimRoute &route, const SimVisibility &seen)
{
    // A device the caller may not see answers as if it did not exist.
    const int index = visibleIndex(route.id, seen);
    if (index < 0)
        return SimResponse::error(
            404, u"ResourceNotFound"_s, u"Machine %1 was not found."_s.arg(route.id.left(100)));
    const QByteArray machine = tenant.machineBytes(index);
    const QByteArray context
        = jsonString(q->baseUrl().toString() + u"/api/$metadata#Machines/$entity"_s);
    return SimResponse::json(
        200, "{\"@odata.context\":" + context + (machine.size() > 2 ? "," : "") + machine.mid(1));
}
