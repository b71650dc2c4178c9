// SPDX-License-Identifier: MIT
// The grants of /{tenant}/oauth2/v2.0/token: authorization code with PKCE, refresh token with
// rotation, client credentials.
#include "identity.h"
#include "identity_p.h"

#include "simulator.h"

#include <QCryptographicHash>
#include <QJsonDocument>

using namespace Qt::StringLiterals;
using namespace identity_detail;

namespace {

bool isValidVerifier(const QString &verifier)
{
    if (verifier.size() < 43 || verifier.size() > 128)
        return false;
    for (const QChar c : verifier) {
        if (!(c.isLetterOrNumber() && c.unicode() < 0x80) && c != u'-' && c != u'.' && c != u'_'
            && c != u'~')
            return false;
    }
    return true;
}

} // namespace

std::optional<SimResponse> IdentityProvider::refusePublicClient(
    const QString &clientId, const QString &tenant, const QUrl &baseUrl) const
{
    if (clientId.isEmpty())
        return oauthError(400, u"invalid_request"_s, 900144,
            u"The request body must contain the following parameter: 'client_id'."_s, baseUrl);
    if (clientId != m_options.clientId)
        return oauthError(400, u"unauthorized_client"_s, 700016,
            u"Application with identifier '%1' was not found in the directory '%2'."_s.arg(
                clientId, tenant),
            baseUrl);
    return std::nullopt;
}

SimResponse IdentityProvider::redeemCode(
    const Form &form, const QString &tenant, const QUrl &baseUrl)
{
    const QString clientId = form.value(u"client_id"_s);
    if (std::optional<SimResponse> refused = refusePublicClient(clientId, tenant, baseUrl))
        return *refused;
    if (!form.value(u"client_secret"_s).isEmpty())
        return oauthError(401, u"invalid_client"_s, 700025,
            u"Client is public so neither 'client_assertion' nor 'client_secret' should be presented."_s,
            baseUrl);
    const QString code = form.value(u"code"_s);
    if (code.isEmpty())
        return oauthError(400, u"invalid_request"_s, 900144,
            u"The request body must contain the following parameter: 'code'."_s, baseUrl);
    if (m_redeemedCodes.contains(code))
        return oauthError(400, u"invalid_grant"_s, 54005,
            u"OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token."_s,
            baseUrl);
    if (!m_codes.contains(code))
        return oauthError(400, u"invalid_grant"_s, 70000,
            u"The provided value for the 'code' parameter is not valid."_s, baseUrl);
    // Single use: the first redemption consumes the code, whatever its outcome.
    const PendingCode pending = m_codes.take(code);
    m_redeemedCodes.insert(code);
    if (m_now() > pending.expiresMs)
        return oauthError(400, u"invalid_grant"_s, 70008,
            u"The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource."_s,
            baseUrl);
    const QString redirectUri = form.value(u"redirect_uri"_s);
    if (pending.clientId != clientId || redirectUri != pending.redirectUri)
        return oauthError(400, u"invalid_grant"_s, 500112,
            u"The reply address '%1' does not match the reply address '%2' provided when requesting Authorization code."_s
                .arg(redirectUri, pending.redirectUri),
            baseUrl);
    const QString verifier = form.value(u"code_verifier"_s);
    if (verifier.isEmpty())
        return oauthError(400, u"invalid_request"_s, 900144,
            u"The request body must contain the following parameter: 'code_verifier'."_s, baseUrl);
    const QByteArray computed
        = base64Url(QCryptographicHash::hash(verifier.toLatin1(), QCryptographicHash::Sha256));
    if (!isValidVerifier(verifier) || !constantTimeEquals(computed, pending.challenge.toLatin1()))
        return oauthError(400, u"invalid_grant"_s, 50148,
            u"The code_verifier does not match the code_challenge supplied in the authorization request for PKCE."_s,
            baseUrl);
    return delegatedTokens(clientId, pending.scope, pending.nonce, baseUrl);
}

SimResponse IdentityProvider::redeemRefreshToken(
    const Form &form, const QString &tenant, const QUrl &baseUrl)
{
    const QString clientId = form.value(u"client_id"_s);
    if (std::optional<SimResponse> refused = refusePublicClient(clientId, tenant, baseUrl))
        return *refused;
    const QString refreshToken = form.value(u"refresh_token"_s);
    if (refreshToken.isEmpty())
        return oauthError(400, u"invalid_request"_s, 900144,
            u"The request body must contain the following parameter: 'refresh_token'."_s, baseUrl);
    // Rotation: a refresh token is good for one redemption.
    if (!m_refreshTokens.contains(refreshToken))
        return oauthError(400, u"invalid_grant"_s, 70000,
            u"The provided value for the 'refresh_token' parameter is not valid."_s, baseUrl);
    const RefreshGrant grant = m_refreshTokens.take(refreshToken);
    if (m_now() > grant.expiresMs)
        return oauthError(400, u"invalid_grant"_s, 700082,
            u"The refresh token has expired due to inactivity."_s, baseUrl);
    if (grant.clientId != clientId)
        return oauthError(400, u"invalid_grant"_s, 70000,
            u"The refresh token was issued to a different client."_s, baseUrl);
    QString scope = form.value(u"scope"_s);
    if (scope.trimmed().isEmpty())
        return delegatedTokens(clientId, grant.scope, {}, baseUrl);
    const ScopeRequest original = readScopes(grant.scope);
    const ScopeRequest asked = readScopes(scope);
    if (!asked.invalid.isEmpty())
        return oauthError(400, u"invalid_scope"_s, 70011,
            u"The provided value for the input parameter 'scope' is not valid. The scope '%1' does not exist."_s
                .arg(asked.invalid),
            baseUrl);
    for (const QString &permission : asked.permissions) {
        if (!original.everything && !original.permissions.contains(permission, Qt::CaseInsensitive))
            return oauthError(400, u"invalid_grant"_s, 65001,
                u"The user or administrator has not consented to use the application with ID '%1'. Send an interactive authorization request for this user and resource."_s
                    .arg(clientId),
                baseUrl);
    }
    if (!asked.offlineAccess)
        scope += u" offline_access"_s; // the chain of refresh tokens goes on
    return delegatedTokens(clientId, scope, {}, baseUrl);
}

