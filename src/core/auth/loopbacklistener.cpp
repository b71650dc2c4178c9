// SPDX-License-Identifier: MIT
#include "loopbacklistener.h"

#include <QHostAddress>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace {
constexpr int maxRequestBytes = 16 * 1024;
constexpr int maxConnections = 16;
constexpr int socketTimeoutMs = 15000;
const char requestProperty[] = "mdeRequest";
} // namespace

LoopbackListener::LoopbackListener(Handler handler, QObject *parent)
    : QObject(parent)
    , m_handler(std::move(handler))
    , m_server(new QTcpServer(this))
{
    m_server->setMaxPendingConnections(maxConnections);
    connect(m_server, &QTcpServer::newConnection, this, &LoopbackListener::onNewConnection);
}

LoopbackListener::~LoopbackListener() = default;

bool LoopbackListener::listen(QString *error)
{
    // The identity platform matches "http://127.0.0.1" literally; [::1] is not supported.
    if (m_server->listen(QHostAddress::LocalHost, 0))
        return true;
    if (error)
        *error = m_server->errorString();
    return false;
}

QUrl LoopbackListener::redirectUri() const
{
    QUrl url;
    url.setScheme(u"http"_s);
    url.setHost(u"127.0.0.1"_s);
    url.setPort(m_server->serverPort());
    url.setPath(u"/"_s);
    return url;
}

bool LoopbackListener::isListening() const
{
    return m_server->isListening();
}

void LoopbackListener::shutdown()
{
    m_shuttingDown = true;
    m_server->close();
    maybeDelete();
}

void LoopbackListener::maybeDelete()
{
    if (!m_shuttingDown)
        return;
    bool busy = false;
    const auto sockets = m_server->findChildren<QTcpSocket *>();
    for (QTcpSocket *socket : sockets) {
        if (socket->state() == QAbstractSocket::UnconnectedState)
            continue;
        if (socket->property(requestProperty).toBool())
            busy = true; // an answer is still being written
        else
            socket->abort(); // nothing asked yet: no answer any more
    }
    if (!busy)
        deleteLater();
}

void LoopbackListener::onNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        if (m_shuttingDown || m_server->findChildren<QTcpSocket *>().size() > maxConnections) {
            socket->abort();
            socket->deleteLater();
            continue;
        }
        // Browsers open speculative connections that may never carry a request.
        auto *timer = new QTimer(socket);
        timer->setSingleShot(true);
        connect(timer, &QTimer::timeout, socket, &QTcpSocket::abort);
        timer->start(socketTimeoutMs);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            socket->deleteLater();
            QTimer::singleShot(0, this, &LoopbackListener::maybeDelete);
        });
        if (socket->bytesAvailable() > 0)
            onReadyRead(socket);
    }
}

void LoopbackListener::onReadyRead(QTcpSocket *socket)
{
    if (socket->property(requestProperty).toBool())
        return; // already answered
    QByteArray buffer = socket->property("mdeBuffer").toByteArray();
    buffer += socket->readAll();
    const int end = buffer.indexOf("\r\n\r\n");
    if (end < 0) {
        if (buffer.size() > maxRequestBytes)
            socket->abort();
        else
            socket->setProperty("mdeBuffer", buffer);
        return;
    }
    socket->setProperty(requestProperty, true);
    socket->setProperty("mdeBuffer", QVariant());
    const QList<QByteArray> requestLine = buffer.left(buffer.indexOf("\r\n")).split(' ');
    if (requestLine.size() != 3 || requestLine.at(0) != "GET") {
        respond(socket,
            {405, tr("Not supported"),
                tr("This address only receives the sign-in "
                   "answer.")});
        return;
    }
    const QUrl target = QUrl::fromEncoded(requestLine.at(1), QUrl::StrictMode);
    if (!target.isValid() || target.path() != u"/"_s || m_shuttingDown) {
        respond(socket, {404, tr("Not found"), tr("Nothing is here.")});
        return;
    }
    respond(socket, m_handler(QUrlQuery(target)));
}

void LoopbackListener::respond(QTcpSocket *socket, const Page &page)
{
    const QString html = u"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>"_s
        + page.title.toHtmlEscaped() + u"</title></head><body><h1>"_s + page.title.toHtmlEscaped()
        + u"</h1><p>"_s + page.text.toHtmlEscaped() + u"</p></body></html>"_s;
    const QByteArray body = html.toUtf8();
    QByteArray reason = page.status == 200 ? "OK" : page.status == 404 ? "Not Found" : "Error";
    QByteArray answer = "HTTP/1.1 " + QByteArray::number(page.status) + ' ' + reason
        + "\r\nContent-Type: text/html; charset=utf-8\r\nCache-Control: no-store\r\n"
          "Content-Security-Policy: default-src 'none'\r\nConnection: close\r\n"
          "Content-Length: "
        + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    socket->write(answer);
    socket->disconnectFromHost();
}

#include "moc_loopbacklistener.cpp"
