// SPDX-License-Identifier: MIT
// A small synchronous HTTP helper for the simulator's server tests (header-only, tests only).
#pragma once

#include "simulator.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QTest>

#include <functional>
#include <memory>

struct SimReply
{
    int status = 0;
    QByteArray body;
    QJsonObject json;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QList<QNetworkReply::RawHeaderPair> headers;
    bool finished = false;

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &h : headers) {
            if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                return h.second;
        }
        return {};
    }
    QString errorCode() const
    {
        return json.value(QStringLiteral("error"))
            .toObject()
            .value(QStringLiteral("code"))
            .toString();
    }
};

class SimHttp final
{
public:
    explicit SimHttp(const QUrl &base)
        : m_base(base)
    { }

    QNetworkAccessManager &nam() { return m_nam; }
    void setToken(const QString &token) { m_token = token; }
    void setSslConfiguration(const QSslConfiguration &config) { m_sslConfiguration = config; }

    // path may be absolute (a nextLink) or start with '/'.
    SimReply send(const QByteArray &verb, const QString &path, const QByteArray &body = {},
        int transferTimeoutMs = 20000, bool followRedirects = false)
    {
        const QUrl url
            = path.startsWith(QLatin1Char('/')) ? m_base.resolved(QUrl(path)) : QUrl(path);
        QNetworkRequest request(url);
        if (!m_token.isEmpty())
            request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
        if (!body.isNull())
            request.setHeader(
                QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        request.setTransferTimeout(transferTimeoutMs);
        if (!followRedirects)
            request.setAttribute(
                QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        if (!m_sslConfiguration.isNull())
            request.setSslConfiguration(m_sslConfiguration);
        QNetworkReply *reply = m_nam.sendCustomRequest(request, verb, body);
        QSignalSpy spy(reply, &QNetworkReply::finished);
        SimReply out;
        out.finished = spy.wait(transferTimeoutMs + 10000);
        out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (reply->isOpen())
            out.body = reply->readAll();
        out.json = QJsonDocument::fromJson(out.body).object();
        out.error = reply->error();
        out.headers = reply->rawHeaderPairs();
        reply->deleteLater();
        return out;
    }
    SimReply get(const QString &path) { return send("GET", path); }
    SimReply post(const QString &path, const QByteArray &body) { return send("POST", path, body); }

private:
    QSslConfiguration m_sslConfiguration;
    QUrl m_base;
    QString m_token;
    QNetworkAccessManager m_nam;
};

inline QByteArray commentBody(const char *comment = "Retired laptop (CHG-1)")
{
    return QByteArrayLiteral("{\"Comment\":\"") + comment + "\"}";
}

// A small tenant whose action lifecycle only moves with advanceClock(): the phases are far
// longer than a test runs.
inline constexpr int pendingMs = 600000;
inline constexpr int inProgressMs = 600000;
inline constexpr int timeoutMs = 3600000;

inline std::unique_ptr<Simulator> startSim(
    const QString &policy = QStringLiteral("2024"), int status = 200)
{
    SimulatorOptions options;
    options.devices = 400;
    options.logRequests = false;
    options.pendingMs = pendingMs;
    options.inProgressMs = inProgressMs;
    options.timeoutMs = timeoutMs;
    options.osPolicy = policy;
    options.offboardStatus = status;
    auto sim = std::make_unique<Simulator>(options);
    return sim->listen() ? std::move(sim) : nullptr;
}

// The first device that satisfies pred, as an id; empty when none.
inline QString findDevice(
    const Simulator &sim, const std::function<bool(const QJsonObject &, int)> &pred)
{
    for (int i = 0; i < sim.deviceCount(); ++i) {
        if (pred(sim.machineJson(i), i))
            return sim.machineJson(i).value(QStringLiteral("id")).toString();
    }
    return {};
}

inline QString platformOf(const QJsonObject &m)
{
    return m.value(QStringLiteral("osPlatform")).toString();
}
