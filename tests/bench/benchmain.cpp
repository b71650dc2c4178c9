// SPDX-License-Identifier: MIT
// mde-bench: the performance suite of docs/performance.md. Every figure is compared with a
// baseline measured in the same run on the same data. Run it through scripts/bench.
#include "allocatortuning.h"
#include "benchsupport.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSysInfo>
#include <QThread>

#include <cstdio>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    limitAllocatorArenas(); // as the app's main() does: the memory figure depends on it
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Benchmarks of mde-offboard against mde-sim."_s);
    parser.addHelpOption();
    const QCommandLineOption devices(
        u"devices"_s, u"Tenant size (default 100000)."_s, u"n"_s, u"100000"_s);
    const QCommandLineOption bulk(
        u"bulk-devices"_s, u"Devices in the bulk run (default 60)."_s, u"n"_s, u"60"_s);
    const QCommandLineOption json(
        u"json"_s, u"Also write the figures as one JSON object."_s, u"file"_s);
    const QCommandLineOption quick(u"quick"_s, u"Fewer repetitions (smoke runs)."_s);
    const QCommandLineOption checkKeys(
        u"check-keys"_s, u"Exit non-zero unless every figure was measured."_s);
    const QCommandLineOption only(u"only"_s,
        u"Run only these parts, comma-separated: parse, models, startup, bulk (default all)."_s,
        u"parts"_s);
    parser.addOptions({devices, bulk, json, quick, checkKeys, only});
    parser.process(app);

    BenchConfig config;
    config.devices = qBound(1, parser.value(devices).toInt(), 200000);
    config.bulkDevices = qBound(2, parser.value(bulk).toInt(), 500);
    config.quick = parser.isSet(quick);

    Bench::SimProcess sim;
    QString error;
    if (!sim.start({u"--devices"_s, QString::number(config.devices), u"--rate-per-minute"_s,
                       u"100000"_s, u"--rate-per-hour"_s, u"1000000"_s},
            &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    std::fprintf(stderr, "mde-bench: %d devices, simulator at %s\n", config.devices,
        qPrintable(sim.url().toString()));

    QList<BenchFigure> figures;
    double pythonListMs = 0;
    const QStringList parts = parser.value(only).split(u',', Qt::SkipEmptyParts);
    const auto wanted
        = [&](const QString &part) { return parts.isEmpty() || parts.contains(part); };
    if (wanted(u"parse"_s) || wanted(u"models"_s))
        figures += benchParse(sim, config, &pythonListMs);
    if (wanted(u"models"_s))
        figures += benchModels(sim, config, pythonListMs);
    if (wanted(u"startup"_s))
        figures += benchStartup(config);
    if (wanted(u"bulk"_s))
        figures += benchBulk(config);

    QJsonObject object;
    bool complete = true;
    std::printf("%-30s %12s  %-8s %s\n", "key", "value", "target", "note");
    for (const BenchFigure &f : std::as_const(figures)) {
        std::printf("%-30s %12.3f  %-8s %s\n", qPrintable(f.key), f.value, qPrintable(f.target),
            qPrintable(f.note));
        object.insert(f.key, f.value);
        if (f.value < 0)
            complete = false;
    }
    object.insert(u"devices"_s, config.devices);
    object.insert(u"machine"_s,
        u"%1, %2 cores"_s.arg(QSysInfo::prettyProductName()).arg(QThread::idealThreadCount()));
    if (parser.isSet(json)) {
        QFile file(parser.value(json));
        if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(object).toJson()) < 0) {
            std::fprintf(stderr, "cannot write %s\n", qPrintable(file.fileName()));
            return 1;
        }
    }
    if (parser.isSet(checkKeys)) {
        const QStringList keys = {u"parse_mb_per_s"_s, u"parse_ratio_vs_python"_s,
            u"first_rows_ms"_s, u"list_ratio_vs_python"_s, u"filter_median_ms"_s,
            u"filter_p95_ms"_s, u"filter_ratio_vs_stock_proxy"_s, u"sort_max_ms"_s,
            u"bytes_per_device"_s, u"max_gui_stall_ms"_s, u"startup_ratio_vs_minimal"_s,
            u"bulk_quota_utilisation"_s, u"bulk_429_count"_s};
        for (const QString &key : keys) {
            if (!object.contains(key)) {
                std::fprintf(stderr, "missing figure %s\n", qPrintable(key));
                complete = false;
            }
        }
        if (!complete) {
            std::fprintf(stderr, "some figures could not be measured\n");
            return 1;
        }
    }
    return 0;
}
