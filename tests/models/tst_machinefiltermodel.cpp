// SPDX-License-Identifier: MIT
#include "machinefiltermodel.h"
#include "machinetablemodel.h"
#include "modeltestdata.h"

#include <QAbstractItemModelTester>
#include <QItemSelectionModel>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;
using Model = MachineTableModel;

namespace {

struct Filters
{
    QString search;
    QStringList platforms, health, risk;
    bool eligibleOnly = false;
};

// The reference semantics, written plainly: every whitespace-separated term occurs,
// case-insensitively, in the name, id, a non-loopback IP, a tag or the group name.
bool oracleAccepts(const Model &model, int row, const Filters &f)
{
    const Machine m = model.machine(row);
    for (const QString &term : f.search.split(u' ', Qt::SkipEmptyParts)) {
        QStringList fields = {m.computerDnsName, m.id, m.lastIpAddress, m.rbacGroupName};
        fields += m.machineTags;
        for (const IpAddress &ip : m.ipAddresses) {
            if (!ip.ipAddress.startsWith(u"127."))
                fields.append(ip.ipAddress);
        }
        if (!std::any_of(fields.cbegin(), fields.cend(),
                [&](const QString &field) { return field.contains(term, Qt::CaseInsensitive); }))
            return false;
    }
    auto allowed = [](const QStringList &set, const QString &value) {
        return set.isEmpty() || set.contains(value, Qt::CaseInsensitive);
    };
    return allowed(f.platforms, m.osPlatform) && allowed(f.health, m.healthStatus)
        && allowed(f.risk, m.riskScore)
        && (!f.eligibleOnly || model.eligibilityVerdict(row) != Eligibility::Refused);
}

QList<int> visibleSourceRows(const MachineFilterModel &proxy)
{
    QList<int> rows;
    for (int row = 0; row < proxy.rowCount(); ++row) {
        rows.append(proxy.mapToSource(proxy.index(row, 0)).row());
        if (proxy.sourceRow(row) != rows.last() || proxy.proxyRow(rows.last()) != row)
            return {-1};
    }
    return rows;
}

QList<int> oracleRows(const Model &model, const Filters &f)
{
    QList<int> rows;
    for (int row = 0; row < model.rowCount(); ++row) {
        if (oracleAccepts(model, row, f))
            rows.append(row);
    }
    return rows;
}

QList<int> sorted(QList<int> rows)
{
    std::sort(rows.begin(), rows.end());
    return rows;
}

} // namespace

class TestMachineFilterModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void searchFields_data();
    void searchFields();
    void typingNarrowsAndWidens();
    void quickFilters();
    void eligibleOnlyFollowsChanges();
    void sortEachColumn_data();
    void sortEachColumn();
    void pagesWhileSortedAndFiltered();
    void selectionFollowsRows();
    void resetAndCounts();

private:
    Model *m_model = nullptr;
    MachineFilterModel *m_proxy = nullptr;
    QAbstractItemModelTester *m_tester = nullptr;
};

void TestMachineFilterModel::init()
{
    m_model = new Model(this);
    m_model->setEligibilityContext({OsPolicy::Rules2024, true, false});
    m_model->appendMachines(ModelTestData::machines(0, 300));
    m_proxy = new MachineFilterModel(this);
    m_proxy->setSourceModel(m_model);
    m_tester = new QAbstractItemModelTester(
        m_proxy, QAbstractItemModelTester::FailureReportingMode::QtTest, this);
}

void TestMachineFilterModel::cleanup()
{
    delete m_tester;
    delete m_proxy;
    delete m_model;
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

void TestMachineFilterModel::sortEachColumn_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<bool>("descending");
    for (int column = 0; column < Model::ColumnCount; ++column) {
        const QByteArray name = QMetaEnum::fromType<Model::Column>().valueToKey(column);
        QTest::newRow(name + " asc") << column << false;
        QTest::newRow(name + " desc") << column << true;
    }
}

