// SPDX-License-Identifier: MIT
// bulk_quota_utilisation and bulk_429_count: a bulk offboard through the rate budget against a
// simulator whose windows are shortened (20 calls per 3 s instead of 100 per minute), so the
// run takes seconds while the arithmetic stays the same.
#include "accesstokenprovider.h"
#include "benchsupport.h"
#include "bulkoffboard.h"
#include "defenderclient.h"
#include "eligibility.h"
#include "machine.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QSet>
#include <QTimer>

using namespace Qt::StringLiterals;

QList<BenchFigure> benchBulk(const BenchConfig &config)
{
    constexpr int PerWindow = 20;
    constexpr int WindowMs = 3000;
    Bench::SimProcess sim;
    QString error;
    if (!sim.start({u"--devices"_s, QString::number(qMax(200, config.bulkDevices * 3)),
                       u"--rate-per-minute"_s, QString::number(PerWindow), u"--minute-window-ms"_s,
                       QString::number(WindowMs), u"--rate-per-hour"_s, u"100000"_s,
                       u"--pending-ms"_s, u"600000"_s},
            &error))
        return {{u"bulk_quota_utilisation"_s, -1, u"≥ 0.98"_s, error}};

    // Eligible devices without a pending offboard, as the window would offer them.
    QSet<QString> pending;
    const QJsonArray actions
        = sim.getJson(u"/api/machineactions?$top=10000"_s).value(u"value"_s).toArray();
    for (const auto &value : actions)
        pending.insert(value.toObject().value(u"machineId"_s).toString());
    const auto machines = parseMachinePage(sim.get(u"/api/machines?$top=10000"_s));
    QList<OffboardTarget> targets;
    EligibilityContext context;
    context.canOffboard = true;
    for (const Machine &machine : machines.value_or(QList<Machine> {})) {
        if (targets.size() == config.bulkDevices)
            break;
        if (pending.contains(machine.id)
            || evaluateEligibility(machine, context).verdict == Eligibility::Refused)
            continue;
        targets.append({machine.id, machine.computerDnsName});
    }
    sim.get(u"/admin/requests"_s); // warm-up done; the log is cleared below
    QNetworkAccessManager network;
    StaticTokenProvider tokens(sim.appToken());
    DefenderClient client(&network, &tokens);
    client.setApiBase(sim.url());
    RateBudget::Limits limits;
    limits.perMinute = PerWindow;
    limits.minuteWindowMs = WindowMs;
    limits.perHour = 100000;
    RateBudget budget(limits);
    BulkOffboard bulk(&client, &budget);

    QEventLoop loop;
    QObject::connect(&bulk, &BulkOffboard::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(600000, &loop, &QEventLoop::quit);
    QElapsedTimer timer;
    timer.start();
    if (!bulk.start(targets, u"Benchmark run"_s, u"bench"_s, &error))
        return {{u"bulk_quota_utilisation"_s, -1, u"≥ 0.98"_s, error}};
    loop.exec();
    const double elapsed = double(timer.nsecsElapsed()) / 1e6;

    int calls = 0, tooMany = 0;
    const QJsonArray log = sim.getJson(u"/admin/requests"_s).value(u"requests"_s).toArray();
    for (const auto &value : log) {
        const QJsonObject entry = value.toObject();
        if (entry.value(u"endpoint"_s).toString() != u"offboard"_s)
            continue;
        ++calls;
        if (entry.value(u"status"_s).toInt() == 429)
            ++tooMany;
    }
    // The quota lets the first PerWindow calls go at once and each further window's worth one
    // window later: the last of n calls cannot start before floor((n-1)/PerWindow) windows.
    const int n = int(targets.size());
    const double ideal = double((n - 1) / PerWindow) * WindowMs;
    return {
        {u"bulk_quota_utilisation"_s, elapsed > 0 ? ideal / elapsed : -1, u"≥ 0.98"_s,
            u"%1 offboards (%2 calls) in %3 ms; the quota allows it in %4 ms"_s.arg(n)
                .arg(calls)
                .arg(elapsed, 0, 'f', 0)
                .arg(ideal, 0, 'f', 0)},
        {u"bulk_429_count"_s, double(tooMany), u"0"_s, {}},
    };
}
