// SPDX-License-Identifier: MIT
// Offboarding through the main window end to end against the simulator: the dialog, the bulk
// run, the history pane following the actions to Succeeded, cancelling from the pane.
#include "guifixture.h"

#include "actiontablemodel.h"
#include "bulkoffboard.h"
#include "cancelactiondialog.h"
#include "deviceview.h"
#include "historycontroller.h"
#include "historydock.h"
#include "offboardcontroller.h"
#include "offboarddialog.h"

#include <QAction>
#include <QFile>
#include <QIcon>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QTableWidget>

using namespace Qt::StringLiterals;

class TestMainWindowOffboard final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void offboardOneDeviceReachesSucceeded();
    void offboardThreeNeverSendsTheExcluded();
    void cancelFromTheHistoryPane();
    void exportCsvWritesTheVisibleRows();

private:
    // Selects the rows, opens the dialog through the action, types comment and confirmation
    // and clicks Offboard. Returns the ids offered in the dialog.
    QStringList offboardThroughDialog(const QList<int> &rows, const QString &confirmation);
    int historyRow(const QString &machineId) const;
    GuiFixture m_f;
};

void TestMainWindowOffboard::init()
{
    QVERIFY(m_f.setUp(50));
    QTRY_COMPARE_WITH_TIMEOUT(m_f.model()->rowCount(), 50, 15000);
    QTRY_VERIFY(!m_f.session->devices()->isLoading());
    QTRY_VERIFY(!m_f.session->history()->isLoading());
}

void TestMainWindowOffboard::cleanup()
{
    m_f.reset();
}

QStringList TestMainWindowOffboard::offboardThroughDialog(
    const QList<int> &rows, const QString &confirmation)
{
    m_f.window->deviceView()->selectSourceRows(rows);
    auto *action = m_f.window->findChild<QAction *>(u"offboardAction"_s);
    if (!action || !action->isEnabled())
        return {};
    action->trigger();
    auto *dialog = m_f.window->findChild<OffboardDialog *>();
    if (!dialog || !dialog->isVisible())
        return {};
    const QStringList offered = dialog->request().machineIds;
    QTest::keyClicks(dialog->findChild<QLineEdit *>(u"commentEdit"_s), u"Retired, CHG-77"_s);
    QTest::keyClicks(dialog->findChild<QLineEdit *>(u"confirmEdit"_s), confirmation);
    auto *button = dialog->findChild<QPushButton *>(u"offboardButton"_s);
    if (!button->isEnabled())
        return {};
    QTest::mouseClick(button, Qt::LeftButton);
    return offered;
}

int TestMainWindowOffboard::historyRow(const QString &machineId) const
{
    const ActionTableModel *history = m_f.session->history()->model();
    for (int row = 0; row < history->rowCount(); ++row) {
        // The service's action (the audit log's own rows come and go before it).
        if (!history->isLocalOnly(row) && history->action(row).machineId == machineId)
            return row;
    }
    return -1;
}

void TestMainWindowOffboard::offboardOneDeviceReachesSucceeded()
{
    const QList<int> rows = m_f.eligibleRows(1);
    QCOMPARE(rows.size(), 1);
    const QString id = m_f.model()->machineId(rows.first());
    const QStringList offered
        = offboardThroughDialog(rows, m_f.model()->computerName(rows.first()));
    QCOMPARE(offered, QStringList {id});
    QTRY_COMPARE_WITH_TIMEOUT(m_f.sim->offboardRequestCount(id), 1, 15000);

    const ActionTableModel *history = m_f.session->history()->model();
    QTRY_VERIFY(historyRow(id) >= 0);
    QVERIFY(history->isSentByThisApp(historyRow(id)));
    QCOMPARE(history->action(historyRow(id)).status, ActionStatus::Pending);
    QCOMPARE(history->action(historyRow(id)).requestorComment, u"Retired, CHG-77"_s);
    // The device now refuses a second offboard.
    QCOMPARE(m_f.model()->eligibilityVerdict(rows.first()), Eligibility::Refused);

    m_f.sim->advanceClock(61000);
    QTRY_COMPARE_WITH_TIMEOUT(
        history->action(historyRow(id)).status, ActionStatus::InProgress, 15000);
    m_f.sim->advanceClock(61000);
    QTRY_COMPARE_WITH_TIMEOUT(
        history->action(historyRow(id)).status, ActionStatus::Succeeded, 15000);
    QCOMPARE(m_f.sim->offboardRequestCount(id), 1);
}

