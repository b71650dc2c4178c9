// SPDX-License-Identifier: MIT
#include "simulator.h"
#include "simulator_p.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QSslCertificate>
#include <QSslKey>
#include <QTcpSocket>
#include <QTimer>
#include <QUrlQuery>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

constexpr int maxLogEntries = 100000;
// How long a truncated answer stays open after its half body (see deliver()).
constexpr int truncatedCloseDelayMs = 100;

QString methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return u"GET"_s;
    case QHttpServerRequest::Method::Post:
        return u"POST"_s;
    case QHttpServerRequest::Method::Put:
        return u"PUT"_s;
    case QHttpServerRequest::Method::Delete:
        return u"DELETE"_s;
    case QHttpServerRequest::Method::Head:
        return u"HEAD"_s;
    case QHttpServerRequest::Method::Options:
        return u"OPTIONS"_s;
    case QHttpServerRequest::Method::Patch:
        return u"PATCH"_s;
    default:
        return u"OTHER"_s;
    }
}

// The path and query as logged: values that are secrets never reach a log.
QString loggedPath(const QUrl &url)
{
    static const QStringList secret = {u"code"_s, u"refresh_token"_s, u"client_secret"_s,
        u"access_token"_s, u"id_token"_s, u"code_verifier"_s, u"client_assertion"_s, u"password"_s};
    QString out = url.path(QUrl::FullyEncoded);
    if (!url.hasQuery())
        return out;
    QUrlQuery query(url);
    const auto items = query.queryItems(QUrl::FullyEncoded);
    QUrlQuery redacted;
    for (const auto &item : items) {
        const bool hide = secret.contains(item.first, Qt::CaseInsensitive);
        redacted.addQueryItem(item.first, hide ? u"REDACTED"_s : item.second);
    }
    return out + u'?' + redacted.toString(QUrl::FullyEncoded);
}

const QByteArray htmlErrorPage
    = "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>"
      "<body><h1>Bad Gateway</h1><p>The proxy server received an invalid "
      "response from an upstream server.</p></body></html>\n";

} // namespace

Simulator::Private::Private(Simulator *qq, const SimulatorOptions &opts)
    : q(qq)
    , options(opts)
    , startEpochMs(QDateTime::currentMSecsSinceEpoch())
    , tenant(qBound(1, opts.devices, 200000), opts.seed,
          QDateTime::fromMSecsSinceEpoch(startEpochMs, Qt::UTC))
    , identity(options, [this] { return nowMs(); })
    , server(this)
    , rng(opts.seed)
{
    clock.start();
    addSeededActions();
    for (auto it = opts.userDeviceGroups.cbegin(); it != opts.userDeviceGroups.cend(); ++it)
        deviceGroups.insert(it.key().trimmed().toLower(), QSet<int>(it->cbegin(), it->cend()));
}

qint64 Simulator::Private::nowMs() const
{
    return startEpochMs + clock.elapsed() + clockOffsetMs;
}

QString Simulator::Private::timestamp(qint64 ms, int sequence) const
{
    // Seven fractional digits like the service; the last four are filler that varies.
    const QString base
        = QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(u"yyyy-MM-ddTHH:mm:ss.zzz"_s);
    return base + u"%1Z"_s.arg(quint32(sequence) * 7919u % 10000u, 4, 10, QLatin1Char('0'));
}

bool Simulator::Private::Server::handleRequest(
    const QHttpServerRequest &request, QTcpSocket *socket)
{
    m_d->dispatch(request, socket);
    return true;
}

void Simulator::Private::Server::missingHandler(
    const QHttpServerRequest &request, QTcpSocket *socket)
{
    m_d->dispatch(request, socket);
}

bool Simulator::Private::takeFault(
    int FaultSpec::*counter, const QString &endpoint, FaultSpec *which)
{
    for (auto &fault : faults) {
        if ((fault.endpoint == u"*"_s || fault.endpoint == endpoint) && fault.*counter > 0) {
            --(fault.*counter);
            if (which)
                *which = fault;
            return true;
        }
    }
    return false;
}

