// SPDX-License-Identifier: MIT
#include "identity.h"

#include "simulator.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>
#include <QUrlQuery>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace {

const QString kResource = u"https://api.securitycenter.microsoft.com"_s;
// Other spellings of the same API that the platform maps to the same resource.
const QStringList kResourceAliases = {
    kResource, u"https://api.security.microsoft.com"_s, u"fc780465-2017-40d4-a0c5-307022471b92"_s};
constexpr qint64 kCodeLifetimeMs = 10 * 60 * 1000;
constexpr qint64 kRefreshLifetimeMs = 90LL * 24 * 3600 * 1000;
constexpr qint64 kEpochMsThreshold = 1000000000000LL; // 2001: below it nowMs is not epoch time

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

QString sameOrEmpty(const QStringList &values)
{
    return values.size() == 1 ? values.first() : QString();
}

// A loopback redirect URI as the platform accepts for desktop apps: http, 127.0.0.1 or
// localhost, any port ([::1] is not supported).
bool isLoopbackRedirect(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    return url.isValid() && url.scheme() == u"http"_s
        && (url.host() == u"127.0.0.1"_s || url.host() == u"localhost"_s)
        && url.userInfo().isEmpty() && !url.hasFragment();
}

struct ScopeRequest
{
    QStringList permissions; // short names asked for the API ("Machine.Read")
    bool everything = false; // {resource}/.default
    bool openid = false;
    bool offlineAccess = false;
    QString resource;
    QString invalid; // the first scope we cannot serve
};

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

} // namespace

struct IdentityProvider::Form
{
    QUrlQuery query;
    QString value(const QString &key) const
    {
        QStringList values;
        const auto all = query.allQueryItemValues(key, QUrl::FullyEncoded);
        for (const QString &value : all)
            values.append(formDecode(value));
        return sameOrEmpty(values); // a repeated parameter counts as missing
    }
};

bool TokenClaims::grants(const QString &permission) const
{
    return scp.contains(permission, Qt::CaseInsensitive)
        || roles.contains(permission, Qt::CaseInsensitive);
}

IdentityProvider::IdentityProvider(const SimulatorOptions &options, std::function<qint64()> nowMs)
    : m_options(options)
    , m_now(std::move(nowMs))
    , m_key(randomBytes(32))
{ }

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