void TestMainWindowOffboard::offboardThreeNeverSendsTheExcluded()
{
    const QList<int> eligible = m_f.eligibleRows(3);
    QCOMPARE(eligible.size(), 3);
    const int refused = m_f.refusedRow();
    QVERIFY(refused >= 0);
    const QString refusedId = m_f.model()->machineId(refused);
    const QStringList offered = offboardThroughDialog(eligible + QList<int> {refused}, u"3"_s);
    QCOMPARE(offered.size(), 3);
    QVERIFY(!offered.contains(refusedId));

    BulkOffboard *job = m_f.session->offboard()->currentJob();
    QVERIFY(job);
    QTRY_VERIFY_WITH_TIMEOUT(job->isFinished(), 15000);
    QCOMPARE(job->countIn(BulkOffboard::DeviceState::Done), 3);
    for (int row : eligible)
        QCOMPARE(m_f.sim->offboardRequestCount(m_f.model()->machineId(row)), 1);
    QCOMPARE(m_f.sim->offboardRequestCount(refusedId), 0);
    for (const RequestLogEntry &entry : m_f.sim->requestLog())
        QVERIFY2(
            !entry.path.contains(refusedId) || entry.method != u"POST"_s, qPrintable(entry.path));

    auto *results = m_f.window->findChild<QTableWidget *>(u"resultTable"_s);
    QVERIFY(results);
    QCOMPARE(results->rowCount(), 3);
    QTRY_VERIFY(historyRow(offered.at(2)) >= 0);
}

void TestMainWindowOffboard::cancelFromTheHistoryPane()
{
    const QList<int> rows = m_f.eligibleRows(1);
    const QString id = m_f.model()->machineId(rows.first());
    QCOMPARE(offboardThroughDialog(rows, m_f.model()->computerName(rows.first())).size(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(historyRow(id) >= 0, 15000);

    // Find the row in the pane's view, make it current, click "Cancel action…".
    auto *table = m_f.window->historyDock()->table();
    QModelIndex index;
    for (int row = 0; row < table->model()->rowCount() && !index.isValid(); ++row) {
        const QModelIndex candidate = table->model()->index(row, 0);
        if (candidate.data(ActionTableModel::MachineIdRole).toString() == id
            && !candidate.data(ActionTableModel::IsLocalOnlyRole).toBool())
            index = candidate;
    }
    QVERIFY(index.isValid());
    QVERIFY(index.data(Qt::FontRole).value<QFont>().bold()); // sent by this app
    QCOMPARE(index.siblingAtColumn(ActionTableModel::DeviceColumn).data(Qt::ToolTipRole),
        QVariant(u"Sent from this app"_s));
    QVERIFY(!index.siblingAtColumn(ActionTableModel::StatusColumn)
                 .data(Qt::DecorationRole)
                 .value<QIcon>()
                 .isNull());
    table->setCurrentIndex(index);
    auto *cancelButton = m_f.window->findChild<QPushButton *>(u"cancelActionButton"_s);
    QVERIFY(cancelButton->isEnabled());
    QTest::mouseClick(cancelButton, Qt::LeftButton);
    auto *dialog = m_f.window->findChild<CancelActionDialog *>();
    QVERIFY(dialog);
    auto *confirm = dialog->findChild<QPushButton *>(u"confirmCancelButton"_s);
    QVERIFY(!confirm->isEnabled()); // no comment yet
    QTest::keyClicks(dialog->findChild<QLineEdit *>(u"commentEdit"_s), u"Wrong device"_s);
    QTest::mouseClick(confirm, Qt::LeftButton);

    const ActionTableModel *history = m_f.session->history()->model();
    QTRY_COMPARE_WITH_TIMEOUT(
        history->action(historyRow(id)).status, ActionStatus::Cancelled, 15000);
    QCOMPARE(history->action(historyRow(id)).cancellationComment, u"Wrong device"_s);
    QTRY_VERIFY(!cancelButton->isEnabled()); // final now
    // The device can be offboarded again.
    QTRY_VERIFY(m_f.model()->eligibilityVerdict(rows.first()) != Eligibility::Refused);
}

void TestMainWindowOffboard::exportCsvWritesTheVisibleRows()
{
    m_f.prompter->saveAnswer = QDir(m_f.dir->path()).filePath(u"history.csv"_s);
    const ActionTableModel *history = m_f.session->history()->model();
    QVERIFY(history->rowCount() > 0); // the tenant's seeded actions
    QTest::mouseClick(m_f.window->findChild<QPushButton *>(u"exportCsvButton"_s), Qt::LeftButton);
    QFile file(m_f.prompter->saveAnswer);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray csv = file.readAll();
    QCOMPARE(csv.count("\r\n"), history->rowCount() + 1);
    QVERIFY(csv.contains(history->action(0).id.toUtf8()));
}

QTEST_MAIN(TestMainWindowOffboard)
#include "tst_mainwindowoffboard.moc"