void Simulator::Private::dispatch(const QHttpServerRequest &request, QTcpSocket *socket)
{
    const qint64 started = clock.elapsed();
    const QString method = methodName(request.method());
    const SimRoute route = SimRoute::classify(method, request.url().path());
    RequestLogEntry entry {method, loggedPath(request.url()), 0, 0, route.endpoint};

    if (route.endpoint == u"admin"_s) {
        const bool loopback = request.remoteAddress().isLoopback();
        deliver(socket,
            loopback ? handleAdmin(request)
                     : SimResponse::error(403, u"Forbidden"_s,
                         u"The admin interface answers loopback peers only."_s),
            false, false, 0, entry, started);
        return;
    }

    int latency = 0;
    for (const auto &fault : std::as_const(faults)) {
        if (fault.endpoint == u"*"_s || fault.endpoint == route.endpoint)
            latency = qMax(latency, fault.latencyMs);
    }

    FaultSpec hit;
    if (takeFault(&FaultSpec::resetBefore, route.endpoint)) {
        deliver(socket, {}, false, true, latency, entry, started);
        return;
    }
    if (takeFault(&FaultSpec::stall, route.endpoint)) {
        record(entry, true); // status 0: never answered
        return;
    }
    std::optional<SimResponse> early;
    if (takeFault(&FaultSpec::redirectToHttp, route.endpoint)) {
        QUrl target = request.url();
        target.setScheme(u"http"_s);
        target.setHost(u"127.0.0.1"_s);
        target.setPort(port == 65535 ? port - 1 : port + 1);
        early = SimResponse::json(307, {});
        early->contentType.clear();
        early->headers.append({QByteArrayLiteral("Location"), target.toEncoded()});
    } else if (takeFault(&FaultSpec::tooManyBurst, route.endpoint, &hit)) {
        early = SimResponse::error(429, u"TooManyRequests"_s,
            u"API calls quota exceeded! Maximum allowed calls exceeded."_s);
        early->headers.append(
            {QByteArrayLiteral("Retry-After"), QByteArray::number(hit.retryAfterSeconds)});
    } else if (takeFault(&FaultSpec::htmlError, route.endpoint)) {
        early = SimResponse::html(502, htmlErrorPage);
    } else {
        for (const auto &fault : std::as_const(faults)) {
            if ((fault.endpoint == u"*"_s || fault.endpoint == route.endpoint)
                && fault.errorRatio > 0.0) {
                if (rng.generateDouble() < fault.errorRatio) {
                    early = SimResponse::error(fault.errorStatus, u"InternalServerError"_s,
                        u"An unexpected error occurred."_s);
                }
                break;
            }
        }
    }
    if (early) {
        deliver(socket, *early, false, false, latency, entry, started);
        return;
    }

    SimResponse response;
    if (route.isApi) {
        response = handleApi(request, route);
    } else if (!identity.handle(request, q->baseUrl(), &response)) {
        response = SimResponse::error(404, u"NotFound"_s, u"The resource was not found."_s);
    }

    if (route.endpoint == u"offboard"_s && response.status / 100 == 2
        && takeFault(&FaultSpec::resetAfterOffboard, route.endpoint)) {
        deliver(socket, {}, false, true, latency, entry, started);
        return;
    }
    bool truncate = false;
    if (takeFault(&FaultSpec::malformed, route.endpoint)) {
        response
            = SimResponse::json(200, "{\"value\":[{\"id\":\"0000\",\"computerDnsName\":\"brok");
    } else if (takeFault(&FaultSpec::truncate, route.endpoint)) {
        truncate = response.body.size() >= 2;
    }
    deliver(socket, response, truncate, false, latency, entry, started);
}

void Simulator::Private::deliver(QTcpSocket *socket, const SimResponse &response, bool truncate,
    bool reset, int latencyMs, const RequestLogEntry &entry, qint64 startedMs)
{
    QPointer<QTcpSocket> guard(socket);
    auto send = [this, guard, response, truncate, reset, entry = RequestLogEntry(entry),
                    startedMs]() mutable {
        entry.elapsedMs = clock.elapsed() - startedMs;
        if (!guard) {
            record(entry, true);
            return;
        }
        if (reset) {
            record(entry, true);
            // Not from inside the server's readyRead handler: the socket must outlive it.
            QTimer::singleShot(0, guard, [guard] { guard->abort(); });
            return;
        }
        entry.status = response.status;
        record(entry, entry.endpoint != u"admin"_s);
        guard->write(response.head(response.body.size()));
        if (truncate) {
            guard->write(response.body.left(response.body.size() / 2));
            // Closed a little later, as a connection that dies mid-body does: a client that
            // finds the connection closed before it has read any of the answer may send the
            // request again (QNAM does, for a GET), and the fault would not be seen.
            QTimer::singleShot(
                truncatedCloseDelayMs, guard, [guard] { guard->disconnectFromHost(); });
        } else {
            guard->write(response.body);
        }
    };
    if (latencyMs > 0)
        QTimer::singleShot(latencyMs, &server, std::move(send));
    else
        send();
}

