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
