// SPDX-License-Identifier: MIT
// ActionTableModel: this app's audit log merged with the service's actions.
#include "actiontablemodel.h"
#include "actiontestdata.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace Qt::StringLiterals;
using Model = ActionTableModel;
using ActionTestData::makeAction;

namespace {

AuditRecord makeRecord(int n, AuditRecord::State state, const QString &actionId = {})
{
    AuditRecord r;
    r.id = n;
    r.machineId = u"%1"_s.arg(n, 40, 10, QLatin1Char('b'));
    r.machineName = u"local-%1"_s.arg(n);
    r.comment = u"Offboard %1"_s.arg(n);
    r.requestor = u"analyst@contoso.com"_s;
    r.createdMs = 5'000'000 + n;
    r.updatedMs = r.createdMs;
    r.correlationId = u"c0ffee00-0000-4000-8000-%1"_s.arg(n, 12, 10, QLatin1Char('0'));
    r.state = state;
    r.actionId = actionId;
    return r;
}

} // namespace

class TestActionTableLocal : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void auditRecordsMerge();
    void localRowsInCsvAndFilter();
};

void TestActionTableLocal::auditRecordsMerge()
{
    Model model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const MachineAction listed = makeAction(1, ActionStatus::Pending, 1000);
    model.upsertAction(listed);
    QVERIFY(!model.isSentByThisApp(0));

    // A record naming a listed action joins its row: marked, with the request id.
    AuditRecord mine = makeRecord(1, AuditRecord::State::Succeeded, listed.id);
    model.upsertLocalRecord(mine);
    QCOMPARE(model.rowCount(), 1);
    QVERIFY(model.isSentByThisApp(0));
    QCOMPARE(model.index(0, 0).data(Model::LocalStateRole).toString(), u"Succeeded"_s);
    QVERIFY(model.index(0, Model::NoteColumn).data().toString().contains(mine.correlationId));
    QCOMPARE(model.index(0, Model::StatusColumn).data().toString(), u"Pending"_s); // service's

    // An accepted action the service has not listed yet: shown from the log until it is.
    const MachineAction later = makeAction(2, ActionStatus::InProgress, 2000);
    AuditRecord early = makeRecord(2, AuditRecord::State::Succeeded, later.id);
    early.actionStatus = u"Pending"_s;
    model.upsertLocalRecord(early);
    QCOMPARE(model.rowCount(), 2);
    int row = model.rowOfAction(later.id);
    QCOMPARE(model.index(row, Model::StatusColumn).data().toString(), u"Pending"_s);
    QVERIFY(!model.index(row, 0).data(Model::IsFinalRole).toBool()); // followed by the poller
    model.upsertAction(later);
    QCOMPARE(model.rowCount(), 2);
    row = model.rowOfAction(later.id);
    QCOMPARE(model.action(row).status, ActionStatus::InProgress);
    QVERIFY(model.isSentByThisApp(row));
    QCOMPARE(model.index(row, 0).data(Model::LocalStateRole).toString(), u"Succeeded"_s);

    // Without an action: a row of its own, final, never polled, never "pending".
    AuditRecord unknown = makeRecord(3, AuditRecord::State::OutcomeUnknown);
    unknown.errorMessage = u"The connection was reset"_s;
    unknown.errorTarget = u"|abc.1"_s;
    model.upsertLocalRecord(unknown);
    QCOMPARE(model.rowCount(), 3);
    row = model.rowOfLocalRecord(unknown.id);
    QVERIFY(model.isLocalOnly(row));
    QCOMPARE(model.index(row, Model::StatusColumn).data().toString(), u"Outcome unknown"_s);
    QCOMPARE(model.index(row, Model::DeviceColumn).data().toString(), u"local-3"_s);
    const QString tip = model.index(row, Model::StatusColumn).data(Qt::ToolTipRole).toString();
    QVERIFY(tip.contains(u"The connection was reset"_s));
    QVERIFY(tip.contains(u"|abc.1"_s));
    QVERIFY(tip.contains(unknown.correlationId));
    QVERIFY(model.index(row, 0).data(Model::IsFinalRole).toBool());
    QVERIFY(!model.nonFinalActionIds().contains(QString()));
    QCOMPARE(model.pendingActionIdFor(unknown.machineId), QString());
    QCOMPARE(model.rowOfAction(QString()), -1);

    // Reconciled later with the action the service had taken: it moves into that row.
    const MachineAction found = makeAction(3, ActionStatus::Pending, 3000);
    model.upsertAction(found);
    QCOMPARE(model.rowCount(), 4);
    unknown.state = AuditRecord::State::Reconciled;
    unknown.actionId = found.id;
    model.upsertLocalRecord(unknown);
    QCOMPARE(model.rowCount(), 3);
    QVERIFY(!model.isLocalOnly(model.rowOfLocalRecord(unknown.id)));
    QCOMPARE(model.rowOfLocalRecord(unknown.id), model.rowOfAction(found.id));

    AuditRecord cancel = makeRecord(9, AuditRecord::State::Failed, found.id);
    cancel.kind = AuditRecord::Kind::Cancel; // not an offboard: not merged
    model.upsertLocalRecord(cancel);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.rowOfLocalRecord(9), -1);
}

void TestActionTableLocal::localRowsInCsvAndFilter()
{
    Model model;
    model.upsertAction(makeAction(1, ActionStatus::Succeeded, 1000));
    model.upsertLocalRecord(makeRecord(4, AuditRecord::State::NotSent));
    AuditRecord refused = makeRecord(5, AuditRecord::State::Failed);
    refused.errorMessage = u"Action is already in progress"_s;
    model.upsertLocalRecord(refused);
    QCOMPARE(model.rowCount(), 3);
    model.upsertLocalRecord(refused); // again: updated in place
    QCOMPARE(model.rowCount(), 3);

    const QString csv = model.toCsv();
    QCOMPARE(csv.count(u"\r\n"_s), 4);
    QVERIFY(csv.contains(u"local-4,NotSent,analyst@contoso.com"_s));
    QVERIFY(csv.contains(u"local-5,Failed,"_s));
    QVERIFY(csv.contains(u"Action is already in progress"_s));

    ActionFilterModel filter;
    filter.setSourceModel(&model);
    QAbstractItemModelTester tester(
        &filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
    filter.setLocalOnly(true);
    QCOMPARE(filter.rowCount(), 2);
    filter.setDeviceText(u"local-5"_s);
    QCOMPARE(filter.rowCount(), 1);
    filter.setDeviceText({});
    filter.setLocalOnly(false);
    filter.setStatusFilter({ActionStatus::Succeeded});
    QCOMPARE(filter.rowCount(), 1); // a status of the service: local rows are not in it
}

QTEST_GUILESS_MAIN(TestActionTableLocal)
#include "tst_actiontablelocal.moc"
