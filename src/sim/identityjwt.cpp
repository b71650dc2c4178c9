// SPDX-License-Identifier: MIT
// JWT-shaped access tokens signed with HS256 and a per-instance key; claims and validation.
#include "identity.h"
#include "identity_p.h"

#include "simulator.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>

using namespace Qt::StringLiterals;
using namespace identity_detail;

bool TokenClaims::grants(const QString &permission) const
{
    return scp.contains(permission, Qt::CaseInsensitive)
        || roles.contains(permission, Qt::CaseInsensitive);
}

qint64 IdentityProvider::epochMs() const
{
    const qint64 now = m_now();
    if (now >= kEpochMsThreshold)
        return now;
    if (!m_epochOffsetKnown) {
        m_epochOffsetMs = QDateTime::currentMSecsSinceEpoch() - now;
        m_epochOffsetKnown = true;
    }
    return m_epochOffsetMs + now;
}

QString IdentityProvider::signJwt(const QJsonObject &payload) const
{
    const QByteArray header = base64Url(R"({"alg":"HS256","typ":"JWT"})");
    const QByteArray input
        = header + '.' + base64Url(QJsonDocument(payload).toJson(QJsonDocument::Compact));
    const QByteArray signature
        = QMessageAuthenticationCode::hash(input, m_key, QCryptographicHash::Sha256);
    return QString::fromLatin1(input + '.' + base64Url(signature));
}

QString IdentityProvider::mintAccessToken(const TokenClaims &claims) const
{
    const qint64 now = nowSeconds();
    QJsonObject payload {{u"aud"_s, kResource},
        {u"iss"_s, u"https://sts.windows.net/%1/"_s.arg(claims.tid)}, {u"iat"_s, now},
        {u"nbf"_s, now}, {u"exp"_s, claims.exp}, {u"appid"_s, claims.appid},
        {u"appidacr"_s, claims.isApp() ? u"1"_s : u"0"_s},
        {u"idtyp"_s, claims.isApp() ? u"app"_s : u"user"_s}, {u"oid"_s, claims.oid},
        {u"sub"_s, claims.oid}, {u"tid"_s, claims.tid},
        {u"uti"_s, QString::fromLatin1(base64Url(randomBytes(16)))}, {u"ver"_s, u"1.0"_s}};
    if (claims.isApp()) {
        payload.insert(u"roles"_s, QJsonArray::fromStringList(claims.roles));
    } else {
        payload.insert(u"upn"_s, claims.upn);
        payload.insert(u"unique_name"_s, claims.upn);
        payload.insert(u"scp"_s, claims.scp.join(u' '));
    }
    return signJwt(payload);
}

std::optional<TokenClaims> IdentityProvider::validateBearer(
    const QByteArray &authorization, QString *error) const
{
    const auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return std::nullopt;
    };
    if (authorization.trimmed().isEmpty())
        return fail(u"Authorization header is missing."_s);
    if (authorization.size() < 8 || !authorization.left(7).toLower().startsWith("bearer "))
        return fail(u"Authorization header must use the Bearer scheme."_s);
    const QList<QByteArray> parts = authorization.mid(7).trimmed().split('.');
    if (parts.size() != 3)
        return fail(u"Bearer token is malformed."_s);
    const auto header = fromBase64Url(parts[0]);
    const auto payloadBytes = fromBase64Url(parts[1]);
    const auto signature = fromBase64Url(parts[2]);
    if (!header || !payloadBytes || !signature
        || QJsonDocument::fromJson(*header).object().value(u"alg"_s) != u"HS256"_s)
        return fail(u"Bearer token is malformed."_s);
    const QByteArray expected = QMessageAuthenticationCode::hash(
        parts[0] + '.' + parts[1], m_key, QCryptographicHash::Sha256);
    if (!constantTimeEquals(*signature, expected))
        return fail(u"Bearer token signature is invalid."_s);
    const QJsonObject payload = QJsonDocument::fromJson(*payloadBytes).object();
    if (!kResourceAliases.contains(
            payload.value(u"aud"_s).toString().section(u'/', 0, 2), Qt::CaseInsensitive))
        return fail(u"Bearer token audience is not valid for this API."_s);
    TokenClaims claims;
    claims.tid = payload.value(u"tid"_s).toString();
    if (claims.tid.compare(m_options.tenant, Qt::CaseInsensitive) != 0)
        return fail(u"Bearer token was issued for another tenant."_s);
    const qint64 now = nowSeconds();
    claims.exp = payload.value(u"exp"_s).toInteger();
    if (claims.exp <= now)
        return fail(u"Bearer token has expired."_s);
    if (payload.value(u"nbf"_s).toInteger() > now + 300)
        return fail(u"Bearer token is not valid yet."_s);
    claims.oid = payload.value(u"oid"_s).toString();
    claims.upn = payload.value(u"upn"_s).toString();
    claims.appid = payload.value(u"appid"_s).toString();
    claims.scp = payload.value(u"scp"_s).toString().split(u' ', Qt::SkipEmptyParts);
    const QJsonArray roles = payload.value(u"roles"_s).toArray();
    for (const QJsonValue &role : roles)
        claims.roles.append(role.toString());
    return claims;
}

TokenClaims IdentityProvider::userClaims(const QStringList &scopes, int lifetimeSeconds) const
{
    TokenClaims claims;
    claims.tid = m_options.tenant;
    claims.oid = guidFor(u"user:"_s + m_options.tenant + u'/' + m_options.userUpn.toLower());
    claims.upn = m_options.userUpn;
    claims.appid = m_options.clientId;
    claims.scp = scopes;
    claims.exp
        = nowSeconds() + (lifetimeSeconds < 0 ? m_options.tokenLifetimeSeconds : lifetimeSeconds);
    return claims;
}

TokenClaims IdentityProvider::appClaims(const QStringList &roles, int lifetimeSeconds) const
{
    TokenClaims claims;
    claims.tid = m_options.tenant;
    claims.oid = guidFor(u"app:"_s + m_options.tenant + u'/' + m_options.appClientId.toLower());
    claims.appid = m_options.appClientId;
    claims.roles = roles;
    claims.exp
        = nowSeconds() + (lifetimeSeconds < 0 ? m_options.tokenLifetimeSeconds : lifetimeSeconds);
    return claims;
}
