// SPDX-License-Identifier: MIT
// DefenderClient's transport: the one funnel every request takes, and ApiCall's life cycle.
#include "accesstokenprovider.h"
#include "defenderclient_p.h"
#include "endpoints.h"

#include <QIODevice>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslConfiguration>
#include <QTimer>

using namespace Qt::StringLiterals;

// Off by default; QT_LOGGING_RULES="mde.api.debug=true" shows method, path and status only.
Q_LOGGING_CATEGORY(lcApi, "mde.api", QtInfoMsg)

namespace {

// Errors after which a POST certainly did not reach the service.
bool neverSent(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::SslHandshakeFailedError:
        return true;
    default:
        return false;
    }
}

// A request body that can be read once and never rewound. Qt's HTTP/1 channel silently re-sends
// a request whose connection closed before an answer came, POSTs included (seen with Qt 6.4 and
// the simulator's resetAfterOffboard fault): an offboarding the service had already accepted was
// sent twice and the user saw "ActiveRequestAlreadyExists". Unbuffered and not rewindable, the
// body cannot be re-sent, so Qt reports an error instead and we say the outcome is unknown.
class OneShotBody final : public QIODevice
{
public:
    OneShotBody(const QByteArray &data, QObject *parent)
        : QIODevice(parent)
        , m_data(data)
    {
        open(QIODevice::ReadOnly);
    }
    bool isSequential() const override { return true; }
    bool reset() override { return false; }
    qint64 bytesAvailable() const override
    {
        return m_data.size() - m_pos + QIODevice::bytesAvailable();
    }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        const qint64 n = qMin<qint64>(maxSize, m_data.size() - m_pos);
        if (n <= 0)
            return -1;
        memcpy(data, m_data.constData() + m_pos, size_t(n));
        m_pos += n;
        return n;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QByteArray m_data;
    qint64 m_pos = 0;
};

} // namespace

// ---- ApiCall

ApiCall::ApiCall(DefenderClient *client)
    : QObject(client)
{ }

