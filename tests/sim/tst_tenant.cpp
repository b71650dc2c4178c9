// SPDX-License-Identifier: MIT
#include "tenant.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;

class TestTenant final : public QObject
{
    Q_OBJECT

private:
    static QSet<QString> valuesOf(const Tenant &tenant, const QString &field)
    {
        QSet<QString> values;
        for (int i = 0; i < tenant.size(); ++i)
            values.insert(tenant.machine(i).value(field).toVariant().toString());
        return values;
    }
    static int countWhere(
        const Tenant &tenant, const std::function<bool(const QJsonObject &)> &pred)
    {
        int count = 0;
        for (int i = 0; i < tenant.size(); ++i)
            count += pred(tenant.machine(i)) ? 1 : 0;
        return count;
    }

private Q_SLOTS:
    void sameSeedSameBytes()
    {
        const Tenant a(500, 7, Tenant::referenceNow());
        const Tenant b(500, 7, Tenant::referenceNow());
        QCOMPARE(a.size(), 500);
        for (int i = 0; i < a.size(); ++i)
            QCOMPARE(a.machineBytes(i), b.machineBytes(i));
        QCOMPARE(a.seededActions(), b.seededActions());
        for (int i = 0; i < a.size(); ++i)
            QCOMPARE(a.neverChecksIn(i), b.neverChecksIn(i));
    }

    void otherSeedDiffers()
    {
        const Tenant a(50, 1, Tenant::referenceNow());
        const Tenant b(50, 2, Tenant::referenceNow());
        int same = 0;
        for (int i = 0; i < a.size(); ++i)
            same += a.machineBytes(i) == b.machineBytes(i) ? 1 : 0;
        QCOMPARE(same, 0);
    }

    void sizeIsClamped()
    {
        QCOMPARE(Tenant(0, 1, {}).size(), 1);
        QCOMPARE(Tenant(3, 1, {}).size(), 3);
    }

