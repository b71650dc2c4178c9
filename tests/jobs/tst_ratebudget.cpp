// SPDX-License-Identifier: MIT
#include "budgetfixture.h"

#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace BudgetTest;

class TestRateBudget final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void minuteWindow();
    void hourWindow();
    void slidingWindowFollowsEachStamp();
    void bulkRunMatchesTheQuota_data();
    void bulkRunMatchesTheQuota();
    void estimatedWait();
    void settleMovesTheStamp();
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

QTEST_GUILESS_MAIN(TestRateBudget)
#include "tst_ratebudget.moc"
