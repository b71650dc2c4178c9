// SPDX-License-Identifier: MIT
// first_rows_ms, list_ratio_vs_python, max_gui_stall_ms, bytes_per_device (loading through the
// client into the table model, as the window does), then the filter and sort figures.
#include "accesstokenprovider.h"
#include "benchsupport.h"
#include "defenderclient.h"
#include "machinefiltermodel.h"
#include "machinetablemodel.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QRegularExpression>
#include <QSortFilterProxyModel>
#include <QTimer>

#include <malloc.h>

using namespace Qt::StringLiterals;

namespace {

// Times each keystroke of typing `query` (and deleting it again) into apply().
template<typename Apply> void typeQuery(const QString &query, QList<double> *times, Apply apply)
{
    QStringList steps;
    for (int i = 1; i <= query.size(); ++i)
        steps.append(query.left(i));
    for (int i = query.size() - 1; i >= 0; --i)
        steps.append(query.left(i));
    for (const QString &step : std::as_const(steps)) {
        QElapsedTimer timer;
        timer.start();
        apply(step);
        times->append(double(timer.nsecsElapsed()) / 1e6);
    }
}

} // namespace

QList<BenchFigure> benchModels(
    Bench::SimProcess &sim, const BenchConfig &config, double pythonListMs)
{
    QNetworkAccessManager network;
    StaticTokenProvider tokens(sim.appToken());
    DefenderClient client(&network, &tokens);
    client.setApiBase(sim.url());
    client.setTransferTimeout(120000);
    MachineTableModel model;

    malloc_trim(0);
    const qint64 rssBefore = Bench::residentBytes();

    // The GUI-stall probe: a fast timer whose late ticks show how long the loop was blocked.
    QElapsedTimer clock;
    clock.start();
    qint64 lastTick = 0, maxGap = 0;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(2);
    QObject::connect(&probe, &QTimer::timeout, &probe, [&] {
        const qint64 now = clock.nsecsElapsed();
        if (lastTick)
            maxGap = qMax(maxGap, now - lastTick);
        lastTick = now;
    });

    double firstRowsMs = -1, listMs = -1;
    QEventLoop loop;
    QObject::connect(&model, &QAbstractItemModel::rowsInserted, &loop, [&] {
        if (firstRowsMs < 0)
            firstRowsMs = double(clock.nsecsElapsed()) / 1e6;
    });
    probe.start();
    clock.restart();
    MachineQuery query;
    query.compact = true; // as the window lists
    MachineListCall *call = client.listMachines(query);
    QObject::connect(call, &MachineListCall::batchReceived, &model,
        [&](const MachineBatch &batch) { model.appendBatch(batch); });
    QObject::connect(call, &ApiCall::finished, &loop, [&] {
        listMs = double(clock.nsecsElapsed()) / 1e6;
        loop.quit();
    });
    QTimer::singleShot(600000, &loop, &QEventLoop::quit);
    loop.exec();
    probe.stop();
    const QString listError = call->error().isError() ? call->error().displayText() : QString();
    delete call;
    malloc_trim(0);
    const qint64 rssAfter = Bench::residentBytes();
    const int rows = model.rowCount();

    // Filtering: the app's proxy against a stock QSortFilterProxyModel with a case-insensitive
    // regular expression over every column, on the same model and the same keystrokes.
    MachineFilterModel ours;
    ours.setSourceModel(&model);
    QSortFilterProxyModel stock;
    stock.setSourceModel(&model);
    stock.setFilterKeyColumn(-1);
    const QString name = model.computerName(rows / 2);
    const QString ip
        = model.data(model.index(rows / 3, MachineTableModel::LastIpColumn)).toString();
    const QStringList queries
        = {name.left(qMin(10, int(name.size()))), ip.left(6), u"contoso"_s, u"zz-no-match"_s};
    QList<double> oursTimes, stockTimes, oursOnStockKeys;
    for (const QString &query : queries)
        typeQuery(query, &oursTimes, [&](const QString &text) { ours.setSearchText(text); });
    const QString stockQuery = queries.first().left(config.quick ? 3 : 6);
    typeQuery(stockQuery, &oursOnStockKeys, [&](const QString &text) { ours.setSearchText(text); });
    typeQuery(stockQuery, &stockTimes, [&](const QString &text) {
        stock.setFilterRegularExpression(QRegularExpression(
            QRegularExpression::escape(text), QRegularExpression::CaseInsensitiveOption));
    });
    double oursSum = 0, stockSum = 0;
    for (double t : std::as_const(oursOnStockKeys))
        oursSum += t;
    for (double t : std::as_const(stockTimes))
        stockSum += t;

    // Sorting: every column, both directions, with no filter.
    ours.clearFilters();
    double sortMax = 0;
    int slowest = 0;
    for (int column = 0; column < MachineTableModel::ColumnCount; ++column) {
        for (Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
            QElapsedTimer timer;
            timer.start();
            ours.sort(column, order);
            const double ms = double(timer.nsecsElapsed()) / 1e6;
            if (ms > sortMax) {
                sortMax = ms;
                slowest = column;
            }
        }
    }

    const QString listNote = listError.isEmpty() ? u"%1 rows in %2 ms; python3 %3 ms"_s.arg(rows)
                                                       .arg(listMs, 0, 'f', 0)
                                                       .arg(pythonListMs, 0, 'f', 0)
                                                 : u"listing failed: "_s + listError;
    return {
        {u"first_rows_ms"_s, firstRowsMs, u"≤ 300"_s, {}},
        {u"list_ratio_vs_python"_s, pythonListMs > 0 ? listMs / pythonListMs : -1, u"≤ 0.5"_s,
            listNote},
        {u"filter_median_ms"_s, Bench::median(oursTimes), u"≤ 8"_s,
            u"%1 keystrokes over %2 rows"_s.arg(oursTimes.size()).arg(rows)},
        {u"filter_p95_ms"_s, Bench::percentile(oursTimes, 0.95), u"≤ 16"_s, {}},
        {u"filter_ratio_vs_stock_proxy"_s, stockSum > 0 ? oursSum / stockSum : -1, u"≤ 0.1"_s,
            u"typing \"%1\": ours %2 ms, stock %3 ms"_s.arg(stockQuery)
                .arg(oursSum, 0, 'f', 1)
                .arg(stockSum, 0, 'f', 1)},
        {u"sort_max_ms"_s, sortMax, u"≤ 150"_s,
            u"slowest: column %1"_s.arg(model.headerData(slowest, Qt::Horizontal).toString())},
        {u"bytes_per_device"_s, rows > 0 ? double(rssAfter - rssBefore) / rows : -1, u"≤ 800"_s,
            {}},
        {u"max_gui_stall_ms"_s, double(maxGap) / 1e6, u"≤ 50"_s, {}},
    };
}
