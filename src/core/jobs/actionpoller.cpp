// SPDX-License-Identifier: MIT
#include "actionpoller.h"

#include "defenderclient.h"
#include "validation.h"

#include <QElapsedTimer>
#include <QTimer>

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;

ActionPoller::ActionPoller(DefenderClient *client, RateBudget *budget, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_budget(budget ? budget : new RateBudget(this))
    , m_timer(new QTimer(this))
{
    setClock({});
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &ActionPoller::wake);
}

ActionPoller::~ActionPoller()
{
    if (m_budget) {
        for (const Entry &entry : std::as_const(m_entries)) {
            if (entry.inFlight)
                m_budget->cancel(entry.ticket);
        }
    }
}

void ActionPoller::setClock(Clock nowMs)
{
    if (!nowMs) {
        auto timer = std::make_shared<QElapsedTimer>();
        timer->start();
        nowMs = [timer] { return timer->elapsed(); };
    }
    m_clock = std::move(nowMs);
}

qint64 ActionPoller::now() const
{
    return m_clock();
}

bool ActionPoller::watch(const MachineAction &action)
{
    if (!Validation::isActionId(action.id) || isFinal(action.status))
        return false;
    const qint64 t = now();
    auto it = m_entries.find(action.id);
    if (it == m_entries.end()) {
        if (m_entries.size() >= m_options.maxActions)
            return false;
        it = m_entries.insert(action.id, Entry {});
        it->addedAt = t;
    }
    if (action.status != ActionStatus::Unknown || it->action.id.isEmpty())
        it->action = action;
    it->delayMs = std::max(1, m_options.initialDelayMs);
    it->errors = 0;
    // An action whose status we do not know yet is looked at soon.
    it->dueAt = action.status == ActionStatus::Unknown ? t : t + it->delayMs;
    arm();
    return true;
}

bool ActionPoller::watch(const QString &actionId)
{
    MachineAction action;
    action.id = actionId;
    return watch(action);
}

void ActionPoller::unwatch(const QString &actionId)
{
    const auto it = m_entries.find(actionId);
    if (it == m_entries.end())
        return;
    if (it->inFlight && m_budget)
        m_budget->cancel(it->ticket);
    m_entries.erase(it);
    arm();
}

void ActionPoller::clear()
{
    const QStringList ids = m_entries.keys();
    for (const QString &id : ids)
        unwatch(id);
}

qint64 ActionPoller::nextPollInMs(const QString &actionId) const
{
    const auto it = m_entries.constFind(actionId);
    if (it == m_entries.cend())
        return -1;
    return std::max<qint64>(0, it->dueAt - now());
}

void ActionPoller::start()
{
    if (m_running)
        return;
    m_running = true;
    wake();
}

void ActionPoller::stop()
{
    m_running = false;
    m_timer->stop();
    // Polls still waiting for a slot are withdrawn; those already out are processed.
    for (auto it = m_entries.begin(); it != m_entries.end(); ++it) {
        if (it->inFlight && m_budget && m_budget->cancel(it->ticket)) {
            it->inFlight = false;
            it->ticket = 0;
        }
    }
}

void ActionPoller::wake()
{
    if (!m_running)
        return;
    const qint64 t = now();
    QStringList due;
    QStringList expired;
    for (auto it = m_entries.cbegin(); it != m_entries.cend(); ++it) {
        if (it->inFlight)
            continue;
        if (t - it->addedAt > m_options.maxFollowMs)
            expired.append(it.key());
        else if (it->dueAt <= t)
            due.append(it.key());
    }
    for (const QString &id : std::as_const(expired)) {
        m_entries.remove(id);
        ApiError error;
        error.kind = ApiError::Kind::Timeout;
        error.message = tr("The action %1 was followed for too long without reaching a final "
                           "state; it is no longer checked.")
                            .arg(id);
        Q_EMIT pollFailed(id, error);
    }
    for (const QString &id : std::as_const(due))
        poll(id);
    if (!expired.isEmpty() && m_entries.isEmpty())
        Q_EMIT idle();
    arm();
}

void ActionPoller::poll(const QString &actionId)
{
    const auto it = m_entries.find(actionId);
    if (it == m_entries.end() || !m_client || !m_budget)
        return;
    it->inFlight = true;
    const RateBudget::Ticket ticket = m_budget->acquire(
        RateEndpoint::Action, RateBudget::Priority::Background, this, [this, actionId] {
            if (!m_client || !m_entries.contains(actionId))
                return;
            ActionCall *call = m_client->machineAction(actionId);
            connect(call, &ApiCall::finished, call, &QObject::deleteLater);
            connect(call, &ApiCall::finished, this,
                [this, actionId, call] { onPolled(actionId, call); });
        });
    // The entry may be gone if the go callback ran at once and something unwatched it.
    const auto again = m_entries.find(actionId);
    if (again != m_entries.end())
        again->ticket = ticket;
}

void ActionPoller::onPolled(const QString &actionId, ActionCall *call)
{
    const auto it = m_entries.find(actionId);
    if (it == m_entries.end())
        return;
    Entry &entry = *it;
    entry.inFlight = false;
    if (m_budget)
        m_budget->settle(entry.ticket);
    entry.ticket = 0;
    const qint64 t = now();
    const ApiError error = call->error();
    if (!error.isError()) {
        const MachineAction action = call->action();
        const bool changed = action.status != entry.action.status;
        entry.action = action;
        entry.errors = 0;
        entry.delayMs = changed ? std::max(1, m_options.initialDelayMs)
                                : std::min(entry.delayMs * 2, m_options.maxDelayMs);
        entry.dueAt = t + entry.delayMs;
        const bool final = isFinal(action.status);
        if (final)
            m_entries.erase(it);
        Q_EMIT actionUpdated(action);
        if (final) {
            Q_EMIT actionFinished(action);
            if (m_entries.isEmpty())
                Q_EMIT idle();
        }
        arm();
        return;
    }
    if (error.httpStatus == 429 && m_budget)
        m_budget->pauseFor(RateEndpoint::Action, std::max(1, error.retryAfterSeconds));
    ++entry.errors;
    if (error.httpStatus == 404 || error.kind == ApiError::Kind::InvalidInput
        || entry.errors >= m_options.maxConsecutiveErrors) {
        m_entries.erase(it);
        Q_EMIT pollFailed(actionId, error);
        if (m_entries.isEmpty())
            Q_EMIT idle();
    } else {
        entry.delayMs = std::min(entry.delayMs * 2, m_options.maxDelayMs);
        entry.dueAt = t + entry.delayMs;
    }
    arm();
}

void ActionPoller::arm()
{
    if (!m_running) {
        m_timer->stop();
        return;
    }
    qint64 next = -1;
    for (const Entry &entry : std::as_const(m_entries)) {
        if (entry.inFlight)
            continue;
        const qint64 at = std::min(entry.dueAt, entry.addedAt + m_options.maxFollowMs + 1);
        if (next < 0 || at < next)
            next = at;
    }
    if (next < 0) {
        m_timer->stop();
        return;
    }
    m_timer->start(int(std::clamp<qint64>(next - now(), 0, 24LL * 3600 * 1000)));
}

#include "moc_actionpoller.cpp"