void Simulator::Private::record(RequestLogEntry entry, bool inMemory)
{
    if (options.logRequests) {
        const QByteArray line = entry.method.toUtf8() + ' ' + entry.path.toUtf8() + ' '
            + QByteArray::number(entry.status) + ' ' + QByteArray::number(entry.elapsedMs) + "ms\n";
        std::fputs(line.constData(), stderr);
    }
    if (!inMemory)
        return;
    if (log.size() >= maxLogEntries)
        log.removeFirst();
    log.append(std::move(entry));
}

// --- public interface ------------------------------------------------------------------------

Simulator::Simulator(const SimulatorOptions &options, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>(this, options))
{
    installLogFilter();
}

Simulator::~Simulator() = default;

bool Simulator::listen(const QHostAddress &address, quint16 port, QString *error)
{
    const auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    if (!address.isLoopback())
        return fail(tr("The simulator listens on loopback addresses only."));
    if (!d->options.tlsCertFile.isEmpty() || !d->options.tlsKeyFile.isEmpty()) {
        QFile certFile(d->options.tlsCertFile);
        QFile keyFile(d->options.tlsKeyFile);
        if (!certFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly))
            return fail(tr("Cannot read the TLS certificate or key file."));
        const QSslCertificate cert(&certFile, QSsl::Pem);
        QSslKey key(&keyFile, QSsl::Rsa, QSsl::Pem);
        if (key.isNull()) {
            keyFile.seek(0);
            key = QSslKey(&keyFile, QSsl::Ec, QSsl::Pem);
        }
        if (cert.isNull() || key.isNull())
            return fail(tr("The TLS certificate or key is not valid PEM."));
        d->server.sslSetup(cert, key);
        d->tls = true;
    }
    d->port = d->server.listen(address, port);
    if (d->port == 0)
        return fail(tr("Cannot listen on %1 port %2.").arg(address.toString()).arg(port));
    d->address = address;
    return true;
}

quint16 Simulator::port() const
{
    return d->port;
}

QUrl Simulator::baseUrl() const
{
    QUrl url;
    url.setScheme(d->tls ? u"https"_s : u"http"_s);
    url.setHost(d->address.protocol() == QAbstractSocket::IPv6Protocol ? d->address.toString()
                                                                       : u"127.0.0.1"_s);
    url.setPort(d->port);
    return url;
}

const SimulatorOptions &Simulator::options() const
{
    return d->options;
}

void Simulator::addFault(const FaultSpec &fault)
{
    d->faults.append(fault);
}

void Simulator::clearFaults()
{
    d->faults.clear();
}

QList<RequestLogEntry> Simulator::requestLog() const
{
    return d->log;
}

void Simulator::clearRequestLog()
{
    d->log.clear();
}

int Simulator::offboardRequestCount(const QString &machineId) const
{
    if (machineId.isEmpty())
        return d->offboardTotal;
    return d->offboardCounts.value(machineId.toLower());
}

QJsonObject Simulator::machineJson(int index) const
{
    return d->tenant.machine(index);
}

int Simulator::deviceCount() const
{
    return d->tenant.size();
}

bool Simulator::neverChecksIn(int index) const
{
    return d->tenant.neverChecksIn(index);
}

QString Simulator::issueAppToken(const QStringList &roles, int lifetimeSeconds) const
{
    const int lifetime = lifetimeSeconds < 0 ? d->options.tokenLifetimeSeconds : lifetimeSeconds;
    return d->identity.mintAccessToken(d->identity.appClaims(roles, lifetime));
}

QString Simulator::issueUserToken(const QStringList &scopes, int lifetimeSeconds) const
{
    const int lifetime = lifetimeSeconds < 0 ? d->options.tokenLifetimeSeconds : lifetimeSeconds;
    return d->identity.mintAccessToken(d->identity.userClaims(scopes, lifetime));
}

void Simulator::advanceClock(qint64 milliseconds)
{
    d->clockOffsetMs += qMax<qint64>(0, milliseconds);
}
