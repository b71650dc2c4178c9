// SPDX-License-Identifier: MIT
// BulkOffboard: finding out what became of a POST (ambiguous failure, already pending).
#include "bulkoffboard_p.h"

#include "auditlog.h"
#include "defenderclient.h"

#include <algorithm>

using namespace Qt::StringLiterals;

void BulkOffboard::lookUp(int index, bool pendingWanted)
{
    Work &work = m_work[size_t(index)];
    work.inBudget = true;
    const auto priority
        = work.checks == 0 ? RateBudget::Priority::UserAction : RateBudget::Priority::Background;
    const QString machineId = m_results.at(index).target.machineId;
    work.ticket = m_budget->acquire(
        RateEndpoint::Actions, priority, this, [this, index, machineId, pendingWanted] {
            Work &w = m_work[size_t(index)];
            w.inBudget = false;
            w.inFlight = true;
            ActionQuery query;
            query.filter = u"machineId eq '%1' and type eq 'Offboard'"_s.arg(machineId);
            query.top = 100;
            if (!m_client) {
                w.inFlight = false;
                setState(index, m_results.at(index).state, true);
                return;
            }
            ActionListCall *call = m_client->machineActions(query);
            connect(call, &ApiCall::finished, call, &QObject::deleteLater);
            connect(call, &ApiCall::finished, this, [this, index, call, pendingWanted] {
                onLookUpFinished(index, call, pendingWanted);
            });
        });
}

void BulkOffboard::onLookUpFinished(int index, ActionListCall *call, bool pendingWanted)
{
    Work &work = m_work[size_t(index)];
    work.inFlight = false;
    m_budget->settle(work.ticket);
    ++work.checks;
    DeviceResult &result = m_results[index];
    const QString machineId = result.target.machineId;

    if (call->isOk()) {
        QList<MachineAction> found;
        for (const MachineAction &action : call->actions()) {
            if (action.machineId.compare(machineId, Qt::CaseInsensitive) != 0
                || action.type.compare(u"Offboard"_s, Qt::CaseInsensitive) != 0)
                continue;
            if (pendingWanted ? !isFinal(action.status)
                              : action.creationDateTimeUtc.toMSecsSinceEpoch()
                        >= work.sentUtcMs - m_options.adoptSkewMs)
                found.append(action);
        }
        // Newest first; ours is the one carrying our comment when several qualify.
        std::sort(
            found.begin(), found.end(), [this](const MachineAction &a, const MachineAction &b) {
                const bool ac = a.requestorComment == m_comment;
                const bool bc = b.requestorComment == m_comment;
                if (ac != bc)
                    return ac;
                return a.creationDateTimeUtc > b.creationDateTimeUtc;
            });
        if (!found.isEmpty()) {
            result.action = found.first();
            if (pendingWanted) {
                setState(index, DeviceState::AlreadyPending, true);
            } else {
                result.error = {};
                if (m_audit)
                    m_audit->markOutcome(result.auditId, result.action);
                setState(index, DeviceState::Done, true);
            }
            return;
        }
    } else if (call->httpStatus() == 429) {
        m_budget->pauseFor(RateEndpoint::Actions, std::max(1, call->error().retryAfterSeconds));
    }

    if (!m_cancelled && work.checks < std::max(1, m_options.unknownChecks)) {
        scheduleCheck(index);
        return;
    }
    // Out of checks: an AlreadyPending device stays so (action unknown); an ambiguous send
    // stays OutcomeUnknown for the reconciliation at the next start.
    setState(index, result.state, true);
}

void BulkOffboard::scheduleCheck(int index)
{
    Work &work = m_work[size_t(index)];
    const qint64 delay
        = std::min<qint64>(qint64(m_options.firstCheckDelayMs) << std::min(work.checks - 1, 20),
            m_options.maxCheckDelayMs);
    if (!work.checkTimer) {
        work.checkTimer = new QTimer(this);
        work.checkTimer->setSingleShot(true);
        connect(work.checkTimer, &QTimer::timeout, this,
            [this, index] { lookUp(index, m_work.at(size_t(index)).lookingForPending); });
    }
    work.checkTimer->start(int(std::max<qint64>(0, delay)));
}
