// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QNetworkReply>
#include <QString>

// What went wrong with a call, in a form the GUI and the CLI can show and decide on.
// Decisions are made on kind, httpStatus and code; message is the service's text (or ours when
// the body was not the service's JSON); target is the service's correlation id to quote.
struct ApiError
{
    Q_DECLARE_TR_FUNCTIONS(ApiError)
public:
    enum class Kind {
        None, // success
        Network, // connection refused, reset, host not found, …
        Timeout, // our transfer time-out fired
        Tls, // certificate not trusted, handshake failed
        Http, // the service answered with an error status
        Parse, // a 2xx whose body could not be understood
        Cancelled, // the caller aborted
        InvalidInput, // refused before anything was sent (bad id, bad comment, bad URL)
        Auth, // no token could be obtained (sign-in needed, token endpoint error)
        OutcomeUnknown // a POST whose fate is unknown (sent, then the connection failed)
    };

    Kind kind = Kind::None;
    int httpStatus = 0;
    QString code; // the service's error.code, e.g. "ActiveRequestAlreadyExists"
    QString message; // the service's error.message, or our description
    QString target; // correlation id
    int retryAfterSeconds = -1; // from Retry-After on 429/503, -1 if none
    QString permission; // 403: the permission found missing (see explainForbidden)

    bool isError() const { return kind != Kind::None; }
    // Retrying a GET may help: network, time-out, 429, 5xx.
    bool isTransient() const;
    // One line for people: message, then "(code, HTTP n, correlation id …)" where known.
    QString displayText() const;

    static ApiError invalidInput(const QString &message);
};

// Pure mapping from what a finished QNetworkReply tells into an ApiError (style: one function,
// table-tested). timedOut is our own flag: the NetworkError a transfer time-out yields differs
// between Qt versions.
ApiError mapError(QNetworkReply::NetworkError networkError, int httpStatus, bool timedOut,
    const QByteArray &body, const QByteArray &retryAfterHeader = {});

// The error of a finished reply, with a body cut short counted as the connection it is: Qt 6.4
// can finish a reply without error when the server closes the connection before all of the
// Content-Length it promised has arrived. (An encoded body is left alone: its length differs
// from the declared one once Qt has decoded it.)
QNetworkReply::NetworkError transferError(QNetworkReply::NetworkError networkError,
    qsizetype received, const QByteArray &contentLengthHeader,
    const QByteArray &contentEncodingHeader);

// A 403 that names the missing permission: the one the service's message names ("API required
// roles: Machine.Offboard", "required permissions: …"), else `fallbackPermission` (the one the
// endpoint needs). Sets permission and puts it first in message; the service's text, code and
// correlation id are kept. Other errors are returned unchanged.
ApiError explainForbidden(const ApiError &error, const QString &fallbackPermission);
