// SPDX-License-Identifier: MIT
#include "defenderclient.h"
#include "accesstokenprovider.h"
#include "endpoints.h"
#include "jsonfields.h"
#include "validation.h"

#include <QIODevice>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslConfiguration>
#include <QTimer>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

// Off by default; QT_LOGGING_RULES="mde.api.debug=true" shows method, path and status only.
Q_LOGGING_CATEGORY(lcApi, "mde.api", QtInfoMsg)

namespace {

constexpr int MaxPageSize = 10000;
constexpr int MaxPages = 100000; // a service that never stops paging must not keep us forever

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

QByteArray commentBody(const QString &comment)
{
    // The service's body parameters are case-sensitive: "Comment", not "comment".
    return QJsonDocument(QJsonObject {{u"Comment"_s, comment.trimmed()}})
        .toJson(QJsonDocument::Compact);
}

ApiError parseError(int status, const QString &detail)
{
    ApiError e;
    e.kind = ApiError::Kind::Parse;
    e.httpStatus = status;
    e.message = ApiError::tr("The service's answer could not be read: %1").arg(detail);
    return e;
}

bool sameOrigin(const QUrl &a, const QUrl &b)
{
    return a.scheme().compare(b.scheme(), Qt::CaseInsensitive) == 0
        && a.host().compare(b.host(), Qt::CaseInsensitive) == 0
        && a.port(a.scheme() == u"https" ? 443 : 80) == b.port(b.scheme() == u"https" ? 443 : 80);
}

void addQueryItem(QUrlQuery &query, const QString &key, const QString &value)
{
    // Pre-encode: QUrlQuery leaves '&', '=', '+' and '#' in values ambiguous otherwise.
    query.addQueryItem(key, QString::fromLatin1(QUrl::toPercentEncoding(value)));
}

} // namespace

struct DefenderClient::Private
{
    QList<QSslCertificate> caCertificates; // empty: Qt's defaults
};

struct DefenderClient::Request
{
    QByteArray method; // "GET" or "POST"
    QUrl url;
    QByteArray body;
};

struct DefenderClient::Response
{
    ApiError error; // Kind::None for a 2xx
    int status = 0;
    QByteArray body;
};

struct DefenderClient::PageState
{
    MachineQuery query;
    int page = 0;
    bool followingLinks = false;
};

// ---- ApiCall

ApiCall::ApiCall(DefenderClient *client)
    : QObject(client)
{ }

