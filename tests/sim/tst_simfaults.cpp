// SPDX-License-Identifier: MIT
// Injected faults (in-process and through /admin), the request log and its redaction.
#include "tst_simhttp.h"

#include <QJsonArray>
#include <QTcpSocket>

using namespace Qt::StringLiterals;

class TestSimFaults final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void resetBefore();
    void resetAfterOffboard();
    void truncated();
    void malformed();
    void htmlError();
    void stall();
    void redirectToHttp();
    void latency();
    void errorRatio();
    void faultJsonRoundTrip();
    void adminInterface();
    void logRedactsSecrets();

private:
    FaultSpec fault(const QString &endpoint, int FaultSpec::*counter, int n = 1)
    {
        FaultSpec f;
        f.endpoint = endpoint;
        f.*counter = n;
        return f;
    }
    // A Windows 11 device without a seeded offboard.
    QString windows11() const
    {
        const QByteArray seeded = m_http->get(u"/api/machineactions"_s).body;
        for (int i = 0; i < m_sim->deviceCount(); ++i) {
            const QString id = m_sim->machineJson(i)[u"id"_s].toString();
            if (m_sim->machineJson(i)[u"osPlatform"_s] == u"Windows11"_s
                && !seeded.contains(id.toUtf8()))
                return id;
        }
        return {};
    }
    std::unique_ptr<Simulator> m_sim;
    std::unique_ptr<SimHttp> m_http;
};

void TestSimFaults::init()
{
    SimulatorOptions options;
    options.devices = 50;
    options.logRequests = false;
    options.osPolicy = u"2026"_s;
    m_sim = std::make_unique<Simulator>(options);
    QVERIFY(m_sim->listen());
    m_http = std::make_unique<SimHttp>(m_sim->baseUrl());
    m_http->setToken(m_sim->issueAppToken({u"Machine.Read.All"_s, u"Machine.Offboard"_s}));
}

void TestSimFaults::resetBefore()
{
    // QNAM (6.4) silently resends an idempotent request once after a reset: two resets surface.
    m_sim->addFault(fault(u"machines"_s, &FaultSpec::resetBefore, 2));
    const SimReply reply = m_http->get(u"/api/machines?$top=1"_s);
    QVERIFY(reply.finished);
    QCOMPARE(reply.status, 0);
    QCOMPARE(reply.error, QNetworkReply::RemoteHostClosedError);
    const auto log = m_sim->requestLog();
    QVERIFY(!log.isEmpty());
    for (const auto &entry : log) {
        QCOMPARE(entry.status, 0);
        QCOMPARE(entry.endpoint, u"machines"_s);
    }
    m_sim->clearFaults();
    QCOMPARE(m_http->get(u"/api/machines?$top=1"_s).status, 200);
}

void TestSimFaults::resetAfterOffboard()
{
    m_sim->addFault(fault(u"offboard"_s, &FaultSpec::resetAfterOffboard));
    const QString id = windows11();
    const QString path = u"/api/machines/%1/offboard"_s.arg(id);
    // A raw socket shows the wire: the offboard is accepted, then the connection drops unanswered.
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_sim->port());
    QVERIFY(socket.waitForConnected(10000));
    const QByteArray body = commentBody();
    socket.write("POST " + path.toUtf8() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
        + m_sim->issueAppToken({u"Machine.Offboard"_s}).toUtf8()
        + "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size())
        + "\r\n\r\n" + body);
    QSignalSpy closed(&socket, &QTcpSocket::disconnected);
    QVERIFY(closed.wait(10000));
    QCOMPARE(socket.readAll(), QByteArray());
    QCOMPARE(m_sim->offboardRequestCount(id), 1);
    const SimReply actions
        = m_http->get(u"/api/machineactions?$filter=machineId eq '%1'"_s.arg(id));
    QCOMPARE(actions.json[u"value"_s].toArray().size(), 1);

    // QNAM resends a request whose connection closed before any answer, POST included: the
    // caller then sees ActiveRequestAlreadyExists for an offboard that did go through.
    m_sim->addFault(fault(u"offboard"_s, &FaultSpec::resetAfterOffboard));
    const QString other = windows11();
    m_sim->clearRequestLog();
    const SimReply reply = m_http->post(u"/api/machines/%1/offboard"_s.arg(other), commentBody());
    QCOMPARE(m_sim->offboardRequestCount(other), 1);
    QVERIFY(reply.status == 0 || reply.errorCode() == u"ActiveRequestAlreadyExists"_s);
    QCOMPARE(m_sim->requestLog().first().status, 0);
}

