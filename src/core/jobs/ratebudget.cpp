// SPDX-License-Identifier: MIT
#include "ratebudget.h"

#include <QElapsedTimer>
#include <QTimer>

#include <algorithm>
#include <memory>

namespace {

RateBudget::Clock defaultClock()
{
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    return [timer] { return timer->elapsed(); };
}

// The earliest time >= t at which one more stamp fits under both windows. stamps is sorted.
template<typename Stamps, typename Limits>
qint64 earliestSlot(const Stamps &stamps, const Limits &limits, qint64 t)
{
    const auto size = qint64(stamps.size());
    if (limits.perMinute > 0 && size >= limits.perMinute) {
        const qint64 oldest = stamps[size_t(size - limits.perMinute)];
        t = std::max(t, oldest + limits.minuteWindowMs + limits.marginMs);
    }
    if (limits.perHour > 0 && size >= limits.perHour) {
        const qint64 oldest = stamps[size_t(size - limits.perHour)];
        t = std::max(t, oldest + limits.hourWindowMs + limits.marginMs);
    }
    return t;
}

} // namespace

RateBudget::RateBudget(QObject *parent)
    : RateBudget(Limits {}, {}, parent)
{ }

RateBudget::RateBudget(const Limits &limits, Clock nowMs, QObject *parent)
    : QObject(parent)
    , m_defaultLimits(limits)
    , m_clock(nowMs ? std::move(nowMs) : defaultClock())
    , m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    m_timer->setTimerType(Qt::PreciseTimer);
    connect(m_timer, &QTimer::timeout, this, &RateBudget::wake);
}

RateBudget::~RateBudget() = default;

void RateBudget::setLimits(const Limits &limits)
{
    m_defaultLimits = limits;
    wake();
}

void RateBudget::setLimits(const QString &endpoint, const Limits &limits)
{
    Lane &l = lane(endpoint);
    l.hasOwnLimits = true;
    l.limits = limits;
    wake();
}

RateBudget::Limits RateBudget::limits(const QString &endpoint) const
{
    const auto it = m_lanes.constFind(endpoint);
    return it == m_lanes.cend() ? m_defaultLimits : limitsOf(*it);
}

void RateBudget::setClock(Clock nowMs)
{
    m_clock = nowMs ? std::move(nowMs) : defaultClock();
    wake();
}

qint64 RateBudget::now() const
{
    return m_clock();
}

RateBudget::Lane &RateBudget::lane(const QString &endpoint)
{
    return m_lanes[endpoint];
}

const RateBudget::Limits &RateBudget::limitsOf(const Lane &lane) const
{
    return lane.hasOwnLimits ? lane.limits : m_defaultLimits;
}

void RateBudget::prune(Lane &lane, qint64 now) const
{
    const Limits &limits = limitsOf(lane);
    // Only the stamps that can still limit a call are kept: those within the longer window.
    const qint64 keep = std::max(limits.minuteWindowMs, limits.hourWindowMs) + limits.marginMs;
    while (!lane.stamps.empty() && lane.stamps.front().at + keep <= now)
        lane.stamps.pop_front();
}

qint64 RateBudget::nextFreeAt(const Lane &lane, qint64 now) const
{
    struct Times
    {
        const std::deque<Stamp> &stamps;
        size_t size() const { return stamps.size(); }
        qint64 operator[](size_t i) const { return stamps[i].at; }
    };
    return earliestSlot(Times {lane.stamps}, limitsOf(lane), std::max(now, lane.pausedUntil));
}

void RateBudget::insertStamp(Lane &lane, Stamp stamp)
{
    auto it = std::upper_bound(lane.stamps.begin(), lane.stamps.end(), stamp.at,
        [](qint64 at, const Stamp &s) { return at < s.at; });
    lane.stamps.insert(it, stamp);
}

RateBudget::Ticket RateBudget::acquire(
    const QString &endpoint, Priority priority, QObject *context, std::function<void()> go)
{
    if (!go)
        return 0;
    if (const qsizetype grant = m_grantStack.lastIndexOf(endpoint); grant >= 0) {
        // The slot for this call was taken by the go callback we are inside of.
        const Ticket enclosing = m_grantTickets.at(grant);
        go();
        return enclosing;
    }
    Waiter waiter;
    waiter.ticket = m_nextTicket++;
    waiter.priority = priority;
    waiter.context = context;
    waiter.hasContext = context != nullptr;
    waiter.go = std::move(go);
    const Ticket ticket = waiter.ticket;

    Lane &l = lane(endpoint);
    auto it = std::upper_bound(l.waiters.begin(), l.waiters.end(), priority,
        [](Priority p, const Waiter &w) { return int(p) < int(w.priority); });
    l.waiters.insert(it, std::move(waiter));
    Q_EMIT waitingChanged(endpoint, int(m_lanes[endpoint].waiters.size()));
    runLane(endpoint);
    if (!m_waking)
        arm();
    return ticket;
}

bool RateBudget::cancel(Ticket ticket)
{
    if (ticket == 0)
        return false;
    for (auto it = m_lanes.begin(); it != m_lanes.end(); ++it) {
        auto &waiters = it->waiters;
        const auto w = std::find_if(waiters.begin(), waiters.end(),
            [ticket](const Waiter &x) { return x.ticket == ticket; });
        if (w != waiters.end()) {
            waiters.erase(w);
            const QString endpoint = it.key();
            const int left = int(waiters.size());
            Q_EMIT waitingChanged(endpoint, left);
            if (!m_waking)
                arm();
            return true;
        }
    }
    return false;
}

