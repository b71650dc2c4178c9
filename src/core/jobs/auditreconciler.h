// SPDX-License-Identifier: MIT
#pragma once

#include "auditlog.h"
#include "ratebudget.h"

#include <QList>
#include <QObject>
#include <QPointer>

class ApiCall;
class DefenderClient;

// Settles the audit records an earlier run left unresolved (Intent, Sent, OutcomeUnknown: it
// crashed, was killed or lost the connection), typically once at start:
// - offboard: the device's Offboard actions are looked up ("machineId eq '…' and type eq
//   'Offboard'"); one created since the record (less adoptSkewMs; ours preferred by comment) makes
//   the record Reconciled with that action. None found: an Intent becomes NotSent, a Sent or
//   OutcomeUnknown record Reconciled with no action id and status "NotFound" (the service never
//   took it).
// - cancel: the cancelled action is read; Cancelled -> Reconciled; otherwise an Intent becomes
//   NotSent and a Sent/OutcomeUnknown record Reconciled with the action's current status.
// Records younger than minAgeMs are left alone (the service may not list a new action yet), and
// so are those whose look-up failed (they are tried again next time). Calls go through the budget
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

Q_SIGNALS:
    void recordSettled(const AuditRecord &record); // as now stored
    void progressChanged(int done, int total);
    void finished();

private:
    void lookUp(int index);
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
    int m_settled = 0;
    int m_left = 0;
    bool m_started = false;
    bool m_finished = false;
};
