// SPDX-License-Identifier: MIT
// The simdjson page parser against the QJsonDocument reference: on generated tenant pages both
// give the same machines field by field; on odd input the fast parser either declines or agrees.
#include "machineparse_p.h"
#include "machinestore_p.h"
#include "tenant.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace {

QByteArray tenantPage(const Tenant &tenant, int first, int count, const QByteArray &link)
{
    QByteArray body
        = "{\"@odata.context\":\"https://127.0.0.1/api/$metadata#Machines\",\"value\":[";
    for (int i = first; i < first + count && i < tenant.size(); ++i) {
        if (i > first)
            body += ',';
        body += tenant.machineBytes(i);
    }
    body += ']';
    if (!link.isEmpty())
        body += ",\"@odata.nextLink\":\"" + link + '"';
    return body + '}';
}

// QCOMPARE treats a null and an empty QString as equal; the parsers must agree on that too
// The compact form keeps UTF-8 and not the difference: it is compared with nullMatters false
// (a lone surrogate, which UTF-8 cannot hold, then compares as its replacement).
bool nullMatters = true;
bool sameText(const QString &a, const QString &b)
{
    if (!nullMatters)
        return a == QString::fromUtf8(b.toUtf8());
    return a == b && a.isNull() == b.isNull();
}

QString differences(const Machine &a, const Machine &b)
{
    QStringList out;
    const auto text = [&](const char *name, const QString &x, const QString &y) {
        if (!sameText(x, y))
            out.append(QString::fromLatin1(name) + u": \""_s + x + u"\" vs \""_s + y + u'"');
    };
    text("id", a.id, b.id);
    text("computerDnsName", a.computerDnsName, b.computerDnsName);
    text("osPlatform", a.osPlatform, b.osPlatform);
    text("osProcessor", a.osProcessor, b.osProcessor);
    text("version", a.version, b.version);
    text("osVersion", a.osVersion, b.osVersion);
    text("lastIpAddress", a.lastIpAddress, b.lastIpAddress);
    text("lastExternalIpAddress", a.lastExternalIpAddress, b.lastExternalIpAddress);
    text("agentVersion", a.agentVersion, b.agentVersion);
    text("healthStatus", a.healthStatus, b.healthStatus);
    text("rbacGroupId", a.rbacGroupId, b.rbacGroupId);
    text("rbacGroupName", a.rbacGroupName, b.rbacGroupName);
    text("riskScore", a.riskScore, b.riskScore);
    text("exposureLevel", a.exposureLevel, b.exposureLevel);
    text("deviceValue", a.deviceValue, b.deviceValue);
    text("aadDeviceId", a.aadDeviceId, b.aadDeviceId);
    text("osArchitecture", a.osArchitecture, b.osArchitecture);
    text("onboardingStatus", a.onboardingStatus, b.onboardingStatus);
    text("defenderAvStatus", a.defenderAvStatus, b.defenderAvStatus);
    text("managedBy", a.managedBy, b.managedBy);
    text("managedByStatus", a.managedByStatus, b.managedByStatus);
    text("mergedIntoMachineId", a.mergedIntoMachineId, b.mergedIntoMachineId);
    text("exclusionReason", a.exclusionReason, b.exclusionReason);
    if (a.firstSeen != b.firstSeen || a.firstSeen.timeSpec() != b.firstSeen.timeSpec())
        out.append(u"firstSeen"_s);
    if (a.lastSeen != b.lastSeen || a.lastSeen.timeSpec() != b.lastSeen.timeSpec())
        out.append(u"lastSeen"_s);
    if (a.osBuild != b.osBuild)
        out.append(u"osBuild"_s);
    if (a.machineTags != b.machineTags)
        out.append(u"machineTags"_s);
    if (a.isPotentialDuplication != b.isPotentialDuplication || a.isExcluded != b.isExcluded
        || a.isAadJoined != b.isAadJoined)
        out.append(u"flags"_s);
    if (a.ipAddresses.size() != b.ipAddresses.size()) {
        out.append(u"ipAddresses count"_s);
    } else {
        for (qsizetype i = 0; i < a.ipAddresses.size(); ++i) {
            const IpAddress &x = a.ipAddresses.at(i);
            const IpAddress &y = b.ipAddresses.at(i);
            text("ipAddress", x.ipAddress, y.ipAddress);
            text("macAddress", x.macAddress, y.macAddress);
            text("type", x.type, y.type);
            text("operationalStatus", x.operationalStatus, y.operationalStatus);
        }
    }
    return out.join(u"; "_s);
}

