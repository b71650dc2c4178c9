// SPDX-License-Identifier: MIT
#include "machinestore_p.h"
#include "machinetablemodel.h"
#include "modeltestdata.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using Model = MachineTableModel;

namespace {

void compareMachines(const Machine &a, const Machine &b)
{
    QCOMPARE(a.id, b.id);
    QCOMPARE(a.computerDnsName, b.computerDnsName);
    QCOMPARE(a.firstSeen, b.firstSeen);
    QCOMPARE(a.lastSeen, b.lastSeen);
    QCOMPARE(a.osPlatform, b.osPlatform);
    QCOMPARE(a.osProcessor, b.osProcessor);
    QCOMPARE(a.version, b.version);
    QCOMPARE(a.osVersion, b.osVersion);
    QCOMPARE(a.osBuild, b.osBuild);
    QCOMPARE(a.lastIpAddress, b.lastIpAddress);
    QCOMPARE(a.lastExternalIpAddress, b.lastExternalIpAddress);
    QCOMPARE(a.agentVersion, b.agentVersion);
    QCOMPARE(a.healthStatus, b.healthStatus);
    QCOMPARE(a.rbacGroupId, b.rbacGroupId);
    QCOMPARE(a.rbacGroupName, b.rbacGroupName);
    QCOMPARE(a.riskScore, b.riskScore);
    QCOMPARE(a.exposureLevel, b.exposureLevel);
    QCOMPARE(a.deviceValue, b.deviceValue);
    QCOMPARE(a.aadDeviceId, b.aadDeviceId);
    QCOMPARE(a.machineTags, b.machineTags);
    QCOMPARE(a.ipAddresses.size(), b.ipAddresses.size());
    for (qsizetype i = 0; i < a.ipAddresses.size(); ++i) {
        QCOMPARE(a.ipAddresses[i].ipAddress, b.ipAddresses[i].ipAddress);
        QCOMPARE(a.ipAddresses[i].macAddress, b.ipAddresses[i].macAddress);
        QCOMPARE(a.ipAddresses[i].type, b.ipAddresses[i].type);
        QCOMPARE(a.ipAddresses[i].operationalStatus, b.ipAddresses[i].operationalStatus);
    }
    QCOMPARE(a.osArchitecture, b.osArchitecture);
    QCOMPARE(a.onboardingStatus, b.onboardingStatus);
    QCOMPARE(a.defenderAvStatus, b.defenderAvStatus);
    QCOMPARE(a.managedBy, b.managedBy);
    QCOMPARE(a.managedByStatus, b.managedByStatus);
    QCOMPARE(a.mergedIntoMachineId, b.mergedIntoMachineId);
    QCOMPARE(a.isPotentialDuplication, b.isPotentialDuplication);
    QCOMPARE(a.isExcluded, b.isExcluded);
    QCOMPARE(a.exclusionReason, b.exclusionReason);
    QCOMPARE(a.isAadJoined, b.isAadJoined);
}

Machine unusualMachine()
{
    Machine m = ModelTestData::machine(3);
    m.id = u"ABCDEF0123456789ABCDEF0123456789ABCDEF01"_s; // not folded: kept as received
    m.computerDnsName = u"Müller-PC.Contoso.COM"_s;
    m.lastExternalIpAddress = u"203.0.113.7"_s;
    m.aadDeviceId = u"6f1c3b1e-5a4d-4e6f-9a8b-1c2d3e4f5a6b"_s;
    m.mergedIntoMachineId = u"1111111111111111111111111111111111111111"_s;
    m.exclusionReason = u"Duplicate, \"old\""_s;
    m.isPotentialDuplication = true;
    m.isExcluded = true;
    m.isAadJoined = true;
    m.defenderAvStatus = u"Updated"_s;
    m.managedBy = u"Intune"_s;
    m.managedByStatus = u"Success"_s;
    m.machineTags = {u"Zeta"_s, u"alpha"_s};
    m.rbacGroupName = u"Finance Laptops"_s;
    m.lastSeen = QDateTime();
    m.osBuild = std::nullopt;
    return m;
}

} // namespace

class TestMachineTableModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void testerWhileLoading();
    void roundTrip();
    void knownIdsUpdateInPlace();
    void repeatedUpdatesDoNotGrowTheStore();
    void displayAndRoles();
    void eligibilityContext();
    void pendingOffboard();
    void relativeTime_data();
    void relativeTime();
    void distinctValues();
};