void TestSimFaults::truncated()
{
    m_sim->addFault(fault(u"*"_s, &FaultSpec::truncate));
    // A raw socket shows the wire (QNAM may resend a request whose connection closed before it
    // read the answer, and the second answer is whole): the head promises the whole body, half
    // of it comes, and the connection closes.
    QTcpSocket socket;
    QByteArray received;
    connect(&socket, &QTcpSocket::readyRead, this, [&] { received += socket.readAll(); });
    socket.connectToHost(QHostAddress::LocalHost, m_sim->port());
    QVERIFY(socket.waitForConnected(10000));
    socket.write("GET /api/machines HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
        + m_sim->issueAppToken({u"Machine.Read.All"_s}).toUtf8() + "\r\n\r\n");
    QSignalSpy closed(&socket, &QTcpSocket::disconnected);
    QVERIFY(closed.wait(10000));
    received += socket.readAll();
    const qsizetype headEnd = received.indexOf("\r\n\r\n");
    QVERIFY(headEnd > 0);
    QVERIFY(received.startsWith("HTTP/1.1 200"));
    const QByteArray head = received.left(headEnd).toLower();
    const qsizetype at = head.indexOf("content-length:");
    QVERIFY(at > 0);
    const qsizetype promised
        = head.mid(at + 15, head.indexOf("\r\n", at) - at - 15).trimmed().toLongLong();
    const QByteArray body = received.mid(headEnd + 4);
    QVERIFY(promised > 2);
    QCOMPARE(body.size(), promised / 2);
    QVERIFY(QJsonDocument::fromJson(body).isNull());
    // The fault was used up: the next answer is whole.
    const SimReply whole = m_http->get(u"/api/machines"_s);
    QCOMPARE(whole.status, 200);
    QCOMPARE(whole.error, QNetworkReply::NoError);
    QVERIFY(!QJsonDocument::fromJson(whole.body).isNull());
}

void TestSimFaults::malformed()
{
    m_sim->addFault(fault(u"machines"_s, &FaultSpec::malformed));
    const SimReply reply = m_http->get(u"/api/machines"_s);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.error, QNetworkReply::NoError);
    QJsonParseError error {};
    QJsonDocument::fromJson(reply.body, &error);
    QVERIFY(error.error != QJsonParseError::NoError);
}

void TestSimFaults::htmlError()
{
    m_sim->addFault(fault(u"action"_s, &FaultSpec::htmlError));
    const SimReply reply
        = m_http->get(u"/api/machineactions/00000000-0000-0000-0000-000000000000"_s);
    QCOMPARE(reply.status, 502);
    QVERIFY(reply.header("Content-Type").startsWith("text/html"));
    QVERIFY(reply.body.contains("<html>"));
}

void TestSimFaults::stall()
{
    m_sim->addFault(fault(u"machines"_s, &FaultSpec::stall));
    const SimReply reply = m_http->send("GET", u"/api/machines"_s, {}, 300);
    QVERIFY(reply.finished);
    QCOMPARE(reply.status, 0);
    QCOMPARE(reply.error, QNetworkReply::OperationCanceledError); // the transfer timeout
    QCOMPARE(m_sim->requestLog().last().status, 0);
}

void TestSimFaults::redirectToHttp()
{
    m_sim->addFault(fault(u"machines"_s, &FaultSpec::redirectToHttp));
    const SimReply reply = m_http->get(u"/api/machines?$top=3"_s);
    QCOMPARE(reply.status, 307);
    const QUrl target(QString::fromUtf8(reply.header("Location")));
    QCOMPARE(target.scheme(), u"http"_s);
    QCOMPARE(target.host(), u"127.0.0.1"_s);
    QVERIFY(target.port() != m_sim->port());
    QCOMPARE(target.path(), u"/api/machines"_s);
    QCOMPARE(target.query(), u"$top=3"_s);
}

