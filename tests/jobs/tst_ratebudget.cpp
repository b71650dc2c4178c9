// SPDX-License-Identifier: MIT
#include "ratebudget.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

const QString Ep = u"offboard"_s;

RateBudget::Limits limits(
    int perMinute, qint64 minuteMs, int perHour = 1000, qint64 hourMs = 1000000)
{
    RateBudget::Limits l;
    l.perMinute = perMinute;
    l.minuteWindowMs = minuteMs;
    l.perHour = perHour;
    l.hourWindowMs = hourMs;
    return l;
}

// A budget on a clock the test moves by hand.
struct Fixture
{
    qint64 now = 0;
    RateBudget budget;
    QList<qint64> ranAt;
    explicit Fixture(const RateBudget::Limits &l)
        : budget(l, [this] { return now; })
    { }
    RateBudget::Ticket add(
        RateBudget::Priority p = RateBudget::Priority::UserAction, const QString &ep = Ep)
    {
        return budget.acquire(ep, p, nullptr, [this] { ranAt.append(now); });
    }
    void advanceTo(qint64 t)
    {
        now = t;
        budget.wake();
    }
};

} // namespace

class TestRateBudget final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void minuteWindow();
    void hourWindow();
    void slidingWindowFollowsEachStamp();
    void bulkRunMatchesTheQuota_data();
    void bulkRunMatchesTheQuota();
    void strictPriority();
    void pauseFor();
    void cancel();
    void estimatedWait();
    void destroyedContextDropsWaiter();
    void reentrantAcquireTakesNoSecondSlot();
    void settleMovesTheStamp();
    void endpointsAreIndependent();
    void realTimerWakesWaiters();
};

void TestRateBudget::minuteWindow()
{
    Fixture f(limits(3, 1000));
    for (int i = 0; i < 7; ++i)
        f.add();
    QCOMPARE(f.ranAt.size(), 3); // the first ones go at once, synchronously
    QCOMPARE(f.budget.waitingCount(Ep), 4);
    f.advanceTo(999);
    QCOMPARE(f.ranAt.size(), 3);
    f.advanceTo(1000);
    QCOMPARE(f.ranAt.size(), 6);
    f.advanceTo(2000);
    QCOMPARE(f.ranAt.size(), 7);
    QCOMPARE(f.budget.waitingCount(), 0);
}

void TestRateBudget::hourWindow()
{
    Fixture f(limits(5, 100, 8, 1000));
    for (int i = 0; i < 10; ++i)
        f.add();
    QCOMPARE(f.ranAt.size(), 5);
    f.advanceTo(100);
    QCOMPARE(f.ranAt.size(), 8); // hour cap
    f.advanceTo(999);
    QCOMPARE(f.ranAt.size(), 8);
    f.advanceTo(1000);
    QCOMPARE(f.ranAt.size(), 10);
}

void TestRateBudget::slidingWindowFollowsEachStamp()
{
    Fixture f(limits(3, 1000));
    f.add();
    f.advanceTo(300);
    f.add();
    f.advanceTo(600);
    f.add();
    f.add(); // must wait until the stamp at 0 leaves: 1000
    f.add(); // then the one at 300: 1300
    QCOMPARE(f.ranAt.size(), 3);
    f.advanceTo(1000);
    QCOMPARE(f.ranAt.size(), 4);
    f.advanceTo(1299);
    QCOMPARE(f.ranAt.size(), 4);
    f.advanceTo(1300);
    QCOMPARE(f.ranAt, (QList<qint64> {0, 300, 600, 1000, 1300}));
}

void TestRateBudget::bulkRunMatchesTheQuota_data()
{
    QTest::addColumn<int>("n");
    QTest::addColumn<int>("perMinute");
    QTest::addColumn<int>("perHour");
    QTest::newRow("minute only") << 25 << 10 << 1000;
    QTest::newRow("hour bound") << 40 << 10 << 25;
    QTest::newRow("fits at once") << 7 << 10 << 1000;
}