    void spreadCoversEveryValue_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("healthStatus")
            << u"healthStatus"_s
            << QStringList {u"Active"_s, u"Inactive"_s, u"ImpairedCommunication"_s,
                   u"NoSensorData"_s, u"NoSensorDataImpairedCommunication"_s, u"Unknown"_s};
        QTest::newRow("riskScore")
            << u"riskScore"_s
            << QStringList {u"None"_s, u"Informational"_s, u"Low"_s, u"Medium"_s, u"High"_s};
        QTest::newRow("exposureLevel")
            << u"exposureLevel"_s << QStringList {u"None"_s, u"Low"_s, u"Medium"_s, u"High"_s};
        QTest::newRow("deviceValue")
            << u"deviceValue"_s << QStringList {u"Normal"_s, u"Low"_s, u"High"_s};
        QTest::newRow("osPlatform")
            << u"osPlatform"_s
            << QStringList {u"Windows10"_s, u"Windows11"_s, u"WindowsServer2012R2"_s,
                   u"WindowsServer2016"_s, u"WindowsServer2019"_s, u"WindowsServer2022"_s,
                   u"macOS"_s, u"Linux"_s, u"iOS"_s, u"Android"_s};
        QTest::newRow("onboardingStatus") << u"onboardingStatus"_s
                                          << QStringList {u"Onboarded"_s, u"CanBeOnboarded"_s,
                                                 u"Unsupported"_s, u"InsufficientInfo"_s};
        QTest::newRow("version") // Windows 10 before and after 1703, macOS 12..15
            << u"version"_s
            << QStringList {u"1507"_s, u"1511"_s, u"1607"_s, u"1709"_s, u"22H2"_s, u"12"_s, u"13"_s,
                   u"14"_s, u"15"_s};
    }
    void spreadCoversEveryValue()
    {
        QFETCH(QString, field);
        QFETCH(QStringList, expected);
        for (quint32 seed : {1u, 42u}) {
            const QSet<QString> values
                = valuesOf(Tenant(2000, seed, Tenant::referenceNow()), field);
            for (const QString &value : std::as_const(expected))
                QVERIFY2(values.contains(value), qPrintable(field + u": "_s + value));
        }
    }

    void nullsGroupsTagsAndDuplicates()
    {
        const Tenant tenant(2000, 3, Tenant::referenceNow());
        for (const char *field : {"osBuild", "lastIpAddress", "aadDeviceId", "rbacGroupName",
                 "agentVersion", "osVersion"}) {
            const QString key = QLatin1String(field);
            QVERIFY2(
                countWhere(tenant, [&](const QJsonObject &m) { return m.value(key).isNull(); }) > 0,
                field);
        }
        QVERIFY(valuesOf(tenant, u"rbacGroupId"_s).size() >= 4);
        QVERIFY(countWhere(tenant, [](const QJsonObject &m) {
            return m[u"rbacGroupId"_s].isDouble();
        }) == tenant.size());
        QVERIFY(countWhere(tenant, [](const QJsonObject &m) {
            return !m[u"machineTags"_s].toArray().isEmpty();
        }) > 100);
        int duplicates = 0;
        for (int i = 0; i < tenant.size(); ++i) {
            const QJsonObject m = tenant.machine(i);
            QVERIFY(m[u"ipAddresses"_s].isArray());
            QVERIFY(!m[u"ipAddresses"_s].toArray().isEmpty());
            if (m[u"isPotentialDuplication"_s].toBool()) {
                ++duplicates;
                const int target = tenant.indexOf(m[u"mergedIntoMachineId"_s].toString());
                QVERIFY(target >= 0 && target != i);
            } else {
                QVERIFY(m[u"mergedIntoMachineId"_s].isNull());
            }
        }
        QVERIFY(duplicates > 0);
    }

    void idsNamesAndTimestamps()
    {
        const QDateTime now = Tenant::referenceNow();
        const Tenant tenant(2000, 5, now);
        static const QRegularExpression idPattern(u"^[0-9a-f]{40}$"_s);
        static const QRegularExpression timePattern(
            u"^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{7}Z$"_s);
        QSet<QString> ids, names;
        for (int i = 0; i < tenant.size(); ++i) {
            const QJsonObject m = tenant.machine(i);
            const QString id = m[u"id"_s].toString();
            const QString name = m[u"computerDnsName"_s].toString();
            QVERIFY2(idPattern.match(id).hasMatch(), qPrintable(id));
            ids.insert(id);
            names.insert(name.toLower());
            QCOMPARE(tenant.indexOf(id.toUpper()), i);
            QCOMPARE(tenant.indexOf(name.toUpper()), i);
            const QString lastSeenText = m[u"lastSeen"_s].toString();
            QVERIFY2(timePattern.match(lastSeenText).hasMatch(), qPrintable(lastSeenText));
            const QDateTime lastSeen = QDateTime::fromString(lastSeenText, Qt::ISODateWithMs);
            QVERIFY(lastSeen <= now && lastSeen >= now.addDays(-60));
            const QDateTime firstSeen
                = QDateTime::fromString(m[u"firstSeen"_s].toString(), Qt::ISODateWithMs);
            QVERIFY(firstSeen.isValid() && firstSeen <= lastSeen);
        }
        QCOMPARE(ids.size(), tenant.size());
        QCOMPARE(names.size(), tenant.size());
        QCOMPARE(tenant.indexOf(u"no-such-device"_s), -1);
    }

    void silentAndSeededActions_data()
    {
        QTest::addColumn<int>("devices");
        QTest::newRow("small") << 20;
        QTest::newRow("large") << 2000;
    }
    void silentAndSeededActions()
    {
        QFETCH(int, devices);
        const QDateTime now = Tenant::referenceNow();
        const Tenant tenant(devices, 11, now);
        int silent = 0;
        for (int i = 0; i < tenant.size(); ++i) {
            if (tenant.neverChecksIn(i)) {
                ++silent;
                QVERIFY(tenant.machine(i)[u"healthStatus"_s].toString() != u"Active"_s);
            }
        }
        QVERIFY(silent >= 1);
        QVERIFY(silent <= qMax(1, devices / 20));
        const QList<QJsonObject> actions = tenant.seededActions();
        QVERIFY(!actions.isEmpty());
        QVERIFY(actions.size() <= qMax(1, devices / 50));
        for (const QJsonObject &action : actions) {
            QCOMPARE(action[u"type"_s].toString(), u"Offboard"_s);
            QCOMPARE(action[u"status"_s].toString(), u"Pending"_s);
            QCOMPARE(action[u"requestor"_s].toString(), u"previous.analyst@contoso.example"_s);
            QVERIFY(action[u"cancellationRequestor"_s].isNull());
            QVERIFY(action[u"commands"_s].isArray());
            const int index = tenant.indexOf(action[u"machineId"_s].toString());
            QVERIFY(index >= 0);
            const QJsonObject machine = tenant.machine(index);
            QCOMPARE(action[u"computerDnsName"_s], machine[u"computerDnsName"_s]);
            QVERIFY(machine[u"osPlatform"_s].toString().startsWith(u"Windows"_s));
            QVERIFY(machine[u"version"_s].toString() >= u"1703"_s);
            const QDateTime created = QDateTime::fromString(
                action[u"creationDateTimeUtc"_s].toString(), Qt::ISODateWithMs);
            QVERIFY(created < now && created > now.addSecs(-7 * 3600));
        }
    }

    void bytesKeepRecordedOrderAndFollowUpdates()
    {
        Tenant tenant(30, 9, Tenant::referenceNow());
        const QByteArray bytes = tenant.machineBytes(4);
        QVERIFY(bytes.startsWith("{\"id\":\""));
        QVERIFY(bytes.indexOf("\"mergedIntoMachineId\"") < bytes.indexOf("\"computerDnsName\""));
        QVERIFY(bytes.indexOf("\"lastSeen\"") < bytes.indexOf("\"osPlatform\""));
        QVERIFY(bytes.endsWith("\"vmMetadata\":null}") || bytes.contains("\"vmMetadata\":{"));
        QCOMPARE(QJsonDocument::fromJson(bytes).object(), tenant.machine(4));

        QJsonObject changed = tenant.machine(4);
        const QString oldName = changed[u"computerDnsName"_s].toString();
        changed[u"computerDnsName"_s] = u"renamed \"quoted\"\n.contoso.example"_s;
        changed[u"healthStatus"_s] = u"Inactive"_s;
        changed[u"extraField"_s] = 1.5;
        tenant.updateMachine(4, changed);
        QCOMPARE(QJsonDocument::fromJson(tenant.machineBytes(4)).object(), changed);
        QVERIFY(tenant.machineBytes(4).endsWith(",\"extraField\":1.5}"));
        QCOMPARE(tenant.indexOf(oldName), -1);
        QCOMPARE(tenant.indexOf(u"RENAMED \"quoted\"\n.contoso.example"_s), 4);
        QCOMPARE(tenant.indexOf(changed[u"id"_s].toString()), 4);
    }

    void timestampFormat()
    {
        QCOMPARE(Tenant::timestamp(0), u"1970-01-01T00:00:00.0000000Z"_s);
        const QDateTime t(QDate(2024, 2, 29), QTime(23, 59, 58, 123), Qt::UTC);
        QCOMPARE(Tenant::timestamp(t.toMSecsSinceEpoch() * 10000 + 4567),
            u"2024-02-29T23:59:58.1234567Z"_s);
        QCOMPARE(Tenant::timestamp(t), u"2024-02-29T23:59:58.1230000Z"_s);
    }

    void generatesTheLargestTenant()
    {
        const Tenant tenant(200000, 1, Tenant::referenceNow());
        QCOMPARE(tenant.size(), 200000);
        const QString lastId = tenant.machine(199999)[u"id"_s].toString();
        QCOMPARE(tenant.indexOf(lastId), 199999);
        QVERIFY(tenant.machine(199999)[u"computerDnsName"_s].toString().contains(u"200000"_s));
        QVERIFY(tenant.seededActions().size() > 100);
    }
};

QTEST_GUILESS_MAIN(TestTenant)
#include "tst_tenant.moc"
