// SPDX-License-Identifier: MIT
#pragma once

#include "simresponse.h"

#include <QHash>
#include <QHttpServerRequest>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

struct SimulatorOptions;

struct TokenClaims
{
    QString tid;
    QString oid;
    QString upn;   // users
    QString appid; // the client id
    QStringList scp;   // delegated
    QStringList roles; // app-only
    qint64 exp = 0;    // seconds since epoch, on the simulator's clock
    bool isApp() const { return upn.isEmpty(); }
    QString requestor() const { return isApp() ? appid : upn; }
    bool grants(const QString &permission) const; // in scp or roles
};

// The identity platform: /{tenant}/oauth2/v2.0/authorize (an HTML sign-in and consent page a
// real browser can complete), /{tenant}/oauth2/v2.0/token (authorization_code with PKCE S256,
// refresh_token with rotation, client_credentials) and
// /{tenant}/v2.0/.well-known/openid-configuration. Tokens are JWT-shaped and signed with a
// per-process HMAC key. nowMs is the simulator's clock.
class IdentityProvider final
{
public:
    IdentityProvider(const SimulatorOptions &options, std::function<qint64()> nowMs);

    // Returns true when the request's path belongs to the identity platform, with *out filled.
    bool handle(const QHttpServerRequest &request, const QUrl &baseUrl, SimResponse *out);

    // "Bearer x" -> claims. Fails (with a message for the 401 body) when missing, malformed,
    // badly signed, for another tenant or expired.
    std::optional<TokenClaims> validateBearer(const QByteArray &authorization,
                                              QString *error) const;
    QString mintAccessToken(const TokenClaims &claims) const;
    TokenClaims userClaims(const QStringList &scopes, int lifetimeSeconds) const;
    TokenClaims appClaims(const QStringList &roles, int lifetimeSeconds) const;

private:
    const SimulatorOptions &m_options;
    std::function<qint64()> m_now;
    QByteArray m_key;
    struct PendingCode
    {
        QString clientId, redirectUri, challenge, scope;
        qint64 expiresMs = 0;
    };
    QHash<QString, PendingCode> m_codes;
    QHash<QString, QString> m_refreshTokens; // token -> scope
};
