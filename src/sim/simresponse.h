// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>

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
};
