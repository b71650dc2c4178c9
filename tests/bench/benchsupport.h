// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <memory>

// Pieces the benchmarks share: a simulator in its own process (so its work does not land on our
// event loop), a token for it, blocking HTTP helpers and statistics.
namespace Bench {

class SimProcess final
{
public:
    SimProcess() = default;
    ~SimProcess();
    bool start(const QStringList &arguments, QString *error);
    QUrl url() const { return m_url; }
    QString appToken(); // client credentials with the simulator's demo app
    QJsonObject getJson(const QString &pathAndQuery);
    QByteArray get(const QString &pathAndQuery, int *status = nullptr);

private:
    std::unique_ptr<QProcess> m_process;
    QUrl m_url;
    QString m_token;
};

constexpr auto Tenant = "11111111-2222-3333-4444-555555555555";
constexpr auto AppClientId = "aaaaaaaa-bbbb-cccc-dddd-000000000002";
constexpr auto AppSecret = "sim-secret"; // the simulator's demo secret, not anyone's

double median(QList<double> values);
double percentile(QList<double> values, double p);
qint64 residentBytes();
// Runs python3 with a script on stdin and the given environment additions; returns its stdout.
QByteArray runPython(const QByteArray &script, const QStringList &environment, QString *error);

} // namespace Bench

// One figure of the table: a key, a value and the target, for printing and for JSON.
struct BenchFigure
{
    QString key;
    double value = 0;
    QString target; // "≤ 0.3", "report", …
    QString note;
};

struct BenchConfig
{
    int devices = 100000;
    int bulkDevices = 60;
    bool quick = false;
};

// Parsing of the raw pages against python3's json.loads; also times python3 paging the simulator
// (*pythonListMs) for the listing ratio.
QList<BenchFigure> benchParse(
    Bench::SimProcess &sim, const BenchConfig &config, double *pythonListMs);
// Listing into the table model through the client, then filtering and sorting it.
QList<BenchFigure> benchModels(
    Bench::SimProcess &sim, const BenchConfig &config, double pythonListMs);
QList<BenchFigure> benchBulk(const BenchConfig &config);
QList<BenchFigure> benchStartup(const BenchConfig &config);