void RateBudget::settle(Ticket ticket)
{
    if (ticket == 0)
        return;
    const qint64 t = now();
    for (Lane &l : m_lanes) {
        for (auto it = l.stamps.rbegin(); it != l.stamps.rend(); ++it) {
            if (it->ticket != ticket)
                continue;
            if (it->at >= t)
                return;
            l.stamps.erase(std::next(it).base());
            insertStamp(l, Stamp {t, ticket});
            if (!m_waking)
                arm();
            return;
        }
    }
}

void RateBudget::pauseFor(const QString &endpoint, int seconds)
{
    pauseForMs(endpoint, qint64(std::max(1, seconds)) * 1000);
}

void RateBudget::pauseForMs(const QString &endpoint, qint64 milliseconds)
{
    Lane &l = lane(endpoint);
    const qint64 until = now() + std::max<qint64>(0, milliseconds);
    if (until <= l.pausedUntil)
        return;
    l.pausedUntil = until;
    Q_EMIT paused(endpoint, milliseconds);
    if (!m_waking)
        arm();
}

qint64 RateBudget::pausedUntil(const QString &endpoint) const
{
    const auto it = m_lanes.constFind(endpoint);
    if (it == m_lanes.cend() || it->pausedUntil <= now())
        return 0;
    return it->pausedUntil;
}

qint64 RateBudget::estimatedWait(const QString &endpoint, int n) const
{
    const qint64 t0 = now();
    const auto it = m_lanes.constFind(endpoint);
    const Limits &limits = it == m_lanes.cend() ? m_defaultLimits : limitsOf(*it);
    std::vector<qint64> times;
    qint64 t = t0;
    qint64 total = std::max(0, n);
    if (it != m_lanes.cend()) {
        for (const Stamp &s : it->stamps)
            times.push_back(s.at);
        t = std::max(t, it->pausedUntil);
        for (const Waiter &w : it->waiters)
            total += (!w.hasContext || w.context) ? 1 : 0;
    }
    if (total == 0)
        return 0;
    for (qint64 i = 0; i < total; ++i) {
        t = earliestSlot(times, limits, t);
        times.push_back(t);
    }
    return t - t0;
}

int RateBudget::waitingCount(const QString &endpoint) const
{
    if (!endpoint.isEmpty()) {
        const auto it = m_lanes.constFind(endpoint);
        return it == m_lanes.cend() ? 0 : int(it->waiters.size());
    }
    int sum = 0;
    for (const Lane &l : m_lanes)
        sum += int(l.waiters.size());
    return sum;
}

int RateBudget::usedInWindow(const QString &endpoint, qint64 windowMs) const
{
    const auto it = m_lanes.constFind(endpoint);
    if (it == m_lanes.cend())
        return 0;
    const qint64 t = now();
    return int(std::count_if(it->stamps.cbegin(), it->stamps.cend(),
        [&](const Stamp &s) { return s.at + windowMs > t; }));
}

void RateBudget::runLane(const QString &endpoint)
{
    for (;;) {
        // Re-looked-up every round: a go callback may add lanes (and rehash the table).
        auto it = m_lanes.find(endpoint);
        if (it == m_lanes.end())
            return;
        Lane &l = *it;
        const qint64 t = now();
        prune(l, t);
        while (!l.waiters.empty() && l.waiters.front().hasContext && !l.waiters.front().context)
            l.waiters.erase(l.waiters.begin());
        if (l.waiters.empty() || nextFreeAt(l, t) > t)
            return;
        Waiter waiter = std::move(l.waiters.front());
        l.waiters.erase(l.waiters.begin());
        insertStamp(l, Stamp {t, waiter.ticket});
        const int left = int(l.waiters.size());
        Q_EMIT waitingChanged(endpoint, left);
        if (waiter.hasContext && !waiter.context)
            continue; // destroyed by a waitingChanged receiver: the slot stays used, harmlessly
        m_grantStack.append(endpoint);
        m_grantTickets.append(waiter.ticket);
        waiter.go();
        m_grantStack.removeLast();
        m_grantTickets.removeLast();
    }
}

void RateBudget::wake()
{
    if (m_waking)
        return;
    m_waking = true;
    const QStringList endpoints = m_lanes.keys();
    for (const QString &endpoint : endpoints)
        runLane(endpoint);
    m_waking = false;
    arm();
}

void RateBudget::arm()
{
    const qint64 t = now();
    qint64 next = -1;
    for (Lane &l : m_lanes) {
        bool any = false;
        for (const Waiter &w : l.waiters) {
            if (!w.hasContext || w.context) {
                any = true;
                break;
            }
        }
        if (!any)
            continue;
        const qint64 at = nextFreeAt(l, t);
        if (next < 0 || at < next)
            next = at;
    }
    if (next < 0) {
        m_timer->stop();
        return;
    }
    m_timer->start(int(std::clamp<qint64>(next - t, 0, 24LL * 3600 * 1000)));
}

#include "moc_ratebudget.cpp"
