// SPDX-License-Identifier: MIT
// Device-group visibility of delegated callers (contract section 6): lists, paging, $count and
// nextLink cover only the user's groups; other devices and their actions answer as if they did
// not exist; app-only tokens see everything. How it is configured: tst_simvisibilityconfig.
#include "simuserfixture.h"

#include <QJsonArray>
#include <QSet>

using namespace Qt::StringLiterals;

namespace {

int groupOf(const QJsonObject &machine)
{
    return machine.value(u"rbacGroupId"_s).toInt(-1);
}

struct Listing
{
    QStringList ids;
    int count = -1; // @odata.count of the first page
    int nextLinks = 0;
};

// Every id a caller gets for `path`, page after page: nextLinks are followed, $top pages are
// continued with $skip until a short page. Bounded.
Listing listAll(SimHttp &http, const QString &path, int top)
{
    Listing out;
    QString next = path;
    for (int page = 0; page < 100 && !next.isEmpty(); ++page) {
        const SimReply reply = http.get(next);
        if (reply.status != 200)
            return {};
        if (page == 0)
            out.count = reply.json.value(u"@odata.count"_s).toInt(-1);
        const QJsonArray value = reply.json.value(u"value"_s).toArray();
        for (const QJsonValue &m : value)
            out.ids.append(m[u"id"_s].toString());
        next = reply.json.value(u"@odata.nextLink"_s).toString();
        out.nextLinks += next.isEmpty() ? 0 : 1;
        if (next.isEmpty() && top > 0 && value.size() == top)
            next = path + u"&$skip=%1"_s.arg(out.ids.size());
    }
    return out;
}

} // namespace

class TestSimVisibility final : public QObject, private SimUserFixture
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void listsOnlyVisibleGroups_data();
    void listsOnlyVisibleGroups();
    void nextLinkOverVisibleDevices();
    void invisibleDevice_data();
    void invisibleDevice();
    void actionsOfInvisibleDevices();

private:
    // Windows 11 devices that check in and have no seeded offboard: one in each of two groups.
    QPair<QString, QString> twoGroups() const;
    QMap<QString, int> m_groups; // id -> rbacGroupId
};

void TestSimVisibility::init()
{
    startUserSim();
    m_groups.clear();
    for (int i = 0; m_sim && i < m_sim->deviceCount(); ++i)
        m_groups.insert(
            m_sim->machineJson(i).value(u"id"_s).toString(), groupOf(m_sim->machineJson(i)));
}

QPair<QString, QString> TestSimVisibility::twoGroups() const
{
    const QString first = windows11();
    const QString second = findDevice(*m_sim, [&](const QJsonObject &m, int i) {
        return platformOf(m) == u"Windows11"_s && !m_sim->neverChecksIn(i)
            && groupOf(m) != m_groups.value(first)
            && m_sim->offboardRequestCount(m.value(u"id"_s).toString()) == 0;
    });
    return {first, second};
}

void TestSimVisibility::listsOnlyVisibleGroups_data()
{
    QTest::addColumn<bool>("restricted");
    QTest::addColumn<QList<int>>("groups");
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("top");
    const QString plain = u"/api/machines?$count=true"_s;
    const QString paged = u"/api/machines?$top=37"_s;
    const QString filtered = u"/api/machines?$count=true&$filter=osPlatform eq 'Windows11'"_s;
    const QString ordered = u"/api/v1.0/machines?$orderby=computerDnsName desc&$top=100"_s;
    QTest::newRow("servers") << true << QList<int> {42} << plain << 0;
    QTest::newRow("two groups, paged") << true << QList<int> {41, 43} << paged << 37;
    QTest::newRow("two groups, filter") << true << QList<int> {0, 44} << filtered << 0;
    QTest::newRow("ordered, v1.0") << true << QList<int> {41, 45} << ordered << 100;
    QTest::newRow("no group") << true << QList<int> {} << plain << 0;
    QTest::newRow("unrestricted") << false << QList<int> {} << plain << 0;
}

void TestSimVisibility::listsOnlyVisibleGroups()
{
    QFETCH(bool, restricted);
    QFETCH(QList<int>, groups);
    QFETCH(QString, path);
    QFETCH(int, top);
    if (restricted) // the UPN in any case
        m_sim->setUserDeviceGroups(m_sim->options().userUpn.toUpper(), groups);
    SimHttp app(m_sim->baseUrl());
    app.setToken(m_sim->issueAppToken({u"Machine.Read.All"_s}));
    const Listing all = listAll(app, path, top);
    QVERIFY(!all.ids.isEmpty());
    QStringList expected;
    for (const QString &id : all.ids) {
        if (!restricted || groups.contains(m_groups.value(id)))
            expected.append(id);
    }
    QVERIFY(restricted ? expected.size() < all.ids.size() : expected == all.ids);

    const Listing mine = listAll(*m_http, path, top);
    QCOMPARE(mine.ids, expected); // same order, no device missing or repeated
    if (path.contains(u"$count"_s))
        QCOMPARE(mine.count, int(expected.size()));
}

void TestSimVisibility::nextLinkOverVisibleDevices()
{
    // Over 10,000 visible devices: the list without $top pages with nextLink.
    SimulatorOptions options;
    options.devices = 14000;
    options.logRequests = false;
    const QList<int> groups {0, 41, 43, 44};
    options.userDeviceGroups.insert(options.userUpn, groups);
    Simulator sim(options);
    QVERIFY(sim.listen());
    int visible = 0;
    for (int i = 0; i < sim.deviceCount(); ++i)
        visible += groups.contains(groupOf(sim.machineJson(i))) ? 1 : 0;
    QVERIFY(visible > 10000 && visible < sim.deviceCount());
    SimHttp http(sim.baseUrl());
    http.setToken(sim.issueUserToken({u"Machine.Read"_s}));
    const Listing mine = listAll(http, u"/api/machines?$count=true"_s, 0);
    QCOMPARE(mine.nextLinks, 1);
    QCOMPARE(mine.count, visible);
    QCOMPARE(mine.ids.size(), visible);
    QCOMPARE(QSet<QString>(mine.ids.cbegin(), mine.ids.cend()).size(), visible);
}

