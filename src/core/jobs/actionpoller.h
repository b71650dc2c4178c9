// SPDX-License-Identifier: MIT
#pragma once

#include "apierror.h"
#include "machineaction.h"
#include "ratebudget.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>

#include <functional>

class ActionCall;
class DefenderClient;
class QTimer;

// Follows machine actions until they are final: GET machineactions/{id} at Background priority
// through the budget, per action with backoff (initialDelayMs, doubled up to maxDelayMs; back to
// initialDelayMs when the status changes). Emits actionUpdated() after every successful poll and
// actionFinished() once when an action reaches a final state (then stops following it).
// Bounded: at most maxActions followed; an action is dropped after maxFollowMs or on 404.
// The client and budget are not owned. One QTimer, no busy loops. Lives on one thread.
class ActionPoller final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ActionPoller)
public:
    struct Options
    {
        int initialDelayMs = 2000;
        int maxDelayMs = 60000;
        int maxActions = 1000;
        qint64 maxFollowMs = 7LL * 24 * 3600 * 1000;
        int maxConsecutiveErrors = 10; // then the action is dropped with pollFailed
    };
    using Clock = std::function<qint64()>; // monotonic ms

    ActionPoller(DefenderClient *client, RateBudget *budget, QObject *parent = nullptr);
    ~ActionPoller() override;

    void setOptions(const Options &options) { m_options = options; }
    Options options() const { return m_options; }
    void setClock(Clock nowMs); // empty = QElapsedTimer

    // Follows a non-final action (false if final, not a valid id, or full). Re-adding an action
    // already followed refreshes its status and resets its backoff.
    bool watch(const MachineAction &action);
    bool watch(const QString &actionId); // status not known yet: first poll soon
    void unwatch(const QString &actionId);
    void clear();
    bool isWatching(const QString &actionId) const { return m_entries.contains(actionId); }
    QStringList watchedIds() const { return m_entries.keys(); }
    int watchedCount() const { return int(m_entries.size()); }
    qint64 nextPollInMs(const QString &actionId) const; // -1 if not followed

    void start(); // starts polling (actions can be added before)
    void stop(); // stops polling, keeps the list; in-flight calls finish and are processed
    bool isRunning() const { return m_running; }

public Q_SLOTS:
    // Queues every due poll (called by the timer; with an injected clock, call after moving it).
    void wake();

Q_SIGNALS:
    void actionUpdated(const MachineAction &action);
    void actionFinished(const MachineAction &action);
    void pollFailed(const QString &actionId, const ApiError &error); // dropped for good
    void idle(); // nothing left to follow

private:
    struct Entry
    {
        MachineAction action;
        qint64 addedAt = 0;
        qint64 dueAt = 0;
        int delayMs = 0;
        int errors = 0;
        RateBudget::Ticket ticket = 0;
        bool inFlight = false;
    };
    void poll(const QString &actionId);
    void onPolled(const QString &actionId, ActionCall *call);
    void arm();
    qint64 now() const;

    QPointer<DefenderClient> m_client;
    QPointer<RateBudget> m_budget;
    Options m_options;
    Clock m_clock;
    QHash<QString, Entry> m_entries;
    QTimer *m_timer;
    bool m_running = false;
};
