// SPDX-License-Identifier: MIT
#pragma once

// Shared by tst_identity (sign-in, code flow, refresh) and tst_identitytokens (client
// credentials, bearer validation, discovery): an IdentityProvider on a test clock, driven
// through IdentityRequest (QHttpServerRequest cannot be constructed in Qt 6.4).

#include "identity.h"
#include "simulator.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>
#include <QUrl>

#include <memory>

namespace identitytest {

using namespace Qt::StringLiterals;

const QUrl kBase(u"http://127.0.0.1:4443"_s);
const QString kRedirect = u"http://127.0.0.1:53123/callback"_s;
const QString kVerifier = u"dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk.~_-abc"_s;
const QString kScope
    = u"https://api.securitycenter.microsoft.com/Machine.Read "
      "https://api.securitycenter.microsoft.com/Machine.Offboard offline_access openid profile"_s;

inline QString challengeFor(const QString &verifier)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(verifier.toLatin1(), QCryptographicHash::Sha256)
            .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

inline QByteArray form(const QList<QPair<QString, QString>> &params)
{
    QByteArray out;
    for (const auto &param : params) {
        if (!out.isEmpty())
            out += '&';
        out += QUrl::toPercentEncoding(param.first) + '=' + QUrl::toPercentEncoding(param.second);
    }
    return out;
}

inline QByteArray headerOf(const SimResponse &response, const QByteArray &name)
{
    for (const auto &header : response.headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return header.second;
    }
    return {};
}

// The redirect's query, decoded the way a browser/app reads it ('+' is a space).
inline QHash<QString, QString> redirectParams(const SimResponse &response)
{
    QHash<QString, QString> params;
    const QByteArray location = headerOf(response, "Location");
    const QList<QByteArray> pairs = location.mid(location.indexOf('?') + 1).split('&');
    for (QByteArray pair : pairs) {
        pair.replace('+', ' ');
        const qsizetype eq = pair.indexOf('=');
        params.insert(
            QUrl::fromPercentEncoding(pair.left(eq)), QUrl::fromPercentEncoding(pair.mid(eq + 1)));
    }
    return params;
}

inline QJsonObject json(const SimResponse &response)
{
    return QJsonDocument::fromJson(response.body).object();
}

class IdentityTestBase : public QObject
{
protected:
    SimulatorOptions m_options;
    qint64 m_clock = 0;
    std::unique_ptr<IdentityProvider> m_idp;
    QString m_tenantPath;

    SimResponse call(const QByteArray &method, const QString &path, const QByteArray &body = {},
        const QByteArray &authorization = {})
    {
        IdentityRequest request {
            method, QUrl(path), "application/x-www-form-urlencoded", body, authorization};
        SimResponse response;
        if (!m_idp->handleRequest(request, kBase, &response))
            response.status = -1;
        return response;
    }
    QList<QPair<QString, QString>> authorizeParams() const
    {
        return {{u"client_id"_s, m_options.clientId}, {u"response_type"_s, u"code"_s},
            {u"redirect_uri"_s, kRedirect}, {u"response_mode"_s, u"query"_s}, {u"scope"_s, kScope},
            {u"state"_s, u"st a+te/="_s}, {u"code_challenge"_s, challengeFor(kVerifier)},
            {u"code_challenge_method"_s, u"S256"_s},
            {u"login_hint"_s, u"<b>x</b>@contoso.example"_s}};
    }
    QString authorizeUrl(const QList<QPair<QString, QString>> &params) const
    {
        return m_tenantPath + u"/oauth2/v2.0/authorize?"_s + QString::fromLatin1(form(params));
    }
    // Consent through the page's form; returns the code.
    QString signIn(const QString &scope = kScope)
    {
        auto params = authorizeParams();
        params[4].second = scope;
        params.append({u"consent"_s, u"accept"_s});
        const SimResponse response
            = call("POST", m_tenantPath + u"/oauth2/v2.0/authorize"_s, form(params));
        return redirectParams(response).value(u"code"_s);
    }
    SimResponse redeem(const QString &code, const QString &verifier = kVerifier,
        const QString &redirect = kRedirect)
    {
        return call("POST", m_tenantPath + u"/oauth2/v2.0/token"_s,
            form({{u"grant_type"_s, u"authorization_code"_s}, {u"client_id"_s, m_options.clientId},
                {u"code"_s, code}, {u"redirect_uri"_s, redirect}, {u"code_verifier"_s, verifier}}));
    }
    SimResponse refresh(const QString &token, const QString &scope = {})
    {
        return call("POST", m_tenantPath + u"/oauth2/v2.0/token"_s,
            form({{u"grant_type"_s, u"refresh_token"_s}, {u"client_id"_s, m_options.clientId},
                {u"refresh_token"_s, token}, {u"scope"_s, scope}}));
    }
    static int errorCode(const SimResponse &response)
    {
        return json(response)[u"error_codes"_s][0].toInt();
    }

    void reset()
    {
        m_options = SimulatorOptions();
        m_clock = 0;
        m_idp = std::make_unique<IdentityProvider>(m_options, [this] { return m_clock; });
        m_tenantPath = u'/' + m_options.tenant;
    }
};

} // namespace identitytest
