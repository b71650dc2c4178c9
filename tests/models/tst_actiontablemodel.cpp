// SPDX-License-Identifier: MIT
#include "actiontablemodel.h"
#include "actiontestdata.h"
#include "csvexport.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using Model = ActionTableModel;
using ActionTestData::makeAction;

namespace {

QStringList ids(const QAbstractItemModel &model)
{
    QStringList out;
    for (int row = 0; row < model.rowCount(); ++row)
        out.append(model.index(row, 0).data(Model::ActionIdRole).toString());
    return out;
}

} // namespace

class TestActionTableModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void newestFirstAndUpsertInPlace();
    void sentByAppIsSticky();
    void roles();
    void csvField_data();
    void csvField();
    void csvExport();
    void filterModel();
};

void TestActionTableModel::newestFirstAndUpsertInPlace()
{
    Model model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const MachineAction a1 = makeAction(1, ActionStatus::Pending, 1000);
    const MachineAction a2 = makeAction(2, ActionStatus::Pending, 3000);
    const MachineAction a3 = makeAction(3, ActionStatus::InProgress, 2000);
    const MachineAction a4 = makeAction(4, ActionStatus::Succeeded, 2000); // same time as a3
    model.upsertActions({a1, a2, a3, a4});
    QCOMPARE(ids(model), (QStringList {a2.id, a3.id, a4.id, a1.id}));
    QCOMPARE(model.nonFinalActionIds(), (QStringList {a2.id, a3.id, a1.id}));
    QCOMPARE(model.pendingActionIdFor(a3.machineId.toUpper()), a3.id);
    QCOMPARE(model.pendingActionIdFor(a4.machineId), QString());

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    MachineAction done = a3;
    done.status = ActionStatus::Succeeded;
    done.lastUpdateDateTimeUtc = a3.lastUpdateDateTimeUtc.addSecs(600);
    model.upsertAction(done);
    QCOMPARE(inserted.size(), 0);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(model.rowOfAction(a3.id), 1);
    QCOMPARE(model.action(1).status, ActionStatus::Succeeded);
    QCOMPARE(model.nonFinalActionIds(), (QStringList {a2.id, a1.id}));

    MachineAction moved = a1; // a creation time that changed puts the row at its new place
    moved.creationDateTimeUtc = QDateTime::fromSecsSinceEpoch(4000, Qt::UTC);
    model.upsertAction(moved);
    QCOMPARE(ids(model), (QStringList {a1.id, a2.id, a3.id, a4.id}));
    QCOMPARE(model.rowOfAction(a4.id), 3);

    model.upsertAction(MachineAction()); // no id: ignored
    QCOMPARE(model.rowCount(), 4);
    model.clear();
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.rowOfAction(a1.id), -1);
}

void TestActionTableModel::sentByAppIsSticky()
{
    Model model;
    MachineAction a = makeAction(1, ActionStatus::Pending, 1000);
    model.upsertAction(a, true);
    QVERIFY(model.isSentByThisApp(0));
    a.status = ActionStatus::Succeeded;
    model.upsertAction(a); // a poll result does not clear the marker
    QVERIFY(model.isSentByThisApp(0));
    QVERIFY(model.index(0, 0).data(Model::SentByAppRole).toBool());
    model.upsertAction(makeAction(2, ActionStatus::Pending, 500));
    QVERIFY(!model.index(1, 0).data(Model::SentByAppRole).toBool());
}

void TestActionTableModel::roles()
{
    Model model;
    MachineAction a = makeAction(7, ActionStatus::TimeOut, 1000);
    model.upsertAction(a);
    auto cell
        = [&](int column, int role = Qt::DisplayRole) { return model.index(0, column).data(role); };
    QCOMPARE(cell(Model::DeviceColumn).toString(), u"pc-7.contoso.com"_s);
    QCOMPARE(cell(Model::StatusColumn).toString(), u"Timed out"_s);
    QCOMPARE(cell(Model::StatusColumn, Model::StatusIconRole).toString(), u"timed-out"_s);
    QCOMPARE(cell(0, Model::StatusRole).toInt(), int(ActionStatus::TimeOut));
    QVERIFY(cell(0, Model::IsFinalRole).toBool());
    QCOMPARE(cell(Model::RequestorColumn).toString(), u"analyst@contoso.com"_s);
    QCOMPARE(cell(Model::CommentColumn).toString(), u"Offboard 7"_s);
    QCOMPARE(cell(Model::ActionIdColumn).toString(), a.id);
    QCOMPARE(cell(Model::CreatedColumn, Model::CsvRole).toString(), u"1970-01-01T00:16:40.000Z"_s);
    QCOMPARE(cell(Model::CreatedColumn, Model::SortRole).toLongLong(), 1'000'000);
    QVERIFY(!cell(Model::CreatedColumn).toString().isEmpty());
    QCOMPARE(cell(0, Model::MachineIdRole).toString(), a.machineId);

    a.computerDnsName.clear();
    model.upsertAction(a);
    QCOMPARE(cell(Model::DeviceColumn).toString(), a.machineId);
    QCOMPARE(Model::statusIconName(ActionStatus::InProgress), u"in-progress"_s);
    QCOMPARE(
        model.headerData(Model::RequestorColumn, Qt::Horizontal).toString(), u"Requested by"_s);
}