// The batch parser against the reference: the same verdict, and the same devices when they
// are taken back out of the compact store.
void compareBatch(const QByteArray &body)
{
    QString batchLink = u"stale"_s, referenceLink = u"stale"_s;
    QString batchError, referenceError;
    const std::optional<MachineBatch> batch
        = MachinePageParser().parse(body, &batchLink, &batchError);
    const std::optional<QList<Machine>> reference
        = parseMachinePageReference(body, &referenceLink, &referenceError);
    QCOMPARE(bool(batch), bool(reference));
    if (!batch) {
        QCOMPARE(batchError, referenceError);
        return;
    }
    QCOMPARE(batchLink, referenceLink);
    QCOMPARE(batch->size(), int(reference->size()));
    MachineStore store;
    const MachineStore::PoolMap map = store.importPools(*batch);
    nullMatters = false;
    for (int i = 0; i < batch->size(); ++i) {
        const QString diff
            = differences(store.machine(store.put(*batch, map, i, -1)), reference->at(i));
        if (!diff.isEmpty()) {
            nullMatters = true;
            QFAIL(qPrintable(u"batch device %1: "_s.arg(i) + diff));
        }
    }
    nullMatters = true;
}

void compareParsers(const QByteArray &body)
{
    compareBatch(body);
    if (QTest::currentTestFailed())
        return;
    QString fastLink = u"stale"_s;
    QString referenceLink = u"stale"_s;
    QString error;
    const std::optional<QList<Machine>> fast = parseMachinePageFast(body, &fastLink);
    const std::optional<QList<Machine>> reference
        = parseMachinePageReference(body, &referenceLink, &error);
    if (!fast)
        return; // declined: the reference parser decides alone
    QVERIFY2(reference, qPrintable(u"fast accepted what the reference refuses: "_s + error));
    QVERIFY(sameText(fastLink, referenceLink));
    QCOMPARE(fast->size(), reference->size());
    for (qsizetype i = 0; i < fast->size(); ++i) {
        const QString diff = differences(fast->at(i), reference->at(i));
        QVERIFY2(diff.isEmpty(), qPrintable(u"device %1: "_s.arg(i) + diff));
    }
}

} // namespace

