// SPDX-License-Identifier: MIT
#include "historycontroller.h"

#include "actionpoller.h"
#include "actiontablemodel.h"
#include "auditlog.h"
#include "backend.h"
#include "defenderclient.h"
#include "ratebudget.h"
#include "validation.h"

#include <QTimer>

#include <algorithm>

using namespace Qt::StringLiterals;

HistoryController::HistoryController(
    Backend *backend, ActionTableModel *model, ActionFilterModel *filter, QObject *parent)
    : QObject(parent)
    , m_backend(backend)
    , m_model(model)
    , m_filter(filter)
    , m_reloadTimer(new QTimer(this))
{
    connect(backend, &Backend::clientChanged, this, [this] {
        ++m_generation;
        m_loading = false;
        attachPoller();
    });
    // A batch writes a record per device and step: read the log once per turn of the loop.
    m_reloadTimer->setSingleShot(true);
    m_reloadTimer->setInterval(0);
    connect(m_reloadTimer, &QTimer::timeout, this, &HistoryController::reloadLocalRecords);
    connect(backend, &Backend::auditChanged, m_reloadTimer, qOverload<>(&QTimer::start));
    attachPoller();
    reloadLocalRecords();
}

void HistoryController::reloadLocalRecords()
{
    AuditLog *audit = m_backend ? m_backend->audit() : nullptr;
    if (!audit)
        return;
    // Only what changed since the last read (a batch of thousands writes on every step); the
    // same millisecond is read again so nothing written in it is missed.
    const QList<AuditRecord> records
        = m_localSeenMs < 0 ? audit->records() : audit->recordsUpdatedSince(m_localSeenMs);
    for (const AuditRecord &record : records) {
        m_model->upsertLocalRecord(record);
        m_localSeenMs = std::max(m_localSeenMs, record.updatedMs);
    }
    watchOpenActions();
}

void HistoryController::watchOpenActions()
{
    ActionPoller *poller = m_backend ? m_backend->poller() : nullptr;
    if (!poller)
        return;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const MachineAction action = m_model->action(row);
        if (!m_model->isLocalOnly(row) && !isFinal(action.status) && !poller->isWatching(action.id))
            poller->watch(action);
    }
}

HistoryController::~HistoryController() = default;

void HistoryController::attachPoller()
{
    ActionPoller *poller = m_backend ? m_backend->poller() : nullptr;
    if (!poller)
        return;
    connect(poller, &ActionPoller::actionUpdated, this,
        [this](const MachineAction &action) { update(action, false); });
    connect(poller, &ActionPoller::actionFinished, this,
        [this](const MachineAction &action) { update(action, false); });
    watchOpenActions();
}

void HistoryController::update(const MachineAction &action, bool sentByApp)
{
    m_model->upsertAction(action, sentByApp);
    if (ActionPoller *poller = m_backend ? m_backend->poller() : nullptr) {
        if (isFinal(action.status))
            poller->unwatch(action.id);
        else if (!poller->isWatching(action.id))
            poller->watch(action);
    }
    Q_EMIT actionChanged(action);
}

void HistoryController::refresh()
{
    if (!m_backend || !m_backend->client() || m_loading)
        return;
    m_loading = true;
    const int generation = ++m_generation;
    m_backend->budget()->acquire(
        RateEndpoint::Actions, RateBudget::Priority::Refresh, this, [this, generation] {
            DefenderClient *client = m_backend ? m_backend->client() : nullptr;
            if (!client || generation != m_generation) {
                m_loading = false;
                return;
            }
            ActionQuery query;
            query.filter = u"type eq 'Offboard'"_s;
            query.orderBy = u"creationDateTimeUtc desc"_s;
            query.top = 10000;
            ActionListCall *call = client->machineActions(query);
            connect(call, &ApiCall::finished, this, [this, call, generation] {
                call->deleteLater();
                if (generation != m_generation)
                    return;
                m_loading = false;
                if (!call->isOk()) {
                    Q_EMIT failed(tr("Loading the action history failed"), call->error());
                    return;
                }
                for (const MachineAction &action : call->actions())
                    update(action, false);
                Q_EMIT loaded(int(call->actions().size()));
            });
        });
}

void HistoryController::addAction(const MachineAction &action, bool sentByThisApp)
{
    if (action.id.isEmpty())
        return;
    update(action, sentByThisApp);
}

void HistoryController::cancelAction(const QString &actionId, const QString &comment)
{
    const int row = m_model->rowOfAction(actionId);
    if (!m_backend || !m_backend->client() || row < 0)
        return;
    const auto problem = Validation::checkComment(comment);
    if (problem != Validation::CommentProblem::None) {
        Q_EMIT failed(tr("The action was not cancelled"),
            ApiError::invalidInput(Validation::commentProblemText(problem)));
        return;
    }
    const MachineAction action = m_model->action(row);
    const QString text = comment.trimmed();
    AuditLog *audit = m_backend->audit();
    const qint64 auditId = audit ? audit->recordIntent(AuditRecord::Kind::Cancel, action.machineId,
                               action.computerDnsName, text, m_backend->account(), actionId)
                                 : -1;
    m_backend->budget()->acquire(RateEndpoint::Cancel, RateBudget::Priority::UserAction, this,
        [this, actionId, text, auditId] {
            DefenderClient *client = m_backend ? m_backend->client() : nullptr;
            AuditLog *audit = m_backend ? m_backend->audit() : nullptr;
            if (!client) {
                if (audit && auditId >= 0)
                    audit->markNotSent(auditId);
                Q_EMIT cancelFinished(actionId, false);
                return;
            }
            ActionCall *call = client->cancelAction(actionId, text);
            if (audit && auditId >= 0)
                audit->markSent(auditId);
            connect(call, &ApiCall::finished, this, [this, call, actionId, auditId] {
                call->deleteLater();
                AuditLog *audit = m_backend ? m_backend->audit() : nullptr;
                if (call->isOk()) {
                    if (audit && auditId >= 0)
                        audit->markOutcome(auditId, call->action());
                    update(call->action(), false);
                } else {
                    if (audit && auditId >= 0)
                        audit->markOutcome(auditId, call->error());
                    Q_EMIT failed(tr("The action was not cancelled"), call->error());
                }
                Q_EMIT cancelFinished(actionId, call->isOk());
            });
        });
}

QStringList HistoryController::pendingMachineIds() const
{
    QStringList ids;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const MachineAction action = m_model->action(row);
        if (!m_model->isLocalOnly(row) && !isFinal(action.status) && !action.machineId.isEmpty())
            ids.append(action.machineId);
    }
    return ids;
}

#include "moc_historycontroller.cpp"
