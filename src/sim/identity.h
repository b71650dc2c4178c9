// SPDX-License-Identifier: MIT
#pragma once

#include "simresponse.h"

#include <QHash>
#include <QHttpServerRequest>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <functional>
#include <optional>

struct SimulatorOptions;

struct TokenClaims
{
    QString tid;
    QString oid;
    QString upn; // users
    QString appid; // the client id
    QStringList scp; // delegated
    QStringList roles; // app-only
    qint64 exp = 0; // seconds since epoch, on the simulator's clock
    bool isApp() const { return upn.isEmpty(); }
    QString requestor() const { return isApp() ? appid : upn; }
    bool grants(const QString &permission) const; // in scp or roles (case-insensitive, exact)
};

// What the identity platform needs of an HTTP request. handle() fills one from a
// QHttpServerRequest (which Qt 6.4 does not let tests construct); tests call handleRequest().
struct IdentityRequest
{
    QByteArray method; // "GET", "POST", …
    QUrl url; // as received: path and query
    QByteArray contentType;
    QByteArray body;
    QByteArray authorization; // "Basic …" carries client_id:client_secret (client_secret_basic)
};

// The identity platform: /{tenant}/oauth2/v2.0/authorize (an HTML sign-in and consent page a
// real browser can complete), /{tenant}/oauth2/v2.0/token (authorization_code with PKCE S256,
// refresh_token with rotation, client_credentials) and
// /{tenant}/v2.0/.well-known/openid-configuration. Tokens are JWT-shaped and signed with a
// per-process HMAC key. nowMs is the simulator's clock.
//
// Time: authorization codes live 10 minutes of nowMs. Token times (iat/nbf/exp, TokenClaims::exp)
// are epoch seconds: nowMs itself when it already counts epoch milliseconds (>= 1e12), otherwise
// nowMs plus the wall-clock offset taken at first use, so advancing the clock expires tokens.
// Refresh tokens are only issued when offline_access was requested and an id_token only for
// openid, as the real platform does; refresh tokens rotate (the old one dies on use).
class IdentityProvider final
{
public:
    IdentityProvider(const SimulatorOptions &options, std::function<qint64()> nowMs);

    // Returns true when the request's path belongs to the identity platform, with *out filled.
    bool handle(const QHttpServerRequest &request, const QUrl &baseUrl, SimResponse *out);
    bool handleRequest(const IdentityRequest &request, const QUrl &baseUrl, SimResponse *out);

    // "Bearer x" -> claims. Fails (with a message for the 401 body) when missing, malformed,
    // badly signed, for another tenant or expired.
    std::optional<TokenClaims> validateBearer(
        const QByteArray &authorization, QString *error) const;
    QString mintAccessToken(const TokenClaims &claims) const;
    // lifetimeSeconds < 0: options.tokenLifetimeSeconds.
    TokenClaims userClaims(const QStringList &scopes, int lifetimeSeconds) const;
    TokenClaims appClaims(const QStringList &roles, int lifetimeSeconds) const;
    // Seconds since the epoch on the simulator's clock (see "Time" above).
    qint64 nowSeconds() const { return epochMs() / 1000; }

private:
    struct PendingCode
    {
        QString clientId, redirectUri, challenge, scope, nonce;
        qint64 expiresMs = 0;
    };
    struct RefreshGrant
    {
        QString clientId, scope;
        qint64 expiresMs = 0;
    };
    struct Form;

    qint64 epochMs() const;
    SimResponse oauthError(int status, const QString &error, int code, const QString &message,
        const QUrl &baseUrl) const;
    QString signJwt(const QJsonObject &payload) const;
    SimResponse authorize(
        const IdentityRequest &request, const QString &tenant, const QUrl &baseUrl);
    SimResponse token(const IdentityRequest &request, const QString &tenant, const QUrl &baseUrl);
    // The public client's id, checked as both its grants check it: an error answer, or nothing.
    std::optional<SimResponse> refusePublicClient(
        const QString &clientId, const QString &tenant, const QUrl &baseUrl) const;
    SimResponse redeemCode(const Form &form, const QString &tenant, const QUrl &baseUrl);
    SimResponse redeemRefreshToken(const Form &form, const QString &tenant, const QUrl &baseUrl);
    SimResponse clientCredentials(
        const Form &form, const IdentityRequest &request, const QUrl &baseUrl);
    SimResponse delegatedTokens(
        const QString &clientId, const QString &scope, const QString &nonce, const QUrl &baseUrl);

    const SimulatorOptions &m_options;
    std::function<qint64()> m_now;
    QByteArray m_key;
    mutable qint64 m_epochOffsetMs = 0;
    mutable bool m_epochOffsetKnown = false;
    QHash<QString, PendingCode> m_codes;
    QSet<QString> m_redeemedCodes;
    QHash<QString, RefreshGrant> m_refreshTokens;
};
