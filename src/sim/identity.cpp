// SPDX-License-Identifier: MIT
#include "identity.h"
#include "identity_p.h"

#include "simulator.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QUrlQuery>
#include <QUuid>

using namespace Qt::StringLiterals;
using namespace identity_detail;

namespace identity_detail {

QByteArray base64Url(const QByteArray &data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

std::optional<QByteArray> fromBase64Url(const QByteArray &text)
{
    const auto result = QByteArray::fromBase64Encoding(
        text, QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!result)
        return std::nullopt;
    return *result;
}

QByteArray randomBytes(int count)
{
    QByteArray bytes(count, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), count / 4);
    return bytes;
}

QString newGuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

// A stable GUID for a name (object ids of the user and the app's service principal).
QString guidFor(const QString &name)
{
    QByteArray hash = QCryptographicHash::hash(name.toUtf8(), QCryptographicHash::Sha256).left(16);
    hash[6] = char((hash[6] & 0x0f) | 0x50);
    hash[8] = char((hash[8] & 0x3f) | 0x80);
    return QUuid::fromRfc4122(hash).toString(QUuid::WithoutBraces);
}

QString html(const QString &text)
{
    return text.toHtmlEscaped().replace(u'\'', u"&#39;"_s);
}

QString tr(const char *text)
{
    return QCoreApplication::translate("IdentityProvider", text);
}

// x-www-form-urlencoded: '+' is a space (QUrlQuery alone keeps it).
QString formDecode(QString text)
{
    return QUrl::fromPercentEncoding(text.replace(u'+', u' ').toUtf8());
}

QByteArray formEncode(const QString &text)
{
    return QUrl::toPercentEncoding(text, " ").replace(' ', '+');
}

ScopeRequest readScopes(const QString &scope)
{
    ScopeRequest result;
    const QStringList items = scope.split(u' ', Qt::SkipEmptyParts);
    for (const QString &item : items) {
        const QString lower = item.toLower();
        if (lower == u"openid"_s) {
            result.openid = true;
        } else if (lower == u"offline_access"_s) {
            result.offlineAccess = true;
        } else if (lower == u"profile"_s || lower == u"email"_s) {
            continue;
        } else {
            const qsizetype slash = item.lastIndexOf(u'/');
            const QString resource = slash > 0 ? item.left(slash) : QString();
            bool known = false;
            for (const QString &alias : kResourceAliases)
                known = known || resource.compare(alias, Qt::CaseInsensitive) == 0;
            if (!known && result.invalid.isEmpty()) {
                result.invalid = item;
                continue;
            }
            result.resource = resource;
            const QString permission = item.mid(slash + 1);
            if (permission == u".default"_s)
                result.everything = true;
            else
                result.permissions.append(permission);
        }
    }
    return result;
}

QStringList grantedScopes(const ScopeRequest &request, const QStringList &allowed)
{
    QStringList granted;
    for (const QString &scope : allowed) {
        if (request.everything || request.permissions.contains(scope, Qt::CaseInsensitive))
            granted.append(scope);
    }
    return granted;
}

SimResponse withNoStore(SimResponse response)
{
    response.headers.append({QByteArray("Cache-Control"), QByteArray("no-store, no-cache")});
    response.headers.append({QByteArray("Pragma"), QByteArray("no-cache")});
    return response;
}

SimResponse jsonResponse(int status, const QJsonObject &object)
{
    SimResponse response;
    response.status = status;
    response.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return withNoStore(response);
}

QString platformTimestamp(qint64 epochMs)
{
    return QDateTime::fromMSecsSinceEpoch(epochMs, Qt::UTC).toString(u"yyyy-MM-dd HH:mm:ss'Z'"_s);
}

bool constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= uchar(a[i]) ^ uchar(b[i]);
    return diff == 0;
}

} // namespace identity_detail

IdentityProvider::IdentityProvider(const SimulatorOptions &options, std::function<qint64()> nowMs)
    : m_options(options)
    , m_now(std::move(nowMs))
    , m_key(randomBytes(32))
{ }

bool IdentityProvider::handle(
    const QHttpServerRequest &request, const QUrl &baseUrl, SimResponse *out)
{
    static const QHash<QHttpServerRequest::Method, QByteArray> methods = {
        {QHttpServerRequest::Method::Get, "GET"}, {QHttpServerRequest::Method::Post, "POST"},
        {QHttpServerRequest::Method::Put, "PUT"}, {QHttpServerRequest::Method::Delete, "DELETE"},
        {QHttpServerRequest::Method::Head, "HEAD"},
        {QHttpServerRequest::Method::Options, "OPTIONS"},
        {QHttpServerRequest::Method::Patch, "PATCH"}};
    IdentityRequest pure;
    pure.method = methods.value(request.method(), "OTHER");
    pure.url = request.url();
    pure.contentType = request.value("Content-Type");
    pure.body = request.body();
    pure.authorization = request.value("Authorization");
    return handleRequest(pure, baseUrl, out);
}

