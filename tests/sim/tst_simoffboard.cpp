// SPDX-License-Identifier: MIT
// Offboarding through the simulator: request errors, OS policy, the accepted action.
#include "simuserfixture.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QUuid>

using namespace Qt::StringLiterals;

class TestSimOffboard final : public QObject, private SimUserFixture
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void requestErrors_data();
    void requestErrors();
    void osPolicy_data();
    void osPolicy();
    void acceptedAndActive();
    void createdStatus();
};

void TestSimOffboard::init()
{
    startUserSim();
}

void TestSimOffboard::requestErrors_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("knownDevice");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::newRow("not json") << QByteArray("Comment=x") << true << 400 << u"InvalidRequestBody"_s;
    QTest::newRow("array") << QByteArray("[]") << true << 400 << u"InvalidRequestBody"_s;
    QTest::newRow("no comment") << QByteArray("{}") << true << 400 << u"MissingRequiredParameter"_s;
    QTest::newRow("lower case") << QByteArray(R"({"comment":"x"})") << true << 400
                                << u"MissingRequiredParameter"_s;
    QTest::newRow("empty") << QByteArray(R"({"Comment":""})") << true << 400
                           << u"MissingRequiredParameter"_s;
    QTest::newRow("unknown device") << commentBody() << false << 404 << u"ResourceNotFound"_s;
}

void TestSimOffboard::requestErrors()
{
    QFETCH(QByteArray, body);
    QFETCH(bool, knownDevice);
    QFETCH(int, status);
    QFETCH(QString, code);
    const QString id = knownDevice ? windows11() : QString(40, u'a');
    const SimReply reply = m_http->post(offboardUrl(id), body);
    QCOMPARE(reply.status, status);
    QCOMPARE(reply.errorCode(), code);
    if (code == u"MissingRequiredParameter"_s)
        QCOMPARE(
            reply.json[u"error"_s][u"message"_s].toString(), u"Parameter Comment is missing."_s);
    QCOMPARE(m_sim->offboardRequestCount(), 0);
}

void TestSimOffboard::osPolicy_data()
{
    QTest::addColumn<QString>("policy");
    QTest::addColumn<QString>("platform");
    QTest::addColumn<QString>("version"); // empty: any
    QTest::addColumn<bool>("allowed");
    QTest::newRow("2024 win10 1607") << u"2024"_s << u"Windows10"_s << u"1607"_s << false;
    QTest::newRow("2024 win10 22H2") << u"2024"_s << u"Windows10"_s << u"22H2"_s << true;
    QTest::newRow("2024 server 2016") << u"2024"_s << u"WindowsServer2016"_s << QString() << true;
    QTest::newRow("2024 server 2022") << u"2024"_s << u"WindowsServer2022"_s << QString() << true;
    QTest::newRow("2024 macOS") << u"2024"_s << u"macOS"_s << QString() << false;
    QTest::newRow("2024 Linux") << u"2024"_s << u"Linux"_s << QString() << false;
    QTest::newRow("2024 iOS") << u"2024"_s << u"iOS"_s << QString() << false;
    QTest::newRow("2026 Linux") << u"2026"_s << u"Linux"_s << QString() << true;
    QTest::newRow("2026 Android") << u"2026"_s << u"Android"_s << QString() << false;
    QTest::newRow("2026 win10 1607") << u"2026"_s << u"Windows10"_s << u"1607"_s << false;
}

void TestSimOffboard::osPolicy()
{
    QFETCH(QString, policy);
    QFETCH(QString, platform);
    QFETCH(QString, version);
    QFETCH(bool, allowed);
    auto sim = startSim(policy);
    QVERIFY(sim);
    const QString id = findDevice(*sim, [&](const QJsonObject &m, int) {
        return platformOf(m) == platform
            && (version.isEmpty() || m.value(u"version"_s).toString() == version);
    });
    if (id.isEmpty())
        QSKIP("the seeded tenant has no such device");
    SimHttp http(sim->baseUrl());
    http.setToken(sim->issueAppToken({u"Machine.Read.All"_s, u"Machine.Offboard"_s}));
    const SimReply reply = http.post(offboardUrl(id), commentBody());
    if (reply.errorCode() == u"ActiveRequestAlreadyExists"_s)
        QSKIP("the first such device already has a seeded offboard");
    QCOMPARE(reply.status, allowed ? 200 : 400);
    if (!allowed)
        QCOMPARE(reply.errorCode(), u"OsPlatformNotSupported"_s);
    QCOMPARE(sim->offboardRequestCount(id), allowed ? 1 : 0);
}