void TestMachineTableModel::testerWhileLoading()
{
    Model model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    for (int page = 0; page < 3; ++page)
        model.appendMachines(ModelTestData::machines(page * 200, 200));
    QCOMPARE(model.rowCount(), 600);
    QCOMPARE(inserted.size(), 3); // one insertion per page
    QCOMPARE(inserted.at(1).at(1).toInt(), 200);
    QCOMPARE(inserted.at(1).at(2).toInt(), 399);
    model.appendMachines(ModelTestData::machines(550, 100)); // 50 known, 50 new
    QCOMPARE(model.rowCount(), 650);
    model.setEligibilityContext({OsPolicy::Rules2026, true, false});
    model.setPendingOffboard(ModelTestData::idFor(7), true);
    model.clear();
    QCOMPARE(model.rowCount(), 0);
    model.appendMachines(ModelTestData::machines(0, 10));
    QCOMPARE(model.rowCount(), 10);
}

void TestMachineTableModel::roundTrip()
{
    Model model;
    const QList<Machine> page = ModelTestData::machines(0, 50) + QList<Machine> {unusualMachine()};
    model.appendMachines(page);
    QCOMPARE(model.rowCount(), page.size());
    for (int row = 0; row < page.size(); ++row) {
        compareMachines(model.machine(row), page.at(row));
        if (QTest::currentTestFailed())
            QFAIL(qPrintable(u"row %1"_s.arg(row)));
    }
    const int last = int(page.size()) - 1;
    QCOMPARE(model.machineId(last), u"ABCDEF0123456789ABCDEF0123456789ABCDEF01"_s);
    QCOMPARE(model.computerName(last), u"Müller-PC.Contoso.COM"_s);
    QCOMPARE(model.rowOfMachine(u"abcdef0123456789abcdef0123456789abcdef01"_s), last);
    QCOMPARE(model.rowOfMachine(ModelTestData::idFor(12).toUpper()), 12);
    QCOMPARE(model.rowOfMachine(u"feedfeedfeedfeedfeedfeedfeedfeedfeedfeed"_s), -1);
    QCOMPARE(model.machine(-1).id, QString());
    QCOMPARE(model.machine(int(page.size())).id, QString());
}

void TestMachineTableModel::knownIdsUpdateInPlace()
{
    Model model;
    model.appendMachines(ModelTestData::machines(0, 20));
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

    Machine renamed = ModelTestData::machine(5);
    renamed.computerDnsName = u"renamed-host"_s;
    renamed.healthStatus = u"Inactive"_s;
    Machine fresh = ModelTestData::machine(100);
    Machine freshAgain = fresh;
    freshAgain.computerDnsName = u"second-copy"_s;
    model.appendMachines({renamed, fresh, freshAgain});

    QCOMPARE(model.rowCount(), 21);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 5);
    QCOMPARE(model.computerName(5), u"renamed-host"_s);
    QCOMPARE(model.machine(5).healthStatus, u"Inactive"_s);
    QCOMPARE(model.rowOfMachine(fresh.id), 20);
    QCOMPARE(model.computerName(20), u"second-copy"_s); // the last copy in a page wins
}

void TestMachineTableModel::repeatedUpdatesDoNotGrowTheStore()
{
    MachineStore store;
    const QList<Machine> page = ModelTestData::machines(0, 2000);
    bool isNew = false;
    for (const Machine &m : page)
        store.upsert(m, &isNew);
    const qsizetype live = store.liveBytes();
    QVERIFY(live > 0);
    for (int round = 0; round < 20; ++round) {
        for (const Machine &m : page) {
            store.upsert(m, &isNew);
            QVERIFY(!isNew);
        }
        QVERIFY(store.wastedBytes() <= std::max<qsizetype>(live, 1 << 20)); // compacted
    }
    QCOMPARE(store.liveBytes(), live);
    QCOMPARE(store.size(), 2000);
    for (int row : {0, 777, 1999}) {
        QCOMPARE(store.machine(row).computerDnsName, page.at(row).computerDnsName);
        QCOMPARE(store.find(page.at(row).id), row);
    }
    std::vector<quint8> hits(size_t(store.size()), 0);
    store.scanSearchText("host-01234", hits);
    QCOMPARE(std::count(hits.begin(), hits.end(), 1), 1);
    QCOMPARE(hits[1234], 1);
}