bool IdentityProvider::handleRequest(
    const IdentityRequest &request, const QUrl &baseUrl, SimResponse *out)
{
    const QStringList segments = request.url.path().split(u'/', Qt::SkipEmptyParts);
    if (segments.size() != 4)
        return false;
    const QString route = segments.mid(1).join(u'/');
    enum { Authorize, Token, Configuration, Keys } kind;
    if (route == u"oauth2/v2.0/authorize"_s)
        kind = Authorize;
    else if (route == u"oauth2/v2.0/token"_s)
        kind = Token;
    else if (route == u"v2.0/.well-known/openid-configuration"_s)
        kind = Configuration;
    else if (route == u"discovery/v2.0/keys"_s)
        kind = Keys;
    else
        return false;

    const QString tenant = segments.first();
    if (tenant.compare(m_options.tenant, Qt::CaseInsensitive) != 0 && tenant != u"organizations"_s
        && tenant != u"common"_s) {
        const QString message = u"Tenant '%1' not found. Check to make sure you have the correct "
                                "tenant ID and are signing into the correct cloud."_s.arg(tenant);
        *out = kind == Authorize ? errorPage(90002, message)
                                 : oauthError(400, u"invalid_request"_s, 90002, message, baseUrl);
        return true;
    }
    const QString base = baseUrl.toString(QUrl::StripTrailingSlash);
    switch (kind) {
    case Authorize:
        *out = authorize(request, tenant, baseUrl);
        break;
    case Token:
        *out = token(request, tenant, baseUrl);
        break;
    case Keys:
        *out = jsonResponse(200, QJsonObject {{u"keys"_s, QJsonArray()}});
        break;
    case Configuration: {
        const bool multi = tenant == u"organizations"_s || tenant == u"common"_s;
        const QString prefix = base + u'/' + tenant;
        *out = jsonResponse(200,
            QJsonObject {
                {u"issuer"_s,
                    base + u'/' + (multi ? u"{tenantid}"_s : m_options.tenant) + u"/v2.0"_s},
                {u"authorization_endpoint"_s, prefix + u"/oauth2/v2.0/authorize"_s},
                {u"token_endpoint"_s, prefix + u"/oauth2/v2.0/token"_s},
                {u"jwks_uri"_s, prefix + u"/discovery/v2.0/keys"_s},
                {u"response_types_supported"_s, QJsonArray {u"code"_s}},
                {u"response_modes_supported"_s, QJsonArray {u"query"_s}},
                {u"grant_types_supported"_s,
                    QJsonArray {
                        u"authorization_code"_s, u"refresh_token"_s, u"client_credentials"_s}},
                {u"code_challenge_methods_supported"_s, QJsonArray {u"S256"_s}},
                {u"scopes_supported"_s,
                    QJsonArray {u"openid"_s, u"profile"_s, u"email"_s, u"offline_access"_s}},
                {u"subject_types_supported"_s, QJsonArray {u"pairwise"_s}},
                {u"id_token_signing_alg_values_supported"_s, QJsonArray {u"HS256"_s}},
                {u"token_endpoint_auth_methods_supported"_s,
                    QJsonArray {u"client_secret_post"_s, u"client_secret_basic"_s}},
                {u"tenant_region_scope"_s, u"WW"_s}, {u"cloud_instance_name"_s, u"mde-sim"_s}});
        break;
    }
    }
    return true;
}

SimResponse IdentityProvider::oauthError(
    int status, const QString &error, int code, const QString &message, const QUrl &baseUrl) const
{
    const QString trace = newGuid();
    const QString correlation = newGuid();
    const QString stamp = platformTimestamp(epochMs());
    const QString description
        = u"AADSTS%1: %2\r\nTrace ID: %3\r\nCorrelation ID: %4\r\nTimestamp: %5"_s.arg(
            QString::number(code), message, trace, correlation, stamp);
    return jsonResponse(status,
        QJsonObject {{u"error"_s, error}, {u"error_description"_s, description},
            {u"error_codes"_s, QJsonArray {code}}, {u"timestamp"_s, stamp}, {u"trace_id"_s, trace},
            {u"correlation_id"_s, correlation},
            {u"error_uri"_s,
                baseUrl.toString(QUrl::StripTrailingSlash) + u"/error?code="_s
                    + QString::number(code)}});
}

SimResponse IdentityProvider::token(
    const IdentityRequest &request, const QString &tenant, const QUrl &baseUrl)
{
    if (request.method != "POST") {
        return oauthError(400, u"invalid_request"_s, 900561,
            u"The endpoint only accepts POST, OPTIONS requests. Received a %1 request."_s.arg(
                QString::fromLatin1(request.method)),
            baseUrl);
    }
    Form form;
    if (request.contentType.startsWith("application/x-www-form-urlencoded"))
        form.query = QUrlQuery(QString::fromUtf8(request.body));
    const QString grant = form.value(u"grant_type"_s);
    if (grant == u"authorization_code"_s)
        return redeemCode(form, tenant, baseUrl);
    if (grant == u"refresh_token"_s)
        return redeemRefreshToken(form, tenant, baseUrl);
    if (grant == u"client_credentials"_s)
        return clientCredentials(form, request, baseUrl);
    if (grant.isEmpty())
        return oauthError(400, u"invalid_request"_s, 900144,
            u"The request body must contain the following parameter: 'grant_type'."_s, baseUrl);
    return oauthError(400, u"unsupported_grant_type"_s, 70003,
        u"The app requested an unsupported grant type '%1'."_s.arg(grant), baseUrl);
}
