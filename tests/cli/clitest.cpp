// SPDX-License-Identifier: MIT
#include "clitest.h"

#include <QJsonDocument>
#include <QTcpServer>
#include <QTest>

using namespace Qt::StringLiterals;

namespace CliTest {

QJsonArray Run::json() const
{
    return QJsonDocument::fromJson(out).array();
}

Cli::Cli() = default;

QStringList Cli::globals(const QUrl &sim)
{
    const QString base = sim.toString();
    return {u"--api-url"_s, base, u"--login-url"_s, base, u"--tenant"_s, Tenant, u"--client-id"_s,
        AppClientId};
}

QString Cli::auditPath() const
{
    return dataHome() + u"/mde-offboard/mde-offboard/audit.sqlite"_s;
}

QString Cli::settingsPath() const
{
    return configHome() + u"/mde-offboard/mde-offboard.conf"_s;
}

std::unique_ptr<QProcess> Cli::start(const QStringList &args) const
{
    auto process = std::make_unique<QProcess>();
    prepare(*process, true, Secret);
    process->start(QStringLiteral(MDE_CLI_BIN), args);
    if (process->waitForStarted(10000))
        process->closeWriteChannel();
    return process;
}

void Cli::prepare(QProcess &process, bool withSecret, const QString &secret) const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"XDG_CONFIG_HOME"_s, configHome());
    env.insert(u"XDG_DATA_HOME"_s, dataHome());
    env.remove(u"QT_LOGGING_RULES"_s);
    if (withSecret)
        env.insert(u"MDE_CLIENT_SECRET"_s, secret);
    else
        env.remove(u"MDE_CLIENT_SECRET"_s);
    process.setProcessEnvironment(env);
}

Run Cli::run(const QStringList &args, const QByteArray &stdinData, bool withSecret,
    const QString &secret, bool wrapped) const
{
    QProcess process;
    prepare(process, withSecret, secret);
    if (wrapped)
        process.start(args.value(0), args.mid(1));
    else
        process.start(QStringLiteral(MDE_CLI_BIN), args);
    Run run;
    if (!process.waitForStarted(10000))
        return run;
    if (!stdinData.isEmpty())
        process.write(stdinData);
    process.closeWriteChannel();
    if (!process.waitForFinished(90000)) {
        process.kill();
        process.waitForFinished(5000);
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

quint16 closedPort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        return 0;
    const quint16 port = server.serverPort();
    server.close();
    return port;
}

QJsonArray machines(const Cli &cli, const Sim &sim)
{
    const Run run
        = cli.run(Cli::globals(sim.url()) + QStringList {u"--format"_s, u"json"_s, u"machines"_s});
    return run.exitCode == 0 ? run.json() : QJsonArray();
}

QStringList devicesWithActions(const Cli &cli, const Sim &sim)
{
    const Run run
        = cli.run(Cli::globals(sim.url()) + QStringList {u"--format"_s, u"json"_s, u"actions"_s});
    QStringList ids;
    const QJsonArray actions = run.json();
    for (const auto &value : actions)
        ids.append(value.toObject().value(u"machineId"_s).toString());
    return ids;
}

QStringList tenantOptions(int devices)
{
    return {u"--devices"_s, QString::number(devices), u"--rate-per-minute"_s, u"0"_s,
        u"--pending-ms"_s, u"600000"_s};
}

bool SimTest::startTenant(int devices)
{
    if (!m_sim.start(tenantOptions(devices)))
        return false;
    m_machines = machines(m_cli, m_sim);
    if (m_machines.size() != devices) {
        qWarning("%lld devices listed, %d expected", qlonglong(m_machines.size()), devices);
        return false;
    }
    m_used = devicesWithActions(m_cli, m_sim);
    return true;
}

QStringList deviceIds(
    const QJsonArray &machines, const QString &platform, int count, const QStringList &exclude)
{
    QStringList ids;
    for (const auto &value : machines) {
        const QJsonObject m = value.toObject();
        const QString id = m.value(u"id"_s).toString();
        if (m.value(u"osPlatform"_s).toString() != platform
            || m.value(u"healthStatus"_s).toString() != u"Active"_s
            || m.value(u"onboardingStatus"_s)
                   .toString()
                   .compare(u"Onboarded"_s, Qt::CaseInsensitive)
            || exclude.contains(id))
            continue;
        ids.append(id);
        if (ids.size() == count)
            break;
    }
    return ids;
}

} // namespace CliTest