void TestMachineTableModel::displayAndRoles()
{
    Model model;
    const qint64 now = 1'780'000'000'000 + 3 * 86'400'000;
    model.setClock([now] { return now; });
    model.appendMachines({ModelTestData::machine(0), unusualMachine()});
    auto cell = [&](int row, int column, int role = Qt::DisplayRole) {
        return model.data(model.index(row, column), role);
    };
    QCOMPARE(cell(0, Model::NameColumn).toString(), u"host-00000.contoso.com"_s);
    QCOMPARE(cell(0, Model::PlatformColumn).toString(), u"Windows 10 22H2 (build 19045)"_s);
    QCOMPARE(cell(0, Model::HealthColumn).toString(), u"Active"_s);
    QCOMPARE(cell(0, Model::RiskColumn).toString(), u"None"_s);
    QCOMPARE(cell(0, Model::DeviceValueColumn).toString(), u"High"_s);
    QCOMPARE(cell(0, Model::LastSeenColumn).toString(), u"3 days ago"_s);
    QVERIFY(!cell(0, Model::LastSeenColumn, Qt::ToolTipRole).toString().isEmpty());
    QCOMPARE(cell(0, Model::TagsColumn).toString(), u"VIP, Tag-0"_s);
    QCOMPARE(cell(0, Model::LastIpColumn).toString(), u"10.0.0.0"_s);
    QCOMPARE(cell(1, Model::TagsColumn).toString(), u"Zeta, alpha"_s);
    QCOMPARE(cell(1, Model::GroupColumn).toString(), u"Finance Laptops"_s);
    QCOMPARE(cell(1, Model::LastSeenColumn).toString(), u"Never"_s);
    QCOMPARE(cell(1, 0, Model::MachineIdRole).toString(), model.machineId(1));
    QCOMPARE(cell(1, 0, Model::TagsRole).toStringList(), (QStringList {u"Zeta"_s, u"alpha"_s}));
    QCOMPARE(cell(1, 0, Model::PlatformRole).toString(), u"WindowsServer2016"_s);
    QCOMPARE(cell(0, 0, Model::LastSeenRole).toDateTime(), ModelTestData::machine(0).lastSeen);

    const QString search = cell(1, 0, Model::SearchTextRole).toString();
    for (const QString &part : {u"abcdef0123456789abcdef0123456789abcdef01"_s,
             u"müller-pc.contoso.com"_s, u"10.0.0.3"_s, u"zeta"_s, u"finance laptops"_s})
        QVERIFY2(search.contains(part), qPrintable(search));
    QVERIFY(!search.contains(u"127.0.0.1"_s));

    // Sort values are cheap to compare: numbers for ranked columns, folded text for names.
    QCOMPARE(cell(1, Model::NameColumn, Model::SortRole).toString(), u"müller-pc.contoso.com"_s);
    QCOMPARE(cell(0, Model::LastSeenColumn, Model::SortRole).typeId(), QMetaType::LongLong);
    QVERIFY(cell(0, Model::RiskColumn, Model::SortRole).toInt()
        < cell(1, Model::RiskColumn, Model::SortRole).toInt()); // None < High
    QCOMPARE(model.headerData(Model::LastSeenColumn, Qt::Horizontal).toString(), u"Last seen"_s);
}

void TestMachineTableModel::eligibilityContext()
{
    Model model;
    model.appendMachines(ModelTestData::machines(0, 7)); // one per platform
    for (int row = 0; row < 7; ++row)
        QCOMPARE(model.eligibilityVerdict(row), Eligibility::Refused); // no permission yet
    QVERIFY(model.eligibility(0).reasons.join(u' ').contains(u"Machine.Offboard"_s));

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setEligibilityContext({OsPolicy::Rules2024, true, false});
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex().column(), int(Model::EligibilityColumn));
    QCOMPARE(model.eligibilityVerdict(0), Eligibility::Eligible); // Windows10 22H2
    QCOMPARE(model.eligibilityVerdict(3), Eligibility::EligibleWithWarning); // Server 2016
    QCOMPARE(model.eligibilityVerdict(4), Eligibility::Refused); // macOS under 2024
    QCOMPARE(
        model.data(model.index(4, 0), Model::EligibilityRole).toInt(), int(Eligibility::Refused));

    model.setEligibilityContext({OsPolicy::Rules2026, true, false});
    QCOMPARE(model.eligibilityVerdict(4), Eligibility::Eligible); // macOS 14.x
    QCOMPARE(model.eligibilityVerdict(5), Eligibility::EligibleWithWarning); // Linux, Inactive
    QCOMPARE(model.eligibilityVerdict(6), Eligibility::Refused); // iOS
    QVERIFY(!model.data(model.index(5, Model::EligibilityColumn), Qt::ToolTipRole)
                 .toString()
                 .isEmpty());
    QCOMPARE(model.data(model.index(6, 0), Model::EligibilityReasonsRole).toStringList(),
        model.eligibility(6).reasons);
}

