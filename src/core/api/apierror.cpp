// SPDX-License-Identifier: MIT
#include "apierror.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QRegularExpression>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

QString reasonPhrase(int status)
{
    switch (status) {
    case 300:
        return u"Multiple Choices"_s;
    case 301:
        return u"Moved Permanently"_s;
    case 302:
        return u"Found"_s;
    case 303:
        return u"See Other"_s;
    case 307:
        return u"Temporary Redirect"_s;
    case 308:
        return u"Permanent Redirect"_s;
    case 400:
        return u"Bad Request"_s;
    case 401:
        return u"Unauthorized"_s;
    case 403:
        return u"Forbidden"_s;
    case 404:
        return u"Not Found"_s;
    case 405:
        return u"Method Not Allowed"_s;
    case 407:
        return u"Proxy Authentication Required"_s;
    case 408:
        return u"Request Timeout"_s;
    case 409:
        return u"Conflict"_s;
    case 413:
        return u"Payload Too Large"_s;
    case 429:
        return u"Too Many Requests"_s;
    case 500:
        return u"Internal Server Error"_s;
    case 501:
        return u"Not Implemented"_s;
    case 502:
        return u"Bad Gateway"_s;
    case 503:
        return u"Service Unavailable"_s;
    case 504:
        return u"Gateway Timeout"_s;
    default:
        return {};
    }
}

QString statusText(int status)
{
    const QString phrase = reasonPhrase(status);
    return phrase.isEmpty() ? QString::number(status) : u"%1 %2"_s.arg(status).arg(phrase);
}

bool looksLikeHtml(const QByteArray &body)
{
    const QByteArray head = body.left(512).trimmed().toLower();
    return head.startsWith('<') || head.contains("<html") || head.contains("<!doctype");
}

// Seconds, or an HTTP-date (IMF-fixdate, "Wed, 21 Oct 2015 07:28:00 GMT"); -1 when unreadable.
int parseRetryAfter(const QByteArray &header)
{
    const QByteArray text = header.trimmed();
    if (text.isEmpty())
        return -1;
    bool ok = false;
    const qlonglong seconds = text.toLongLong(&ok);
    if (ok)
        return seconds < 0 ? -1 : int(std::min<qlonglong>(seconds, 24 * 3600));
    QString date = QString::fromLatin1(text);
    if (date.endsWith(u" GMT"))
        date.chop(4);
    const QDateTime when = QLocale::c().toDateTime(date, u"ddd, dd MMM yyyy HH:mm:ss"_s);
    if (!when.isValid())
        return -1;
    QDateTime utc = when;
    utc.setTimeSpec(Qt::UTC);
    const qint64 delta = QDateTime::currentDateTimeUtc().secsTo(utc);
    return int(std::clamp<qint64>(delta, 0, 24 * 3600));
}

bool isTlsError(QNetworkReply::NetworkError error)
{
    return error == QNetworkReply::SslHandshakeFailedError;
}

} // namespace

bool ApiError::isTransient() const
{
    switch (kind) {
    case Kind::Network:
    case Kind::Timeout:
        return true;
    case Kind::Http:
        return httpStatus == 429 || httpStatus >= 500;
    default:
        return false;
    }
}

QString ApiError::displayText() const
{
    QStringList details;
    if (!code.isEmpty())
        details.append(code);
    if (httpStatus > 0)
        details.append(tr("HTTP %1").arg(httpStatus));
    if (!target.isEmpty())
        details.append(tr("correlation id %1").arg(target));
    QString text = message;
    if (text.isEmpty() && kind != Kind::None)
        text = tr("The call failed.");
    if (details.isEmpty())
        return text;
    return tr("%1 (%2)").arg(text, details.join(u", "_s));
}

ApiError ApiError::invalidInput(const QString &message)
{
    ApiError e;
    e.kind = Kind::InvalidInput;
    e.message = message;
    return e;
}

QNetworkReply::NetworkError transferError(QNetworkReply::NetworkError networkError,
    qsizetype received, const QByteArray &contentLengthHeader,
    const QByteArray &contentEncodingHeader)
{
    if (networkError != QNetworkReply::NoError || contentLengthHeader.isEmpty())
        return networkError;
    const QByteArray encoding = contentEncodingHeader.trimmed().toLower();
    if (!encoding.isEmpty() && encoding != "identity")
        return networkError;
    bool ok = false;
    const qint64 promised = contentLengthHeader.trimmed().toLongLong(&ok);
    return ok && promised > received ? QNetworkReply::RemoteHostClosedError : networkError;
}

