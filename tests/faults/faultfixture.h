// SPDX-License-Identifier: MIT
// The fault suite's fixture: an in-process simulator, a client with a rate budget and a fast
// retry policy, an audit log in a temporary folder, and the checks every fault test makes: the
// audit log is complete and no device was offboarded twice.
#pragma once

#include "accesstokenprovider.h"
#include "auditlog.h"
#include "bulkoffboard.h"
#include "defenderclient.h"
#include "ratebudget.h"
#include "simulator.h"

#include <QHash>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

struct FaultFixture
{
    std::unique_ptr<QTemporaryDir> dir;
    std::unique_ptr<Simulator> sim;
    std::unique_ptr<QNetworkAccessManager> network;
    std::unique_ptr<AccessTokenProvider> tokens;
    std::unique_ptr<RateBudget> budget;
    std::unique_ptr<DefenderClient> client;
    std::unique_ptr<AuditLog> audit;
    QSet<QString> pending; // devices with an offboard already pending in the seeded tenant

    void reset()
    {
        client.reset();
        budget.reset();
        tokens.reset();
        network.reset();
        audit.reset();
        sim.reset();
        dir.reset();
    }

    static QStringList allRoles()
    {
        return {QStringLiteral("Machine.Read.All"), QStringLiteral("Machine.Offboard")};
    }

    // roles: those of the app token; options may enable TLS.
    bool setUp(SimulatorOptions options = {}, const QStringList &roles = allRoles())
    {
        const bool tls = !options.tlsCertFile.isEmpty();
        options.logRequests = false;
        if (options.devices == 2000)
            options.devices = 60;
        dir = std::make_unique<QTemporaryDir>();
        sim = std::make_unique<Simulator>(options);
        if (!dir->isValid() || !sim->listen())
            return false;
        network = std::make_unique<QNetworkAccessManager>();
        network->setProxy(QNetworkProxy::NoProxy);
        tokens = std::make_unique<StaticTokenProvider>(sim->issueAppToken(roles));
        budget = std::make_unique<RateBudget>();
        client = std::make_unique<DefenderClient>(network.get(), tokens.get());
        client->setRateBudget(budget.get());
        client->setTransferTimeout(2000);
        DefenderClient::RetryPolicy fast;
        fast.baseDelayMs = 20; // the real 500 ms would only make the suite slower
        client->setRetryPolicy(fast);
        audit = std::make_unique<AuditLog>();
        if (!client->setApiBase(sim->baseUrl())
            || !audit->open(dir->filePath(QStringLiteral("audit.sqlite"))))
            return false;
        if (!tls) {
            ActionQuery query;
            query.filter = QStringLiteral("type eq 'Offboard'");
            ActionListCall *call = client->machineActions(query);
            QSignalSpy done(call, &ApiCall::finished);
            if (!done.wait(10000) || !call->isOk())
                return false;
            for (const MachineAction &action : call->actions()) {
                if (!isFinal(action.status))
                    pending.insert(action.machineId.toLower());
            }
            delete call;
        }
        sim->clearRequestLog();
        return true;
    }

    // Healthy Windows 11 / Server 2019+ devices without an offboard pending in the seed.
    QList<OffboardTarget> eligibleTargets(int n) const
    {
        using namespace Qt::StringLiterals;
        QList<OffboardTarget> out;
        for (int i = 0; i < sim->deviceCount() && out.size() < n; ++i) {
            const QJsonObject m = sim->machineJson(i);
            const QString platform = m.value(u"osPlatform"_s).toString();
            if ((platform == u"Windows11"_s || platform == u"WindowsServer2019"_s
                    || platform == u"WindowsServer2022"_s)
                && m.value(u"healthStatus"_s).toString() == u"Active"_s && !sim->neverChecksIn(i)
                && !pending.contains(m.value(u"id"_s).toString().toLower()))
                out.append({m.value(u"id"_s).toString(), m.value(u"computerDnsName"_s).toString()});
        }
        return out;
    }

    // Runs a batch to its end; checks for the look-ups are quick so tests stay short.
    std::unique_ptr<BulkOffboard> offboard(const QList<OffboardTarget> &targets)
    {
        auto batch = std::make_unique<BulkOffboard>(client.get(), budget.get(), audit.get());
        BulkOffboard::Options options;
        options.unknownChecks = 2;
        options.firstCheckDelayMs = 50;
        batch->setOptions(options);
        QSignalSpy finished(batch.get(), &BulkOffboard::finished);
        QString error;
        if (!batch->start(
                targets, QStringLiteral("fault suite"), QStringLiteral("tester"), &error)) {
            qWarning("batch refused: %s", qPrintable(error));
            return nullptr;
        }
        if (!finished.wait(60000))
            return nullptr;
        return batch;
    }

    // POSTs per device that the service may have acted on: not those it refused with a 4xx (a
    // 401 is followed by one retry with a fresh token, a 429 is queued again).
    QHash<QString, int> offboardPosts() const
    {
        QHash<QString, int> posts;
        for (const RequestLogEntry &e : sim->requestLog()) {
            if (e.method == QLatin1String("POST") && e.endpoint == QLatin1String("offboard")
                && (e.status < 400 || e.status >= 500))
                ++posts[e.path.section(QLatin1Char('/'), -2, -2).toLower()];
        }
        return posts;
    }

    int requests(const QString &endpoint, int status = -1) const
    {
        int count = 0;
        for (const RequestLogEntry &e : sim->requestLog())
            count += e.endpoint == endpoint && (status < 0 || e.status == status) ? 1 : 0;
        return count;
    }
};

// Every target of the batch has an audit record with an outcome (or OutcomeUnknown), and none
// was offboarded twice. Use with QVERIFY(auditCompleteAndNoDuplicate(...)).
inline bool auditCompleteAndNoDuplicate(const FaultFixture &f, const BulkOffboard &batch)
{
    const QHash<QString, int> posts = f.offboardPosts();
    for (const BulkOffboard::DeviceResult &r : batch.results()) {
        const QString id = r.target.machineId;
        if (!r.isFinal || f.sim->offboardRequestCount(id) > 1 || posts.value(id.toLower()) > 1) {
            qWarning("device %s: final %d, accepted %d, posts %d", qPrintable(id), r.isFinal,
                f.sim->offboardRequestCount(id), posts.value(id.toLower()));
            return false;
        }
        if (r.state == BulkOffboard::DeviceState::NotSent)
            continue;
        const AuditRecord record = f.audit->record(r.auditId);
        using S = AuditRecord::State;
        if (record.id < 0
            || !(record.state == S::Succeeded || record.state == S::Failed
                || record.state == S::OutcomeUnknown || record.state == S::Reconciled)) {
            qWarning("device %s: audit record %lld in state %s", qPrintable(id), r.auditId,
                qPrintable(auditStateToString(record.state)));
            return false;
        }
    }
    return true;
}
