// SPDX-License-Identifier: MIT
#include "simclientfixture.h"
#include "testsupport.h"

#include <QJsonDocument>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QSignalSpy>

using namespace Qt::StringLiterals;

QStringList SimClientFixture::allRoles()
{
    return {u"Machine.Read.All"_s, u"Machine.Offboard"_s};
}

RateBudget::Limits SimClientFixture::limitsOf(const SimulatorOptions &options)
{
    RateBudget::Limits limits;
    limits.perMinute = options.perMinute;
    limits.perHour = options.perHour;
    limits.minuteWindowMs = options.minuteWindowMs;
    limits.hourWindowMs = options.hourWindowMs;
    return limits;
}

bool SimClientFixture::start(
    SimulatorOptions options, const QStringList &roles, const RateBudget::Limits &limits)
{
    sim = startLoopbackSimulator(options);
    if (!sim)
        return false;
    QString error;
    network = std::make_unique<QNetworkAccessManager>();
    network->setProxy(QNetworkProxy::NoProxy);
    tokens = std::make_unique<StaticTokenProvider>(sim->issueAppToken(roles));
    client = std::make_unique<DefenderClient>(network.get(), tokens.get());
    budget = std::make_unique<RateBudget>(limits);
    if (!client->setApiBase(sim->baseUrl(), &error)) {
        qWarning("client: %s", qPrintable(error));
        return false;
    }
    return true;
}

bool SimClientFixture::readPendingOffboards()
{
    ActionListCall *call = nullptr;
    const auto ask = [&] {
        ActionQuery query;
        query.filter = u"type eq 'Offboard'"_s;
        call = client->machineActions(query);
    };
    if (client->rateBudget())
        ask();
    else
        budget->acquire(RateEndpoint::Actions, RateBudget::Priority::Refresh, nullptr, ask);
    if (!call)
        return false;
    const std::unique_ptr<ActionListCall> owned(call);
    QSignalSpy done(call, &ApiCall::finished);
    if (!done.wait(10000) || !call->isOk()) {
        qWarning("seeded actions: %s", qPrintable(call->error().displayText()));
        return false;
    }
    for (const MachineAction &action : call->actions()) {
        if (!isFinal(action.status))
            pendingOffboards.insert(action.machineId.toLower());
    }
    sim->clearRequestLog();
    return true;
}

void SimClientFixture::reset()
{
    client.reset();
    budget.reset();
    tokens.reset();
    network.reset();
    sim.reset();
    pendingOffboards.clear();
}

QList<OffboardTarget> SimClientFixture::eligibleTargets(int n) const
{
    QList<OffboardTarget> out;
    for (int i = 0; i < sim->deviceCount() && out.size() < n; ++i) {
        const QJsonObject m = sim->machineJson(i);
        const QString platform = m.value(u"osPlatform"_s).toString();
        const QString id = m.value(u"id"_s).toString();
        if ((platform == u"Windows11"_s || platform == u"WindowsServer2019"_s
                || platform == u"WindowsServer2022"_s)
            && m.value(u"healthStatus"_s).toString() == u"Active"_s
            && !(skipSilentDevices && sim->neverChecksIn(i))
            && !pendingOffboards.contains(id.toLower()))
            out.append({id, m.value(u"computerDnsName"_s).toString()});
    }
    return out;
}

int SimClientFixture::requests(const QString &endpoint, int status) const
{
    int count = 0;
    for (const RequestLogEntry &e : sim->requestLog())
        count += e.endpoint == endpoint && (status < 0 || e.status == status) ? 1 : 0;
    return count;
}

std::unique_ptr<BulkOffboard> SimClientFixture::quickBatch(AuditLog *audit) const
{
    auto batch = std::make_unique<BulkOffboard>(client.get(), budget.get(), audit);
    BulkOffboard::Options options;
    options.unknownChecks = 2;
    options.firstCheckDelayMs = 50;
    batch->setOptions(options);
    return batch;
}

namespace {
QByteArray http(const QUrl &url, const QByteArray &verb, const QByteArray &body = {})
{
    QNetworkAccessManager network;
    network.setProxy(QNetworkProxy::NoProxy);
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    const std::unique_ptr<QNetworkReply> reply(network.sendCustomRequest(request, verb, body));
    QSignalSpy done(reply.get(), &QNetworkReply::finished);
    if (!reply->isFinished())
        done.wait(10000);
    return reply->readAll();
}
} // namespace

SimProcess::~SimProcess()
{
    stop();
}

bool SimProcess::start(const QStringList &extra)
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
    if (!line.startsWith(prefix)) {
        qWarning("mde-sim said: %s", qPrintable(line));
        return false;
    }
    m_url = QUrl(line.mid(prefix.size()));
    return m_url.isValid() && m_url.port() > 0;
}

void SimProcess::stop()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.terminate();
        if (!m_process.waitForFinished(5000))
            m_process.kill();
        m_process.waitForFinished(5000);
    }
}

QJsonArray SimProcess::requests() const
{
    QUrl url = m_url;
    url.setPath(u"/admin/requests"_s);
    return QJsonDocument::fromJson(http(url, "GET")).object().value(u"requests"_s).toArray();
}

void SimProcess::clearRequests() const
{
    QUrl url = m_url;
    url.setPath(u"/admin/requests"_s);
    http(url, "DELETE");
}

void SimProcess::addFault(const QJsonObject &fault) const
{
    QUrl url = m_url;
    url.setPath(u"/admin/faults"_s);
    http(url, "POST", QJsonDocument(fault).toJson(QJsonDocument::Compact));
}

int SimProcess::countRequests(const QString &method, const QString &pathPart) const
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