void TestSimVisibility::invisibleDevice_data()
{
    QTest::addColumn<bool>("asApp");
    QTest::addColumn<bool>("visible");
    QTest::addColumn<bool>("byName");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status"); // of GET and of the offboard
    QTest::newRow("visible") << false << true << false << commentBody() << 200;
    QTest::newRow("visible, by name") << false << true << true << commentBody() << 200;
    QTest::newRow("invisible") << false << false << false << commentBody() << 404;
    QTest::newRow("invisible, by name") << false << false << true << commentBody() << 404;
    // No hint that the device exists: not the 400 a known device gets for a bad body.
    QTest::newRow("invisible, no comment") << false << false << false << QByteArray("{}") << 404;
    QTest::newRow("invisible, not json") << false << false << false << QByteArray("x") << 404;
    QTest::newRow("app token") << true << false << false << commentBody() << 200;
}

void TestSimVisibility::invisibleDevice()
{
    QFETCH(bool, asApp);
    QFETCH(bool, visible);
    QFETCH(bool, byName);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    const auto [seen, hidden] = twoGroups();
    QVERIFY(!seen.isEmpty() && !hidden.isEmpty());
    m_sim->setUserDeviceGroups(m_sim->options().userUpn, QList<int> {m_groups.value(seen)});
    if (asApp)
        m_http->setToken(m_sim->issueAppToken({u"Machine.Read.All"_s, u"Machine.Offboard"_s}));
    const QString id = visible ? seen : hidden;
    QString key = id;
    for (int i = 0; byName && i < m_sim->deviceCount(); ++i) {
        if (m_sim->machineJson(i).value(u"id"_s).toString() == id)
            key = m_sim->machineJson(i).value(u"computerDnsName"_s).toString().toUpper();
    }

    const SimReply got = m_http->get(u"/api/machines/"_s + key);
    QCOMPARE(got.status, status);
    const SimReply offboard = m_http->post(offboardUrl(key), body);
    QCOMPARE(offboard.status, status);
    QCOMPARE(m_sim->offboardRequestCount(id), status == 200 ? 1 : 0);
    if (status == 404) {
        // Exactly what a device that does not exist gets.
        const SimReply unknown = m_http->post(offboardUrl(key.toUpper() + u"0"_s), commentBody());
        QCOMPARE(got.errorCode(), unknown.errorCode());
        QCOMPARE(offboard.errorCode(), u"ResourceNotFound"_s);
        QCOMPARE(offboard.json[u"error"_s][u"message"_s].toString(),
            u"Machine %1 was not found."_s.arg(key));
    }
}

void TestSimVisibility::actionsOfInvisibleDevices()
{
    const auto [seen, hidden] = twoGroups();
    SimHttp app(m_sim->baseUrl());
    app.setToken(m_sim->issueAppToken({u"Machine.Read.All"_s, u"Machine.Offboard"_s}));
    const QString seenAction = app.post(offboardUrl(seen), commentBody()).json[u"id"_s].toString();
    const QString hiddenAction
        = app.post(offboardUrl(hidden), commentBody()).json[u"id"_s].toString();
    QVERIFY(!seenAction.isEmpty() && !hiddenAction.isEmpty());
    const int group = m_groups.value(seen);
    m_sim->setUserDeviceGroups(m_sim->options().userUpn, QList<int> {group});

    const SimReply all = app.get(u"/api/machineactions?$count=true"_s);
    const SimReply mine = m_http->get(u"/api/machineactions?$count=true"_s);
    const QJsonArray value = mine.json.value(u"value"_s).toArray();
    QCOMPARE(mine.json.value(u"@odata.count"_s).toInt(), value.size());
    QVERIFY(value.size() < all.json.value(u"value"_s).toArray().size());
    QStringList ids;
    for (const QJsonValue &action : value) {
        ids.append(action[u"id"_s].toString());
        QCOMPARE(m_groups.value(action[u"machineId"_s].toString(), -1), group);
    }
    QVERIFY(ids.contains(seenAction));
    QVERIFY(!ids.contains(hiddenAction));
    const QString byMachine = u"/api/machineactions?$filter=machineId eq '%1'"_s;
    QCOMPARE(m_http->get(byMachine.arg(hidden)).json.value(u"value"_s).toArray().size(), 0);
    QCOMPARE(app.get(byMachine.arg(hidden)).json.value(u"value"_s).toArray().size(), 1);
    QCOMPARE(
        m_http->get(u"/api/machineactions/"_s + hiddenAction).errorCode(), u"ResourceNotFound"_s);
    const QString cancel = u"/api/machineactions/%1/cancel"_s;
    QCOMPARE(m_http->post(cancel.arg(hiddenAction), commentBody()).status, 404);
    QCOMPARE(app.get(u"/api/machineactions/"_s + hiddenAction).json[u"status"_s].toString(),
        u"Pending"_s);
    QCOMPARE(m_http->post(cancel.arg(seenAction), commentBody()).status, 200);
}

QTEST_GUILESS_MAIN(TestSimVisibility)
#include "tst_simvisibility.moc"
