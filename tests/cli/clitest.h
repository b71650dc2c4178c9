// SPDX-License-Identifier: MIT
#pragma once

#include "simclientfixture.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

// Drives the real mde-offboard-cli executable against the real mde-sim executable, both as
// child processes: the simulator on a free loopback port, the CLI with a private config and
// data folder and the simulator's app-only secret in MDE_CLIENT_SECRET.
namespace CliTest {

inline const QString Tenant = QStringLiteral("11111111-2222-3333-4444-555555555555");
inline const QString AppClientId = QStringLiteral("aaaaaaaa-bbbb-cccc-dddd-000000000002");
inline const QString Secret = QStringLiteral("sim-secret");

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    QString errText() const { return QString::fromUtf8(err); }
    QJsonArray json() const; // stdout parsed as a JSON array (empty on failure)
};

using Sim = SimProcess;

class Cli
{
public:
    Cli();
    Q_DISABLE_COPY_MOVE(Cli)

    // The global options that point the CLI at the simulator (api, login, tenant, client id).
    static QStringList globals(const QUrl &sim);
    QString dataHome() const { return m_home.path() + QStringLiteral("/data"); }
    QString configHome() const { return m_home.path() + QStringLiteral("/config"); }
    // The window's settings file (QSettings "mde-offboard"/"mde-offboard") of the child.
    QString settingsPath() const;
    QString auditPath() const;

    // Runs the CLI with args; stdinData is written to its standard input (then closed).
    // withSecret=false leaves MDE_CLIENT_SECRET out of its environment. wrapped: args[0] is
    // the program to run (a wrapper such as script(1)) instead of the CLI.
    Run run(const QStringList &args, const QByteArray &stdinData = {}, bool withSecret = true,
        const QString &secret = Secret, bool wrapped = false) const;

    // Starts the CLI without waiting (stdin closed); the caller owns the process.
    std::unique_ptr<QProcess> start(const QStringList &args) const;

private:
    void prepare(QProcess &process, bool withSecret, const QString &secret) const;
    QTemporaryDir m_home;
};

// A loopback port nobody listens on (bound, then released).
quint16 closedPort();
// The options of mde-sim for a tenant of `devices` devices without a rate limit whose actions
// stay Pending (none completes during a test).
QStringList tenantOptions(int devices);

// The base of the end-to-end test classes: the simulator and a CLI with its own folders.
class SimTest : public QObject
{
protected:
    // Starts the simulator with tenantOptions(devices), lists its devices (m_machines) and
    // those with an action (m_used); false on failure.
    bool startTenant(int devices);
    QStringList args(const QStringList &rest) const { return Cli::globals(m_sim.url()) + rest; }

    Sim m_sim;
    Cli m_cli;
    QJsonArray m_machines;
    QStringList m_used; // devices with actions, or already used by a test
};

// Devices of the simulator's tenant as `machines --format json` prints them.
QJsonArray machines(const Cli &cli, const Sim &sim);
// Ids of devices with any machine action (`actions --format json`).
QStringList devicesWithActions(const Cli &cli, const Sim &sim);
// Up to count onboarded, Active devices of the platform that have no action yet.
QStringList deviceIds(const QJsonArray &machines, const QString &platform, int count,
    const QStringList &exclude = {});

} // namespace CliTest
