// SPDX-License-Identifier: MIT
// A RateBudget on a clock the test moves by hand.
#pragma once

#include "ratebudget.h"

#include <QList>
#include <QString>

namespace BudgetTest {

inline const QString Ep = QStringLiteral("offboard");

inline RateBudget::Limits limits(
    int perMinute, qint64 minuteMs, int perHour = 1000, qint64 hourMs = 1000000)
{
    RateBudget::Limits l;
    l.perMinute = perMinute;
    l.minuteWindowMs = minuteMs;
    l.perHour = perHour;
    l.hourWindowMs = hourMs;
    return l;
}

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

} // namespace BudgetTest
