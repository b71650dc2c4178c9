// SPDX-License-Identifier: MIT
#pragma once

#include "auditlog.h"
#include "ratebudget.h"

#include <QList>
#include <QObject>
#include <QPointer>

class ApiCall;
class QTimer;
class DefenderClient;

// Settles the audit records an earlier run left unresolved (Queued, Intent, Sent,
// OutcomeUnknown: it crashed, was killed or lost the connection), typically once at start:
// - Queued (planned with a batch, never turned into an Intent, so never sent): NotSent at once,
//   without asking the service. Records of batches still running in this process
//   (AuditLog::isBatchRunning) are left alone.
// - offboard: the device's Offboard actions are looked up ("machineId eq '…' and type eq
//   'Offboard'"); one created since the record (less adoptSkewMs; ours preferred by comment) makes
//   the record Reconciled with that action. None found: an Intent becomes NotSent, a Sent or
//   OutcomeUnknown record Reconciled with no action id and status "NotFound" (the service never
//   took it).
// - cancel: the cancelled action is read; Cancelled -> Reconciled; otherwise an Intent becomes
//   NotSent and a Sent/OutcomeUnknown record Reconciled with the action's current status.
// Records younger than minAgeMs are left alone (the service may not list a new action yet) or,
// with waitForYoung, looked up once they are old enough; those whose look-up failed are left
// for next time. Calls go through the budget
// at Refresh priority. Client, budget and log are not owned. Emits finished() exactly once.
class AuditReconciler final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuditReconciler)
public:
    struct Options
    {
        qint64 minAgeMs = 2 * 60000;
        qint64 adoptSkewMs = 5 * 60000;
        int maxRecords = 1000; // per run, oldest first
        bool waitForYoung = false; // look young records up when they reach minAgeMs
    };

    AuditReconciler(
        DefenderClient *client, RateBudget *budget, AuditLog *audit, QObject *parent = nullptr);
    ~AuditReconciler() override;

    void setOptions(const Options &options) { m_options = options; }
    Options options() const { return m_options; }

    // Starts; false (with *error) if the log is not open or it was started already. finished()
    // follows (later) even when there is nothing to do.
    bool start(QString *error = nullptr);
    void cancel(); // withdraws the look-ups not sent yet; those out are still processed

    bool isRunning() const { return m_started && !m_finished; }
    int total() const { return int(m_records.size()); }
    int settledCount() const { return m_settled; }
    int leftUnresolvedCount() const { return m_left; }
    // Of the settled: offboards/cancels found at the service, and devices reported not sent
    // (Queued or Intent records, and offboards the service has no trace of).
    int reconciledCount() const { return m_reconciled; }
    int notSentCount() const { return m_notSent; }
    // "Last session: …" for the message bar; empty when nothing was settled or left.
    QString summaryText() const;

Q_SIGNALS:
    void recordSettled(const AuditRecord &record); // as now stored
    void progressChanged(int done, int total);
    void finished();

private:
    void lookUp(int index);
    void lookUpDue();
    void onOffboardLookUp(int index, ApiCall *call);
    void onCancelLookUp(int index, ApiCall *call);
    void settle(int index, bool changed);
    void maybeFinish();

    QPointer<DefenderClient> m_client;
    QPointer<RateBudget> m_budget;
    AuditLog *m_audit;
    Options m_options;
    QList<AuditRecord> m_records;
    QList<RateBudget::Ticket> m_tickets;
    QList<bool> m_done;
    QList<qint64> m_due; // deferred look-ups: when (UTC ms); 0 = not deferred
    QTimer *m_deferTimer = nullptr;
    int m_settled = 0;
    int m_reconciled = 0;
    int m_notSent = 0;
    int m_left = 0;
    bool m_started = false;
    bool m_finished = false;
};
