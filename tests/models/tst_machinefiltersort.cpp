// SPDX-License-Identifier: MIT
#include "filtermodeltest.h"

#include <QItemSelectionModel>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace FilterOracle;

class TestMachineFilterSort : public FilterModelTest
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void sortEachColumn_data();
    void sortEachColumn();
    void pagesWhileSortedAndFiltered();
    void changedRowsMoveToTheirPlace();
    void selectionFollowsRows();
};

void TestMachineFilterSort::init()
{
    createModels();
}

void TestMachineFilterSort::cleanup()
{
    deleteModels();
}

void TestMachineFilterSort::sortEachColumn_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<bool>("descending");
    for (int column = 0; column < Model::ColumnCount; ++column) {
        const QByteArray name = QMetaEnum::fromType<Model::Column>().valueToKey(column);
        QTest::newRow(name + " asc") << column << false;
        QTest::newRow(name + " desc") << column << true;
    }
}

void TestMachineFilterSort::sortEachColumn()
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

void TestMachineFilterSort::pagesWhileSortedAndFiltered()
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

void TestMachineFilterSort::selectionFollowsRows()
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

void TestMachineFilterSort::changedRowsMoveToTheirPlace()
{
    m_proxy->sort(Model::EligibilityColumn, Qt::AscendingOrder);
    const int source = m_proxy->sourceRow(0);
    QCOMPARE(m_model->eligibilityVerdict(source), Eligibility::Eligible);
    m_model->setPendingOffboard(m_model->machineId(source), true); // now Refused: to the end
    const int last = m_proxy->proxyRow(source);
    QVERIFY(last > m_proxy->rowCount() / 2);
    for (int row = last + 1; row < m_proxy->rowCount(); ++row)
        QVERIFY(m_proxy->sourceRow(row) > source); // ties keep the load order
    m_model->setPendingOffboard(m_model->machineId(source), false);
    QCOMPARE(m_proxy->proxyRow(source), 0);

    m_proxy->sort(Model::NameColumn, Qt::AscendingOrder);
    Machine renamed = ModelTestData::machine(7);
    renamed.computerDnsName = u"aaa-first"_s;
    m_model->appendMachines({renamed});
    QCOMPARE(m_proxy->sourceRow(0), 7);
}

QTEST_GUILESS_MAIN(TestMachineFilterSort)
#include "tst_machinefiltersort.moc"
