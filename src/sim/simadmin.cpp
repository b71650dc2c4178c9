// SPDX-License-Identifier: MIT
// Fault specifications and the loopback-only /admin interface (faults, request log, clock).
#include "simulator_p.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

FaultSpec FaultSpec::fromJson(const QJsonObject &o)
{
    FaultSpec f;
    f.endpoint = o.value(u"endpoint"_s).toString(f.endpoint);
    f.latencyMs = qMax(0, o.value(u"latencyMs"_s).toInt(0));
    f.errorRatio = qBound(0.0, o.value(u"errorRatio"_s).toDouble(0.0), 1.0);
    f.errorStatus = o.value(u"errorStatus"_s).toInt(f.errorStatus);
    f.tooManyBurst = qMax(0, o.value(u"tooManyBurst"_s).toInt(0));
    f.retryAfterSeconds = qMax(0, o.value(u"retryAfterSeconds"_s).toInt(f.retryAfterSeconds));
    f.resetBefore = qMax(0, o.value(u"resetBefore"_s).toInt(0));
    f.resetAfterOffboard = qMax(0, o.value(u"resetAfterOffboard"_s).toInt(0));
    f.truncate = qMax(0, o.value(u"truncate"_s).toInt(0));
    f.malformed = qMax(0, o.value(u"malformed"_s).toInt(0));
    f.stall = qMax(0, o.value(u"stall"_s).toInt(0));
    f.htmlError = qMax(0, o.value(u"htmlError"_s).toInt(0));
    f.redirectToHttp = qMax(0, o.value(u"redirectToHttp"_s).toInt(0));
    return f;
}

QJsonObject FaultSpec::toJson() const
{
    return {{u"endpoint"_s, endpoint}, {u"latencyMs"_s, latencyMs}, {u"errorRatio"_s, errorRatio},
        {u"errorStatus"_s, errorStatus}, {u"tooManyBurst"_s, tooManyBurst},
        {u"retryAfterSeconds"_s, retryAfterSeconds}, {u"resetBefore"_s, resetBefore},
        {u"resetAfterOffboard"_s, resetAfterOffboard}, {u"truncate"_s, truncate},
        {u"malformed"_s, malformed}, {u"stall"_s, stall}, {u"htmlError"_s, htmlError},
        {u"redirectToHttp"_s, redirectToHttp}};
}

SimResponse Simulator::Private::handleAdmin(const QHttpServerRequest &request)
{
    const QString path = request.url().path();
    const auto method = request.method();
    const auto faultList = [this] {
        QJsonArray list;
        for (const auto &fault : std::as_const(faults))
            list.append(fault.toJson());
        return SimResponse::json(
            200, QJsonDocument(QJsonObject {{u"faults"_s, list}}).toJson(QJsonDocument::Compact));
    };
    if (path == u"/admin/faults"_s) {
        if (method == QHttpServerRequest::Method::Get)
            return faultList();
        if (method == QHttpServerRequest::Method::Delete) {
            faults.clear();
            return faultList();
        }
        if (method == QHttpServerRequest::Method::Post) {
            QJsonParseError error {};
            const QJsonDocument doc = QJsonDocument::fromJson(request.body(), &error);
            if (error.error != QJsonParseError::NoError || (!doc.isObject() && !doc.isArray()))
                return SimResponse::error(400, u"InvalidRequestBody"_s,
                    u"Expected a FaultSpec object or an array of them."_s);
            if (doc.isObject())
                faults.append(FaultSpec::fromJson(doc.object()));
            const QJsonArray array = doc.array();
            for (const auto &value : array)
                faults.append(FaultSpec::fromJson(value.toObject()));
            return faultList();
        }
    } else if (path == u"/admin/requests"_s) {
        if (method == QHttpServerRequest::Method::Delete)
            log.clear();
        QJsonArray list;
        for (const auto &e : std::as_const(log)) {
            list.append(
                QJsonObject {{u"method"_s, e.method}, {u"path"_s, e.path}, {u"status"_s, e.status},
                    {u"elapsedMs"_s, e.elapsedMs}, {u"endpoint"_s, e.endpoint}});
        }
        return SimResponse::json(
            200, QJsonDocument(QJsonObject {{u"requests"_s, list}}).toJson(QJsonDocument::Compact));
    } else if (path == u"/admin/visibility"_s) {
        return handleVisibilityAdmin(request);
    } else if (path == u"/admin/clock"_s && method == QHttpServerRequest::Method::Post) {
        const QJsonObject body = QJsonDocument::fromJson(request.body()).object();
        const qint64 advance = body.value(u"advanceMs"_s).toInteger(-1);
        if (advance < 0)
            return SimResponse::error(
                400, u"InvalidRequestBody"_s, u"Expected {\"advanceMs\": N} with N >= 0."_s);
        clockOffsetMs += advance;
        return SimResponse::json(
            200, QJsonDocument(QJsonObject {{u"nowMs"_s, nowMs()}}).toJson(QJsonDocument::Compact));
    }
    return SimResponse::error(404, u"NotFound"_s, u"Unknown admin resource."_s);
}
