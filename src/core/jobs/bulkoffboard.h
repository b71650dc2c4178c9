// SPDX-License-Identifier: MIT
#pragma once

#include "apierror.h"
#include "machineaction.h"
#include "ratebudget.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

#include <vector>

class ActionCall;
class ActionListCall;
class AuditLog;
class DefenderClient;
class QTimer;

struct OffboardTarget
{
    QString machineId; // 40 hex
    QString computerDnsName; // for people and the audit log
};

// Offboards a list of devices with one comment, through the rate budget at UserAction priority
// (pipelined: as many POSTs as the quota allows), never twice for the same device in one batch.
//
// Safety rules:
// - The comment is checked (Validation::checkComment) before anything: a bad one refuses the
//   whole batch and nothing is sent or recorded.
// - The whole batch is planned in the audit log first, in one durable transaction: every valid
//   target a Queued record with the batch id (if that fails nothing is sent). Each record then
//   becomes an Intent (synced) just before its POST, then Sent, then its outcome; devices left
//   queued by cancel() or by destroying the batch become NotSent. A run killed mid-batch leaves
//   Queued records that AuditReconciler reports as NotSent at the next start.
// - An offboard POST that fails ambiguously (network error, time-out, reset after sending,
//   5xx, or a 2xx whose body could not be read) is NEVER resent: the device's Offboard actions
//   are looked up (machineActions, "machineId eq '…' and type eq 'Offboard'") and a matching one
//   created since the send is adopted; otherwise the device is OutcomeUnknown and is looked up
//   again a few times with backoff, within the budget.
// - 400 ActiveRequestAlreadyExists becomes AlreadyPending, linked to the pending action.
// - A 429 was not taken by the service: the endpoint is paused for Retry-After and the device
//   waits for its turn again (bounded).
// - cancel() stops what is still queued (NotSent); a POST in flight is never aborted.
//
// The client, budget and audit log are not owned and must outlive the batch. One batch per
// object (start() once). Emits finished() exactly once, after every device is final.
class BulkOffboard final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BulkOffboard)
public:
    enum class DeviceState {
        Queued, // waiting for a slot
        Sending, // POST in flight (or its outcome is being looked up)
        Done, // accepted: action known
        Failed, // refused (error)
        AlreadyPending, // an offboard was already pending (action id when found)
        OutcomeUnknown, // sent, fate unknown (final once the checks are used up)
        NotSent // cancelled before sending
    };
    Q_ENUM(DeviceState)

    struct DeviceResult
    {
        OffboardTarget target;
        DeviceState state = DeviceState::Queued;
        MachineAction action; // Done / AlreadyPending: the action (id may be empty if not found)
        ApiError error; // Failed / OutcomeUnknown: what went wrong
        qint64 auditId = -1;
        bool isFinal = false; // no more work will be done for this device
    };

    struct Options
    {
        int unknownChecks = 3; // look-ups after an ambiguous failure
        int firstCheckDelayMs = 2000; // then doubled each time
        int maxCheckDelayMs = 60000;
        int max429Retries = 5; // per device
        qint64 adoptSkewMs = 5 * 60000; // accept actions created this much before our send
    };

    BulkOffboard(DefenderClient *client, RateBudget *budget, AuditLog *audit = nullptr,
        QObject *parent = nullptr);
    ~BulkOffboard() override;

    void setOptions(const Options &options) { m_options = options; }
    Options options() const { return m_options; }

    // Validates and starts. Returns false (nothing sent, nothing recorded) with *error when the
    // comment is bad, there are no targets or the batch was already started. Duplicate ids
    // (case-insensitive) are dropped; invalid ids are Failed (InvalidInput) without a request.
    bool start(const QList<OffboardTarget> &targets, const QString &comment,
        const QString &requestor, QString *error = nullptr);
    void cancel();

    bool isRunning() const { return m_started && !m_finished; }
    bool isFinished() const { return m_finished; }
    bool isCancelled() const { return m_cancelled; }
    int count() const { return int(m_results.size()); }
    int duplicatesDropped() const { return m_duplicates; }
    QString batchId() const { return m_batchId; } // the audit log's batch id (empty without one)
    const QList<DeviceResult> &results() const { return m_results; }
    const DeviceResult &result(int index) const { return m_results.at(index); }
    int countIn(DeviceState state) const;

    // Time until the still-queued POSTs could all have been sent, from the budget.
    qint64 estimatedTimeLeftMs() const;

Q_SIGNALS:
    // done = Done + AlreadyPending, failed = Failed + final OutcomeUnknown,
    // queued = not final yet. NotSent = count() - done - failed - queued.
    void progressChanged(int done, int failed, int queued);
    void deviceChanged(int index); // any state change
    void deviceFinished(int index); // the device became final
    void finished();

private:
    struct Work;
    void send(int index);
    void onOffboardFinished(int index, ActionCall *call);
    void lookUp(int index, bool pendingWanted);
    void onLookUpFinished(int index, ActionListCall *call, bool pendingWanted);
    void scheduleCheck(int index);
    void setState(int index, DeviceState state, bool final);
    void finishDevice(int index);
    void emitProgress();
    void maybeFinish();
    void markQueuedNotSent(int index);
    qint64 utcNow() const;

    QPointer<DefenderClient> m_client;
    QPointer<RateBudget> m_budget;
    AuditLog *m_audit;
    Options m_options;
    QString m_comment;
    QString m_requestor;
    QString m_batchId;
    QList<DeviceResult> m_results;
    std::vector<Work> m_work; // parallel to m_results
    int m_duplicates = 0;
    bool m_started = false;
    bool m_cancelled = false;
    bool m_finished = false;
};
