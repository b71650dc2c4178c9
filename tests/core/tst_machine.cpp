// SPDX-License-Identifier: MIT
#include "machine.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
// Contract section 3, verbatim.
const QByteArray RecordedMachine
    = R"json({"id":"556b3952acb0bff29816d267822305781cc183ec","mergedIntoMachineId":null,
 "isPotentialDuplication":false,"isExcluded":false,"exclusionReason":null,
 "computerDnsName":"se-pov-desktop","firstSeen":"2023-04-19T13:27:53.1618923Z",
 "lastSeen":"2023-05-04T17:40:05.684607Z","osPlatform":"Windows10","osVersion":null,
 "osProcessor":"x64","version":"21H2","lastIpAddress":"172.20.10.4",
 "lastExternalIpAddress":"174.209.205.235","agentVersion":"10.8470.19041.2788","osBuild":19044,
 "healthStatus":"Active","deviceValue":"Normal","rbacGroupId":0,"rbacGroupName":null,
 "riskScore":"Medium","exposureLevel":"High","isAadJoined":true,"aadDeviceId":null,
 "machineTags":[],"defenderAvStatus":"Updated","onboardingStatus":"Onboarded",
 "osArchitecture":"64-bit","managedBy":"Intune","managedByStatus":"Unknown",
 "ipAddresses":[{"ipAddress":"172.20.10.4","macAddress":"000C2992A64D","type":"Ethernet","operationalStatus":"Up"},
                {"ipAddress":"127.0.0.1","macAddress":null,"type":"SoftwareLoopback","operationalStatus":"Up"}],
 "vmMetadata":null})json";

QJsonObject object(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

QDateTime utc(int y, int mo, int d, int h, int mi, int s, int ms)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s, ms), Qt::UTC);
}
} // namespace

