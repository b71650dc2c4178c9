// SPDX-License-Identifier: MIT
#include "budgetfixture.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace BudgetTest;

class TestRateBudgetQueue final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void strictPriority();
    void pauseFor();
    void cancel();
    void destroyedContextDropsWaiter();
    void reentrantAcquireTakesNoSecondSlot();
    void endpointsAreIndependent();
    void realTimerWakesWaiters();
};

void TestRateBudgetQueue::strictPriority()
{
    Fixture f(limits(1, 1000));
    QStringList order;
    const auto add = [&](RateBudget::Priority p, const QString &name) {
        f.budget.acquire(Ep, p, nullptr, [&order, name] { order.append(name); });
    };
    add(RateBudget::Priority::Background, u"first"_s); // takes the slot
    add(RateBudget::Priority::Background, u"bg"_s);
    add(RateBudget::Priority::Refresh, u"refresh"_s);
    add(RateBudget::Priority::UserAction, u"user1"_s);
    add(RateBudget::Priority::UserAction, u"user2"_s);
    add(RateBudget::Priority::Refresh, u"refresh2"_s);
    for (int i = 1; i <= 5; ++i)
        f.advanceTo(i * 1000);
    QCOMPARE(order,
        (QStringList {u"first"_s, u"user1"_s, u"user2"_s, u"refresh"_s, u"refresh2"_s, u"bg"_s}));
}

void TestRateBudgetQueue::pauseFor()
{
    Fixture f(limits(10, 1000));
    QSignalSpy paused(&f.budget, &RateBudget::paused);
    f.budget.pauseFor(Ep, 2);
    QCOMPARE(paused.size(), 1);
    QCOMPARE(f.budget.pausedUntil(Ep), 2000);
    f.add();
    f.add(RateBudget::Priority::UserAction, u"machines"_s); // other endpoints are not paused
    QCOMPARE(f.ranAt.size(), 1);
    f.advanceTo(500);
    f.budget.pauseFor(Ep, 1); // shorter: does not shorten
    QCOMPARE(f.budget.pausedUntil(Ep), 2000);
    QCOMPARE(f.budget.estimatedWait(Ep, 0), 1500);
    f.advanceTo(1999);
    QCOMPARE(f.ranAt.size(), 1);
    f.advanceTo(2000);
    QCOMPARE(f.ranAt.size(), 2);
    QCOMPARE(f.budget.pausedUntil(Ep), 0);
}

void TestRateBudgetQueue::cancel()
{
    Fixture f(limits(1, 1000));
    const RateBudget::Ticket ran = f.add();
    const RateBudget::Ticket waiting = f.add();
    const RateBudget::Ticket last = f.add();
    QVERIFY(ran != 0 && waiting != 0 && last != 0);
    QVERIFY(!f.budget.cancel(ran)); // already ran
    QVERIFY(f.budget.cancel(waiting));
    QVERIFY(!f.budget.cancel(waiting));
    QCOMPARE(f.budget.waitingCount(Ep), 1);
    f.advanceTo(1000);
    QCOMPARE(f.ranAt, (QList<qint64> {0, 1000})); // the cancelled one never ran
}

void TestRateBudgetQueue::destroyedContextDropsWaiter()
{
    Fixture f(limits(1, 1000));
    f.add();
    int ran = 0;
    auto context = std::make_unique<QObject>();
    f.budget.acquire(Ep, RateBudget::Priority::UserAction, context.get(), [&ran] { ++ran; });
    f.add();
    context.reset();
    f.advanceTo(1000);
    QCOMPARE(ran, 0);
    QCOMPARE(f.ranAt, (QList<qint64> {0, 1000})); // the slot went to the next waiter
}

void TestRateBudgetQueue::reentrantAcquireTakesNoSecondSlot()
{
    Fixture f(limits(2, 1000));
    int inner = 0;
    RateBudget::Ticket innerTicket = 0;
    const RateBudget::Ticket outer
        = f.budget.acquire(Ep, RateBudget::Priority::UserAction, nullptr, [&] {
              // What the client's send funnel does for a call a job already got a slot for.
              innerTicket = f.budget.acquire(
                  Ep, RateBudget::Priority::Background, nullptr, [&inner] { ++inner; });
          });
    QCOMPARE(inner, 1);
    QVERIFY(outer != 0);
    QCOMPARE(innerTicket, outer); // the funnel can settle the job's slot
    QCOMPARE(f.budget.usedInWindow(Ep, 1000), 1);
    f.add(); // the second slot is still free
    QCOMPARE(f.ranAt.size(), 1);
    // Outside a go callback, the same call takes a slot of its own.
    f.add();
    QCOMPARE(f.ranAt.size(), 1);
    QCOMPARE(f.budget.waitingCount(Ep), 1);
}

void TestRateBudgetQueue::endpointsAreIndependent()
{
    Fixture f(limits(1, 1000));
    f.add(RateBudget::Priority::UserAction, u"offboard"_s);
    f.add(RateBudget::Priority::Background, u"action"_s);
    f.add(RateBudget::Priority::Refresh, u"machines"_s);
    QCOMPARE(f.ranAt.size(), 3);
    f.add(RateBudget::Priority::UserAction, u"offboard"_s);
    QCOMPARE(f.ranAt.size(), 3);
    RateBudget::Limits wide = limits(5, 1000);
    f.budget.setLimits(u"offboard"_s, wide); // per endpoint limits re-evaluate the waiters
    QCOMPARE(f.ranAt.size(), 4);
    QCOMPARE(f.budget.limits(u"action"_s).perMinute, 1);
}

void TestRateBudgetQueue::realTimerWakesWaiters()
{
    // The default clock and the budget's own timer: nothing calls wake() here.
    RateBudget budget(limits(2, 150));
    QElapsedTimer clock;
    clock.start();
    QList<qint64> ranAt;
    for (int i = 0; i < 6; ++i)
        budget.acquire(
            Ep, RateBudget::Priority::UserAction, &budget, [&] { ranAt.append(clock.elapsed()); });
    QCOMPARE(ranAt.size(), 2);
    QTRY_COMPARE_WITH_TIMEOUT(ranAt.size(), 6, 10000);
    for (int i = 2; i < ranAt.size(); ++i)
        QVERIFY2(ranAt.at(i) - ranAt.at(i - 2) >= 149, "two calls too close in one window");
}

QTEST_GUILESS_MAIN(TestRateBudgetQueue)
#include "tst_ratebudgetqueue.moc"
