// SPDX-License-Identifier: MIT
#pragma once

// Internal to the sign-in session: the one-shot HTTP listener on 127.0.0.1 that receives the
// browser's redirect after sign-in.

#include <QObject>
#include <QString>
#include <QUrl>
#include <QUrlQuery>

#include <functional>

class QTcpServer;
class QTcpSocket;

class LoopbackListener final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LoopbackListener)
public:
    struct Page
    {
        int status = 200;
        QString title;
        QString text;
    };
    // Called for each GET / with its query; returns the page the browser shows. Other paths
    // (favicon, …) get a 404 without reaching the handler.
    using Handler = std::function<Page(const QUrlQuery &query)>;

    explicit LoopbackListener(Handler handler, QObject *parent = nullptr);
    ~LoopbackListener() override;

    bool listen(QString *error);
    QUrl redirectUri() const; // http://127.0.0.1:{port}/
    bool isListening() const;
    // Stops accepting connections; answers already being written are finished, then the
    // listener deletes itself.
    void shutdown();

private:
    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);
    void respond(QTcpSocket *socket, const Page &page);
    void maybeDelete();

    Handler m_handler;
    QTcpServer *m_server;
    bool m_shuttingDown = false;
};