class TestMachine : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void recordedExample()
    {
        QString error;
        const auto m = parseMachine(object(RecordedMachine), &error);
        QVERIFY2(m, qPrintable(error));
        QCOMPARE(m->id, u"556b3952acb0bff29816d267822305781cc183ec"_s);
        QCOMPARE(m->computerDnsName, u"se-pov-desktop"_s);
        QCOMPARE(m->firstSeen, utc(2023, 4, 19, 13, 27, 53, 161));
        QCOMPARE(m->lastSeen, utc(2023, 5, 4, 17, 40, 5, 684));
        QCOMPARE(m->osPlatform, u"Windows10"_s);
        QVERIFY(m->osVersion.isNull());
        QCOMPARE(m->osBuild, std::optional<qint64>(19044));
        QCOMPARE(m->rbacGroupId, u"0"_s);
        QVERIFY(m->rbacGroupName.isNull());
        QCOMPARE(m->riskScore, u"Medium"_s);
        QCOMPARE(m->exposureLevel, u"High"_s);
        QVERIFY(m->isAadJoined);
        QVERIFY(!m->isExcluded);
        QVERIFY(m->machineTags.isEmpty());
        QCOMPARE(m->onboardingStatus, u"Onboarded"_s);
        QCOMPARE(m->managedBy, u"Intune"_s);
        QCOMPARE(m->agentVersion, u"10.8470.19041.2788"_s);
        QCOMPARE(m->ipAddresses.size(), 2);
        QCOMPARE(m->ipAddresses.at(0).macAddress, u"000C2992A64D"_s);
        QCOMPARE(m->ipAddresses.at(1).type, u"SoftwareLoopback"_s);
        QVERIFY(m->ipAddresses.at(1).macAddress.isNull());
    }

    void body()
    {
        QString error;
        const auto m
            = parseMachineBody(R"({"@odata.context":"x","id":"abc","osBuild":null})", &error);
        QVERIFY2(m, qPrintable(error));
        QCOMPARE(m->id, u"abc"_s);
        QVERIFY(!parseMachineBody("[]", &error));
        QVERIFY(!parseMachineBody("<html>", &error));
        QVERIFY(!error.isEmpty());
    }

    void allNullOrAbsent()
    {
        QJsonObject nulls = object(RecordedMachine);
        for (const QString &key : nulls.keys())
            nulls.insert(key, QJsonValue::Null);
        for (const QJsonObject &o : {nulls, QJsonObject()}) {
            QString error;
            const auto m = parseMachine(o, &error);
            QVERIFY2(m, qPrintable(error));
            QVERIFY(m->id.isEmpty());
            QVERIFY(!m->lastSeen.isValid());
            QVERIFY(!m->osBuild.has_value());
            QVERIFY(m->ipAddresses.isEmpty());
        }
    }

    void unknownFieldsIgnored()
    {
        QJsonObject o = object(RecordedMachine);
        o.insert(u"someFutureField"_s, QJsonObject {{u"x"_s, 1}});
        o.insert(u"vmMetadata"_s, QJsonObject {{u"vmId"_s, u"abc"_s}});
        QVERIFY(parseMachine(o));
    }

    void rbacGroupIdBothForms_data()
    {
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("expected");
        QTest::newRow("number") << QJsonValue(4711) << u"4711"_s;
        QTest::newRow("zero") << QJsonValue(0) << u"0"_s;
        QTest::newRow("string") << QJsonValue(u"4711"_s) << u"4711"_s;
        QTest::newRow("null") << QJsonValue(QJsonValue::Null) << QString();
    }
    void rbacGroupIdBothForms()
    {
        QFETCH(QJsonValue, value);
        QFETCH(QString, expected);
        QJsonObject o = object(RecordedMachine);
        o.insert(u"rbacGroupId"_s, value);
        const auto m = parseMachine(o);
        QVERIFY(m);
        QCOMPARE(m->rbacGroupId, expected);
    }

    void wrongTypes_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QJsonValue>("value");
        QTest::newRow("id number") << u"id"_s << QJsonValue(42);
        QTest::newRow("tags object") << u"machineTags"_s << QJsonValue(QJsonObject());
        QTest::newRow("tags string") << u"machineTags"_s << QJsonValue(u"a,b"_s);
        QTest::newRow("tags numbers") << u"machineTags"_s << QJsonValue(QJsonArray {1, 2});
        QTest::newRow("osBuild string") << u"osBuild"_s << QJsonValue(u"19044"_s);
        QTest::newRow("osBuild fraction") << u"osBuild"_s << QJsonValue(1.5);
        QTest::newRow("lastSeen number") << u"lastSeen"_s << QJsonValue(1700000000);
        QTest::newRow("lastSeen garbage") << u"lastSeen"_s << QJsonValue(u"yesterday"_s);
        QTest::newRow("isExcluded string") << u"isExcluded"_s << QJsonValue(u"false"_s);
        QTest::newRow("rbacGroupId bool") << u"rbacGroupId"_s << QJsonValue(true);
        QTest::newRow("rbacGroupId fraction") << u"rbacGroupId"_s << QJsonValue(0.5);
        QTest::newRow("ipAddresses object") << u"ipAddresses"_s << QJsonValue(QJsonObject());
        QTest::newRow("ipAddresses strings")
            << u"ipAddresses"_s << QJsonValue(QJsonArray {u"10.0.0.1"_s});
        QTest::newRow("ipAddress number inside")
            << u"ipAddresses"_s << QJsonValue(QJsonArray {QJsonObject {{u"ipAddress"_s, 1}}});
    }
    void wrongTypes()
    {
        QFETCH(QString, field);
        QFETCH(QJsonValue, value);
        QJsonObject o = object(RecordedMachine);
        o.insert(field, value);
        QString error;
        QVERIFY(!parseMachine(o, &error));
        QVERIFY2(error.contains(u'"' + field + u'"'), qPrintable(error));
    }

    void timestamps_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QDateTime>("expected");
        QTest::newRow("7 digits") << u"2018-08-02T14:55:03.7791856Z"_s
                                  << utc(2018, 8, 2, 14, 55, 3, 779);
        QTest::newRow("6 digits") << u"2023-05-04T17:40:05.684607Z"_s
                                  << utc(2023, 5, 4, 17, 40, 5, 684);
        QTest::newRow("3 digits") << u"2023-05-04T17:40:05.120Z"_s
                                  << utc(2023, 5, 4, 17, 40, 5, 120);
        QTest::newRow("1 digit") << u"2023-05-04T17:40:05.5Z"_s << utc(2023, 5, 4, 17, 40, 5, 500);
        QTest::newRow("0 digits") << u"2023-05-04T17:40:05Z"_s << utc(2023, 5, 4, 17, 40, 5, 0);
        QTest::newRow("offset") << u"2023-05-04T19:40:05.25+02:00"_s
                                << utc(2023, 5, 4, 17, 40, 5, 250);
        QTest::newRow("8 digits") << u"2023-05-04T17:40:05.12345678Z"_s << QDateTime();
        QTest::newRow("no zone") << u"2023-05-04T17:40:05"_s << QDateTime();
        QTest::newRow("dot only") << u"2023-05-04T17:40:05.Z"_s << QDateTime();
        QTest::newRow("bad month") << u"2023-13-04T17:40:05Z"_s << QDateTime();
        QTest::newRow("trailing") << u"2023-05-04T17:40:05Zx"_s << QDateTime();
        QTest::newRow("empty") << QString() << QDateTime();
    }
    void timestamps()
    {
        QFETCH(QString, text);
        QFETCH(QDateTime, expected);
        const QDateTime parsed = parseServiceTimestamp(text);
        QCOMPARE(parsed.isValid(), expected.isValid());
        if (expected.isValid()) {
            QCOMPARE(parsed, expected);
            QCOMPARE(parsed.timeSpec(), Qt::UTC);
        }
    }

    void page()
    {
        const QByteArray body = "{\"@odata.context\":\"x\",\"value\":[" + RecordedMachine + ","
            + RecordedMachine + "],\"@odata.nextLink\":\"https://h/api/machines?$skip=2\"}";
        QString next = u"stale"_s;
        QString error;
        const auto machines = parseMachinePage(body, &next, &error);
        QVERIFY2(machines, qPrintable(error));
        QCOMPARE(machines->size(), 2);
        QCOMPARE(next, u"https://h/api/machines?$skip=2"_s);
        QVERIFY(parseMachinePage(R"({"value":[]})", &next));
        QVERIFY(next.isEmpty());
    }

    void badPages_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("truncated") << QByteArray(R"({"value":[{"id":"a"})");
        QTest::newRow("html") << QByteArray("<html><body>502</body></html>");
        QTest::newRow("array") << QByteArray("[]");
        QTest::newRow("no value") << QByteArray(R"({"items":[]})");
        QTest::newRow("value object") << QByteArray(R"({"value":{}})");
        QTest::newRow("element string") << QByteArray(R"({"value":["x"]})");
        QTest::newRow("element bad id") << QByteArray(R"({"value":[{"id":5}]})");
        QTest::newRow("link number") << QByteArray(R"({"value":[],"@odata.nextLink":3})");
    }
    void badPages()
    {
        QFETCH(QByteArray, body);
        QString error;
        QVERIFY(!parseMachinePage(body, nullptr, &error));
        QVERIFY(!error.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestMachine)
#include "tst_machine.moc"
