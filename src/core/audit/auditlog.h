// SPDX-License-Identifier: MIT
#pragma once

#include "apierror.h"
#include "machineaction.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QVariant>

#include <functional>

class QSqlDatabase;
class QSqlQuery;

// One offboard or cancel request as the audit log keeps it.
struct AuditRecord
{
    enum class Kind { Offboard, Cancel };
    enum class State {
        Intent, // written and synced before the request is sent
        Sent, // the request left (the answer is awaited)
        Succeeded, // accepted: the service answered with an action (actionId known)
        Failed, // the service (or the client) refused it: error fields say why
        OutcomeUnknown, // sent, but whether the service took it is not known
        NotSent, // the batch was cancelled or stopped before this one was sent
        Reconciled, // an earlier Intent/Sent/OutcomeUnknown settled later (actionId if found)
        Queued // planned with its batch, not sent yet (NotSent if the run ends before)
    };

    qint64 id = -1; // local id
    Kind kind = Kind::Offboard;
    QString machineId;
    QString machineName;
    QString comment;
    QString requestor;
    qint64 createdMs = 0; // UTC ms since epoch
    QString correlationId; // our own GUID ({} less, lowercase), one per request
    State state = State::Intent;
    QString actionId; // the accepted action; for Cancel: the action being cancelled
    QString actionStatus; // last known status, service spelling
    QString errorCode;
    QString errorMessage;
    QString errorTarget; // the service's correlation id
    int httpStatus = 0;
    qint64 updatedMs = 0; // UTC ms since epoch
    QString batchId; // the batch that planned it (empty for single requests)
    qint64 intentMs = 0; // when it became an Intent (just before the send); 0 = never

    bool isUnresolved() const; // Queued, Intent, Sent or OutcomeUnknown
};

// A device a batch plans to offboard.
struct AuditTarget
{
    QString machineId;
    QString machineName;
};

QString auditKindToString(AuditRecord::Kind kind); // "offboard", "cancel"
QString auditStateToString(AuditRecord::State state); // "Intent", "Sent", …

// The local, append-mostly audit trail of every offboard and cancel (SQLite through Qt Sql,
// journal_mode=WAL, synchronous=FULL). Intents are durable on disk before the request is sent,
// so a crash leaves an Intent/Sent row to reconcile at the next start. A batch is planned first
// (every device a Queued row in one transaction), so a crash also leaves the devices not sent
// yet as Queued rows: they are reported NotSent at the next start.
//
// open() never replaces or deletes a file it cannot use: a damaged file or one locked by another
// process gives false and a clear, translated errorString(). Every instance uses its own
// connection name. Lives on one thread; not copyable.
class AuditLog final
{
    Q_DECLARE_TR_FUNCTIONS(AuditLog)
    Q_DISABLE_COPY_MOVE(AuditLog)
public:
    static constexpr int SchemaVersion = 2; // 2: batch_id, intent_ms
    using Clock = std::function<qint64()>; // UTC ms since epoch

    AuditLog();
    ~AuditLog();

    // The app passes QStandardPaths::AppDataLocation + "/audit.sqlite". Creates the folder and
    // the file if missing. busyTimeoutMs: how long to wait for another writer before "locked".
    bool open(const QString &path, int busyTimeoutMs = 2000);
    void close();
    bool isOpen() const;
    QString path() const { return m_path; }
    QString errorString() const { return m_error; }
    void setClock(Clock utcNowMs); // empty = the system clock

    // Writes and syncs an Intent; returns its local id or -1 (errorString()). For a cancel,
    // actionId is the action being cancelled. The correlation id is generated here.
    qint64 recordIntent(AuditRecord::Kind kind, const QString &machineId,
        const QString &machineName, const QString &comment, const QString &requestor,
        const QString &actionId = {});
    // Plans a batch in one durable transaction: one Queued record per target (same order), all
    // with a new batch id. Empty on failure (nothing written; errorString()).
    QString recordQueued(AuditRecord::Kind kind, const QList<AuditTarget> &targets,
        const QString &comment, const QString &requestor, QList<qint64> *ids);
    // One more Queued record in an existing batch (a device to send again after a 429).
    qint64 recordRequeued(const AuditRecord &previous);
    // Queued -> Intent, synced, just before the send. False when the record is not Queued any
    // more (e.g. another run reported it NotSent): then it must not be sent.
    bool markIntent(qint64 id);
    bool markSent(qint64 id);
    bool markOutcome(qint64 id, const MachineAction &action); // Succeeded, actionId + status
    bool markOutcome(qint64 id, const ApiError &error); // Failed with code/message/target
    bool markOutcomeUnknown(qint64 id, const ApiError &error = {});
    bool markNotSent(qint64 id);
    // Queued -> NotSent only (a batch of this run may still be sending it otherwise).
    bool markQueuedNotSent(qint64 id);
    // Settles an unresolved record found again later (action adopted or known to be absent).
    bool markReconciled(qint64 id, const QString &actionId, const QString &actionStatus);
    bool updateActionStatus(qint64 id, const QString &actionStatus);

    AuditRecord record(qint64 id) const; // id -1 when missing
    QList<AuditRecord> records() const; // oldest first
    QList<AuditRecord> recordsSince(qint64 utcMs) const; // created at or after utcMs
    QList<AuditRecord> recordsUpdatedSince(qint64 utcMs) const; // changed at or after utcMs
    QList<AuditRecord> unresolvedRecords() const; // Queued, Intent, Sent, OutcomeUnknown

    // Batches that a BulkOffboard of this process is running (their Queued and Intent rows
    // are not leftovers of an earlier run). Process-wide, thread-safe.
    static void setBatchRunning(const QString &batchId, bool running);
    static bool isBatchRunning(const QString &batchId);

    // CSV (RFC 4180: CRLF, quotes doubled, every field quoted). Cells starting with = + - @
    // (or tab/CR) get a leading apostrophe so spreadsheets do not run them as formulas.
    static QByteArray toCsv(const QList<AuditRecord> &records);
    bool exportCsv(const QString &filePath, const QList<AuditRecord> &records) const;
    bool exportCsv(const QString &filePath) const; // every record

private:
    bool initialise(QSqlDatabase &db);
    bool migrate(QSqlQuery &query, int fromVersion);
    // A new record in the state, created and updated at t, with a new correlation id and
    // lastColumn (action_id or batch_id) = lastValue; its id, or -1 (errorString()).
    qint64 insertRecord(QSqlQuery &query, AuditRecord::Kind kind, const AuditTarget &target,
        const QString &comment, const QString &requestor, AuditRecord::State state, qint64 t,
        const QString &lastColumn, const QString &lastValue);
    // Runs an UPDATE of one record with the values bound in order; noRow is the error when it
    // changed no row.
    bool update(const QString &sql, const QVariantList &values, const QString &noRow);
    qint64 nowMs() const;
    bool fail(const QString &message) const;
    bool setState(qint64 id, AuditRecord::State state, const QString &extraSql,
        const QVariantList &extraValues);
    QList<AuditRecord> select(const QString &where, const QVariantList &values) const;

    QString m_connection;
    QString m_path;
    mutable QString m_error;
    Clock m_clock;
};
