// SPDX-License-Identifier: MIT
// An in-process simulator, a client signed in with an app token and a rate budget, for the
// end-to-end tests of the jobs.
#pragma once

#include "accesstokenprovider.h"
#include "bulkoffboard.h"
#include "defenderclient.h"
#include "ratebudget.h"
#include "simulator.h"

#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

#include <memory>

struct JobFixture
{
    std::unique_ptr<Simulator> sim;
    std::unique_ptr<QNetworkAccessManager> network;
    std::unique_ptr<StaticTokenProvider> tokens;
    std::unique_ptr<DefenderClient> client;
    std::unique_ptr<RateBudget> budget;
    QSet<QString> pendingOffboards; // machine ids with an offboard already pending at start

    void reset()
    {
        budget.reset();
        client.reset();
        tokens.reset();
        network.reset();
        sim.reset();
        pendingOffboards.clear();
    }

    // Same windows for the simulator and the budget. Returns false on failure (QVERIFY'd).
    bool setUp(SimulatorOptions options)
    {
        using namespace Qt::StringLiterals;
        options.logRequests = false;
        sim = std::make_unique<Simulator>(options);
        QString error;
        if (!sim->listen(QHostAddress::LocalHost, 0, &error)) {
            qWarning("simulator: %s", qPrintable(error));
            return false;
        }
        network = std::make_unique<QNetworkAccessManager>();
        network->setProxy(QNetworkProxy::NoProxy);
        tokens = std::make_unique<StaticTokenProvider>(
            sim->issueAppToken({u"Machine.Read.All"_s, u"Machine.Offboard"_s}));
        client = std::make_unique<DefenderClient>(network.get(), tokens.get());
        client->setTransferTimeout(10000);
        if (!client->setApiBase(sim->baseUrl(), &error)) {
            qWarning("client: %s", qPrintable(error));
            return false;
        }
        RateBudget::Limits limits;
        limits.perMinute = options.perMinute;
        limits.perHour = options.perHour;
        limits.minuteWindowMs = options.minuteWindowMs;
        limits.hourWindowMs = options.hourWindowMs;
        budget = std::make_unique<RateBudget>(limits);

        // Which devices already have an offboard pending (the tenant seeds a few).
        ActionListCall *call = nullptr;
        budget->acquire(RateEndpoint::Actions, RateBudget::Priority::Refresh, nullptr, [&] {
            ActionQuery query;
            query.filter = u"type eq 'Offboard'"_s;
            call = client->machineActions(query);
        });
        if (!call)
            return false;
        QSignalSpy done(call, &ApiCall::finished);
        if (!done.wait(10000) || !call->isOk()) {
            qWarning("seeded actions: %s", qPrintable(call->error().displayText()));
            return false;
        }
        for (const MachineAction &action : call->actions()) {
            if (!isFinal(action.status))
                pendingOffboards.insert(action.machineId.toLower());
        }
        delete call;
        sim->clearRequestLog();
        return true;
    }

    // Devices the simulator will offboard and that check in (healthy Windows 11 / Server 2019+).
    QList<OffboardTarget> eligibleTargets(int n) const
    {
        using namespace Qt::StringLiterals;
        QList<OffboardTarget> out;
        for (int i = 0; i < sim->deviceCount() && out.size() < n; ++i) {
            const QJsonObject m = sim->machineJson(i);
            const QString platform = m.value(u"osPlatform"_s).toString();
            const QString id = m.value(u"id"_s).toString();
            if ((platform == u"Windows11"_s || platform == u"WindowsServer2019"_s
                    || platform == u"WindowsServer2022"_s)
                && m.value(u"healthStatus"_s).toString() == u"Active"_s
                && !pendingOffboards.contains(id.toLower()))
                out.append({id, m.value(u"computerDnsName"_s).toString()});
        }
        return out;
    }

    int requests(const QString &endpoint, int status = -1) const
    {
        int count = 0;
        for (const RequestLogEntry &e : sim->requestLog())
            count += e.endpoint == endpoint && (status < 0 || e.status == status) ? 1 : 0;
        return count;
    }
};