class TestMachineFastParse : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void generatedTenantPages_data()
    {
        QTest::addColumn<quint32>("seed");
        QTest::newRow("seed 1") << 1u;
        QTest::newRow("seed 7") << 7u;
        QTest::newRow("seed 2026") << 2026u;
    }
    void generatedTenantPages()
    {
        QFETCH(quint32, seed);
        const Tenant tenant(2500, seed, Tenant::referenceNow());
        for (int first = 0; first < tenant.size(); first += 1000) {
            const QByteArray body = tenantPage(
                tenant, first, 1000, first + 1000 < tenant.size() ? "https://127.0.0.1/x" : "");
            QString link;
            const auto fast = parseMachinePageFast(body, &link);
            QVERIFY2(fast, "the fast parser must take the simulator's pages");
            QCOMPARE(fast->size(), qMin(1000, tenant.size() - first));
            compareParsers(body);
        }
    }

    void oddInput_data()
    {
        QTest::addColumn<QByteArray>("body");
        const QByteArray ip = R"({"ipAddress":"10.0.0.1","macAddress":null,"type":"Ethernet"})";
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("truncated") << QByteArray(R"({"value":[{"id":"a"})");
        QTest::newRow("bom") << QByteArray("\xef\xbb\xbf{\"value\":[]}");
        QTest::newRow("empty strings")
            << QByteArray(R"({"value":[{"id":"","osPlatform":"","rbacGroupId":""}]})");
        QTest::newRow("all null") << QByteArray(
            R"({"value":[{"id":null,"firstSeen":null,"osBuild":null,"machineTags":null,)"
            R"("ipAddresses":null,"isExcluded":null,"rbacGroupId":null}],"@odata.nextLink":null})");
        QTest::newRow("unknown keys, any order") << QByteArray(
            R"({"x":[{"y":[1,2.5,{"z":null}]}],"value":[{"vm":{"a":[true]},"osBuild":7,"id":"b"}]})");
        QTest::newRow("escapes") << QByteArray(
            "{\"value\":[{\"i\\u0064\":\"\\u00e9\\ud83d\\ude00\\n\\\"\","
            "\"computerDnsName\":\"a\\/b\"}]}");
        QTest::newRow("nul escape") << QByteArray(R"({"value":[{"id":"a\u0000b"}]})");
        QTest::newRow("lone surrogate") << QByteArray(R"({"value":[{"id":"\ud800"}]})");
        QTest::newRow("control char") << QByteArray("{\"value\":[{\"id\":\"a\x01\"}]}");
        QTest::newRow("invalid utf8") << QByteArray("{\"value\":[{\"id\":\"a\xff\"}]}");
        QTest::newRow("duplicate id") << QByteArray(R"({"value":[{"id":"a","id":"b"}]})");
        QTest::newRow("duplicate bad first") << QByteArray(R"({"value":[{"id":1,"id":"b"}]})");
        QTest::newRow("duplicate value")
            << QByteArray(R"({"value":[{"id":"a"}],"value":[{"id":"b"}]})");
        QTest::newRow("group number") << QByteArray(R"({"value":[{"rbacGroupId":42}]})");
        QTest::newRow("group double") << QByteArray(R"({"value":[{"rbacGroupId":42.0}]})");
        QTest::newRow("group negative") << QByteArray(R"({"value":[{"rbacGroupId":-3}]})");
        QTest::newRow("group min")
            << QByteArray(R"({"value":[{"rbacGroupId":-9223372036854775808}]})");
        QTest::newRow("group huge")
            << QByteArray(R"({"value":[{"rbacGroupId":18446744073709551615}]})");
        QTest::newRow("build exp") << QByteArray(R"({"value":[{"osBuild":1e3}]})");
        QTest::newRow("build minus zero") << QByteArray(R"({"value":[{"osBuild":-0}]})");
        QTest::newRow("build string") << QByteArray(R"({"value":[{"osBuild":"1"}]})");
        QTest::newRow("huge unknown number") << QByteArray(R"({"value":[{"n":1e400}]})");
        QTest::newRow("timestamps") << QByteArray(
            R"({"value":[{"firstSeen":"2023-04-19T13:27:53.1618923+02:00","lastSeen":""}]})");
        QTest::newRow("bad timestamp")
            << QByteArray(R"({"value":[{"lastSeen":"2023-02-30T00:00:00Z"}]})");
        QTest::newRow("tags") << QByteArray(R"({"value":[{"machineTags":["a",null,"a","b"]}]})");
        QTest::newRow("tag number") << QByteArray(R"({"value":[{"machineTags":["a",1]}]})");
        QTest::newRow("ips") << QByteArray("{\"value\":[{\"ipAddresses\":[null," + ip + "]}]}");
        QTest::newRow("ip not object") << QByteArray(R"({"value":[{"ipAddresses":["x"]}]})");
        QTest::newRow("ip duplicate")
            << QByteArray(R"({"value":[{"ipAddresses":[{"type":"a","type":"b"}]}]})");
        QTest::newRow("element null") << QByteArray(R"({"value":[null]})");
        QTest::newRow("link number") << QByteArray(R"({"value":[],"@odata.nextLink":3})");
        QTest::newRow("trailing garbage") << QByteArray(R"({"value":[]} x)");
        QTest::newRow("trailing space") << QByteArray("{\"value\":[]} \n");
        QByteArray deep = "{\"value\":[{\"id\":\"a\",\"deep\":";
        deep += QByteArray(100, '[') + QByteArray(100, ']') + "}]}";
        QTest::newRow("deep unknown") << deep;
    }
    void oddInput()
    {
        QFETCH(QByteArray, body);
        compareParsers(body);
        // The public entry point answers exactly like the reference, errors included.
        QString publicError, referenceError;
        QString publicLink, referenceLink;
        const auto viaPublic = parseMachinePage(body, &publicLink, &publicError);
        const auto viaReference = parseMachinePageReference(body, &referenceLink, &referenceError);
        QCOMPARE(bool(viaPublic), bool(viaReference));
        QCOMPARE(publicError, referenceError);
        QVERIFY(sameText(publicLink, referenceLink));
    }

    void declinesWhatItCannotMirror_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("duplicate id") << QByteArray(R"({"value":[{"id":"a","id":"b"}]})");
        QTest::newRow("group double") << QByteArray(R"({"value":[{"rbacGroupId":42.0}]})");
        QTest::newRow("wrong type") << QByteArray(R"({"value":[{"isExcluded":"yes"}]})");
        QTest::newRow("bom") << QByteArray("\xef\xbb\xbf{\"value\":[]}");
    }
    void declinesWhatItCannotMirror()
    {
        QFETCH(QByteArray, body);
        QString link = u"kept"_s;
        QVERIFY(!parseMachinePageFast(body, &link));
        QCOMPARE(link, u"kept"_s);
    }

    // Texts longer than the compact form holds: the fast path declines, the reference path
    // keeps the device and cuts only the absurd text.
    void batchCutsAbsurdTexts()
    {
        const QByteArray platform(5000, 'w');
        const QByteArray body = "{\"value\":[{\"id\":\"ab12\",\"osPlatform\":\"" + platform
            + "\",\"computerDnsName\":\"pc-1\"}]}";
        QString link;
        QVERIFY(!parseMachineBatchFast(body, &link));
        const std::optional<MachineBatch> batch = MachinePageParser().parse(body);
        QVERIFY(batch);
        QCOMPARE(batch->size(), 1);
        MachineStore store;
        const MachineStore::PoolMap map = store.importPools(*batch);
        const Machine m = store.machine(store.put(*batch, map, 0, -1));
        QCOMPARE(m.id, u"ab12"_s);
        QCOMPARE(m.computerDnsName, u"pc-1"_s);
        QCOMPARE(m.osPlatform, QString::fromLatin1(platform.left(MachineBatch::MaxPoolChars)));
    }
};

QTEST_GUILESS_MAIN(TestMachineFastParse)
#include "tst_machinefastparse.moc"
