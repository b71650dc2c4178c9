// SPDX-License-Identifier: MIT
#pragma once

// Private to DefenderClient's two source files: the transport (defenderclienttransport.cpp:
// token, headers, time-out, TLS, error mapping) and the calls (defenderclient.cpp).

#include "defenderclient.h"

#include <QByteArray>
#include <QList>
#include <QLoggingCategory>
#include <QSslCertificate>
#include <QUrl>

Q_DECLARE_LOGGING_CATEGORY(lcApi)

struct DefenderClient::Private
{
    QList<QSslCertificate> caCertificates; // empty: Qt's defaults
};

struct DefenderClient::Request
{
    QByteArray method; // "GET" or "POST"
    QUrl url;
    QByteArray body;
    QString endpoint; // RateEndpoint key
};

struct DefenderClient::SendState
{
    Request request;
    Done done;
    RateBudget::Priority priority = RateBudget::Priority::Refresh;
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
    int top = 0; // $top of the page last asked for
    qint64 skip = 0; // $skip of the next page
    bool followingLinks = false;
};
