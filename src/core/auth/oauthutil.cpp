// SPDX-License-Identifier: MIT
#include "oauthutil.h"

#include "signinsession.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QRandomGenerator>
#include <QTimer>

#include <memory>

using namespace Qt::StringLiterals;

namespace OAuth {

QString randomToken(int bytes)
{
    QByteArray data(bytes, Qt::Uninitialized);
    QRandomGenerator *generator = QRandomGenerator::system();
    for (char &c : data)
        c = static_cast<char>(generator->bounded(256));
    return QString::fromLatin1(
        data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString pkceChallenge(const QString &verifier)
{
    const QByteArray hash
        = QCryptographicHash::hash(verifier.toLatin1(), QCryptographicHash::Sha256);
    return QString::fromLatin1(
        hash.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QByteArray formEncode(const Form &form)
{
    QByteArray out;
    for (const auto &[key, value] : form) {
        if (!out.isEmpty())
            out += '&';
        out += QUrl::toPercentEncoding(key) + '=' + QUrl::toPercentEncoding(value);
    }
    return out;
}

QUrl identityUrl(const QUrl &authority, const QString &tenant, const QString &endpoint)
{
    QUrl url = authority;
    QString path = url.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    url.setPath(path + u'/' + tenant + u"/oauth2/v2.0/"_s + endpoint);
    url.setQuery(QString());
    url.setFragment(QString());
    return url;
}

ApiError TokenResponse::toApiError() const
{
    ApiError e;
    if (ok)
        return e;
    e.kind = kind == ApiError::Kind::None ? ApiError::Kind::Auth : kind;
    e.code = error;
    e.message = message;
    return e;
}

namespace {
TokenResponse parseAnswer(QNetworkReply *reply, bool timedOut)
{
    TokenResponse r;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();
    if (timedOut) {
        r.kind = ApiError::Kind::Timeout;
        r.message = TokenResponse::tr("The sign-in service did not answer in time.");
        return r;
    }
    QJsonParseError parseError {};
    const QJsonObject json = QJsonDocument::fromJson(body, &parseError).object();
    if (status >= 200 && status < 300 && reply->error() == QNetworkReply::NoError) {
        r.accessToken = json.value(u"access_token"_s).toString();
        r.refreshToken = json.value(u"refresh_token"_s).toString();
        r.idToken = json.value(u"id_token"_s).toString();
        const QJsonValue expires = json.value(u"expires_in"_s);
        // Microsoft has sent expires_in both as a number and as a string.
        r.expiresIn = expires.isString() ? expires.toString().toLongLong()
                                         : static_cast<qint64>(expires.toDouble());
        if (r.accessToken.isEmpty()) {
            r.kind = ApiError::Kind::Parse;
            r.message = TokenResponse::tr("The sign-in service answered without an access token.");
            return r;
        }
        if (r.expiresIn <= 0)
            r.expiresIn = 3600;
        r.ok = true;
        return r;
    }
    if (json.contains(u"error"_s) && json.value(u"error"_s).isString()) {
        r.kind = ApiError::Kind::Auth;
        r.error = json.value(u"error"_s).toString();
        r.errorDescription = json.value(u"error_description"_s).toString();
        r.message = r.errorDescription.isEmpty()
            ? TokenResponse::tr("The sign-in service refused the request (%1).").arg(r.error)
            : TokenResponse::tr("The sign-in service refused the request (%1): %2")
                  .arg(r.error, r.errorDescription);
        return r;
    }
    if (status == 0) {
        const bool tls = reply->error() == QNetworkReply::SslHandshakeFailedError;
        r.kind = tls ? ApiError::Kind::Tls : ApiError::Kind::Network;
        r.message = TokenResponse::tr("Could not reach the sign-in service: %1")
                        .arg(reply->errorString());
        return r;
    }
    r.kind = ApiError::Kind::Http;
    r.message = TokenResponse::tr("The sign-in service answered with HTTP %1 and no usable "
                                  "error description.")
                    .arg(status);
    return r;
}
} // namespace

void postTokenRequest(QNetworkAccessManager *network, const QUrl &tokenUrl, const Form &form,
    int transferTimeoutMs, QObject *context, std::function<void(const TokenResponse &)> done)
{
    QNetworkRequest request(tokenUrl);
    request.setHeader(
        QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/x-www-form-urlencoded"));
    request.setRawHeader(QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json"));
    // A token endpoint does not redirect; following one could hand the secret elsewhere.
    request.setAttribute(
        QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    QNetworkReply *reply = network->post(request, formEncode(form));

    auto timedOut = std::make_shared<bool>(false);
    auto *timer = new QTimer(reply);
    timer->setSingleShot(true);
    QObject::connect(timer, &QTimer::timeout, reply, [reply, timedOut] {
        *timedOut = true;
        reply->abort();
    });
    timer->start(transferTimeoutMs);

    auto finishedConnection = std::make_shared<QMetaObject::Connection>();
    *finishedConnection = QObject::connect(reply, &QNetworkReply::finished, context,
        [reply, timedOut, done = std::move(done)] { done(parseAnswer(reply, *timedOut)); });
    QObject::connect(reply, &QNetworkReply::finished, reply, &QObject::deleteLater);
    // Destroying the context aborts the call; done must not run for a dying context.
    QPointer<QNetworkReply> guard(reply);
    QObject::connect(context, &QObject::destroyed, reply, [guard, finishedConnection] {
        QObject::disconnect(*finishedConnection);
        if (guard)
            guard->abort();
    });
}

} // namespace OAuth

QJsonObject decodeJwtPayload(const QString &token)
{
    const QStringList parts = token.split(u'.');
    if (parts.size() != 3)
        return {};
    const auto decoded = QByteArray::fromBase64Encoding(parts.at(1).toLatin1(),
        QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return {};
    return QJsonDocument::fromJson(*decoded).object();
}

QStringList permissionsFromClaims(const QJsonObject &claims)
{
    QStringList permissions;
    const QJsonValue scp = claims.value(u"scp"_s);
    if (scp.isString())
        permissions += scp.toString().split(u' ', Qt::SkipEmptyParts);
    const QJsonValue roles = claims.value(u"roles"_s);
    if (roles.isArray()) {
        const QJsonArray array = roles.toArray();
        for (const QJsonValue &role : array) {
            if (role.isString() && !permissions.contains(role.toString()))
                permissions += role.toString();
        }
    }
    return permissions;
}
