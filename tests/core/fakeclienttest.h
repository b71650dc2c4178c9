// SPDX-License-Identifier: MIT
#pragma once

// Shared by the DefenderClient tests on a fake network: the client, pages of numbered devices,
// and the $skip of a request.

#include "accesstokenprovider.h"
#include "defenderclient.h"
#include "fakenetwork.h"

#include <QCoreApplication>
#include <QObject>
#include <QStringList>
#include <QThreadPool>
#include <QUrlQuery>

#include <memory>

namespace FakeClientTest {

// `count` devices numbered from `first` ({"id":"m<n>"}, a platform and one of two tags), with
// the service's next link when `link` is set.
inline QByteArray page(qint64 first, int count, const QByteArray &link = {})
{
    QByteArray body = "{\"value\":[";
    for (int i = 0; i < count; ++i) {
        body += QByteArray(i ? "," : "") + "{\"id\":\"m" + QByteArray::number(first + i)
            + "\",\"osPlatform\":\"Windows11\",\"machineTags\":[\"t" + QByteArray::number(i % 2)
            + "\"]}";
    }
    body += ']';
    if (!link.isEmpty())
        body += ",\"@odata.nextLink\":\"" + link + '"';
    return body + '}';
}

inline qint64 skipOf(const FakeNetwork::Seen &seen)
{
    return QUrlQuery(seen.request.url()).queryItemValue(QStringLiteral("$skip")).toLongLong();
}

inline QStringList expectedIds(int count)
{
    QStringList ids;
    for (int i = 0; i < count; ++i)
        ids.append(QStringLiteral("m%1").arg(i));
    return ids;
}

// Every parse still running on the pool finishes and its result is posted back.
inline void settle()
{
    QThreadPool::globalInstance()->waitForDone();
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents();
}

// A client on a fake network, made anew for each test function.
struct Client
{
    Client()
        : client(&net, &tokens)
    {
        client.setApiBase(QUrl(QStringLiteral("https://api.example.test/")));
    }
    FakeNetwork net;
    StaticTokenProvider tokens {QStringLiteral("tok-123")};
    DefenderClient client;
};

// The test classes' base: a fresh client on a fake network for each test function.
class Fixture : public QObject
{
    Q_OBJECT
protected:
    std::unique_ptr<Client> m_fake;
    FakeNetwork *m_net = nullptr;
    DefenderClient *m_client = nullptr;

    // A fresh client. Reads are retried after 1 ms, not after the real 500 ms and more.
    void makeClient()
    {
        m_fake = std::make_unique<Client>();
        m_net = &m_fake->net;
        m_client = &m_fake->client;
        DefenderClient::RetryPolicy fast;
        fast.baseDelayMs = 1;
        m_client->setRetryPolicy(fast);
    }

private Q_SLOTS:
    void init() { makeClient(); } // a test class may have its own init() that calls makeClient()
    void cleanup() { m_fake.reset(); }
};

} // namespace FakeClientTest
