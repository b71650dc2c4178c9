// SPDX-License-Identifier: MIT
// Machine actions in the simulator: the lifecycle on its clock, time-outs, cancel, queries.
#include "simuserfixture.h"

#include <QJsonArray>
#include <QUuid>

using namespace Qt::StringLiterals;

class TestSimActions final : public QObject, private SimUserFixture
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void lifecycle();
    void silentDeviceTimesOut();
    void cancel();
    void actionQueries();
};

void TestSimActions::init()
{
    startUserSim();
}

void TestSimActions::lifecycle()
{
    const QString id = windows11();
    const SimReply created = m_http->post(offboardUrl(id), commentBody());
    const QString path = u"/api/machineactions/"_s + created.json.value(u"id"_s).toString();
    const auto status = [&] { return m_http->get(path).json.value(u"status"_s).toString(); };
    QCOMPARE(status(), u"Pending"_s);
    m_sim->advanceClock(pendingMs);
    QCOMPARE(status(), u"InProgress"_s);
    m_sim->advanceClock(inProgressMs);
    const SimReply done = m_http->get(path);
    QCOMPARE(done.json.value(u"status"_s).toString(), u"Succeeded"_s);
    QVERIFY(done.json.value(u"lastUpdateDateTimeUtc"_s).toString()
        > created.json.value(u"lastUpdateDateTimeUtc"_s).toString());
    // Final: a new offboard is accepted again.
    QCOMPARE(m_http->post(offboardUrl(id), commentBody()).status, 200);
}

void TestSimActions::silentDeviceTimesOut()
{
    const QString id = findDevice(*m_sim, [this](const QJsonObject &m, int i) {
        return m_sim->neverChecksIn(i) && platformOf(m) == u"Windows11"_s;
    });
    if (id.isEmpty())
        QSKIP("no silent Windows 11 device in this tenant");
    const SimReply created = m_http->post(offboardUrl(id), commentBody());
    QCOMPARE(created.status, 200);
    const QString path = u"/api/machineactions/"_s + created.json.value(u"id"_s).toString();
    m_sim->advanceClock(pendingMs + inProgressMs);
    QCOMPARE(m_http->get(path).json.value(u"status"_s).toString(), u"Pending"_s);
    m_sim->advanceClock(timeoutMs);
    m_http->setToken(m_sim->issueAppToken({u"Machine.Read.All"_s})); // the old one expired
    QCOMPARE(m_http->get(path).json.value(u"status"_s).toString(), u"TimeOut"_s);
}

void TestSimActions::cancel()
{
    const SimReply created = m_http->post(offboardUrl(windows11()), commentBody());
    const QString cancelPath
        = u"/api/machineactions/%1/cancel"_s.arg(created.json.value(u"id"_s).toString());
    QCOMPARE(m_http->post(cancelPath, "{}").errorCode(), u"MissingRequiredParameter"_s);
    const SimReply cancelled = m_http->post(cancelPath, commentBody("Wrong device"));
    QCOMPARE(cancelled.status, 200);
    QCOMPARE(cancelled.json.value(u"status"_s).toString(), u"Cancelled"_s);
    QCOMPARE(cancelled.json.value(u"cancellationComment"_s).toString(), u"Wrong device"_s);
    QCOMPARE(cancelled.json.value(u"cancellationRequestor"_s).toString(), m_sim->options().userUpn);
    QVERIFY(!cancelled.json.value(u"cancellationDateTimeUtc"_s).toString().isEmpty());
    // Final actions cannot be cancelled; the lifecycle no longer moves it.
    const SimReply again = m_http->post(cancelPath, commentBody());
    QCOMPARE(again.status, 400);
    QCOMPARE(again.errorCode(), u"BadRequest"_s);
    m_sim->advanceClock(pendingMs + inProgressMs);
    QCOMPARE(m_http->get(cancelPath.chopped(7)).json.value(u"status"_s).toString(), u"Cancelled"_s);
    const QString unknown = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QCOMPARE(
        m_http->post(u"/api/machineactions/%1/cancel"_s.arg(unknown), commentBody()).status, 404);
    QCOMPARE(m_http->post(u"/api/machineactions/not-a-guid/cancel"_s, commentBody()).status, 404);
    QCOMPARE(m_http->get(u"/api/machineactions/"_s + unknown).errorCode(), u"ResourceNotFound"_s);
}

void TestSimActions::actionQueries()
{
    const SimReply seeded = m_http->get(u"/api/machineactions?$count=true"_s);
    QCOMPARE(seeded.status, 200);
    const int before = seeded.json.value(u"@odata.count"_s).toInt();
    QCOMPARE(seeded.json.value(u"value"_s).toArray().size(), before);
    const QString id = windows11();
    const SimReply created = m_http->post(offboardUrl(id), commentBody());
    const SimReply all = m_http->get(u"/api/machineactions"_s);
    QCOMPARE(all.json.value(u"value"_s).toArray().size(), before + 1);
    QCOMPARE(all.json[u"value"_s][0][u"id"_s], created.json.value(u"id"_s)); // newest first
    const SimReply mine = m_http->get(u"/api/machineactions?$filter=machineId eq '%1'"_s.arg(id));
    QCOMPARE(mine.json.value(u"value"_s).toArray().size(), 1);
    QCOMPARE(mine.json[u"value"_s][0][u"machineId"_s].toString(), id);
    const SimReply top = m_http->get(u"/api/machineactions?$top=1"_s);
    QCOMPARE(top.json.value(u"value"_s).toArray().size(), 1);
    QVERIFY(!top.json.contains(u"@odata.nextLink"_s));
}

QTEST_GUILESS_MAIN(TestSimActions)
#include "tst_simactions.moc"
