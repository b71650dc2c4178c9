// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

// An answer the simulator is about to write. Handlers fill it; the server applies faults and
// writes it to the socket.
struct SimResponse
{
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers; // Content-Type is added from contentType
    QByteArray contentType = "application/json; charset=utf-8";
    QByteArray body;

    static SimResponse json(int status, const QByteArray &body);
    // {"error":{"code","message","target"}} with a fresh correlation id as target.
    static SimResponse error(int status, const QString &code, const QString &message);
    // A proxy's HTML error page (fault injection).
    static SimResponse html(int status, const QByteArray &body);

    // The value of a header (case-insensitive name); empty when absent.
    QByteArray header(const QByteArray &name) const;
    // Status line and headers, Content-Length declaring contentLength (the full body size
    // unless a fault cuts the body short).
    QByteArray head(qint64 contentLength) const;
    // "OK", "Not Found", …
    static QByteArray reasonPhrase(int status);
};
