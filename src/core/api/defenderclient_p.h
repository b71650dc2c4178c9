// SPDX-License-Identifier: MIT
#pragma once

// Private to DefenderClient's two source files: the transport (defenderclienttransport.cpp:
// token, headers, time-out, TLS, error mapping) and the calls (defenderclient.cpp).

#include "defenderclient.h"

#include <QByteArray>
#include <QList>
#include <QLoggingCategory>
#include <QMutex>
#include <QSslCertificate>
#include <QUrl>

#include <deque>
#include <memory>
#include <optional>
#include <vector>

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

// The parse buffers of one listing, kept from page to page (a page and the one after it may be
// parsed at the same time); freed with the listing.
struct MachineParserPool
{
    std::unique_ptr<MachinePageParser> take()
    {
        const QMutexLocker lock(&mutex);
        if (idle.empty())
            return std::make_unique<MachinePageParser>();
        std::unique_ptr<MachinePageParser> parser = std::move(idle.back());
        idle.pop_back();
        return parser;
    }
    void put(std::unique_ptr<MachinePageParser> parser)
    {
        const QMutexLocker lock(&mutex);
        idle.push_back(std::move(parser));
    }

    QMutex mutex;
    std::vector<std::unique_ptr<MachinePageParser>> idle;
};

struct DefenderClient::PageState
{
    // One page asked for: answered, then parsed on the thread pool, then delivered in order.
    struct Slot
    {
        QUrl url;
        int top = 0; // $top it was asked with
        qint64 skip = 0; // its $skip (paging by $top/$skip only)
        bool ready = false; // answered and parsed (or failed)
        ApiError error;
        int status = 0;
        std::optional<QList<Machine>> machines;
        std::optional<MachineBatch> batch; // instead of machines, with MachineQuery::compact
        bool batchDelivered = false;
        qsizetype delivered = 0; // devices already emitted (a large page goes out in slices)
        QString nextLink;
        QString parseError;
    };
    MachineQuery query;
    std::shared_ptr<MachineParserPool> parsers = std::make_shared<MachineParserPool>();
    int page = 0; // pages delivered
    bool followingLinks = false;
    quint64 epoch = 0; // bumped when pending pages are dropped; late answers are ignored
    std::deque<std::shared_ptr<Slot>> slots; // pages asked for and not yet fully delivered
};
