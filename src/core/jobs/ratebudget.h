// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QLatin1String>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>

#include <deque>
#include <functional>
#include <vector>

class QTimer;

// Endpoint keys shared by the client, the jobs and the simulator (contract section 2: every
// endpoint has its own 100/minute and 1,500/hour quota).
namespace RateEndpoint {
constexpr QLatin1String Machines("machines"); // GET /api/machines
constexpr QLatin1String Machine("machine"); // GET /api/machines/{id}
constexpr QLatin1String Offboard("offboard"); // POST /api/machines/{id}/offboard
constexpr QLatin1String Actions("actions"); // GET /api/machineactions
constexpr QLatin1String Action("action"); // GET /api/machineactions/{id}
constexpr QLatin1String Cancel("cancel"); // POST /api/machineactions/{id}/cancel
} // namespace RateEndpoint

// Client-side quota keeper: per endpoint key, at most perMinute calls in any sliding
// minuteWindowMs and perHour in any hourWindowMs, and nothing while a 429 pause lasts.
//
// acquire() runs `go` as soon as a slot is free (synchronously when one is free now), in strict
// priority order among the waiters of one endpoint (FIFO within a priority). A slot is stamped
// when `go` runs; a caller that learns when the answer arrived calls settle(ticket) to move the
// stamp to that later time, which keeps the client from ever getting ahead of the server's view
// of the window when answers are delayed. `go` is dropped if `context` is destroyed first.
//
// Re-entrancy: an acquire() for the same endpoint made synchronously from inside a `go` callback
// runs at once and takes no second slot; it returns the enclosing ticket, so whoever sees the
// answer can settle() it. That lets a job acquire a slot and the client's send funnel acquire
// again for the same call without counting it twice.
//
// Wake-ups use one precise QTimer; no busy loops. With an injected clock, call wake() after
// moving the clock (the timer runs on real time). Lives on one thread.
class RateBudget final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RateBudget)
public:
    enum class Priority { UserAction = 0, Refresh = 1, Background = 2 };
    Q_ENUM(Priority)

    struct Limits
    {
        int perMinute = 100;
        int perHour = 1500;
        qint64 minuteWindowMs = 60000;
        qint64 hourWindowMs = 3600000;
        qint64 marginMs = 0; // extra wait after a stamp leaves its window (clock skew)
    };

    using Clock = std::function<qint64()>; // monotonic milliseconds
    using Ticket = quint64; // 0 = none / already ran

    explicit RateBudget(QObject *parent = nullptr);
    explicit RateBudget(const Limits &limits, Clock nowMs = {}, QObject *parent = nullptr);
    ~RateBudget() override;

    // Limits for every endpoint without its own; changing them re-evaluates the waiters.
    void setLimits(const Limits &limits);
    Limits limits() const { return m_defaultLimits; }
    void setLimits(const QString &endpoint, const Limits &limits);
    Limits limits(const QString &endpoint) const;
    void setClock(Clock nowMs); // empty = QElapsedTimer
    qint64 now() const;

    // Runs go now or later; returns a ticket for cancel()/settle() (the enclosing one under the
    // re-entrancy rule; 0 when go is empty). The slot is taken when go runs.
    Ticket acquire(
        const QString &endpoint, Priority priority, QObject *context, std::function<void()> go);
    // Removes a waiter that has not run yet. Returns true if it was still waiting.
    bool cancel(Ticket ticket);
    // Moves the stamp of a ticket that already ran to now (the answer arrived). No-op otherwise.
    void settle(Ticket ticket);

    // After a 429: nothing goes on this endpoint for `seconds` (at least 1) from now. A shorter
    // pause never shortens a longer one.
    void pauseFor(const QString &endpoint, int seconds);
    void pauseForMs(const QString &endpoint, qint64 milliseconds);
    qint64 pausedUntil(const QString &endpoint) const; // clock time, 0 if not paused

    // Milliseconds from now until the calls already waiting on this endpoint plus n more could
    // all have started (each as early as the windows allow). n = 0 and no waiters gives 0.
    qint64 estimatedWait(const QString &endpoint, int n) const;

    int waitingCount(const QString &endpoint = {}) const; // all endpoints when empty
    int usedInWindow(const QString &endpoint, qint64 windowMs) const; // stamps within windowMs

public Q_SLOTS:
    // Runs every waiter whose slot is free now and re-arms the timer. Called by the timer.
    void wake();

Q_SIGNALS:
    void waitingChanged(const QString &endpoint, int waiting);
    void paused(const QString &endpoint, qint64 milliseconds);

private:
    struct Waiter
    {
        Ticket ticket = 0;
        Priority priority = Priority::Background;
        QPointer<QObject> context;
        bool hasContext = false;
        std::function<void()> go;
    };
    struct Stamp
    {
        qint64 at = 0;
        Ticket ticket = 0;
    };
    struct Lane
    {
        std::vector<Waiter> waiters; // kept sorted: priority, then arrival
        std::deque<Stamp> stamps; // sorted by time, only those within the hour window
        qint64 pausedUntil = 0;
        bool hasOwnLimits = false;
        Limits limits;
    };

    Lane &lane(const QString &endpoint);
    const Limits &limitsOf(const Lane &lane) const;
    qint64 nextFreeAt(const Lane &lane, qint64 now) const; // earliest time a slot is free
    void prune(Lane &lane, qint64 now) const;
    void runLane(const QString &endpoint);
    void arm();
    void insertStamp(Lane &lane, Stamp stamp);

    Limits m_defaultLimits;
    Clock m_clock;
    QHash<QString, Lane> m_lanes;
    QTimer *m_timer;
    Ticket m_nextTicket = 1;
    QStringList m_grantStack; // endpoints whose go callback is running
    QList<Ticket> m_grantTickets; // and their tickets
    bool m_waking = false;
};
