// SPDX-License-Identifier: MIT
#pragma once

// Internals of the identity platform shared by identity.cpp (helpers, routing, token endpoint),
// identityauthorize.cpp (sign-in page), identitytoken.cpp (grants) and identityjwt.cpp (tokens).

#include "identity.h"

#include <QJsonObject>
#include <QUrlQuery>

#include <optional>

namespace identity_detail {

inline const QString kResource = QStringLiteral("https://api.securitycenter.microsoft.com");
// Other spellings of the same API that the platform maps to the same resource.
inline const QStringList kResourceAliases
    = {kResource, QStringLiteral("https://api.security.microsoft.com"),
        QStringLiteral("fc780465-2017-40d4-a0c5-307022471b92")};
constexpr qint64 kCodeLifetimeMs = 10 * 60 * 1000;
constexpr qint64 kRefreshLifetimeMs = 90LL * 24 * 3600 * 1000;
constexpr qint64 kEpochMsThreshold = 1000000000000LL; // 2001: below it nowMs is not epoch time

QByteArray base64Url(const QByteArray &data);
std::optional<QByteArray> fromBase64Url(const QByteArray &text);
QByteArray randomBytes(int count); // from the system's secure generator
QString newGuid();
// A stable GUID for a name (object ids of the user and the app's service principal).
QString guidFor(const QString &name);
QString html(const QString &text); // escaped for text and attribute values
QString tr(const char *text);
// x-www-form-urlencoded: '+' is a space (QUrlQuery alone keeps it).
QString formDecode(QString text);
QByteArray formEncode(const QString &text);
bool constantTimeEquals(const QByteArray &a, const QByteArray &b);

struct ScopeRequest
{
    QStringList permissions; // short names asked for the API ("Machine.Read")
    bool everything = false; // {resource}/.default
    bool openid = false;
    bool offlineAccess = false;
    QString resource;
    QString invalid; // the first scope we cannot serve
};

ScopeRequest readScopes(const QString &scope);
// The permissions of `allowed` that the request asks for, in allowed's order.
QStringList grantedScopes(const ScopeRequest &request, const QStringList &allowed);

SimResponse withNoStore(SimResponse response);
SimResponse jsonResponse(int status, const QJsonObject &object);
QString platformTimestamp(qint64 epochMs);
// The sign-in error page (no redirect).
SimResponse errorPage(int code, const QString &message);

} // namespace identity_detail

struct IdentityProvider::Form
{
    QUrlQuery query;
    // A repeated parameter counts as missing.
    QString value(const QString &key) const
    {
        const auto all = query.allQueryItemValues(key, QUrl::FullyEncoded);
        return all.size() == 1 ? identity_detail::formDecode(all.first()) : QString();
    }
};
