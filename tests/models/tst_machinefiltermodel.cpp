// SPDX-License-Identifier: MIT
#include "filtermodeltest.h"

#include <QItemSelectionModel>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace FilterOracle;

class TestMachineFilterModel : public FilterModelTest
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void searchFields_data();
    void searchFields();
    void typingNarrowsAndWidens();
    void replacedRowsAreSearchedByTheirNewText();
    void searchSpansArenaChunks();
    void quickFilters();
    void eligibleOnlyFollowsChanges();
    void resetAndCounts();
};

void TestMachineFilterModel::init()
{
    createModels();
}

void TestMachineFilterModel::cleanup()
{
    deleteModels();
}

void TestMachineFilterModel::searchFields_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("expected"); // -1: only compare with the oracle
    QTest::newRow("empty") << u""_s << 300;
    QTest::newRow("name") << u"host-00123"_s << 1;
    QTest::newRow("name upper") << u"HOST-0012"_s << 10;
    QTest::newRow("id") << ModelTestData::idFor(42).left(30) << -1;
    QTest::newRow("id upper") << ModelTestData::idFor(42).toUpper() << 1;
    QTest::newRow("ip") << u"10.0.1.4"_s << -1; // 10.0.1.4 and 10.0.1.40…
    QTest::newRow("loopback is not searched") << u"127.0.0.1"_s << 0;
    QTest::newRow("tag") << u"vip"_s << 60;
    QTest::newRow("tag fragment") << u"tag-2"_s << 20;
    QTest::newRow("group") << u"FINANCE"_s << 75;
    QTest::newRow("two terms") << u"  vip   finance "_s << -1;
    QTest::newRow("terms across fields") << u"lab 10.0.0.1"_s << -1;
    QTest::newRow("nothing") << u"zzz"_s << 0;
}

void TestMachineFilterModel::searchFields()
{
    QFETCH(QString, query);
    QFETCH(int, expected);
    m_proxy->setSearchText(query);
    const QList<int> oracle = oracleRows(*m_model, {query, {}, {}, {}, false});
    QCOMPARE(visibleSourceRows(*m_proxy), oracle);
    if (expected >= 0)
        QCOMPARE(m_proxy->rowCount(), expected);
    QCOMPARE(m_proxy->visibleCount(), oracle.size());
    QCOMPARE(m_proxy->sourceCount(), 300);
}

void TestMachineFilterModel::typingNarrowsAndWidens()
{
    m_proxy->sort(Model::NameColumn, Qt::DescendingOrder);
    // Type, extend, backspace, replace, add and remove terms: after every step the result
    // must equal a fresh evaluation (incremental narrowing/widening stays exact).
    const QStringList steps = {u"h"_s, u"ho"_s, u"host-001"_s, u"host-0012"_s, u"host-001"_s,
        u"host"_s, u""_s, u"10.0"_s, u"10.0.1"_s, u"0.1"_s, u"vip"_s, u"vip lab"_s, u"vip lab 0"_s,
        u"vip 0"_s, u"lab"_s, u"ab"_s, u"xab"_s, u"a"_s, u""_s};
    for (const QString &step : steps) {
        m_proxy->setSearchText(step);
        QCOMPARE(m_proxy->searchText(), step);
        QCOMPARE(
            sorted(visibleSourceRows(*m_proxy)), oracleRows(*m_model, {step, {}, {}, {}, false}));
    }
}

void TestMachineFilterModel::quickFilters()
{
    Filters f;
    f.platforms = {u"windows10"_s, u"Linux"_s};
    m_proxy->setPlatformFilter(f.platforms);
    QCOMPARE(visibleSourceRows(*m_proxy), oracleRows(*m_model, f));
    QVERIFY(m_proxy->rowCount() > 0);

    f.health = {u"Active"_s};
    m_proxy->setHealthFilter(f.health);
    QCOMPARE(visibleSourceRows(*m_proxy), oracleRows(*m_model, f));

    f.risk = {u"HIGH"_s, u"medium"_s};
    m_proxy->setRiskFilter(f.risk);
    QCOMPARE(visibleSourceRows(*m_proxy), oracleRows(*m_model, f));
    QVERIFY(m_proxy->isFiltering());

    f.search = u"host-000"_s;
    m_proxy->setSearchText(f.search);
    QCOMPARE(visibleSourceRows(*m_proxy), oracleRows(*m_model, f));

    f.platforms.clear();
    m_proxy->setPlatformFilter({});
    QCOMPARE(visibleSourceRows(*m_proxy), oracleRows(*m_model, f));

    f.eligibleOnly = true;
    m_proxy->setEligibleOnly(true);
    QCOMPARE(visibleSourceRows(*m_proxy), oracleRows(*m_model, f));

    m_proxy->clearFilters();
    QVERIFY(!m_proxy->isFiltering());
    QCOMPARE(m_proxy->rowCount(), 300);
}