void TestActionTableModel::csvField_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("csv");
    QTest::newRow("plain") << u"pc-1"_s << u"pc-1"_s;
    QTest::newRow("empty") << u""_s << u""_s;
    QTest::newRow("comma") << u"a,b"_s << u"\"a,b\""_s;
    QTest::newRow("quote") << u"say \"hi\""_s << u"\"say \"\"hi\"\"\""_s;
    QTest::newRow("newline") << u"line1\nline2"_s << u"\"line1\nline2\""_s;
    QTest::newRow("cr") << u"a\rb"_s << u"\"a\rb\""_s;
    QTest::newRow("formula") << u"=HYPERLINK(\"x\")"_s << u"\"'=HYPERLINK(\"\"x\"\")\""_s;
    QTest::newRow("plus") << u"+1"_s << u"'+1"_s;
    QTest::newRow("minus") << u"-2+3"_s << u"'-2+3"_s;
    QTest::newRow("at") << u"@SUM(A1)"_s << u"'@SUM(A1)"_s;
    QTest::newRow("tab") << u"\tx"_s << u"'\tx"_s;
    QTest::newRow("formula with comma") << u"=1,2"_s << u"\"'=1,2\""_s;
    QTest::newRow("inner equals") << u"a=b"_s << u"a=b"_s;
}

void TestActionTableModel::csvField()
{
    QFETCH(QString, text);
    QFETCH(QString, csv);
    QCOMPARE(Csv::field(text), csv);
}

void TestActionTableModel::csvExport()
{
    Model model;
    MachineAction a = makeAction(1, ActionStatus::Cancelled, 1000);
    a.requestorComment = u"=cmd|' /C calc'!A0, \"quoted\""_s;
    model.upsertAction(a);
    const QString csv = model.toCsv();
    const QStringList lines = csv.split(u"\r\n"_s);
    QCOMPARE(lines.size(), 3); // header, one row, empty after the last CRLF
    QVERIFY(lines.at(2).isEmpty());
    QCOMPARE(lines.at(0), u"Device,Status,Requested by,Comment,Created,Updated,Action ID,Note"_s);
    QCOMPARE(lines.at(1),
        u"pc-1.contoso.com,Cancelled,analyst@contoso.com,\"'=cmd|' /C calc'!A0, \"\"quoted\"\"\","
        "1970-01-01T00:16:40.000Z,1970-01-01T00:17:40.000Z,"_s
            + a.id + u","_s);
}

void TestActionTableModel::filterModel()
{
    Model model;
    for (int n = 1; n <= 6; ++n)
        model.upsertAction(
            makeAction(n, n % 3 ? ActionStatus::Pending : ActionStatus::Failed, 1000 * n));
    ActionFilterModel filter;
    filter.setSourceModel(&model);
    QAbstractItemModelTester tester(
        &filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(filter.rowCount(), 6);

    filter.setStatusFilter({ActionStatus::Failed});
    QCOMPARE(filter.rowCount(), 2); // 3 and 6
    filter.setStatusFilter({});
    filter.setDeviceText(u"  PC-4 "_s);
    QCOMPARE(filter.rowCount(), 1);
    QCOMPARE(filter.index(0, 0).data(Model::ActionIdRole).toString(), model.action(2).id);
    filter.setDeviceText(u"aaaaaa5"_s); // by machine id
    QCOMPARE(filter.rowCount(), 1);
    filter.setDeviceText({});
    filter.setRequestorText(u"ADMIN"_s);
    QCOMPARE(filter.rowCount(), 3);
    filter.setStatusFilter({ActionStatus::Pending});
    QCOMPARE(filter.rowCount(), 2); // 2 and 4

    // A status change moves a row in or out of the filtered view.
    MachineAction a2 = model.action(model.rowOfAction(makeAction(2, ActionStatus::Pending, 0).id));
    a2.status = ActionStatus::Succeeded;
    model.upsertAction(a2);
    QCOMPARE(filter.rowCount(), 1);
    QCOMPARE(filter.toCsv().count(u"\r\n"_s), 2);

    filter.setStatusFilter({});
    filter.setRequestorText({});
    filter.sort(Model::CreatedColumn, Qt::AscendingOrder);
    QCOMPARE(filter.index(0, Model::ActionIdColumn).data().toString(), makeAction(1, {}, 0).id);
}

QTEST_GUILESS_MAIN(TestActionTableModel)
#include "tst_actiontablemodel.moc"