ApiCall::~ApiCall()
{
    if (QNetworkReply *reply = m_reply.data()) {
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

void ApiCall::abort()
{
    if (m_done)
        return;
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

void DefenderClient::send(ApiCall *call, const Request &request, Done done)
{
    // Reliability hook: a rate limiter would delay the attempt() below, and a retry policy would
    // wrap `done` to re-enter attempt() on transient errors (GETs only: see OutcomeUnknown).
    attempt(call, request, std::move(done), false);
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
    if (request.method == "POST")
        req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
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
            response.error = mapError(
                reply->error(), status, *timedOut, response.body, reply->rawHeader("Retry-After"));
            const ApiError::Kind kind = response.error.kind;
            if (request.method == "POST"
                && (kind == ApiError::Kind::Network || kind == ApiError::Kind::Timeout)
                && !neverSent(reply->error())) {
                response.error.kind = ApiError::Kind::OutcomeUnknown;
                response.error.message
                    = ApiError::tr("%1 The request may have reached the service: check "
                                   "the device's actions before sending it again.")
                          .arg(response.error.message);
            }
            done(response);
        });
}

// ---- the calls

DefenderClient::Done DefenderClient::actionHandler(ActionCall *call)
{
    return [call](const Response &r) {
        if (r.error.isError()) {
            call->finish(r.error);
            return;
        }
        QString error;
        const std::optional<MachineAction> action = parseMachineActionBody(r.body, &error);
        if (!action) {
            call->finish(parseError(r.status, error));
            return;
        }
        call->m_action = *action;
        call->finish({});
    };
}

MachineListCall *DefenderClient::listMachines(const MachineQuery &query)
{
    auto *call = new MachineListCall(this);
    if (refuseEarly(call,
            query.pageSize < 1 || query.pageSize > MaxPageSize
                ? ApiError::tr("The page size must be 1 to %1.").arg(MaxPageSize)
                : QString()))
        return call;
    auto state = std::make_shared<PageState>();
    state->query = query;
    QUrl url = apiUrl(u"machines"_s);
    QUrlQuery q;
    q.addQueryItem(u"$top"_s, QString::number(query.pageSize));
    q.addQueryItem(u"$skip"_s, u"0"_s);
    if (!query.filter.isEmpty())
        addQueryItem(q, u"$filter"_s, query.filter);
    url.setQuery(q);
    requestMachinePage(call, state, url);
    return call;
}

void DefenderClient::requestMachinePage(
    MachineListCall *call, const std::shared_ptr<PageState> &state, const QUrl &url)
{
    send(call, {"GET", url, {}}, [this, call, state, url](const Response &r) {
        if (r.error.isError()) {
            call->finish(r.error);
            return;
        }
        QString nextLink;
        QString error;
        const std::optional<QList<Machine>> page = parseMachinePage(r.body, &nextLink, &error);
        if (!page) {
            call->finish(parseError(r.status, error));
            return;
        }
        call->m_received += int(page->size());
        const QPointer<MachineListCall> guard(call);
        Q_EMIT call->pageReceived(*page);
        if (!guard || call->m_done)
            return; // a receiver aborted or deleted the call
        ++state->page;
        if (!nextLink.isEmpty()) {
            // Follow the service's own link exactly, but only to where the token may go.
            const QUrl next(nextLink, QUrl::StrictMode);
            if (!next.isValid() || !sameOrigin(next, m_apiBase)) {
                call->finish(parseError(r.status,
                    ApiError::tr("the next-page link points to another "
                                 "server.")));
                return;
            }
            if (next == url || state->page >= MaxPages) {
                call->finish(parseError(r.status, ApiError::tr("the paging does not end.")));
                return;
            }
            state->followingLinks = true;
            requestMachinePage(call, state, next);
            return;
        }
        if (state->followingLinks || page->size() < state->query.pageSize
            || state->page >= MaxPages) {
            call->finish({});
            return;
        }
        QUrl nextUrl = url;
        QUrlQuery q(url);
        q.removeAllQueryItems(u"$skip"_s);
        q.addQueryItem(u"$skip"_s, QString::number(qint64(state->page) * state->query.pageSize));
        nextUrl.setQuery(q);
        requestMachinePage(call, state, nextUrl);
    });
}

MachineCall *DefenderClient::machine(const QString &idOrComputerName)
{
    auto *call = new MachineCall(this);
    const bool valid
        = Validation::isMachineId(idOrComputerName) || Validation::isComputerName(idOrComputerName);
    if (refuseEarly(call,
            valid ? QString() : ApiError::tr("That is neither a device id nor a computer name.")))
        return call;
    send(call, {"GET", apiUrl(u"machines/"_s + idOrComputerName), {}}, [call](const Response &r) {
        if (r.error.isError()) {
            call->finish(r.error);
            return;
        }
        QJsonObject object;
        QString error;
        std::optional<Machine> machine;
        if (readObject(r.body, &object, &error))
            machine = parseMachine(object, &error);
        if (!machine) {
            call->finish(parseError(r.status, error));
            return;
        }
        call->m_machine = std::move(*machine);
        call->finish({});
    });
    return call;
}

namespace {
QString commentRefusal(const QString &comment)
{
    return Validation::commentProblemText(Validation::checkComment(comment));
}
} // namespace

ActionCall *DefenderClient::offboard(const QString &machineId, const QString &comment)
{
    auto *call = new ActionCall(this);
    if (refuseEarly(call,
            !Validation::isMachineId(machineId) ? ApiError::tr("That is not a device id.")
                                                : commentRefusal(comment)))
        return call;
    const Request request {
        "POST", apiUrl(u"machines/%1/offboard"_s.arg(machineId)), commentBody(comment)};
    send(call, request, actionHandler(call));
    return call;
}

ActionListCall *DefenderClient::machineActions(const ActionQuery &query)
{
    auto *call = new ActionListCall(this);
    if (refuseEarly(call,
            query.top < 1 || query.top > MaxPageSize
                ? ApiError::tr("The number of actions must be 1 to %1.").arg(MaxPageSize)
                : QString()))
        return call;
    QUrl url = apiUrl(u"machineactions"_s);
    QUrlQuery q;
    if (!query.filter.isEmpty())
        addQueryItem(q, u"$filter"_s, query.filter);
    q.addQueryItem(u"$top"_s, QString::number(query.top));
    if (!query.orderBy.isEmpty())
        addQueryItem(q, u"$orderby"_s, query.orderBy);
    url.setQuery(q);
    send(call, {"GET", url, {}}, [call](const Response &r) {
        if (r.error.isError()) {
            call->finish(r.error);
            return;
        }
        QString error;
        const std::optional<QList<MachineAction>> page
            = parseMachineActionPage(r.body, nullptr, &error);
        if (!page) {
            call->finish(parseError(r.status, error));
            return;
        }
        call->m_actions = *page;
        call->finish({});
    });
    return call;
}

ActionCall *DefenderClient::machineAction(const QString &actionId)
{
    auto *call = new ActionCall(this);
    if (refuseEarly(call,
            Validation::isActionId(actionId) ? QString()
                                             : ApiError::tr("That is not an action id.")))
        return call;
    send(call, {"GET", apiUrl(u"machineactions/"_s + actionId), {}}, actionHandler(call));
    return call;
}

ActionCall *DefenderClient::cancelAction(const QString &actionId, const QString &comment)
{
    auto *call = new ActionCall(this);
    if (refuseEarly(call,
            !Validation::isActionId(actionId) ? ApiError::tr("That is not an action id.")
                                              : commentRefusal(comment)))
        return call;
    const Request request {
        "POST", apiUrl(u"machineactions/%1/cancel"_s.arg(actionId)), commentBody(comment)};
    send(call, request, actionHandler(call));
    return call;
}