ApiError mapError(QNetworkReply::NetworkError networkError, int httpStatus, bool timedOut,
    const QByteArray &body, const QByteArray &retryAfterHeader)
{
    ApiError e;
    e.httpStatus = httpStatus;
    if (timedOut) {
        e.kind = ApiError::Kind::Timeout;
        e.message = ApiError::tr("The service did not answer in time.");
        return e;
    }
    if (networkError == QNetworkReply::NoError && httpStatus >= 200 && httpStatus < 300)
        return e; // Kind::None
    if (httpStatus >= 300 && httpStatus < 400) {
        // We never follow redirects (see DefenderClient): the API does not redirect. Qt reports
        // a redirect of a POST with an unbuffered body with an error besides the status; it is
        // still an answer (from a proxy or a wrong address), not a lost connection.
        e.kind = ApiError::Kind::Http;
        e.message = ApiError::tr("The service answered %1 and sent us to another address; "
                                 "redirects are not followed. Check the service address or "
                                 "the proxy.")
                        .arg(statusText(httpStatus));
        return e;
    }
    if (httpStatus >= 400) {
        e.kind = ApiError::Kind::Http;
        e.retryAfterSeconds = parseRetryAfter(retryAfterHeader);
        const QJsonDocument document = QJsonDocument::fromJson(body);
        const QJsonValue error = document.object().value(u"error");
        if (error.isObject()) {
            const QJsonObject o = error.toObject();
            e.code = o.value(u"code").toString();
            e.message = o.value(u"message").toString();
            e.target = o.value(u"target").toString();
        }
        if (e.message.isEmpty()) {
            const QByteArray trimmed = body.trimmed();
            if (error.isObject())
                e.message = ApiError::tr("The service answered %1.").arg(statusText(httpStatus));
            else if (trimmed.isEmpty())
                e.message = ApiError::tr("The service answered %1 with an empty body.")
                                .arg(statusText(httpStatus));
            else if (looksLikeHtml(trimmed))
                e.message = ApiError::tr("The service answered %1 with a page that is not the "
                                         "service's, often a proxy error page.")
                                .arg(statusText(httpStatus));
            else
                e.message = ApiError::tr("The service answered %1 with a body that is not the "
                                         "service's.")
                                .arg(statusText(httpStatus));
        }
        return e;
    }
    if (networkError == QNetworkReply::OperationCanceledError) {
        e.kind = ApiError::Kind::Cancelled;
        e.message = ApiError::tr("The call was cancelled.");
        return e;
    }
    if (networkError == QNetworkReply::TimeoutError) {
        e.kind = ApiError::Kind::Timeout;
        e.message = ApiError::tr("The service did not answer in time.");
        return e;
    }
    if (isTlsError(networkError)) {
        e.kind = ApiError::Kind::Tls;
        e.message = ApiError::tr("The secure connection could not be established: the "
                                 "service's certificate is not trusted or the handshake failed.");
        return e;
    }
    e.kind = ApiError::Kind::Network;
    switch (networkError) {
    case QNetworkReply::ConnectionRefusedError:
        e.message = ApiError::tr("The service refused the connection.");
        break;
    case QNetworkReply::HostNotFoundError:
        e.message = ApiError::tr("The service's host name could not be found.");
        break;
    case QNetworkReply::RemoteHostClosedError:
        e.message = httpStatus > 0
            ? ApiError::tr("The connection closed before the whole answer arrived.")
            : ApiError::tr("The service closed the connection before answering.");
        break;
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::ProxyAuthenticationRequiredError:
        e.message = ApiError::tr("The proxy could not be used to reach the service.");
        break;
    case QNetworkReply::InsecureRedirectError:
    case QNetworkReply::TooManyRedirectsError:
        e.message = ApiError::tr("The service redirected the call in an unsafe way.");
        break;
    case QNetworkReply::NoError:
        e.message = httpStatus == 0
            ? ApiError::tr("The service gave no answer.")
            : ApiError::tr("The service answered with unexpected status %1.")
                  .arg(statusText(httpStatus));
        break;
    default:
        e.message = ApiError::tr("The connection to the service failed or was reset.");
        break;
    }
    return e;
}

ApiError explainForbidden(const ApiError &error, const QString &fallbackPermission)
{
    if (error.httpStatus != 403)
        return error;
    ApiError e = error;
    static const QRegularExpression named(
        uR"(required\s+(?:application\s+|delegated\s+)?(?:roles|permissions?|scopes?)\s*[:=]?\s*)"
        uR"(([A-Za-z][\w.]*(?:\s*(?:,|\bor\b|\band\b)\s*[A-Za-z][\w.]*)*))"_s,
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = named.match(error.message);
    e.permission = match.hasMatch() ? match.captured(1).trimmed() : fallbackPermission;
    while (e.permission.endsWith(u'.'))
        e.permission.chop(1);
    const QString service = error.message.trimmed();
    e.message = service.isEmpty()
        ? ApiError::tr("Permission missing: %1. Ask an administrator to grant it.")
              .arg(e.permission)
        : ApiError::tr("Permission missing: %1. Ask an administrator to grant it. The service "
                       "said: %2")
              .arg(e.permission, service);
    return e;
}
