// SPDX-License-Identifier: MIT
// The main window end to end against the simulator: loading, search, details, messages.
#include "defenderclient.h"
#include "guifixture.h"
#include "ratebudget.h"

#include "detailspanel.h"
#include "deviceview.h"
#include "historydock.h"
#include "machinefiltermodel.h"
#include "messagebar.h"

#include <QAction>
#include <QClipboard>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QToolButton>

using namespace Qt::StringLiterals;

class TestMainWindow final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void devicesAppearWithCountsAndAccount();
    void typingInTheSearchBoxFilters();
    void quickFilterEligibleOnly();
    void detailsFollowTheCurrentDevice();
    void serviceErrorShowsInTheMessageBar();
    void signOutDisablesRefreshAndOffboard();
    void findShortcutAndAboutNeverBlock();
    void firstPageShowsAndLoadingCanBeCancelled();
    void windowOutlivesItsSession();

private:
    GuiFixture m_f;
};

void TestMainWindow::init()
{
    QVERIFY(m_f.setUp(50));
    QTRY_COMPARE_WITH_TIMEOUT(m_f.model()->rowCount(), 50, 15000);
    QTRY_VERIFY(!m_f.session->devices()->isLoading());
}

void TestMainWindow::cleanup()
{
    m_f.reset();
}

void TestMainWindow::devicesAppearWithCountsAndAccount()
{
    auto *table = m_f.window->findChild<QTableView *>(u"deviceTable"_s);
    QVERIFY(table);
    QCOMPARE(table->model()->rowCount(), 50);
    const auto *count = m_f.window->findChild<QLabel *>(u"countLabel"_s);
    QCOMPARE(count->text(), u"50 of 50 shown · 0 selected"_s);
    const auto *account = m_f.window->findChild<QLabel *>(u"accountLabel"_s);
    QVERIFY2(account->text().contains(m_f.sim->options().appClientId), qPrintable(account->text()));
    // Who and what: tenant, cloud and the permissions the token grants.
    QVERIFY2(
        account->toolTip().contains(m_f.sim->options().tenant), qPrintable(account->toolTip()));
    QVERIFY(account->toolTip().contains(u"Machine.Read.All, Machine.Offboard"_s));

    m_f.window->deviceView()->selectSourceRows({0, 1, 2});
    QCOMPARE(count->text(), u"50 of 50 shown · 3 selected"_s);
    QVERIFY(m_f.window->findChild<QAction *>(u"offboardAction"_s)->isEnabled());
    QVERIFY(!m_f.window->messageBar()->isVisible());
    // Listing went through the window's one rate budget, which every other call shares.
    QCOMPARE(m_f.backend->client()->rateBudget(), m_f.backend->budget());
    QVERIFY(m_f.backend->budget()->usedInWindow(RateEndpoint::Machines, 60000) >= 1);
}

void TestMainWindow::typingInTheSearchBoxFilters()
{
    const QString name = m_f.model()->computerName(7);
    const QString id = m_f.model()->machineId(7);
    auto *search = m_f.window->findChild<QLineEdit *>(u"searchEdit"_s);
    QVERIFY(search);
    QTest::keyClicks(search, name);
    const MachineFilterModel *filter = m_f.session->devices()->filterModel();
    QVERIFY(filter->visibleCount() >= 1);
    QVERIFY(filter->visibleCount() < 50);
    QVERIFY(filter->proxyRow(7) >= 0);
    for (int row = 0; row < filter->visibleCount(); ++row)
        QVERIFY(
            m_f.model()->computerName(filter->sourceRow(row)).contains(name, Qt::CaseInsensitive));

    search->clear();
    QCOMPARE(filter->visibleCount(), 50);
    QTest::keyClicks(search, id.left(12).toUpper()); // ids match too, case-insensitively
    QCOMPARE(filter->visibleCount(), 1);
    QCOMPARE(filter->sourceRow(0), 7);
    QTest::keyClicks(search, u"zzz"_s);
    QCOMPARE(filter->visibleCount(), 0);
    QVERIFY(m_f.window->countText().startsWith(u"0 of 50 shown"_s));
}

void TestMainWindow::quickFilterEligibleOnly()
{
    QVERIFY(m_f.refusedRow() >= 0);
    auto *eligibleOnly = m_f.window->findChild<QWidget *>(u"eligibleOnlyCheck"_s);
    QVERIFY(eligibleOnly);
    QTest::mouseClick(eligibleOnly, Qt::LeftButton, {}, QPoint(4, eligibleOnly->height() / 2));
    const MachineFilterModel *filter = m_f.session->devices()->filterModel();
    QVERIFY(filter->visibleCount() < 50);
    QCOMPARE(filter->proxyRow(m_f.refusedRow()), -1);
    for (int row = 0; row < filter->visibleCount(); ++row)
        QVERIFY(m_f.model()->eligibilityVerdict(filter->sourceRow(row)) != Eligibility::Refused);
}

void TestMainWindow::detailsFollowTheCurrentDevice()
{
    m_f.window->deviceView()->selectSourceRows({4});
    const DetailsPanel *details = m_f.window->details();
    QCOMPARE(details->machineId(), m_f.model()->machineId(4));
    QCOMPARE(details->fieldText(u"Device id"_s), m_f.model()->machineId(4));
    QCOMPARE(details->fieldText(u"Name"_s), m_f.model()->computerName(4));

    auto *portal = m_f.window->findChild<QPushButton *>(u"openPortalButton"_s);
    QVERIFY(portal && portal->isEnabled());
    QTest::mouseClick(m_f.window->findChild<QPushButton *>(u"copyIdButton"_s), Qt::LeftButton);
    QCOMPARE(QGuiApplication::clipboard()->text(), m_f.model()->machineId(4));
    QTest::mouseClick(portal, Qt::LeftButton);
    QCOMPARE(m_f.prompter->urls.size(), 1);
    QCOMPARE(m_f.prompter->urls.first().toString(),
        u"https://security.microsoft.com/machines/"_s + m_f.model()->machineId(4));
}

