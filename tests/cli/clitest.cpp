// SPDX-License-Identifier: MIT
#include "clitest.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace Qt::StringLiterals;

namespace CliTest {

namespace {
QByteArray http(const QUrl &url, const QByteArray &verb, const QByteArray &body = {})
{
    QNetworkAccessManager network;
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply *reply = network.sendCustomRequest(request, verb, body);
    QSignalSpy done(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        done.wait(10000);
    const QByteArray answer = reply->readAll();
    delete reply;
    return answer;
}
} // namespace

QJsonArray Run::json() const
{
    return QJsonDocument::fromJson(out).array();
}

Sim::~Sim()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.terminate();
        if (!m_process.waitForFinished(5000))
            m_process.kill();
        m_process.waitForFinished(5000);
    }
}

bool Sim::start(const QStringList &extra)
{
    const QString program = qEnvironmentVariable("MDE_SIM_BIN");
    if (program.isEmpty())
        return false;
    m_process.setProgram(program);
    m_process.setArguments(QStringList {u"--port"_s, u"0"_s, u"--quiet"_s} + extra);
    m_process.setProcessChannelMode(QProcess::SeparateChannels);
    m_process.start();
    if (!m_process.waitForStarted(10000))
        return false;
    // The first line names the address: "mde-sim listening on http://127.0.0.1:PORT".
    for (int i = 0; i < 100 && !m_process.canReadLine(); ++i) {
        if (!m_process.waitForReadyRead(1000) && m_process.state() != QProcess::Running)
            return false;
    }
    const QString line = QString::fromUtf8(m_process.readLine()).trimmed();
    const QString prefix = u"mde-sim listening on "_s;
    if (!line.startsWith(prefix))
        return false;
    m_url = QUrl(line.mid(prefix.size()));
    return m_url.isValid() && m_url.port() > 0;
}

QJsonArray Sim::requests() const
{
    QUrl url = m_url;
    url.setPath(u"/admin/requests"_s);
    return QJsonDocument::fromJson(http(url, "GET")).object().value(u"requests"_s).toArray();
}

void Sim::clearRequests() const
{
    QUrl url = m_url;
    url.setPath(u"/admin/requests"_s);
    http(url, "DELETE");
}

void Sim::addFault(const QJsonObject &fault) const
{
    QUrl url = m_url;
    url.setPath(u"/admin/faults"_s);
    http(url, "POST", QJsonDocument(fault).toJson(QJsonDocument::Compact));
}

int Sim::countRequests(const QString &method, const QString &pathPart) const
{
    int count = 0;
    const QJsonArray log = requests();
    for (const auto &entry : log) {
        const QJsonObject o = entry.toObject();
        if (o.value(u"method"_s).toString() == method
            && o.value(u"path"_s).toString().contains(pathPart))
            ++count;
    }
    return count;
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
