// SPDX-License-Identifier: MIT
#include "auditreconciler.h"

#include "defenderclient.h"
#include "validation.h"

#include <QDateTime>
#include <QLocale>
#include <QTimer>

#include <algorithm>

using namespace Qt::StringLiterals;

AuditReconciler::AuditReconciler(
    DefenderClient *client, RateBudget *budget, AuditLog *audit, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_budget(budget ? budget : new RateBudget(this))
    , m_audit(audit)
{ }

AuditReconciler::~AuditReconciler()
{
    if (m_budget) {
        for (const RateBudget::Ticket ticket : std::as_const(m_tickets))
            m_budget->cancel(ticket);
    }
}

bool AuditReconciler::start(QString *error)
{
    const auto refuse = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    if (m_started)
        return refuse(tr("The reconciliation has already been started."));
    if (!m_audit || !m_audit->isOpen())
        return refuse(tr("The audit log is not open."));
    if (!m_client)
        return refuse(tr("No connection to the service."));
    m_started = true;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const QList<AuditRecord> unresolved = m_audit->unresolvedRecords();
    for (const AuditRecord &record : unresolved) {
        if (m_records.size() >= m_options.maxRecords)
            break;
        if (AuditLog::isBatchRunning(record.batchId))
            continue; // this run is still sending it
        const qint64 since = std::max(record.createdMs, record.intentMs);
        const bool young
            = record.state != AuditRecord::State::Queued && since > now - m_options.minAgeMs;
        if (young && !m_options.waitForYoung)
            continue;
        m_records.append(record);
        m_due.append(young ? since + m_options.minAgeMs : 0);
    }
    m_tickets = QList<RateBudget::Ticket>(m_records.size(), 0);
    m_done = QList<bool>(m_records.size(), false);
    Q_EMIT progressChanged(0, total());
    for (int i = 0; i < m_records.size(); ++i) {
        const AuditRecord &record = m_records.at(i);
        if (record.state == AuditRecord::State::Queued) {
            // Planned but never an Intent: certainly never sent. Only a Queued record is
            // changed, so a batch of another process that just took it is not overruled.
            settle(i, m_audit->markQueuedNotSent(record.id));
        } else if (m_due.at(i) == 0) {
            lookUp(i);
        }
    }
    lookUpDue();
    maybeFinish();
    return true;
}

void AuditReconciler::lookUpDue()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    qint64 next = 0;
    for (int i = 0; i < m_records.size(); ++i) {
        if (m_due.at(i) == 0 || m_done.at(i))
            continue;
        if (m_due.at(i) <= now) {
            m_due[i] = 0;
            lookUp(i);
        } else if (next == 0 || m_due.at(i) < next) {
            next = m_due.at(i);
        }
    }
    if (next == 0)
        return;
    if (!m_deferTimer) {
        m_deferTimer = new QTimer(this);
        m_deferTimer->setSingleShot(true);
        connect(m_deferTimer, &QTimer::timeout, this, &AuditReconciler::lookUpDue);
    }
    m_deferTimer->start(int(std::clamp<qint64>(next - now, 0, 24 * 3600 * 1000)));
}

QString AuditReconciler::summaryText() const
{
    if (m_settled == 0 && m_left == 0)
        return {};
    const QLocale locale;
    QString text = tr("Last session: %1 offboards reconciled with the service, %2 devices not "
                      "sent.")
                       .arg(locale.toString(m_reconciled), locale.toString(m_notSent));
    if (m_left > 0)
        text += u' '
            + tr("%1 still unknown; they are checked again at the next start.")
                  .arg(locale.toString(m_left));
    return text;
}

void AuditReconciler::lookUp(int index)
{
    const AuditRecord &record = m_records.at(index);
    const bool isCancel = record.kind == AuditRecord::Kind::Cancel;
    const bool valid = isCancel ? Validation::isActionId(record.actionId)
                                : Validation::isMachineId(record.machineId);
    if (!valid) {
        settle(index, false); // nothing to ask the service about
        return;
    }
    m_tickets[index] = m_budget->acquire(isCancel ? RateEndpoint::Action : RateEndpoint::Actions,
        RateBudget::Priority::Refresh, this, [this, index, isCancel] {
            m_tickets[index] = 0;
            if (!m_client) {
                settle(index, false);
                return;
            }
            const AuditRecord &r = m_records.at(index);
            ApiCall *call = nullptr;
            if (isCancel) {
                call = m_client->machineAction(r.actionId);
            } else {
                ActionQuery query;
                query.filter = u"machineId eq '%1' and type eq 'Offboard'"_s.arg(r.machineId);
                query.top = 100;
                call = m_client->machineActions(query);
            }
            connect(call, &ApiCall::finished, call, &QObject::deleteLater);
            connect(call, &ApiCall::finished, this, [this, index, call, isCancel] {
                if (isCancel)
                    onCancelLookUp(index, call);
                else
                    onOffboardLookUp(index, call);
            });
        });
}

