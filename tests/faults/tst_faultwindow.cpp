// SPDX-License-Identifier: MIT
// Fault suite, the visible faults in the main window: a missing permission, an expired token, a
// server error and an HTML error page while loading devices. The message bar shows the message
// with the service's correlation id, the window stays usable, and the next refresh recovers.
#include "defenderclient.h"
#include "guifixture.h"
#include "historycontroller.h"
#include "messagebar.h"
#include "ratebudget.h"

#include <QAction>
#include <QRegularExpression>
#include <QSignalSpy>

using namespace Qt::StringLiterals;

class TestFaultWindow : public QObject
{
    Q_OBJECT
    GuiFixture m_f;

    void refresh() { m_f.window->findChild<QAction *>(u"refreshAction"_s)->trigger(); }

    // Shows the error with a correlation id (a GUID) when `withTarget`, then recovers.
    void expectErrorThenRecovery(const QString &needle, bool withTarget)
    {
        const MessageBar *bar = m_f.window->messageBar();
        QTRY_VERIFY_WITH_TIMEOUT(bar->isVisible(), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(!m_f.session->devices()->isLoading(), 30000);
        QCOMPARE(bar->level(), MessageBar::Level::Error);
        QVERIFY2(bar->text().contains(needle), qPrintable(bar->text()));
        if (withTarget) {
            static const QRegularExpression guid(u"correlation id [0-9a-f-]{36}"_s);
            QVERIFY2(guid.match(bar->text()).hasMatch(), qPrintable(bar->text()));
        }
        QVERIFY(!bar->text().contains(u'<'));
        QVERIFY(m_f.window->isEnabled()); // no modal box
        QVERIFY(m_f.window->findChild<QAction *>(u"refreshAction"_s)->isEnabled());

        m_f.sim->clearFaults();
        m_f.tokens->setToken(
            m_f.sim->issueAppToken({u"Machine.Read.All"_s, u"Machine.Offboard"_s}));
        refresh();
        QTRY_VERIFY_WITH_TIMEOUT(!m_f.session->devices()->isLoading(), 30000);
        QTRY_COMPARE_WITH_TIMEOUT(m_f.model()->rowCount(), 20, 30000);
        QVERIFY(!bar->isVisible());
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_f.setUp(20));
        QTRY_COMPARE_WITH_TIMEOUT(m_f.model()->rowCount(), 20, 15000);
        QTRY_VERIFY(!m_f.session->devices()->isLoading());
        QTRY_VERIFY(!m_f.session->history()->isLoading());
        // As Backend will once it hands its budget to the client (one line in applySettings).
        m_f.backend->client()->setRateBudget(m_f.backend->budget());
        m_f.sim->clearRequestLog();
    }
    void cleanup() { m_f.reset(); }

    void missingPermission()
    {
        m_f.tokens->setToken(m_f.sim->issueAppToken({u"Machine.Offboard"_s}));
        refresh();
        expectErrorThenRecovery(u"Machine.Read.All"_s, true);
    }

    void expiredToken()
    {
        m_f.tokens->setToken(
            m_f.sim->issueAppToken({u"Machine.Read.All"_s, u"Machine.Offboard"_s}, 1));
        m_f.sim->advanceClock(5000);
        refresh();
        expectErrorThenRecovery(u"401"_s, true);
    }

    void serverError()
    {
        m_f.sim->addFault(FaultSpec::fromJson(
            {{u"endpoint"_s, u"machines"_s}, {u"errorRatio"_s, 1.0}, {u"errorStatus"_s, 500}}));
        refresh();
        expectErrorThenRecovery(u"after 4 attempts"_s, true);
    }

    void redirectToPlainHttp()
    {
        m_f.sim->addFault(
            FaultSpec::fromJson({{u"endpoint"_s, u"machines"_s}, {u"redirectToHttp"_s, 1}}));
        refresh();
        expectErrorThenRecovery(u"redirects are not followed"_s, false);
    }

    void tooManyBurstRecoversUnseen()
    {
        m_f.sim->addFault(FaultSpec::fromJson(
            {{u"endpoint"_s, u"machines"_s}, {u"tooManyBurst"_s, 2}, {u"retryAfterSeconds"_s, 1}}));
        QSignalSpy paused(m_f.backend->budget(), &RateBudget::paused);
        refresh();
        QTRY_COMPARE_WITH_TIMEOUT(paused.size(), 2, 15000);
        QTRY_VERIFY_WITH_TIMEOUT(!m_f.session->devices()->isLoading(), 30000);
        QCOMPARE(m_f.model()->rowCount(), 20);
        QVERIFY(!m_f.window->messageBar()->isVisible()); // recovered: nothing to tell
    }

    void htmlErrorPage()
    {
        m_f.sim->addFault(
            FaultSpec::fromJson({{u"endpoint"_s, u"machines"_s}, {u"htmlError"_s, 4}}));
        refresh();
        expectErrorThenRecovery(u"proxy"_s, false);
    }
};

QTEST_MAIN(TestFaultWindow)
#include "tst_faultwindow.moc"