void TestMachineFilterModel::sortEachColumn()
{
    QFETCH(int, column);
    QFETCH(bool, descending);
    // An independent comparison key per column.
    auto key = [&](int row) -> QVariantList {
        const Machine m = m_model->machine(row);
        const QVariant sortValue = m_model->data(m_model->index(row, column), Model::SortRole);
        switch (column) {
        case Model::PlatformColumn:
            return {m.osPlatform.toCaseFolded(), m.osBuild.value_or(-1),
                (m.version.isEmpty() ? m.osVersion : m.version).toCaseFolded()};
        case Model::LastIpColumn: {
            const QStringList parts = m.lastIpAddress.split(u'.');
            qint64 value = 0;
            for (const QString &part : parts)
                value = value * 256 + part.toInt();
            return {value};
        }
        default:
            return {sortValue};
        }
    };
    auto less = [&](const QVariantList &a, const QVariantList &b) {
        for (qsizetype i = 0; i < a.size(); ++i) {
            const auto order = QVariant::compare(a.at(i), b.at(i));
            if (order != QPartialOrdering::Equivalent)
                return order == QPartialOrdering::Less;
        }
        return false;
    };
    QList<int> expected;
    QList<QVariantList> keys;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        expected.append(row);
        keys.append(key(row));
    }
    std::stable_sort(expected.begin(), expected.end(),
        [&](int a, int b) { return descending ? less(keys[b], keys[a]) : less(keys[a], keys[b]); });
    QSignalSpy layout(m_proxy, &QAbstractItemModel::layoutChanged);
    m_proxy->sort(column, descending ? Qt::DescendingOrder : Qt::AscendingOrder);
    QCOMPARE(m_proxy->sortColumn(), column);
    QCOMPARE(visibleSourceRows(*m_proxy), expected);
    QVERIFY(layout.size() <= 1);

    m_proxy->sort(-1);
    QCOMPARE(visibleSourceRows(*m_proxy), oracleRows(*m_model, {}));
}

void TestMachineFilterModel::pagesWhileSortedAndFiltered()
{
    m_proxy->sort(Model::LastSeenColumn, Qt::DescendingOrder);
    m_proxy->setSearchText(u"host-00"_s);
    m_proxy->setRiskFilter({u"Low"_s, u"High"_s});
    for (int page = 1; page <= 3; ++page) {
        m_model->appendMachines(ModelTestData::machines(page * 300, 300));
        QCOMPARE(m_proxy->sourceCount(), (page + 1) * 300);
        const QList<int> rows = visibleSourceRows(*m_proxy);
        QCOMPARE(sorted(rows),
            oracleRows(*m_model, {u"host-00"_s, {}, {}, {u"Low"_s, u"High"_s}, false}));
        for (qsizetype i = 1; i < rows.size(); ++i) {
            const qint64 a
                = m_model->data(m_model->index(rows[i - 1], Model::LastSeenColumn), Model::SortRole)
                      .toLongLong();
            const qint64 b
                = m_model->data(m_model->index(rows[i], Model::LastSeenColumn), Model::SortRole)
                      .toLongLong();
            QVERIFY(a > b || (a == b && rows[i - 1] < rows[i]));
        }
    }
    // Unsorted: new rows arrive as one insertion at the end.
    m_proxy->sort(-1);
    m_proxy->clearFilters();
    QSignalSpy inserted(m_proxy, &QAbstractItemModel::rowsInserted);
    m_model->appendMachines(ModelTestData::machines(5000, 50));
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.at(0).at(2).toInt(), m_proxy->rowCount() - 1);
}

void TestMachineFilterModel::selectionFollowsRows()
{
    QItemSelectionModel selection(m_proxy);
    auto selectedIds = [&] {
        QStringList ids;
        for (const QModelIndex &index : selection.selectedRows())
            ids.append(index.data(Model::MachineIdRole).toString());
        ids.sort();
        return ids;
    };
    for (int row : {3, 110, 111, 150})
        selection.select(
            m_proxy->index(row, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
    selection.setCurrentIndex(m_proxy->index(150, 0), QItemSelectionModel::NoUpdate);
    const QStringList before = selectedIds();
    const QString currentId = m_model->machineId(150);
    QCOMPARE(before.size(), 4);

    m_proxy->sort(Model::NameColumn, Qt::DescendingOrder);
    QCOMPARE(selectedIds(), before);
    QCOMPARE(selection.currentIndex().data(Model::MachineIdRole).toString(), currentId);
    QCOMPARE(selection.currentIndex().row(), m_proxy->proxyRow(150));

    m_proxy->setSearchText(u"host-001"_s); // keeps 110, 111 and 150 but not 3
    QStringList expected
        = {m_model->machineId(110), m_model->machineId(111), m_model->machineId(150)};
    expected.sort();
    QCOMPARE(selectedIds(), expected);
    QCOMPARE(selection.currentIndex().data(Model::MachineIdRole).toString(), currentId);

    m_proxy->setSearchText(u"host-00111"_s);
    QCOMPARE(selectedIds(), QStringList {m_model->machineId(111)});
    QVERIFY(!selection.currentIndex().isValid());
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
