// SPDX-License-Identifier: MIT
// The sign-in and consent page of /{tenant}/oauth2/v2.0/authorize.
#include "identity.h"
#include "identity_p.h"

#include "simulator.h"

#include <QHash>

using namespace Qt::StringLiterals;
using namespace identity_detail;

namespace {

// A loopback redirect URI as the platform accepts for desktop apps: http, 127.0.0.1 or
// localhost, any port ([::1] is not supported).
bool isLoopbackRedirect(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    return url.isValid() && url.scheme() == u"http"_s
        && (url.host() == u"127.0.0.1"_s || url.host() == u"localhost"_s)
        && url.userInfo().isEmpty() && !url.hasFragment();
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

} // namespace

SimResponse identity_detail::errorPage(int code, const QString &message)
{
    return htmlPage(400, tr("Sign in – mde-sim"),
        u"<h1>%1</h1><p id=\"error\">AADSTS%2: %3</p>"_s.arg(
            html(tr("Sorry, but we’re having trouble signing you in.")), QString::number(code),
            html(message)));
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