void AuditReconciler::onOffboardLookUp(int index, ApiCall *call)
{
    const AuditRecord &record = m_records.at(index);
    if (!call->isOk()) {
        settle(index, false);
        return;
    }
    // The POST could only leave after the intent was written.
    const qint64 since = record.intentMs > 0 ? record.intentMs : record.createdMs;
    QList<MachineAction> found;
    for (const MachineAction &action : static_cast<ActionListCall *>(call)->actions()) {
        if (action.machineId.compare(record.machineId, Qt::CaseInsensitive) == 0
            && action.type.compare(u"Offboard"_s, Qt::CaseInsensitive) == 0
            && action.creationDateTimeUtc.toMSecsSinceEpoch() >= since - m_options.adoptSkewMs)
            found.append(action);
    }
    // Ours is the one with our comment; the earliest after the record otherwise.
    std::sort(
        found.begin(), found.end(), [&record](const MachineAction &a, const MachineAction &b) {
            const bool ac = a.requestorComment == record.comment;
            const bool bc = b.requestorComment == record.comment;
            if (ac != bc)
                return ac;
            return a.creationDateTimeUtc < b.creationDateTimeUtc;
        });
    bool changed = false;
    if (!found.isEmpty()) {
        const MachineAction &action = found.first();
        changed = m_audit->markReconciled(record.id, action.id,
            action.statusText.isEmpty() ? actionStatusToString(action.status) : action.statusText);
    } else if (record.state == AuditRecord::State::Intent) {
        changed = m_audit->markNotSent(record.id);
    } else {
        changed = m_audit->markReconciled(record.id, {}, u"NotFound"_s);
    }
    settle(index, changed);
}

void AuditReconciler::onCancelLookUp(int index, ApiCall *call)
{
    const AuditRecord &record = m_records.at(index);
    if (!call->isOk()) {
        settle(index, false);
        return;
    }
    const MachineAction &action = static_cast<ActionCall *>(call)->action();
    const QString status
        = action.statusText.isEmpty() ? actionStatusToString(action.status) : action.statusText;
    bool changed = false;
    if (action.status != ActionStatus::Cancelled && record.state == AuditRecord::State::Intent)
        changed = m_audit->markNotSent(record.id);
    else
        changed = m_audit->markReconciled(record.id, record.actionId, status);
    settle(index, changed);
}

void AuditReconciler::settle(int index, bool changed)
{
    if (m_done.at(index))
        return;
    m_done[index] = true;
    if (changed) {
        ++m_settled;
        const AuditRecord now = m_audit->record(m_records.at(index).id);
        // An offboard the service has no trace of was not sent either, as far as anyone can tell.
        if (now.state == AuditRecord::State::NotSent
            || (now.kind == AuditRecord::Kind::Offboard && now.actionId.isEmpty()))
            ++m_notSent;
        else
            ++m_reconciled;
        Q_EMIT recordSettled(now);
    } else {
        ++m_left;
    }
    Q_EMIT progressChanged(m_settled + m_left, total());
    maybeFinish();
}

void AuditReconciler::cancel()
{
    if (!m_started || m_finished)
        return;
    if (m_deferTimer)
        m_deferTimer->stop();
    for (int i = 0; i < m_records.size(); ++i) {
        if (m_due.at(i) != 0) {
            m_due[i] = 0;
            settle(i, false);
            continue;
        }
        if (m_tickets.at(i) && m_budget && m_budget->cancel(m_tickets.at(i))) {
            m_tickets[i] = 0;
            settle(i, false);
        }
    }
}

void AuditReconciler::maybeFinish()
{
    if (m_finished || !m_started || m_settled + m_left < total())
        return;
    m_finished = true;
    QMetaObject::invokeMethod(
        this, [this] { Q_EMIT finished(); }, Qt::QueuedConnection);
}

#include "moc_auditreconciler.cpp"