void TestSimFaults::latency()
{
    FaultSpec slow;
    slow.endpoint = u"machine"_s;
    slow.latencyMs = 200;
    m_sim->addFault(slow);
    const SimReply reply
        = m_http->get(u"/api/machines/"_s + m_sim->machineJson(1)[u"id"_s].toString());
    QCOMPARE(reply.status, 200);
    QVERIFY(m_sim->requestLog().last().elapsedMs >= 200); // answered, but not before the delay
}

void TestSimFaults::errorRatio()
{
    FaultSpec flaky;
    flaky.endpoint = u"machines"_s;
    flaky.errorRatio = 0.5;
    flaky.errorStatus = 503;
    const auto run = [&flaky](QList<int> *statuses) {
        SimulatorOptions options;
        options.devices = 5;
        options.logRequests = false;
        options.seed = 77;
        Simulator sim(options);
        QVERIFY(sim.listen());
        sim.addFault(flaky);
        SimHttp http(sim.baseUrl());
        http.setToken(sim.issueAppToken({u"Machine.Read.All"_s}));
        for (int i = 0; i < 20; ++i)
            statuses->append(http.get(u"/api/machines"_s).status);
    };
    QList<int> first, second;
    run(&first);
    run(&second);
    QCOMPARE(first, second); // the same seed gives the same sequence
    QVERIFY(first.contains(503) && first.contains(200));
    flaky.errorRatio = 1.0;
    m_sim->addFault(flaky);
    QCOMPARE(m_http->get(u"/api/machines"_s).status, 503);
}

void TestSimFaults::faultJsonRoundTrip()
{
    FaultSpec f = fault(u"cancel"_s, &FaultSpec::stall, 2);
    f.latencyMs = 15;
    f.errorRatio = 0.25;
    f.redirectToHttp = 1;
    const FaultSpec back = FaultSpec::fromJson(f.toJson());
    QCOMPARE(back.toJson(), f.toJson());
    QCOMPARE(FaultSpec::fromJson({}).endpoint, u"*"_s);
}

void TestSimFaults::adminInterface()
{
    SimHttp admin(m_sim->baseUrl()); // no token: admin is guarded by the loopback peer only
    const QByteArray spec
        = R"([{"endpoint":"machines","htmlError":1},{"endpoint":"token","stall":1}])";
    const SimReply set = admin.post(u"/admin/faults"_s, spec);
    QCOMPARE(set.status, 200);
    QCOMPARE(set.json[u"faults"_s].toArray().size(), 2);
    QCOMPARE(m_http->get(u"/api/machines"_s).status, 502);
    QCOMPARE(admin.send("DELETE", u"/admin/faults"_s).json[u"faults"_s].toArray().size(), 0);
    QCOMPARE(m_http->get(u"/api/machines?$top=1"_s).status, 200);

    const SimReply requests = admin.get(u"/admin/requests"_s);
    const QJsonArray entries = requests.json[u"requests"_s].toArray();
    QCOMPARE(entries.size(), 2); // admin calls are not part of the log
    QCOMPARE(entries.last()[u"path"_s].toString(), u"/api/machines?$top=1"_s);
    QCOMPARE(entries.last()[u"status"_s].toInt(), 200);

    QCOMPARE(admin.post(u"/admin/clock"_s, "{}").status, 400);
    QCOMPARE(admin.post(u"/admin/clock"_s, R"({"advanceMs":7200000})").status, 200);
    QCOMPARE(m_http->get(u"/api/machines?$top=1"_s).status, 401); // the token expired
    QCOMPARE(admin.post(u"/admin/faults"_s, "nope").status, 400);
}

void TestSimFaults::logRedactsSecrets()
{
    SimHttp http(m_sim->baseUrl());
    const QString path = u"/%1/oauth2/v2.0/token?code=SECRETCODE&client_secret=SECRETVALUE&x=1"_s;
    http.send("POST", path.arg(m_sim->options().tenant), "grant_type=x");
    const RequestLogEntry entry = m_sim->requestLog().last();
    QCOMPARE(entry.endpoint, u"token"_s);
    QVERIFY2(!entry.path.contains(u"SECRET"_s), qPrintable(entry.path));
    QVERIFY(entry.path.contains(u"x=1"_s));
}

QTEST_GUILESS_MAIN(TestSimFaults)
#include "tst_simfaults.moc"
