// SPDX-License-Identifier: MIT
#pragma once

// Shared by the DefenderClient tests: waiting for a call, a simulator-backed client, a token
// provider that refreshes.

#include "accesstokenprovider.h"
#include "defenderclient.h"
#include "simulator.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTimer>

#include <memory>

inline bool waitFor(ApiCall *call)
{
    QSignalSpy spy(call, &ApiCall::finished);
    return call->isFinished() || spy.wait(15000);
}

// Hands out a stale token first and a fresh one when asked to refresh.
class RefreshingProvider final : public AccessTokenProvider
{
public:
    RefreshingProvider(QString stale, QString fresh)
        : m_token(std::move(stale))
        , m_fresh(std::move(fresh))
    { }
    int refreshes = 0;
    void requestToken(QObject *context, Callback callback, bool forceRefresh) override
    {
        if (forceRefresh) {
            ++refreshes;
            m_token = m_fresh;
        }
        QTimer::singleShot(0, context, [token = m_token, callback] { callback(token, {}); });
    }

private:
    QString m_token;
    QString m_fresh;
};

// An in-process simulator on 127.0.0.1 and a client for it with an app token holding
// Machine.Read.All and Machine.Offboard.
struct SimClient
{
    std::unique_ptr<Simulator> sim;
    QNetworkAccessManager network;
    std::unique_ptr<StaticTokenProvider> tokens;
    std::unique_ptr<DefenderClient> client;

    bool start(SimulatorOptions options)
    {
        options.logRequests = false;
        sim = std::make_unique<Simulator>(options);
        if (!sim->listen())
            return false;
        tokens = std::make_unique<StaticTokenProvider>(sim->issueAppToken(
            {QStringLiteral("Machine.Read.All"), QStringLiteral("Machine.Offboard")}));
        client = std::make_unique<DefenderClient>(&network, tokens.get());
        return client->setApiBase(sim->baseUrl());
    }
    void stop()
    {
        client.reset();
        sim.reset();
    }
    QString machineId(int index) const
    {
        return sim->machineJson(index).value(QStringLiteral("id")).toString();
    }
    // The first device whose JSON passes accept, or -1.
    template<class Accept> int find(Accept accept) const
    {
        for (int i = 0; i < sim->deviceCount(); ++i) {
            if (accept(sim->machineJson(i)))
                return i;
        }
        return -1;
    }
};