ApiCall::~ApiCall()
{
    leaveBudget();
    if (QNetworkReply *reply = m_reply.data()) {
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

void ApiCall::leaveBudget()
{
    if (RateBudget *budget = m_waitBudget.data())
        budget->cancel(m_waitTicket);
    m_waitBudget = nullptr;
    m_waitTicket = 0;
}

void ApiCall::abort()
{
    if (m_done)
        return;
    leaveBudget();
    if (QNetworkReply *reply = m_reply.data()) {
        m_reply = nullptr;
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
    ApiError e;
    e.kind = ApiError::Kind::Cancelled;
    e.message = ApiError::tr("The call was cancelled.");
    finish(e);
}

void ApiCall::finish(const ApiError &error)
{
    if (m_done)
        return;
    m_done = true;
    m_error = error;
    if (m_error.httpStatus == 0)
        m_error.httpStatus = m_httpStatus;
    Q_EMIT finished();
}

// ---- DefenderClient

DefenderClient::DefenderClient(
    QNetworkAccessManager *network, AccessTokenProvider *tokens, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
    , m_network(network)
    , m_tokens(tokens)
{ }

DefenderClient::~DefenderClient() = default;

bool DefenderClient::setApiBase(const QUrl &base, QString *error)
{
    const std::optional<QUrl> url = checkServiceUrl(base.toString(), error);
    if (!url)
        return false;
    m_apiBase = *url;
    return true;
}

void DefenderClient::setExtraCaCertificates(const QList<QSslCertificate> &certificates)
{
    d->caCertificates.clear();
    if (certificates.isEmpty())
        return;
    // Setting a CA list replaces Qt's (on-demand) system roots, so start from them explicitly.
    d->caCertificates = QSslConfiguration::systemCaCertificates();
    d->caCertificates += QSslConfiguration::defaultConfiguration().caCertificates();
    d->caCertificates += certificates;
}

QUrl DefenderClient::apiUrl(const QString &path) const
{
    QUrl url = m_apiBase;
    url.setPath(m_apiBase.path() + u"/api/"_s + path);
    return url;
}

bool DefenderClient::refuseEarly(ApiCall *call, const QString &problem)
{
    QString message = problem;
    if (message.isEmpty() && m_apiBase.isEmpty())
        message = ApiError::tr("No service address is set.");
    if (message.isEmpty())
        return false;
    // Later, so that the caller can connect to finished() first.
    const ApiError error = ApiError::invalidInput(message);
    QMetaObject::invokeMethod(
        call, [call, error] { call->finish(error); }, Qt::QueuedConnection);
    return true;
}

void DefenderClient::attempt(
    ApiCall *call, const Request &request, Done done, bool afterUnauthorized)
{
    m_tokens->requestToken(
        call,
        [this, call, request, done = std::move(done), afterUnauthorized](
            const QString &token, const ApiError &tokenError) {
            if (call->m_done)
                return;
            if (tokenError.isError() || token.isEmpty()) {
                ApiError e = tokenError;
                if (!e.isError())
                    e.kind = ApiError::Kind::Auth;
                if (e.message.isEmpty())
                    e.message = ApiError::tr("No access token could be obtained; sign in.");
                call->finish(e);
                return;
            }
            transmit(call, request, token, done, afterUnauthorized);
        },
        afterUnauthorized);
}

void DefenderClient::transmit(
    ApiCall *call, const Request &request, const QString &token, Done done, bool afterUnauthorized)
{
    QNetworkRequest req(request.url);
    req.setRawHeader("Authorization", "Bearer " + token.toLatin1());
    req.setRawHeader("Accept", "application/json");
    req.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("mde-offboard/0.1"));
    if (request.method == "POST") {
        req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        // Over HTTP/2 Qt may replay a request on a fresh connection when a stream is reset
        // (GOAWAY, REFUSED_STREAM) without telling us. A POST must never be replayed (see
        // OneShotBody): HTTP/1.1 only, where the unbuffered, non-rewindable body makes a resend
        // impossible and a dropped connection an error.
        req.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    }
    // The API never redirects. A redirect means a proxy or a wrong address, and following it
    // would carry the bearer token elsewhere: every 3xx is reported as an error.
    req.setAttribute(
        QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    if (!d->caCertificates.isEmpty()) {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setCaCertificates(d->caCertificates);
        req.setSslConfiguration(tls);
    }

    QNetworkReply *reply = nullptr;
    if (request.method == "POST") {
        req.setHeader(QNetworkRequest::ContentLengthHeader, request.body.size());
        req.setAttribute(QNetworkRequest::DoNotBufferUploadDataAttribute, true);
        auto *body = new OneShotBody(request.body, nullptr);
        reply = m_network->post(req, body);
        body->setParent(reply);
    } else {
        reply = m_network->get(req);
    }
    call->m_reply = reply;
    auto timedOut = std::make_shared<bool>(false);
    if (m_timeoutMs > 0) {
        // Our own timer, so that we know it was a time-out whatever error Qt then reports.
        auto *timer = new QTimer(reply);
        timer->setSingleShot(true);
        connect(timer, &QTimer::timeout, call, [reply, timedOut] {
            *timedOut = true;
            reply->abort();
        });
        const auto restart = [timer] { timer->start(); };
        connect(reply, &QNetworkReply::downloadProgress, timer, restart);
        connect(reply, &QNetworkReply::uploadProgress, timer, restart);
        timer->start(m_timeoutMs);
    }

    connect(reply, &QNetworkReply::finished, call,
        [this, call, reply, request, done, afterUnauthorized, timedOut] {
            reply->deleteLater();
            if (call->m_reply == reply)
                call->m_reply = nullptr;
            if (call->m_done)
                return;
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            call->m_httpStatus = status;
            qCDebug(lcApi).noquote() << request.method << request.url.path() << status;
            if (status == 401 && !afterUnauthorized && !*timedOut) {
                // The token may have been revoked or rotated: one fresh token, one retry.
                attempt(call, request, done, true);
                return;
            }
            Response response;
            response.status = status;
            if (reply->isOpen())
                response.body = reply->readAll();
            const QNetworkReply::NetworkError networkError
                = transferError(reply->error(), response.body.size(),
                    reply->rawHeader("Content-Length"), reply->rawHeader("Content-Encoding"));
            response.error = mapError(
                networkError, status, *timedOut, response.body, reply->rawHeader("Retry-After"));
            const ApiError::Kind kind = response.error.kind;
            if (request.method == "POST"
                && (kind == ApiError::Kind::Network || kind == ApiError::Kind::Timeout)
                && !neverSent(networkError)) {
                response.error.kind = ApiError::Kind::OutcomeUnknown;
                response.error.message
                    = ApiError::tr("%1 The request may have reached the service: check "
                                   "the device's actions before sending it again.")
                          .arg(response.error.message);
            }
            done(response);
        });
}