namespace {

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

SimResponse htmlPage(int status, const QString &title, const QString &body)
{
    SimResponse response;
    response.status = status;
    response.contentType = "text/html; charset=utf-8";
    response.body = u"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                    "<meta name=\"viewport\" content=\"width=device-width\"><title>%1</title>"
                    "<style>body{font-family:sans-serif;background:#f2f2f2;margin:0}"
                    "main{background:#fff;max-width:440px;margin:60px auto;padding:32px;"
                    "box-shadow:0 2px 6px rgba(0,0,0,.2)}button{padding:6px 20px;margin-right:8px}"
                    "</style></head><body><main>%2</main></body></html>\n"_s.arg(html(title), body)
                        .toUtf8();
    response.headers.append({QByteArray("Content-Security-Policy"),
        QByteArray("default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'")});
    response.headers.append({QByteArray("X-Frame-Options"), QByteArray("DENY")});
    response.headers.append({QByteArray("Referrer-Policy"), QByteArray("no-referrer")});
    return withNoStore(response);
}

SimResponse errorPage(int code, const QString &message)
{
    return htmlPage(400, tr("Sign in – mde-sim"),
        u"<h1>%1</h1><p id=\"error\">AADSTS%2: %3</p>"_s.arg(
            html(tr("Sorry, but we’re having trouble signing you in.")), QString::number(code),
            html(message)));
}

SimResponse redirectTo(const QString &redirectUri, const QList<QPair<QString, QString>> &params)
{
    QByteArray location = redirectUri.toUtf8();
    char separator = redirectUri.contains(u'?') ? '&' : '?';
    for (const auto &param : params) {
        location += separator + formEncode(param.first) + '=' + formEncode(param.second);
        separator = '&';
    }
    SimResponse response;
    response.status = 302;
    response.contentType.clear();
    response.headers.append({QByteArray("Location"), QByteArray(location)});
    return withNoStore(response);
}

const char *permissionText(const QString &permission)
{
    static const QHash<QString, const char *> texts = {
        {u"machine.read"_s, QT_TRANSLATE_NOOP("IdentityProvider", "Read machine information")},
        {u"machine.readwrite"_s,
            QT_TRANSLATE_NOOP("IdentityProvider", "Read and write machine information")},
        {u"machine.offboard"_s, QT_TRANSLATE_NOOP("IdentityProvider", "Offboard machine")},
        {u".default"_s,
            QT_TRANSLATE_NOOP("IdentityProvider", "All permissions granted to the application")}};
    return texts.value(permission.toLower(), nullptr);
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

SimResponse IdentityProvider::authorize(
    const IdentityRequest &request, const QString &tenant, const QUrl &baseUrl)
{
    Q_UNUSED(baseUrl)
    Form form;
    const bool post = request.method == "POST";
    if (post && request.contentType.startsWith("application/x-www-form-urlencoded"))
        form.query = QUrlQuery(QString::fromUtf8(request.body));
    else if (!post && request.method == "GET")
        form.query = QUrlQuery(request.url);
    else if (!post)
        return errorPage(900561, u"The endpoint only accepts GET and POST requests."_s);

    // Until client and redirect URI are known good, errors stay on our page: redirecting to an
    // unchecked address would make the sign-in an open redirector.
    const QString clientId = form.value(u"client_id"_s);
    const QString redirectUri = form.value(u"redirect_uri"_s);
    if (clientId.isEmpty())
        return errorPage(
            900144, u"The request body must contain the following parameter: 'client_id'."_s);
    if (clientId != m_options.clientId)
        return errorPage(700016,
            u"Application with identifier '%1' was not found in the directory '%2'."_s.arg(
                clientId, tenant));
    if (!isLoopbackRedirect(redirectUri))
        return errorPage(50011,
            u"The redirect URI '%1' specified in the request does not match the redirect URIs configured for the application '%2'."_s
                .arg(redirectUri, clientId));
    const QString responseMode = form.value(u"response_mode"_s);
    if (!responseMode.isEmpty() && responseMode != u"query"_s)
        return errorPage(
            900144, u"The response_mode '%1' is not supported; use query."_s.arg(responseMode));

    const QString state = form.value(u"state"_s);
    const auto fail = [&](const QString &error, int code, const QString &message) {
        QList<QPair<QString, QString>> params {{u"error"_s, error},
            {u"error_description"_s, u"AADSTS%1: %2"_s.arg(code).arg(message)}};
        if (!state.isEmpty())
            params.append({u"state"_s, state});
        return redirectTo(redirectUri, params);
    };
    const QString responseType = form.value(u"response_type"_s);
    if (responseType != u"code"_s)
        return fail(u"unsupported_response_type"_s, 700054,
            u"response_type '%1' is not enabled for the application."_s.arg(responseType));
    const QString scope = form.value(u"scope"_s);
    const ScopeRequest scopes = readScopes(scope);
    if (!scopes.invalid.isEmpty() || (scopes.permissions.isEmpty() && !scopes.everything))
        return fail(u"invalid_scope"_s, 70011,
            u"The provided value for the input parameter 'scope' is not valid. The scope '%1' does not exist."_s
                .arg(scopes.invalid.isEmpty() ? scope : scopes.invalid));
    const QString challenge = form.value(u"code_challenge"_s);
    if (challenge.isEmpty())
        return fail(u"invalid_request"_s, 9002325,
            u"Proof Key for Code Exchange is required for cross-origin authorization code redemption."_s);
    if (form.value(u"code_challenge_method"_s) != u"S256"_s)
        return fail(u"invalid_request"_s, 5000541,
            u"The code_challenge_method '%1' is not supported; use S256."_s.arg(
                form.value(u"code_challenge_method"_s)));
    if (challenge.size() != 43)
        return fail(u"invalid_request"_s, 501491, u"Invalid size of Code_Challenge parameter."_s);
    if (form.value(u"prompt"_s) == u"none"_s)
        return fail(u"login_required"_s, 50058,
            u"A silent sign-in request was sent but no user is signed in."_s);

    if (!post) {
        const QString loginHint = form.value(u"login_hint"_s);
        QString hidden, permissions;
        const auto items = form.query.queryItems(QUrl::FullyEncoded);
        for (const auto &item : items) {
            hidden += u"<input type=\"hidden\" name=\"%1\" value=\"%2\">"_s.arg(
                html(formDecode(item.first)), html(formDecode(item.second)));
        }
        for (const QString &permission : scopes.permissions
                + (scopes.everything ? QStringList {u".default"_s} : QStringList {})) {
            const char *text = permissionText(permission);
            permissions += u"<li>%1</li>"_s.arg(html(text ? tr(text) : permission));
        }
        if (scopes.openid)
            permissions += u"<li>%1</li>"_s.arg(html(tr("Sign you in and read your profile")));
        if (scopes.offlineAccess)
            permissions += u"<li>%1</li>"_s.arg(
                html(tr("Maintain access to data you have given it access to")));
        const QString body
            = u"<h1>%1</h1><p>%2 <strong id=\"user\">%3</strong></p><p><strong "
              u"id=\"app\">mde-offboard</strong> <small id=\"appid\">(%4)</small> %5</p>"
              "<ul id=\"permissions\">%6</ul><form method=\"post\" action=\"%7\">%8"
              "<button type=\"submit\" name=\"consent\" value=\"accept\" id=\"accept\">%9</button>"
              "<button type=\"submit\" name=\"consent\" value=\"decline\" "
              "id=\"decline\">%10</button>"
              "</form>"_s.arg(html(tr("Permissions requested")), html(tr("Signed in as")),
                  html(loginHint.isEmpty() ? m_options.userUpn : loginHint), html(clientId),
                  html(tr("wants to:")), permissions, html(request.url.path()), hidden,
                  html(tr("Accept")), html(tr("Cancel")));
        return htmlPage(200, tr("Sign in – mde-sim"), body);
    }

    const QString consent = form.value(u"consent"_s);
    if (consent == u"decline"_s)
        return fail(u"access_denied"_s, 65004, u"User declined to consent to access the app."_s);
    if (consent != u"accept"_s)
        return errorPage(
            900144, u"The request body must contain the following parameter: 'consent'."_s);
    const QString code = u"0.A"_s + QString::fromLatin1(base64Url(randomBytes(48)));
    m_codes.insert(code,
        PendingCode {clientId, redirectUri, challenge, scope, form.value(u"nonce"_s),
            m_now() + kCodeLifetimeMs});
    QList<QPair<QString, QString>> params {{u"code"_s, code}};
    if (!state.isEmpty())
        params.append({u"state"_s, state});
    params.append({u"session_state"_s, guidFor(m_options.userUpn + u"/session"_s)});
    return redirectTo(redirectUri, params);
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

SimResponse IdentityProvider::redeemCode(
    const Form &form, const QString &tenant, const QUrl &baseUrl)
{
    const QString clientId = form.value(u"client_id"_s);
    if (clientId.isEmpty())
        return oauthError(400, u"invalid_request"_s, 900144,
            u"The request body must contain the following parameter: 'client_id'."_s, baseUrl);
    if (clientId != m_options.clientId)
        return oauthError(400, u"unauthorized_client"_s, 700016,
            u"Application with identifier '%1' was not found in the directory '%2'."_s.arg(
                clientId, tenant),
            baseUrl);
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
    if (clientId.isEmpty())
        return oauthError(400, u"invalid_request"_s, 900144,
            u"The request body must contain the following parameter: 'client_id'."_s, baseUrl);
    if (clientId != m_options.clientId)
        return oauthError(400, u"unauthorized_client"_s, 700016,
            u"Application with identifier '%1' was not found in the directory '%2'."_s.arg(
                clientId, tenant),
            baseUrl);
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
