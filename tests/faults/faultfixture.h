// SPDX-License-Identifier: MIT
// The fault suite's fixture: an in-process simulator, a client with a rate budget and a fast
// retry policy, an audit log in a temporary folder, and the checks every fault test makes: the
// audit log is complete and no device was offboarded twice.
#pragma once

#include "auditlog.h"
#include "simclientfixture.h"

#include <QHash>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

struct FaultFixture : SimClientFixture
{
    std::unique_ptr<QTemporaryDir> dir;
    std::unique_ptr<AuditLog> audit;

    FaultFixture() { skipSilentDevices = true; }

    void reset()
    {
        SimClientFixture::reset();
        audit.reset();
        dir.reset();
    }

    // roles: those of the app token; options may enable TLS.
    bool setUp(SimulatorOptions options = {}, const QStringList &roles = allRoles())
    {
        const bool tls = !options.tlsCertFile.isEmpty();
        if (options.devices == 2000)
            options.devices = 60;
        dir = std::make_unique<QTemporaryDir>();
        if (!dir->isValid() || !start(options, roles, {}))
            return false;
        client->setRateBudget(budget.get());
        client->setTransferTimeout(2000);
        DefenderClient::RetryPolicy fast;
        fast.baseDelayMs = 20; // the real 500 ms would only make the suite slower
        client->setRetryPolicy(fast);
        audit = std::make_unique<AuditLog>();
        if (!audit->open(dir->filePath(QStringLiteral("audit.sqlite"))))
            return false;
        if (tls) {
            sim->clearRequestLog();
            return true;
        }
        return readPendingOffboards();
    }

    // Runs a batch to its end; checks for the look-ups are quick so tests stay short.
    std::unique_ptr<BulkOffboard> offboard(const QList<OffboardTarget> &targets)
    {
        std::unique_ptr<BulkOffboard> batch = quickBatch(audit.get());
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
