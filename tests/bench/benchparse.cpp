// SPDX-License-Identifier: MIT
// parse_mb_per_s, parse_ratio_vs_python (pages parsed into the device table's compact form, as
// the window's listing does on its worker thread), and python3's time to page the whole tenant (the
// baseline of list_ratio_vs_python).
#include "benchsupport.h"
#include "machinebatch.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>

#include <limits>

using namespace Qt::StringLiterals;

namespace {

constexpr int PageSize = 10000;

const char ParseScript[] = R"PY(
import json, os, sys, time
files = sorted(os.path.join(os.environ["PAGES"], f) for f in os.listdir(os.environ["PAGES"]))
blobs = [open(f, "rb").read() for f in files]
best = float("inf")
for _ in range(int(os.environ["REPS"])):
    t = time.perf_counter()
    for b in blobs:
        json.loads(b)
    best = min(best, time.perf_counter() - t)
print(best)
)PY";

const char ListScript[] = R"PY(
import json, os, time, urllib.request
base, token = os.environ["BASE"], os.environ["TOKEN"]
best = float("inf")
for _ in range(int(os.environ["REPS"])):
    t = time.perf_counter()
    skip, rows = 0, 0
    while True:
        req = urllib.request.Request(f"{base}/api/machines?$top=10000&$skip={skip}",
                                     headers={"Authorization": "Bearer " + token})
        page = json.loads(urllib.request.urlopen(req).read())["value"]
        rows += len(page)
        skip += 10000
        if len(page) < 10000:
            break
    best = min(best, time.perf_counter() - t)
print(best)
)PY";

} // namespace

QList<BenchFigure> benchParse(
    Bench::SimProcess &sim, const BenchConfig &config, double *pythonListMs)
{
    QTemporaryDir dir;
    QList<QByteArray> pages;
    qint64 bytes = 0;
    for (int skip = 0; skip < config.devices + PageSize; skip += PageSize) {
        const QByteArray page
            = sim.get(u"/api/machines?$top=%1&$skip=%2"_s.arg(PageSize).arg(skip));
        QFile file(dir.filePath(u"page%1.json"_s.arg(skip / PageSize, 4, 10, QLatin1Char('0'))));
        if (file.open(QIODevice::WriteOnly))
            file.write(page);
        pages.append(page);
        bytes += page.size();
        if (page.count("\"id\":\"") < PageSize)
            break;
    }

    const int reps = config.quick ? 1 : 3;
    double best = std::numeric_limits<double>::max();
    int parsed = 0;
    MachinePageParser parser; // buffers kept from page to page, as a listing keeps them
    for (int r = 0; r < reps; ++r) {
        QElapsedTimer timer;
        timer.start();
        parsed = 0;
        for (const QByteArray &page : std::as_const(pages))
            if (const std::optional<MachineBatch> batch = parser.parse(page))
                parsed += batch->size();
        best = qMin(best, double(timer.nsecsElapsed()) / 1e6);
    }
    QString error;
    const double python
        = Bench::runPython(
              ParseScript, {u"PAGES="_s + dir.path(), u"REPS="_s + QString::number(reps)}, &error)
              .trimmed()
              .toDouble()
        * 1000.0;
    const double pythonList = Bench::runPython(ListScript,
                                  {u"BASE="_s + sim.url().toString(), u"TOKEN="_s + sim.appToken(),
                                      u"REPS="_s + QString::number(config.quick ? 1 : 2)},
                                  &error)
                                  .trimmed()
                                  .toDouble()
        * 1000.0;
    *pythonListMs = pythonList;

    const QString note = u"%1 devices in %2 pages, %3 MB; ours %4 ms, python3 %5 ms"_s.arg(parsed)
                             .arg(pages.size())
                             .arg(double(bytes) / 1e6, 0, 'f', 1)
                             .arg(best, 0, 'f', 1)
                             .arg(python, 0, 'f', 1);
    return {
        {u"parse_mb_per_s"_s, double(bytes) / 1e6 / (best / 1000.0), u"report"_s, note},
        {u"parse_ratio_vs_python"_s, python > 0 ? best / python : -1, u"≤ 0.3"_s, {}},
    };
}
