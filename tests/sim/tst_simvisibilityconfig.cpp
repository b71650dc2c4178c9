// SPDX-License-Identifier: MIT
// How device-group visibility of delegated users is configured: SimulatorOptions (see
// tst_simvisibility), Simulator::setUserDeviceGroups, /admin/visibility and mde-sim's
// --user-device-groups. The default is every group.
#include "simuserfixture.h"

#include <QJsonArray>
#include <QProcess>

using namespace Qt::StringLiterals;

class TestSimVisibilityConfig final : public QObject, private SimUserFixture
{
    Q_OBJECT

private Q_SLOTS:
    void init() { startUserSim(); }
    void adminInterface();
    void executableOption_data();
    void executableOption();
};

void TestSimVisibilityConfig::adminInterface()
{
    const QString upn = m_sim->options().userUpn;
    const auto count = [this] {
        return m_http->get(u"/api/machines?$count=true&$top=1"_s).json[u"@odata.count"_s].toInt();
    };
    QCOMPARE(count(), m_sim->deviceCount()); // the default: every group
    int mobile = 0; // devices in group 45
    for (int i = 0; i < m_sim->deviceCount(); ++i)
        mobile += m_sim->machineJson(i).value(u"rbacGroupId"_s).toInt() == 45 ? 1 : 0;
    QVERIFY(mobile > 0);
    const QByteArray set = R"({"user":")" + upn.toUtf8() + R"(","deviceGroups":[45]})";
    const SimReply listed = m_http->post(u"/admin/visibility"_s, set);
    QCOMPARE(listed.status, 200);
    QCOMPARE(listed.json[u"users"_s][upn.toLower()].toArray(), QJsonArray {45});
    QCOMPARE(count(), mobile);
    QCOMPARE(m_http->post(u"/admin/visibility"_s, R"({"deviceGroups":[1]})").status, 400);
    QCOMPARE(
        m_http->post(u"/admin/visibility"_s, R"({"user":"x","deviceGroups":["a"]})").status, 400);
    QCOMPARE(m_http->post(u"/admin/visibility"_s, R"({"user":"x"})").status, 400);
    QCOMPARE(count(), mobile);
    const QByteArray lift = R"({"user":")" + upn.toUtf8() + R"(","deviceGroups":null})";
    QCOMPARE(
        m_http->post(u"/admin/visibility"_s, lift).json[u"users"_s].toObject(), QJsonObject {});
    QCOMPARE(count(), m_sim->deviceCount());
    m_http->post(u"/admin/visibility"_s, set);
    QCOMPARE(
        m_http->send("DELETE", u"/admin/visibility"_s).json[u"users"_s].toObject(), QJsonObject {});
    QCOMPARE(count(), m_sim->deviceCount());
}

void TestSimVisibilityConfig::executableOption_data()
{
    QTest::addColumn<QString>("groups");
    QTest::addColumn<int>("exitCode"); // -1: runs
    QTest::addColumn<QJsonValue>("listed"); // the user's entry in /admin/visibility
    QTest::newRow("list") << u"42, 41"_s << -1 << QJsonValue(QJsonArray {41, 42});
    QTest::newRow("none") << u"none"_s << -1 << QJsonValue(QJsonArray {});
    QTest::newRow("all") << u"all"_s << -1 << QJsonValue(QJsonValue::Undefined);
    QTest::newRow("not a number") << u"41,x"_s << 2 << QJsonValue();
    QTest::newRow("negative") << u"-1"_s << 2 << QJsonValue();
}

void TestSimVisibilityConfig::executableOption()
{
    QFETCH(QString, groups);
    QFETCH(int, exitCode);
    QFETCH(QJsonValue, listed);
    const QString bin = qEnvironmentVariable("MDE_SIM_BIN");
    if (bin.isEmpty())
        QSKIP("MDE_SIM_BIN is not set");
    QProcess process;
    process.start(bin,
        {u"--port"_s, u"0"_s, u"--devices"_s, u"20"_s, u"--quiet"_s, u"--user-device-groups"_s,
            groups});
    QVERIFY(process.waitForStarted(10000));
    if (exitCode >= 0) {
        QVERIFY(process.waitForFinished(20000));
        QCOMPARE(process.exitCode(), exitCode);
        QVERIFY(process.readAllStandardError().contains("--user-device-groups"));
        return;
    }
    QTRY_VERIFY_WITH_TIMEOUT(process.canReadLine() || process.state() != QProcess::Running, 20000);
    const QString first = QString::fromUtf8(process.readLine()).trimmed();
    QVERIFY2(first.startsWith(u"mde-sim listening on "_s), qPrintable(first));
    SimHttp http(QUrl(first.section(u' ', 3)));
    const SimReply reply = http.get(u"/admin/visibility"_s);
    process.terminate();
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json[u"users"_s][m_sim->options().userUpn], listed);
}

QTEST_GUILESS_MAIN(TestSimVisibilityConfig)
#include "tst_simvisibilityconfig.moc"