void TestSimOffboard::acceptedAndActive()
{
    const QString id = windows11();
    const SimReply reply = m_http->post(offboardUrl(id), commentBody("Stolen laptop"));
    QCOMPARE(reply.status, 200);
    const QJsonObject &a = reply.json;
    QVERIFY(a.value(u"@odata.context"_s).toString().endsWith(u"MachineActions/$entity"_s));
    QVERIFY(!QUuid::fromString(a.value(u"id"_s).toString()).isNull());
    QCOMPARE(a.value(u"type"_s).toString(), u"Offboard"_s);
    QCOMPARE(a.value(u"status"_s).toString(), u"Pending"_s);
    QCOMPARE(a.value(u"machineId"_s).toString(), id);
    QCOMPARE(a.value(u"requestor"_s).toString(), m_sim->options().userUpn);
    QCOMPARE(a.value(u"requestorComment"_s).toString(), u"Stolen laptop"_s);
    QCOMPARE(a.value(u"requestSource"_s).toString(), u"PublicApi"_s);
    QVERIFY(!a.value(u"computerDnsName"_s).toString().isEmpty());
    const QRegularExpression stamp(u"^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{7}Z$"_s);
    QVERIFY(stamp.match(a.value(u"creationDateTimeUtc"_s).toString()).hasMatch());
    QVERIFY(stamp.match(a.value(u"lastUpdateDateTimeUtc"_s).toString()).hasMatch());
    const QStringList keys = {u"cancellationRequestor"_s, u"cancellationComment"_s,
        u"errorHResult"_s, u"scope"_s, u"externalId"_s, u"commands"_s, u"title"_s};
    for (const QString &key : keys)
        QVERIFY2(a.contains(key), qPrintable(key));

    const SimReply again = m_http->post(offboardUrl(id), commentBody());
    QCOMPARE(again.status, 400);
    QCOMPARE(again.errorCode(), u"ActiveRequestAlreadyExists"_s);
    QCOMPARE(again.json[u"error"_s][u"message"_s].toString(), u"Action is already in progress"_s);
    QCOMPARE(m_sim->offboardRequestCount(id), 1);
    QCOMPARE(m_sim->offboardRequestCount(), 1);

    // An app token is the requestor by its app id.
    SimHttp app(m_sim->baseUrl());
    app.setToken(m_sim->issueAppToken({u"Machine.Offboard"_s}));
    const QString other = findDevice(*m_sim, [id](const QJsonObject &m, int) {
        return platformOf(m) == u"Windows11"_s && m.value(u"id"_s).toString() != id;
    });
    const SimReply byApp = app.post(offboardUrl(other), commentBody());
    QCOMPARE(byApp.json.value(u"requestor"_s).toString(), m_sim->options().appClientId);
}

void TestSimOffboard::createdStatus()
{
    auto sim = startSim(u"2024"_s, 201);
    QVERIFY(sim);
    SimHttp http(sim->baseUrl());
    http.setToken(sim->issueAppToken({u"Machine.Offboard"_s}));
    const QString id = findDevice(
        *sim, [](const QJsonObject &m, int) { return platformOf(m) == u"Windows11"_s; });
    const SimReply reply = http.post(offboardUrl(id), commentBody());
    QCOMPARE(reply.status, 201);
    QCOMPARE(reply.json.value(u"status"_s).toString(), u"Pending"_s);
}

QTEST_GUILESS_MAIN(TestSimOffboard)
#include "tst_simoffboard.moc"
