// SPDX-License-Identifier: MIT
// Shared by tst_bulkkill and its child, bulkkill_helper: an app-only token from the mde-sim
// executable (its demo app and secret) and the rate limits both sides use.
#pragma once

#include "simulator.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QUrl>
#include <QUrlQuery>

namespace KillTest {

// Slow enough that a batch of ten takes seconds: two offboards per 600 ms window.
constexpr int PerMinute = 2;
constexpr int MinuteWindowMs = 600;
inline const QString Comment = QStringLiteral("Decommissioned: kill test");

// Client credentials at the simulator's token endpoint; empty on failure.
inline QString fetchAppToken(QNetworkAccessManager &network, const QUrl &base)
{
    using namespace Qt::StringLiterals;
    const SimulatorOptions sim;
    QUrl url = base;
    url.setPath(u"/%1/oauth2/v2.0/token"_s.arg(sim.tenant));
    QUrlQuery form;
    form.addQueryItem(u"grant_type"_s, u"client_credentials"_s);
    form.addQueryItem(u"client_id"_s, sim.appClientId);
    form.addQueryItem(u"client_secret"_s, sim.clientSecret);
    form.addQueryItem(u"scope"_s, u"https://api.securitycenter.microsoft.com/.default"_s);
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/x-www-form-urlencoded"_s);
    QNetworkReply *reply = network.post(request, form.query(QUrl::FullyEncoded).toUtf8());
    QSignalSpy done(reply, &QNetworkReply::finished);
    if (!reply->isFinished() && !done.wait(10000)) {
        delete reply;
        return {};
    }
    const QJsonObject body = QJsonDocument::fromJson(reply->readAll()).object();
    delete reply;
    return body.value(u"access_token"_s).toString();
}

} // namespace KillTest