void TestMachineTableModel::pendingOffboard()
{
    Model model;
    model.setEligibilityContext({OsPolicy::Rules2024, true, false});
    model.appendMachines(ModelTestData::machines(0, 3));
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QCOMPARE(model.eligibilityVerdict(2), Eligibility::Eligible);
    model.setPendingOffboard(ModelTestData::idFor(2).toUpper(), true);
    QCOMPARE(changed.size(), 1);
    QVERIFY(model.hasPendingOffboard(2));
    QVERIFY(model.data(model.index(2, 0), Model::PendingOffboardRole).toBool());
    QCOMPARE(model.eligibilityVerdict(2), Eligibility::Refused);
    QVERIFY(model.eligibility(2).reasons.join(u' ').contains(u"already pending"_s));
    model.setPendingOffboard(ModelTestData::idFor(2), true); // no change, no signal
    QCOMPARE(changed.size(), 1);
    model.appendMachines({ModelTestData::machine(2)}); // a refresh keeps the pending mark
    QVERIFY(model.hasPendingOffboard(2));
    QCOMPARE(model.eligibilityVerdict(2), Eligibility::Refused);
    model.setPendingOffboard(ModelTestData::idFor(2), false);
    QCOMPARE(model.eligibilityVerdict(2), Eligibility::Eligible);
    model.setPendingOffboard(u"unknown"_s, true); // ignored
}

void TestMachineTableModel::relativeTime_data()
{
    QTest::addColumn<qint64>("ago");
    QTest::addColumn<QString>("text");
    const qint64 minute = 60'000;
    QTest::newRow("future") << -5 * minute << u"just now"_s;
    QTest::newRow("seconds") << qint64(30'000) << u"just now"_s;
    QTest::newRow("minute") << minute << u"1 minute ago"_s;
    QTest::newRow("minutes") << 59 * minute << u"59 minutes ago"_s;
    QTest::newRow("hours") << 5 * 60 * minute << u"5 hours ago"_s;
    QTest::newRow("day") << 24 * 60 * minute << u"1 day ago"_s;
    QTest::newRow("months") << 90 * 24 * 60 * minute << u"3 months ago"_s;
    QTest::newRow("years") << 800 * 24 * 60 * minute << u"2 years ago"_s;
}

void TestMachineTableModel::relativeTime()
{
    QFETCH(qint64, ago);
    QFETCH(QString, text);
    const qint64 now = 1'800'000'000'000;
    QCOMPARE(Model::relativeTimeText(now - ago, now), text);
}

void TestMachineTableModel::distinctValues()
{
    Model model;
    model.appendMachines(ModelTestData::machines(0, 30));
    QCOMPARE(model.platforms(),
        (QStringList {u"Linux"_s, u"Windows10"_s, u"Windows11"_s, u"WindowsServer2016"_s,
            u"WindowsServer2019"_s, u"iOS"_s, u"macOS"_s}));
    QCOMPARE(model.groups(), (QStringList {u"Finance Laptops"_s, u"Lab"_s, u"Servers"_s}));
    QVERIFY(model.tags().contains(u"VIP"_s));
    QCOMPARE(Model::platformText(u"WindowsServer2012R2"_s), u"Windows Server 2012 R2"_s);
    QCOMPARE(Model::healthText(u"NoSensorData"_s), u"No sensor data"_s);
    QCOMPARE(Model::healthText(u"Weird"_s), u"Weird"_s);
}

QTEST_GUILESS_MAIN(TestMachineTableModel)
#include "tst_machinetablemodel.moc"
