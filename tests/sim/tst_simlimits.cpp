// SPDX-License-Identifier: MIT
// Per-endpoint rate windows and 429 answers with Retry-After.
#include "tst_simhttp.h"

using namespace Qt::StringLiterals;

class TestSimLimits final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void minuteWindow();
    void hourWindow();
    void endpointsAreSeparate();
    void identityIsNotLimited();
    void tooManyBurstFault();

private:
    int retryAfter(const SimReply &reply) const { return reply.header("Retry-After").toInt(); }
    std::unique_ptr<Simulator> m_sim;
    std::unique_ptr<SimHttp> m_http;
};

void TestSimLimits::init()
{
    SimulatorOptions options;
    options.devices = 30;
    options.logRequests = false;
    options.perMinute = 3;
    options.minuteWindowMs = 60000;
    options.perHour = 5;
    options.hourWindowMs = 600000;
    m_sim = std::make_unique<Simulator>(options);
    QVERIFY(m_sim->listen());
    m_http = std::make_unique<SimHttp>(m_sim->baseUrl());
    m_http->setToken(m_sim->issueAppToken({u"Machine.Read.All"_s}));
}

void TestSimLimits::minuteWindow()
{
    for (int i = 0; i < 3; ++i)
        QCOMPARE(m_http->get(u"/api/machines?$top=1"_s).status, 200);
    const SimReply limited = m_http->get(u"/api/machines?$top=1"_s);
    QCOMPARE(limited.status, 429);
    QCOMPARE(limited.errorCode(), u"TooManyRequests"_s);
    QVERIFY2(retryAfter(limited) >= 1 && retryAfter(limited) <= 60, limited.header("Retry-After"));
    // Resubmitting sooner keeps getting 429 and does not use up the window.
    QCOMPARE(m_http->get(u"/api/machines?$top=1"_s).status, 429);
    m_sim->advanceClock(60000);
    QCOMPARE(m_http->get(u"/api/machines?$top=1"_s).status, 200);
}

void TestSimLimits::hourWindow()
{
    for (int i = 0; i < 5; ++i) {
        QCOMPARE(m_http->get(u"/api/machines?$top=1"_s).status, 200);
        if (i == 2)
            m_sim->advanceClock(60000); // free the minute window
    }
    const SimReply limited = m_http->get(u"/api/machines?$top=1"_s);
    QCOMPARE(limited.status, 429);
    // The hour window decides: the wait is far longer than a minute.
    QVERIFY2(retryAfter(limited) > 60 && retryAfter(limited) <= 600, limited.header("Retry-After"));
    m_sim->advanceClock(qint64(retryAfter(limited)) * 1000);
    QCOMPARE(m_http->get(u"/api/machines?$top=1"_s).status, 200);
}

void TestSimLimits::endpointsAreSeparate()
{
    for (int i = 0; i < 3; ++i)
        QCOMPARE(m_http->get(u"/api/machines?$top=1"_s).status, 200);
    QCOMPARE(m_http->get(u"/api/machines?$top=1"_s).status, 429);
    QCOMPARE(m_http->get(u"/api/machineactions"_s).status, 200);
    const QString id = m_sim->machineJson(0).value(u"id"_s).toString();
    QCOMPARE(m_http->get(u"/api/machines/"_s + id).status, 200);
}

void TestSimLimits::identityIsNotLimited()
{
    const QString path
        = u"/%1/v2.0/.well-known/openid-configuration"_s.arg(m_sim->options().tenant);
    for (int i = 0; i < 8; ++i) {
        const SimReply reply = m_http->get(path);
        QVERIFY(reply.finished);
        QVERIFY(reply.status != 429);
    }
    const QString token = u"/%1/oauth2/v2.0/token"_s.arg(m_sim->options().tenant);
    for (int i = 0; i < 8; ++i)
        QVERIFY(m_http->post(token, "grant_type=client_credentials").status != 429);
}

void TestSimLimits::tooManyBurstFault()
{
    FaultSpec fault;
    fault.endpoint = u"actions"_s;
    fault.tooManyBurst = 2;
    fault.retryAfterSeconds = 7;
    m_sim->addFault(fault);
    for (int i = 0; i < 2; ++i) {
        const SimReply reply = m_http->get(u"/api/machineactions"_s);
        QCOMPARE(reply.status, 429);
        QCOMPARE(retryAfter(reply), 7);
    }
    QCOMPARE(m_http->get(u"/api/machineactions"_s).status, 200);
    QCOMPARE(m_http->get(u"/api/machines?$top=1"_s).status, 200); // another endpoint
}

QTEST_GUILESS_MAIN(TestSimLimits)
#include "tst_simlimits.moc"
