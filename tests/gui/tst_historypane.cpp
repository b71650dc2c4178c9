// SPDX-License-Identifier: MIT
// The history pane with this app's audit log merged in, the start-up reconciliation of what a
// killed run left, the pane's filters, and remembered column hiding in the device table.
#include "guifixture.h"

#include "actiontablemodel.h"
#include "auditlog.h"
#include "auditreconciler.h"
#include "bulkoffboard.h"
#include "deviceview.h"
#include "historycontroller.h"
#include "historydock.h"
#include "messagebar.h"

#include <QComboBox>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLineEdit>
#include <QMenu>
#include <QNetworkReply>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace {
const QString Comment = u"Retired with the old racks"_s;
const QString Requestor = u"auditor@contoso.example"_s;
} // namespace

class TestHistoryPane final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void cleanup() { m_f.reset(); }
    void leftoversOfAKilledRunAreReconciledAndShown();
    void filtersByStatusDeviceAndRequestor();
    void hiddenColumnIsRemembered();

private:
    void leaveAKilledBatch(const QString &auditPath);
    int visibleRows() const { return m_f.window->historyDock()->table()->model()->rowCount(); }

    GuiFixture m_f;
    QList<OffboardTarget> m_targets;
};

// Three devices planned by a batch that was killed: the first was sent and taken by the
// service (its answer lost), the other two still queued.
void TestHistoryPane::leaveAKilledBatch(const QString &auditPath)
{
    m_targets.clear();
    for (int i = 0; i < m_f.sim->deviceCount() && m_targets.size() < 3; ++i) {
        const QJsonObject m = m_f.sim->machineJson(i);
        if (m.value(u"osPlatform"_s).toString() == u"Windows11"_s && !m_f.sim->neverChecksIn(i))
            m_targets.append(
                {m.value(u"id"_s).toString(), m.value(u"computerDnsName"_s).toString()});
    }
    QCOMPARE(m_targets.size(), 3);
    AuditLog audit;
    QVERIFY(audit.open(auditPath));
    QList<qint64> ids;
    QVERIFY(!audit
                 .recordQueued(AuditRecord::Kind::Offboard,
                     {{m_targets.at(0).machineId, m_targets.at(0).computerDnsName},
                         {m_targets.at(1).machineId, m_targets.at(1).computerDnsName},
                         {m_targets.at(2).machineId, m_targets.at(2).computerDnsName}},
                     Comment, Requestor, &ids)
                 .isEmpty());
    QVERIFY(audit.markIntent(ids.at(0)));
    QVERIFY(audit.markSent(ids.at(0)));
    QNetworkAccessManager network;
    network.setProxy(QNetworkProxy::NoProxy);
    QNetworkRequest request(QUrl(m_f.sim->baseUrl().toString() + u"/api/machines/"_s
        + m_targets.at(0).machineId + u"/offboard"_s));
    request.setRawHeader(
        "Authorization", "Bearer " + m_f.sim->issueAppToken({u"Machine.Offboard"_s}).toUtf8());
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    QNetworkReply *reply = network.post(request,
        QJsonDocument(QJsonObject {{u"Comment"_s, Comment}}).toJson(QJsonDocument::Compact));
    QSignalSpy done(reply, &QNetworkReply::finished);
    QVERIFY(done.wait(10000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() / 100, 2);
    delete reply;
}

void TestHistoryPane::leftoversOfAKilledRunAreReconciledAndShown()
{
    m_f.beforeStart = [this](const QString &path) { leaveAKilledBatch(path); };
    QVERIFY(m_f.setUp(50));
    QVERIFY(!QTest::currentTestFailed());
    // At sign-in the backend settles them and says so in the message bar.
    QTRY_VERIFY_WITH_TIMEOUT(m_f.backend->reconciler() && !m_f.backend->reconciler()->isRunning()
            && m_f.window->messageBar()->isVisible(),
        15000);
    const QString text = m_f.window->messageBar()->text();
    QVERIFY2(text.contains(u"Last session: 1 offboards reconciled"_s), qPrintable(text));
    QVERIFY2(text.contains(u"2 devices not sent"_s), qPrintable(text));
    QCOMPARE(m_f.window->messageBar()->level(), MessageBar::Level::Warning);

    // The pane: the adopted action marked as ours, the two others as rows of their own.
    const ActionTableModel *history = m_f.session->history()->model();
    QTRY_VERIFY_WITH_TIMEOUT(history->pendingActionIdFor(m_targets.at(0).machineId) != QString()
            && history->isSentByThisApp(
                history->rowOfAction(history->pendingActionIdFor(m_targets.at(0).machineId))),
        15000);
    for (int k = 1; k < 3; ++k) {
        int row = -1;
        for (int r = 0; r < history->rowCount() && row < 0; ++r) {
            if (history->isLocalOnly(r)
                && history->action(r).machineId == m_targets.at(k).machineId)
                row = r;
        }
        QVERIFY(row >= 0);
        QCOMPARE(
            history->index(row, ActionTableModel::StatusColumn).data().toString(), u"Not sent"_s);
    }
    // Both in the export.
    m_f.prompter->saveAnswer = m_f.dir->filePath(u"history.csv"_s);
    m_f.window->historyDock()->exportCsv();
    QFile csv(m_f.prompter->saveAnswer);
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QByteArray bytes = csv.readAll();
    QCOMPARE(bytes.count(",NotSent,"), 2);
    QVERIFY(bytes.contains(history->pendingActionIdFor(m_targets.at(0).machineId).toUtf8()));
}

void TestHistoryPane::filtersByStatusDeviceAndRequestor()
{
    m_f.beforeStart = [this](const QString &path) { leaveAKilledBatch(path); };
    QVERIFY(m_f.setUp(50));
    const ActionTableModel *history = m_f.session->history()->model();
    QTRY_VERIFY_WITH_TIMEOUT(history->rowCount() >= 4 && !m_f.session->history()->isLoading()
            && m_f.backend->reconciler() && !m_f.backend->reconciler()->isRunning(),
        15000);
    const int all = visibleRows();
    auto *status = m_f.window->findChild<QComboBox *>(u"historyStatusFilter"_s);
    auto *device = m_f.window->findChild<QLineEdit *>(u"historyDeviceFilter"_s);
    auto *requestor = m_f.window->findChild<QLineEdit *>(u"historyRequestorFilter"_s);
    QVERIFY(status && device && requestor);

    status->setCurrentIndex(status->findData(-3)); // this app's rows without an action
    QCOMPARE(visibleRows(), 2);
    status->setCurrentIndex(status->findData(int(ActionStatus::Pending)));
    QVERIFY(visibleRows() >= 1);
    QVERIFY(visibleRows() < all);
    for (int row = 0; row < visibleRows(); ++row)
        QCOMPARE(m_f.window->historyDock()->table()->model()->index(row, 0).data(
                     ActionTableModel::StatusRole),
            int(ActionStatus::Pending));
    status->setCurrentIndex(status->findData(-1));
    QCOMPARE(visibleRows(), all);

    QTest::keyClicks(device, m_targets.at(1).computerDnsName.toUpper());
    QCOMPARE(visibleRows(), 1);
    device->clear();
    QTest::keyClicks(requestor, u"AUDITOR@contoso"_s);
    QCOMPARE(visibleRows(), 2); // the two rows the log recorded for this requestor
    QTest::keyClicks(requestor, u"x"_s);
    QCOMPARE(visibleRows(), 0);
    requestor->clear();
    QCOMPARE(visibleRows(), all);
}

void TestHistoryPane::hiddenColumnIsRemembered()
{
    QSettings(QString::fromLatin1(AppSettings::organization),
        QString::fromLatin1(AppSettings::application))
        .remove(u"view/deviceHeader"_s); // a fresh start, also when run again
    QVERIFY(m_f.setUp(20));
    QHeaderView *header = m_f.window->deviceView()->table()->horizontalHeader();
    const int column = 3;
    const QString title
        = header->model()->headerData(column, Qt::Horizontal, Qt::DisplayRole).toString();
    QVERIFY(!header->isSectionHidden(column));

    // The header's context menu, used as a person would: untick the column.
    bool triggered = false;
    QTimer::singleShot(0, this, [&triggered, &title] {
        auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
        if (!menu)
            return;
        for (QAction *action : menu->actions()) {
            if (action->text() == title && action->isChecked()) {
                action->trigger();
                triggered = true;
            }
        }
        menu->close();
    });
    Q_EMIT header->customContextMenuRequested(QPoint(10, 5));
    QVERIFY(triggered);
    QVERIFY(header->isSectionHidden(column));

    // Saved at once (view state only, no secret), and a new window starts with it hidden.
    const QSettings settings(QString::fromLatin1(AppSettings::organization),
        QString::fromLatin1(AppSettings::application));
    QVERIFY(settings.contains(u"view/deviceHeader"_s));
    const QStringList keys = settings.allKeys();
    for (const QString &key : keys) {
        QVERIFY2(!key.contains(u"secret"_s, Qt::CaseInsensitive)
                && !key.contains(u"token"_s, Qt::CaseInsensitive),
            qPrintable(key));
    }
    m_f.session.reset();
    m_f.window.reset();
    MainWindow again(m_f.backend->settings(), m_f.prompter.get());
    QVERIFY(again.deviceView()->table()->horizontalHeader()->isSectionHidden(column));
}

QTEST_MAIN(TestHistoryPane)
#include "tst_historypane.moc"