void TestMachineFilterModel::eligibleOnlyFollowsChanges()
{
    m_proxy->setEligibleOnly(true);
    const Filters f {{}, {}, {}, {}, true};
    QCOMPARE(visibleSourceRows(*m_proxy), oracleRows(*m_model, f));
    const int before = m_proxy->rowCount();

    m_model->setEligibilityContext({OsPolicy::Rules2026, true, false}); // macOS/Linux join
    QCOMPARE(visibleSourceRows(*m_proxy), oracleRows(*m_model, f));
    QVERIFY(m_proxy->rowCount() > before);

    const int source = m_proxy->sourceRow(0);
    QPersistentModelIndex first(m_proxy->index(0, 0));
    m_model->setPendingOffboard(m_model->machineId(source), true);
    QCOMPARE(m_proxy->proxyRow(source), -1);
    QVERIFY(!first.isValid());
    QCOMPARE(visibleSourceRows(*m_proxy), oracleRows(*m_model, f));

    m_model->setEligibilityContext({OsPolicy::Rules2024, false, false}); // no permission
    QCOMPARE(m_proxy->rowCount(), 0);
}

void TestMachineFilterModel::replacedRowsAreSearchedByTheirNewText()
{
    m_proxy->setSearchText(u"host-00005."_s);
    QCOMPARE(m_proxy->rowCount(), 1);
    Machine renamed = ModelTestData::machine(5);
    renamed.computerDnsName = u"Renamed-Box"_s;
    m_model->appendMachines({renamed});
    QCOMPARE(m_proxy->rowCount(), 0); // the update re-tests the row
    m_proxy->setSearchText(u"renamed-b"_s);
    QCOMPARE(visibleSourceRows(*m_proxy), QList<int> {5});
    m_proxy->setSearchText(u"host-0000"_s); // a full scan must skip the replaced text
    QCOMPARE(
        visibleSourceRows(*m_proxy), oracleRows(*m_model, {u"host-0000"_s, {}, {}, {}, false}));
    QCOMPARE(m_proxy->rowCount(), 9);
}

void TestMachineFilterModel::searchSpansArenaChunks()
{
    // About 15,000 rows fill more than one 1 MiB arena chunk.
    Model model;
    model.appendMachines(ModelTestData::machines(0, 15000));
    MachineFilterModel proxy;
    proxy.setSourceModel(&model);
    for (const QString &query : {u"host-14999"_s, u"host-1"_s, u"0.58."_s,
             ModelTestData::idFor(14321).mid(20), u"vip lab"_s}) {
        proxy.setSearchText(query);
        QCOMPARE(visibleSourceRows(proxy), oracleRows(model, {query, {}, {}, {}, false}));
    }
}

void TestMachineFilterModel::resetAndCounts()
{
    QSignalSpy counts(m_proxy, &MachineFilterModel::countsChanged);
    m_proxy->setSearchText(u"vip"_s);
    QCOMPARE(counts.size(), 1);
    QCOMPARE(counts.last().at(0).toInt(), 60);
    QCOMPARE(counts.last().at(1).toInt(), 300);
    m_model->clear();
    QCOMPARE(m_proxy->rowCount(), 0);
    QCOMPARE(counts.last().at(1).toInt(), 0);
    m_model->appendMachines(ModelTestData::machines(0, 100));
    QCOMPARE(m_proxy->rowCount(), 20); // the search survives the reset
    QCOMPARE(visibleSourceRows(*m_proxy), oracleRows(*m_model, {u"vip"_s, {}, {}, {}, false}));

    MachineFilterModel other;
    QAbstractItemModelTester tester(&other, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(other.rowCount(), 0);
    other.setSourceModel(m_model);
    QCOMPARE(other.rowCount(), 100);
    QCOMPARE(other.machineModel(), m_model);
}

QTEST_GUILESS_MAIN(TestMachineFilterModel)
#include "tst_machinefiltermodel.moc"