SimResponse IdentityProvider::clientCredentials(
    const Form &form, const IdentityRequest &request, const QUrl &baseUrl)
{
    QString clientId = form.value(u"client_id"_s);
    QString secret = form.value(u"client_secret"_s);
    if (request.authorization.startsWith("Basic ")) { // client_secret_basic
        const QByteArray pair = QByteArray::fromBase64(request.authorization.mid(6).trimmed());
        const qsizetype colon = pair.indexOf(':');
        if (colon > 0) {
            clientId = formDecode(QString::fromUtf8(pair.left(colon)));
            secret = formDecode(QString::fromUtf8(pair.mid(colon + 1)));
        }
    }
    if (clientId.isEmpty())
        return oauthError(400, u"invalid_request"_s, 900144,
            u"The request body must contain the following parameter: 'client_id'."_s, baseUrl);
    if (clientId != m_options.appClientId && clientId != m_options.clientId)
        return oauthError(400, u"unauthorized_client"_s, 700016,
            u"Application with identifier '%1' was not found in the directory '%2'."_s.arg(
                clientId, m_options.tenant),
            baseUrl);
    if (secret.isEmpty() || clientId == m_options.clientId)
        return oauthError(401, u"invalid_client"_s, 7000218,
            u"The request body must contain the following parameter: 'client_assertion' or 'client_secret'."_s,
            baseUrl);
    if (!constantTimeEquals(secret.toUtf8(), m_options.clientSecret.toUtf8()))
        return oauthError(401, u"invalid_client"_s, 7000215,
            u"Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '%1'."_s
                .arg(clientId),
            baseUrl);
    const QString scope = form.value(u"scope"_s).trimmed();
    const ScopeRequest scopes = readScopes(scope);
    if (scope.contains(u' ') || !scopes.everything || !scopes.invalid.isEmpty())
        return oauthError(400, u"invalid_scope"_s, 1002012,
            u"The provided value for scope %1 is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI)."_s
                .arg(scope),
            baseUrl);
    const TokenClaims claims = appClaims(m_options.appRoles, -1);
    const int lifetime = m_options.tokenLifetimeSeconds;
    return jsonResponse(200,
        QJsonObject {{u"token_type"_s, u"Bearer"_s}, {u"expires_in"_s, lifetime},
            {u"ext_expires_in"_s, lifetime}, {u"access_token"_s, mintAccessToken(claims)}});
}

SimResponse IdentityProvider::delegatedTokens(
    const QString &clientId, const QString &scope, const QString &nonce, const QUrl &baseUrl)
{
    const ScopeRequest scopes = readScopes(scope);
    const QStringList granted = grantedScopes(scopes, m_options.userScopes);
    const TokenClaims claims = userClaims(granted, -1);
    const int lifetime = m_options.tokenLifetimeSeconds;
    QStringList grantedUris;
    for (const QString &permission : granted)
        grantedUris.append(
            (scopes.resource.isEmpty() ? kResource : scopes.resource) + u'/' + permission);
    QJsonObject body {{u"token_type"_s, u"Bearer"_s}, {u"scope"_s, grantedUris.join(u' ')},
        {u"expires_in"_s, lifetime}, {u"ext_expires_in"_s, lifetime},
        {u"access_token"_s, mintAccessToken(claims)}};
    if (scopes.offlineAccess) {
        const QString refreshToken = u"1.A"_s + QString::fromLatin1(base64Url(randomBytes(64)));
        m_refreshTokens.insert(
            refreshToken, RefreshGrant {clientId, scope, m_now() + kRefreshLifetimeMs});
        body.insert(u"refresh_token"_s, refreshToken);
    }
    if (scopes.openid) {
        const qint64 now = nowSeconds();
        QJsonObject id {{u"aud"_s, clientId},
            {u"iss"_s, baseUrl.toString(QUrl::StripTrailingSlash) + u'/' + claims.tid + u"/v2.0"_s},
            {u"iat"_s, now}, {u"nbf"_s, now}, {u"exp"_s, claims.exp},
            {u"name"_s, m_options.userUpn.section(u'@', 0, 0)}, {u"oid"_s, claims.oid},
            {u"preferred_username"_s, claims.upn}, {u"sub"_s, claims.oid}, {u"tid"_s, claims.tid},
            {u"ver"_s, u"2.0"_s}};
        if (!nonce.isEmpty())
            id.insert(u"nonce"_s, nonce);
        body.insert(u"id_token"_s, signJwt(id));
    }
    return jsonResponse(200, body);
}