void TestMainWindow::serviceErrorShowsInTheMessageBar()
{
    auto *serverFilter = m_f.window->findChild<QLineEdit *>(u"serverFilterEdit"_s);
    QVERIFY(serverFilter);
    QTest::keyClicks(serverFilter, u"healthStatus eq"_s); // not valid OData
    QTest::keyClick(serverFilter, Qt::Key_Return);
    const MessageBar *bar = m_f.window->messageBar();
    QTRY_VERIFY_WITH_TIMEOUT(bar->isVisible(), 15000);
    QCOMPARE(bar->level(), MessageBar::Level::Error);
    QVERIFY2(bar->text().contains(u"400"_s), qPrintable(bar->text()));
    QVERIFY2(bar->text().contains(u"ODataError"_s), qPrintable(bar->text()));
    QVERIFY(m_f.window->isEnabled()); // no modal box

    // A valid server filter loads only what matches and clears the message.
    serverFilter->setText(u"healthStatus eq 'Active'"_s);
    QTest::keyClick(serverFilter, Qt::Key_Return);
    QVERIFY(!bar->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(!m_f.session->devices()->isLoading(), 15000);
    QVERIFY(m_f.model()->rowCount() > 0);
    QVERIFY(m_f.model()->rowCount() < 50);
    for (int row = 0; row < m_f.model()->rowCount(); ++row)
        QCOMPARE(m_f.model()->machine(row).healthStatus, u"Active"_s);
    QVERIFY(!bar->isVisible());
}

void TestMainWindow::signOutDisablesRefreshAndOffboard()
{
    auto *signOut = m_f.window->findChild<QAction *>(u"signOutAction"_s);
    auto *refresh = m_f.window->findChild<QAction *>(u"refreshAction"_s);
    QVERIFY(signOut->isEnabled() && refresh->isEnabled());
    signOut->trigger();
    QVERIFY(!refresh->isEnabled());
    QVERIFY(!m_f.window->findChild<QAction *>(u"offboardAction"_s)->isEnabled());
    QVERIFY(m_f.window->accountText().startsWith(u"Not signed in"_s));
}

void TestMainWindow::findShortcutAndAboutNeverBlock()
{
    QApplication::setActiveWindow(m_f.window.get());
    QVERIFY(QTest::qWaitForWindowActive(m_f.window.get()));
    auto *search = m_f.window->findChild<QLineEdit *>(u"searchEdit"_s);
    m_f.window->deviceView()->table()->setFocus();
    QVERIFY(!search->hasFocus());
    QTest::keySequence(m_f.window.get(), QKeySequence::Find);
    QTRY_VERIFY(search->hasFocus());

    m_f.window->findChild<QAction *>(u"aboutAction"_s)->trigger(); // a modal box would block
    QCOMPARE(m_f.prompter->abouts.size(), 1);
}

void TestMainWindow::firstPageShowsAndLoadingCanBeCancelled()
{
    m_f.session->devices()->setPageSize(10);
    FaultSpec slow;
    slow.endpoint = u"machines"_s;
    slow.latencyMs = 400;
    m_f.sim->addFault(slow);
    QSignalSpy firstPage(m_f.session->devices(), &DeviceController::firstPageLoaded);
    m_f.window->findChild<QAction *>(u"refreshAction"_s)->trigger();
    QVERIFY(firstPage.wait(15000));
    // The first page is on screen while the next ones are still coming.
    QCOMPARE(m_f.model()->rowCount(), 10);
    QVERIFY(m_f.session->devices()->isLoading());
    QVERIFY(m_f.window->countText().contains(u"10 of 10 shown"_s));
    auto *cancel = m_f.window->findChild<QToolButton *>(u"loadCancelButton"_s);
    QVERIFY(cancel->isVisible());
    QTest::mouseClick(cancel, Qt::LeftButton);
    QVERIFY(!m_f.session->devices()->isLoading());
    QVERIFY(!cancel->isVisible());
    QVERIFY(!m_f.window->messageBar()->isVisible()); // cancelling is not an error

    m_f.sim->clearFaults();
    m_f.session->refresh();
    QTRY_COMPARE_WITH_TIMEOUT(m_f.model()->rowCount(), 50, 15000);
    QTRY_VERIFY(!m_f.session->devices()->isLoading());
}

void TestMainWindow::windowOutlivesItsSession()
{
    // The session goes first (the launcher and the fixture do that); the window and the backend
    // stay. Nothing of the one reaches the other after that, and the window's requests go
    // nowhere instead of into a dead session.
    MessageBar *bar = m_f.window->messageBar();
    bar->dismiss();
    QSignalSpy shown(bar, &MessageBar::messageShown);
    QSignalSpy account(m_f.backend.get(), &Backend::signInChanged);
    m_f.session.reset();
    Q_EMIT m_f.backend->problem(u"after the session"_s);
    Q_EMIT m_f.backend->auditReconciled(1, 1, 0, u"Last session: 1 not sent"_s);
    Q_EMIT m_f.window->signOutRequested();
    Q_EMIT m_f.window->refreshRequested();
    Q_EMIT m_f.window->historyDock()->reloadRequested();
    QCoreApplication::processEvents();
    QCOMPARE(shown.size(), 0);
    QVERIFY(!bar->isVisible());
    QCOMPARE(account.size(), 0); // the sign-out request did not reach the backend
    QVERIFY(m_f.backend->isSignedIn());
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
