// SPDX-License-Identifier: MIT
#include "bulkoffboard_p.h"

#include "auditlog.h"
#include "defenderclient.h"
#include "validation.h"

#include <QDateTime>
#include <QSet>
#include <QTimer>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

bool isAmbiguous(const ApiError &error)
{
    switch (error.kind) {
    case ApiError::Kind::Network:
    case ApiError::Kind::Timeout:
    case ApiError::Kind::OutcomeUnknown:
    case ApiError::Kind::Parse: // a 2xx we could not read: most likely accepted
        return true;
    case ApiError::Kind::Http:
        // A gateway or server error may come after the service acted on the request.
        return error.httpStatus >= 500;
    default:
        return false;
    }
}

bool isAlreadyPending(const ApiError &error)
{
    return error.kind == ApiError::Kind::Http && error.httpStatus == 400
        && error.code.compare(u"ActiveRequestAlreadyExists"_s, Qt::CaseInsensitive) == 0;
}

} // namespace

BulkOffboard::BulkOffboard(
    DefenderClient *client, RateBudget *budget, AuditLog *audit, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_budget(budget ? budget : new RateBudget(this))
    , m_audit(audit)
{ }

BulkOffboard::~BulkOffboard()
{
    for (int i = 0; i < m_results.size(); ++i) {
        const Work &work = m_work.at(size_t(i));
        if (work.inBudget && m_budget)
            m_budget->cancel(work.ticket);
        if (!m_results.at(i).isFinal && m_results.at(i).state == DeviceState::Queued)
            markQueuedNotSent(i);
    }
    AuditLog::setBatchRunning(m_batchId, false);
}

void BulkOffboard::markQueuedNotSent(int index)
{
    const qint64 id = m_results.at(index).auditId;
    if (m_audit && id >= 0)
        m_audit->markQueuedNotSent(id);
}

qint64 BulkOffboard::utcNow() const
{
    return QDateTime::currentMSecsSinceEpoch();
}

bool BulkOffboard::start(const QList<OffboardTarget> &targets, const QString &comment,
    const QString &requestor, QString *error)
{
    const auto refuse = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    if (m_started)
        return refuse(tr("This batch has already been started."));
    const Validation::CommentProblem problem = Validation::checkComment(comment);
    if (problem != Validation::CommentProblem::None)
        return refuse(Validation::commentProblemText(problem));
    if (targets.isEmpty())
        return refuse(tr("No devices were selected."));
    if (!m_client)
        return refuse(tr("No connection to the service."));
    if (m_audit && !m_audit->isOpen())
        return refuse(tr("The audit log is not open, so nothing can be recorded; nothing was "
                         "sent."));

    const QString trimmedComment = comment.trimmed();
    QList<DeviceResult> results;
    int duplicates = 0;
    QSet<QString> seen;
    for (const OffboardTarget &target : targets) {
        const QString key = target.machineId.trimmed().toLower();
        if (seen.contains(key)) {
            ++duplicates;
            continue;
        }
        seen.insert(key);
        DeviceResult result;
        result.target = target;
        result.target.machineId = target.machineId.trimmed();
        if (!Validation::isMachineId(result.target.machineId)) {
            result.state = DeviceState::Failed;
            result.isFinal = true;
            result.error = ApiError::invalidInput(tr("That is not a device id."));
        }
        results.append(result);
    }
    if (m_audit) {
        // The whole plan is on disk before the first POST: a crash leaves every device traced.
        QList<AuditTarget> planned;
        QList<int> plannedIndexes;
        for (int i = 0; i < results.size(); ++i) {
            if (results.at(i).isFinal)
                continue;
            planned.append({results.at(i).target.machineId, results.at(i).target.computerDnsName});
            plannedIndexes.append(i);
        }
        if (!planned.isEmpty()) {
            QList<qint64> ids;
            m_batchId = m_audit->recordQueued(
                AuditRecord::Kind::Offboard, planned, trimmedComment, requestor, &ids);
            if (m_batchId.isEmpty() || ids.size() != planned.size())
                return refuse(tr("The audit log could not be written, so nothing was sent: %1")
                                  .arg(m_audit->errorString()));
            for (int k = 0; k < plannedIndexes.size(); ++k)
                results[plannedIndexes.at(k)].auditId = ids.at(k);
            AuditLog::setBatchRunning(m_batchId, true);
        }
    }

    m_started = true;
    m_comment = trimmedComment;
    m_requestor = requestor;
    m_duplicates = duplicates;
    m_results = results;
    m_work.resize(size_t(m_results.size()));

    emitProgress();
    // Queue everything; the budget lets the first ones go at once, in order.
    for (int i = 0; i < m_results.size(); ++i) {
        if (m_results.at(i).isFinal)
            continue;
        m_work[size_t(i)].inBudget = true;
        const RateBudget::Ticket ticket = m_budget->acquire(
            RateEndpoint::Offboard, RateBudget::Priority::UserAction, this, [this, i] { send(i); });
        m_work[size_t(i)].ticket = ticket;
    }
    maybeFinish();
    return true;
}

void BulkOffboard::send(int index)
{
    Work &work = m_work[size_t(index)];
    work.inBudget = false;
    DeviceResult &result = m_results[index];
    if (m_cancelled || result.isFinal)
        return;
    if (m_audit && !m_audit->markIntent(result.auditId)) {
        // Without a durable intent the request must not go out. A record no longer queued was
        // settled by someone else (another run reported it NotSent): it stays unsent.
        const AuditRecord record = m_audit->record(result.auditId);
        if (record.id >= 0 && record.state == AuditRecord::State::NotSent) {
            result.error = {};
            setState(index, DeviceState::NotSent, true);
            return;
        }
        result.error = ApiError::invalidInput(
            tr("Not sent: the audit log could not be written (%1).").arg(m_audit->errorString()));
        markQueuedNotSent(index);
        setState(index, DeviceState::Failed, true);
        return;
    }
    if (!m_client) {
        result.error
            = ApiError::invalidInput(tr("Not sent: the connection to the service is gone."));
        if (m_audit)
            m_audit->markNotSent(result.auditId);
        setState(index, DeviceState::Failed, true);
        return;
    }
    work.sentUtcMs = utcNow();
    work.inFlight = true;
    ActionCall *call = m_client->offboard(result.target.machineId, m_comment);
    // The call deletes itself once answered, even if this batch is gone by then: a POST in
    // flight is never aborted.
    connect(call, &ApiCall::finished, call, &QObject::deleteLater);
    connect(
        call, &ApiCall::finished, this, [this, index, call] { onOffboardFinished(index, call); });
    if (m_audit)
        m_audit->markSent(result.auditId);
    setState(index, DeviceState::Sending, false);
}

void BulkOffboard::onOffboardFinished(int index, ActionCall *call)
{
    Work &work = m_work[size_t(index)];
    work.inFlight = false;
    m_budget->settle(work.ticket);
    DeviceResult &result = m_results[index];
    const ApiError error = call->error();

    if (!error.isError()) {
        result.action = call->action();
        result.error = {};
        if (m_audit)
            m_audit->markOutcome(result.auditId, result.action);
        setState(index, DeviceState::Done, true);
        return;
    }
    result.error = error;
    if (error.httpStatus == 429) {
        // Refused before being acted on: safe to send again once the pause is over.
        m_budget->pauseFor(
            RateEndpoint::Offboard, error.retryAfterSeconds > 0 ? error.retryAfterSeconds : 1);
        if (m_audit)
            m_audit->markOutcome(result.auditId, error);
        if (!m_cancelled && work.retries429 < m_options.max429Retries) {
            if (m_audit) {
                // One record per POST: the next try is planned again before it waits.
                const qint64 id = m_audit->recordRequeued(m_audit->record(result.auditId));
                if (id < 0) {
                    setState(index, DeviceState::Failed, true);
                    return;
                }
                result.auditId = id;
            }
            ++work.retries429;
            work.inBudget = true;
            setState(index, DeviceState::Queued, false);
            work.ticket = m_budget->acquire(RateEndpoint::Offboard,
                RateBudget::Priority::UserAction, this, [this, index] { send(index); });
            return;
        }
        setState(index, DeviceState::Failed, true);
        return;
    }
    if (isAlreadyPending(error)) {
        if (m_audit)
            m_audit->markOutcome(result.auditId, error);
        work.lookingForPending = true;
        setState(index, DeviceState::AlreadyPending, false);
        lookUp(index, true);
        return;
    }
    if (isAmbiguous(error)) {
        // Never sent again: find out whether the service took it.
        if (m_audit)
            m_audit->markOutcomeUnknown(result.auditId, error);
        setState(index, DeviceState::OutcomeUnknown, false);
        lookUp(index, false);
        return;
    }
    if (m_audit)
        m_audit->markOutcome(result.auditId, error);
    setState(index, DeviceState::Failed, true);
}

void BulkOffboard::cancel()
{
    if (!m_started || m_finished || m_cancelled)
        return;
    m_cancelled = true;
    for (int i = 0; i < m_results.size(); ++i) {
        Work &work = m_work[size_t(i)];
        DeviceResult &result = m_results[i];
        if (result.isFinal)
            continue;
        if (work.checkTimer && work.checkTimer->isActive()) {
            work.checkTimer->stop();
            setState(i, result.state, true);
            continue;
        }
        if (!work.inBudget)
            continue; // in flight: its outcome is awaited
        m_budget->cancel(work.ticket);
        work.inBudget = false;
        if (result.state == DeviceState::Queued) {
            result.error = {};
            markQueuedNotSent(i);
            setState(i, DeviceState::NotSent, true);
        } else {
            setState(i, result.state, true); // a look-up that had not gone out yet
        }
    }
}

void BulkOffboard::setState(int index, DeviceState state, bool final)
{
    DeviceResult &result = m_results[index];
    const bool changed = result.state != state || result.isFinal != final;
    result.state = state;
    result.isFinal = final;
    if (!changed)
        return;
    Q_EMIT deviceChanged(index);
    if (final)
        Q_EMIT deviceFinished(index);
    emitProgress();
    if (final)
        maybeFinish();
}

int BulkOffboard::countIn(DeviceState state) const
{
    return int(std::count_if(m_results.cbegin(), m_results.cend(),
        [state](const DeviceResult &r) { return r.state == state; }));
}

void BulkOffboard::emitProgress()
{
    int done = 0;
    int failed = 0;
    int queued = 0;
    for (const DeviceResult &r : std::as_const(m_results)) {
        if (!r.isFinal)
            ++queued;
        else if (r.state == DeviceState::Done || r.state == DeviceState::AlreadyPending)
            ++done;
        else if (r.state == DeviceState::Failed || r.state == DeviceState::OutcomeUnknown)
            ++failed;
    }
    Q_EMIT progressChanged(done, failed, queued);
}

void BulkOffboard::maybeFinish()
{
    if (m_finished || !m_started)
        return;
    if (!std::all_of(
            m_results.cbegin(), m_results.cend(), [](const DeviceResult &r) { return r.isFinal; }))
        return;
    m_finished = true;
    AuditLog::setBatchRunning(m_batchId, false);
    // Always later, so that finished() never fires inside start().
    QMetaObject::invokeMethod(
        this, [this] { Q_EMIT finished(); }, Qt::QueuedConnection);
}

qint64 BulkOffboard::estimatedTimeLeftMs() const
{
    if (!m_budget)
        return 0;
    const bool anyQueued
        = std::any_of(m_work.cbegin(), m_work.cend(), [](const Work &w) { return w.inBudget; });
    return anyQueued ? m_budget->estimatedWait(RateEndpoint::Offboard, 0) : 0;
}

#include "moc_bulkoffboard.cpp"