void TestRateBudget::bulkRunMatchesTheQuota()
{
    QFETCH(int, n);
    QFETCH(int, perMinute);
    QFETCH(int, perHour);
    const qint64 minute = 1000;
    const qint64 hour = 10000;
    Fixture f(limits(perMinute, minute, perHour, hour));
    for (int i = 0; i < n; ++i)
        f.add();
    const qint64 expected = f.budget.estimatedWait(Ep, 0);
    // Step the clock 1 ms at a time (bounded) so that every go time is observed exactly.
    for (qint64 t = 1; t <= 5 * hour && f.ranAt.size() < n; ++t)
        f.advanceTo(t);
    QCOMPARE(f.ranAt.size(), n);
    // Never more than the quota in any window ...
    for (int i = 0; i < n; ++i) {
        const auto inWindow = [&](qint64 window) {
            return std::count_if(f.ranAt.cbegin(), f.ranAt.cend(),
                [&](qint64 t) { return t >= f.ranAt.at(i) && t < f.ranAt.at(i) + window; });
        };
        QVERIFY(inWindow(minute) <= perMinute);
        QVERIFY(inWindow(hour) <= perHour);
    }
    // ... and each call goes exactly when the call perMinute (or perHour) earlier left.
    for (int i = 0; i < n; ++i) {
        qint64 earliest = 0;
        if (i >= perMinute)
            earliest = std::max(earliest, f.ranAt.at(i - perMinute) + minute);
        if (i >= perHour)
            earliest = std::max(earliest, f.ranAt.at(i - perHour) + hour);
        QCOMPARE(f.ranAt.at(i), earliest);
    }
    QCOMPARE(f.ranAt.last(), expected); // the estimate was the truth
}

void TestRateBudget::strictPriority()
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

void TestRateBudget::pauseFor()
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

void TestRateBudget::cancel()
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

void TestRateBudget::estimatedWait()
{
    Fixture f(limits(2, 1000, 5, 10000));
    QCOMPARE(f.budget.estimatedWait(Ep, 0), 0);
    QCOMPARE(f.budget.estimatedWait(Ep, 2), 0);
    QCOMPARE(f.budget.estimatedWait(Ep, 3), 1000);
    QCOMPARE(f.budget.estimatedWait(Ep, 6), 10000); // the hour cap (5) pushes the sixth
    f.add();
    f.add();
    f.add(); // waits
    QCOMPARE(f.budget.estimatedWait(Ep, 0), 1000); // the one waiting
    QCOMPARE(f.budget.estimatedWait(Ep, 1), 1000);
    QCOMPARE(f.budget.estimatedWait(Ep, 2), 2000);
    f.advanceTo(400);
    QCOMPARE(f.budget.estimatedWait(Ep, 0), 600);
}

void TestRateBudget::destroyedContextDropsWaiter()
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

void TestRateBudget::reentrantAcquireTakesNoSecondSlot()
{
    Fixture f(limits(2, 1000));
    int inner = 0;
    RateBudget::Ticket innerTicket = 99;
    f.budget.acquire(Ep, RateBudget::Priority::UserAction, nullptr, [&] {
        // What the client's send funnel does for a call a job already got a slot for.
        innerTicket = f.budget.acquire(
            Ep, RateBudget::Priority::Background, nullptr, [&inner] { ++inner; });
    });
    QCOMPARE(inner, 1);
    QCOMPARE(innerTicket, RateBudget::Ticket(0));
    QCOMPARE(f.budget.usedInWindow(Ep, 1000), 1);
    f.add(); // the second slot is still free
    QCOMPARE(f.ranAt.size(), 1);
    // Outside a go callback, the same call takes a slot of its own.
    f.add();
    QCOMPARE(f.ranAt.size(), 1);
    QCOMPARE(f.budget.waitingCount(Ep), 1);
}

void TestRateBudget::settleMovesTheStamp()
{
    Fixture f(limits(1, 1000));
    const RateBudget::Ticket first = f.add();
    f.add();
    f.advanceTo(500);
    f.budget.settle(first); // the answer came at 500: the server saw it no later
    f.advanceTo(1000);
    QCOMPARE(f.ranAt.size(), 1);
    f.advanceTo(1500);
    QCOMPARE(f.ranAt, (QList<qint64> {0, 1500}));
}

void TestRateBudget::endpointsAreIndependent()
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

void TestRateBudget::realTimerWakesWaiters()
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

QTEST_GUILESS_MAIN(TestRateBudget)
#include "tst_ratebudget.moc"
