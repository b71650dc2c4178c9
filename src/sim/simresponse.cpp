// SPDX-License-Identifier: MIT
#include "simresponse.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>

using namespace Qt::StringLiterals;

SimResponse SimResponse::json(int status, const QByteArray &body)
{
    SimResponse response;
    response.status = status;
    response.body = body;
    return response;
}

SimResponse SimResponse::error(int status, const QString &code, const QString &message)
{
    const QJsonObject error {{u"code"_s, code}, {u"message"_s, message},
        {u"target"_s, QUuid::createUuid().toString(QUuid::WithoutBraces)}};
    return json(
        status, QJsonDocument(QJsonObject {{u"error"_s, error}}).toJson(QJsonDocument::Compact));
}

SimResponse SimResponse::html(int status, const QByteArray &body)
{
    SimResponse response;
    response.status = status;
    response.contentType = "text/html; charset=utf-8";
    response.body = body;
    return response;
}

QByteArray SimResponse::header(const QByteArray &name) const
{
    for (const auto &header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return header.second;
    }
    return {};
}

QByteArray SimResponse::head(qint64 contentLength) const
{
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    for (const auto &header : headers) {
        if (header.first.compare("Content-Length", Qt::CaseInsensitive) == 0
            || header.first.compare("Content-Type", Qt::CaseInsensitive) == 0)
            continue;
        out += header.first + ": " + header.second + "\r\n";
    }
    if (!contentType.isEmpty())
        out += "Content-Type: " + contentType + "\r\n";
    out += "Content-Length: " + QByteArray::number(contentLength) + "\r\n\r\n";
    return out;
}

QByteArray SimResponse::reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 204:
        return "No Content";
    case 302:
        return "Found";
    case 303:
        return "See Other";
    case 307:
        return "Temporary Redirect";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    default:
        break;
    }
    if (status >= 500)
        return "Server Error";
    if (status >= 400)
        return "Client Error";
    return "Status";
}
