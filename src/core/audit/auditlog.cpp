// SPDX-License-Identifier: MIT
#include "auditlog.h"

#include <QDateTime>
#include <QMutex>
#include <QSaveFile>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace {

QSqlDatabase database(const QString &connection)
{
    return QSqlDatabase::database(connection, false);
}

const char *const Columns = "id, kind, machine_id, machine_name, comment, requestor, created_ms, "
                            "correlation_id, state, action_id, action_status, error_code, "
                            "error_message, error_target, http_status, updated_ms, batch_id, "
                            "intent_ms";

QMutex runningMutex;
QSet<QString> &runningBatches()
{
    static QSet<QString> batches;
    return batches;
}

AuditRecord::State stateFromString(const QString &text)
{
    static const AuditRecord::State all[] = {AuditRecord::State::Intent, AuditRecord::State::Sent,
        AuditRecord::State::Succeeded, AuditRecord::State::Failed,
        AuditRecord::State::OutcomeUnknown, AuditRecord::State::NotSent,
        AuditRecord::State::Reconciled, AuditRecord::State::Queued};
    for (const auto state : all) {
        if (auditStateToString(state) == text)
            return state;
    }
    return AuditRecord::State::OutcomeUnknown; // unknown text: treat as needing a look
}

QString isoUtc(qint64 ms)
{
    return ms > 0 ? QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs)
                  : QString();
}

QByteArray csvField(const QString &value)
{
    QString text = value;
    // Spreadsheets run cells that start with these as formulas (CSV injection).
    if (!text.isEmpty()) {
        const QChar first = text.front();
        if (first == u'=' || first == u'+' || first == u'-' || first == u'@' || first == u'\t'
            || first == u'\r')
            text.prepend(u'\'');
    }
    text.replace(u"\""_s, u"\"\""_s);
    return '"' + text.toUtf8() + '"';
}

} // namespace

AuditLog::AuditLog()
    : m_connection(u"mde-audit-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces))
{ }

AuditLog::~AuditLog()
{
    close();
}

void AuditLog::setClock(Clock utcNowMs)
{
    m_clock = std::move(utcNowMs);
}

bool AuditLog::fail(const QString &message) const
{
    m_error = message;
    return false;
}

qint64 AuditLog::nowMs() const
{
    return m_clock ? m_clock() : QDateTime::currentMSecsSinceEpoch();
}

qint64 AuditLog::recordIntent(AuditRecord::Kind kind, const QString &machineId,
    const QString &machineName, const QString &comment, const QString &requestor,
    const QString &actionId)
{
    if (!isOpen()) {
        fail(tr("The audit log is not open."));
        return -1;
    }
    QSqlQuery query(database(m_connection));
    return insertRecord(query, kind, {machineId, machineName}, comment, requestor,
        AuditRecord::State::Intent, nowMs(), u"action_id"_s, actionId);
}

bool AuditLog::update(const QString &sql, const QVariantList &values, const QString &noRow)
{
    if (!isOpen())
        return fail(tr("The audit log is not open."));
    QSqlQuery query(database(m_connection));
    query.prepare(sql);
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec())
        return fail(tr("Could not write to the audit log: %1").arg(query.lastError().text()));
    return query.numRowsAffected() == 1 || fail(noRow);
}

bool AuditLog::setState(
    qint64 id, AuditRecord::State state, const QString &extraSql, const QVariantList &extraValues)
{
    return update(u"UPDATE records SET state = ?, updated_ms = ?"_s + extraSql + u" WHERE id = ?"_s,
        QVariantList {auditStateToString(state), nowMs()} + extraValues + QVariantList {id},
        tr("The audit log has no record %1.").arg(id));
}

qint64 AuditLog::insertRecord(QSqlQuery &query, AuditRecord::Kind kind, const AuditTarget &target,
    const QString &comment, const QString &requestor, AuditRecord::State state, qint64 t,
    const QString &lastColumn, const QString &lastValue)
{
    query.prepare(u"INSERT INTO records (kind, machine_id, machine_name, comment, requestor, "
                  "created_ms, correlation_id, state, updated_ms, %1) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s.arg(lastColumn));
    query.addBindValue(auditKindToString(kind));
    query.addBindValue(target.machineId);
    query.addBindValue(target.machineName);
    query.addBindValue(comment);
    query.addBindValue(requestor);
    query.addBindValue(t);
    query.addBindValue(QUuid::createUuid().toString(QUuid::WithoutBraces));
    query.addBindValue(auditStateToString(state));
    query.addBindValue(t);
    query.addBindValue(lastValue);
    if (!query.exec()) {
        fail(tr("Could not write to the audit log: %1").arg(query.lastError().text()));
        return -1;
    }
    return query.lastInsertId().toLongLong();
}

QString AuditLog::recordQueued(AuditRecord::Kind kind, const QList<AuditTarget> &targets,
    const QString &comment, const QString &requestor, QList<qint64> *ids)
{
    if (!isOpen()) {
        fail(tr("The audit log is not open."));
        return {};
    }
    QSqlDatabase db = database(m_connection);
    if (!db.transaction()) {
        fail(tr("Could not write to the audit log: %1").arg(db.lastError().text()));
        return {};
    }
    const QString batchId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const qint64 t = nowMs();
    QList<qint64> written;
    written.reserve(targets.size());
    {
        QSqlQuery query(db);
        for (const AuditTarget &target : targets) {
            const qint64 id = insertRecord(query, kind, target, comment, requestor,
                AuditRecord::State::Queued, t, u"batch_id"_s, batchId);
            if (id < 0) {
                query.finish();
                db.rollback();
                return {};
            }
            written.append(id);
        }
    }
    // One commit (synced: synchronous=FULL) for the whole plan.
    if (!db.commit()) {
        fail(tr("Could not write to the audit log: %1").arg(db.lastError().text()));
        db.rollback();
        return {};
    }
    if (ids)
        *ids = written;
    return batchId;
}

qint64 AuditLog::recordRequeued(const AuditRecord &previous)
{
    if (!isOpen()) {
        fail(tr("The audit log is not open."));
        return -1;
    }
    QSqlQuery query(database(m_connection));
    return insertRecord(query, previous.kind, {previous.machineId, previous.machineName},
        previous.comment, previous.requestor, AuditRecord::State::Queued, nowMs(), u"batch_id"_s,
        previous.batchId);
}

bool AuditLog::markIntent(qint64 id)
{
    const qint64 t = nowMs();
    return update(u"UPDATE records SET state = ?, updated_ms = ?, intent_ms = ? "
                  "WHERE id = ? AND state = ?"_s,
        {auditStateToString(AuditRecord::State::Intent), t, t, id,
            auditStateToString(AuditRecord::State::Queued)},
        tr("The audit record %1 is no longer queued.").arg(id));
}

bool AuditLog::markQueuedNotSent(qint64 id)
{
    return update(u"UPDATE records SET state = ?, updated_ms = ? WHERE id = ? AND state = ?"_s,
        {auditStateToString(AuditRecord::State::NotSent), nowMs(), id,
            auditStateToString(AuditRecord::State::Queued)},
        tr("The audit record %1 is no longer queued.").arg(id));
}

void AuditLog::setBatchRunning(const QString &batchId, bool running)
{
    if (batchId.isEmpty())
        return;
    const QMutexLocker lock(&runningMutex);
    if (running)
        runningBatches().insert(batchId);
    else
        runningBatches().remove(batchId);
}

bool AuditLog::isBatchRunning(const QString &batchId)
{
    if (batchId.isEmpty())
        return false;
    const QMutexLocker lock(&runningMutex);
    return runningBatches().contains(batchId);
}

bool AuditLog::markSent(qint64 id)
{
    return setState(id, AuditRecord::State::Sent, {}, {});
}

bool AuditLog::markOutcome(qint64 id, const MachineAction &action)
{
    const QString status
        = action.statusText.isEmpty() ? actionStatusToString(action.status) : action.statusText;
    return setState(id, AuditRecord::State::Succeeded,
        u", action_id = ?, action_status = ?, error_code = NULL, error_message = NULL, "
        "error_target = NULL, http_status = 0"_s,
        {action.id, status});
}

bool AuditLog::markOutcome(qint64 id, const ApiError &error)
{
    return setState(id, AuditRecord::State::Failed,
        u", error_code = ?, error_message = ?, error_target = ?, http_status = ?"_s,
        {error.code, error.message, error.target, error.httpStatus});
}

bool AuditLog::markOutcomeUnknown(qint64 id, const ApiError &error)
{
    return setState(id, AuditRecord::State::OutcomeUnknown,
        u", error_code = ?, error_message = ?, error_target = ?, http_status = ?"_s,
        {error.code, error.message, error.target, error.httpStatus});
}

bool AuditLog::markNotSent(qint64 id)
{
    return setState(id, AuditRecord::State::NotSent, {}, {});
}

bool AuditLog::markReconciled(qint64 id, const QString &actionId, const QString &actionStatus)
{
    return setState(id, AuditRecord::State::Reconciled, u", action_id = ?, action_status = ?"_s,
        {actionId, actionStatus});
}

bool AuditLog::updateActionStatus(qint64 id, const QString &actionStatus)
{
    return update(u"UPDATE records SET action_status = ?, updated_ms = ? WHERE id = ?"_s,
        {actionStatus, nowMs(), id}, tr("The audit log has no record %1.").arg(id));
}

QList<AuditRecord> AuditLog::select(const QString &where, const QVariantList &values) const
{
    QList<AuditRecord> out;
    if (!isOpen()) {
        fail(tr("The audit log is not open."));
        return out;
    }
    QSqlDatabase db = database(m_connection);
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(
        u"SELECT "_s + QLatin1String(Columns) + u" FROM records "_s + where + u" ORDER BY id"_s);
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec()) {
        fail(tr("Could not read the audit log: %1").arg(query.lastError().text()));
        return out;
    }
    while (query.next()) {
        AuditRecord r;
        r.id = query.value(0).toLongLong();
        r.kind = query.value(1).toString() == u"cancel"_s ? AuditRecord::Kind::Cancel
                                                          : AuditRecord::Kind::Offboard;
        r.machineId = query.value(2).toString();
        r.machineName = query.value(3).toString();
        r.comment = query.value(4).toString();
        r.requestor = query.value(5).toString();
        r.createdMs = query.value(6).toLongLong();
        r.correlationId = query.value(7).toString();
        r.state = stateFromString(query.value(8).toString());
        r.actionId = query.value(9).toString();
        r.actionStatus = query.value(10).toString();
        r.errorCode = query.value(11).toString();
        r.errorMessage = query.value(12).toString();
        r.errorTarget = query.value(13).toString();
        r.httpStatus = query.value(14).toInt();
        r.updatedMs = query.value(15).toLongLong();
        r.batchId = query.value(16).toString();
        r.intentMs = query.value(17).toLongLong();
        out.append(r);
    }
    return out;
}

AuditRecord AuditLog::record(qint64 id) const
{
    const QList<AuditRecord> found = select(u"WHERE id = ?"_s, {id});
    return found.isEmpty() ? AuditRecord {} : found.first();
}

QList<AuditRecord> AuditLog::records() const
{
    return select({}, {});
}

QList<AuditRecord> AuditLog::recordsSince(qint64 utcMs) const
{
    return select(u"WHERE created_ms >= ?"_s, {utcMs});
}

QList<AuditRecord> AuditLog::recordsUpdatedSince(qint64 utcMs) const
{
    return select(u"WHERE updated_ms >= ?"_s, {utcMs});
}

QList<AuditRecord> AuditLog::unresolvedRecords() const
{
    return select(u"WHERE state IN (?, ?, ?, ?)"_s,
        {auditStateToString(AuditRecord::State::Queued),
            auditStateToString(AuditRecord::State::Intent),
            auditStateToString(AuditRecord::State::Sent),
            auditStateToString(AuditRecord::State::OutcomeUnknown)});
}

QByteArray AuditLog::toCsv(const QList<AuditRecord> &records)
{
    static const QString header[] = {u"id"_s, u"kind"_s, u"state"_s, u"machine_id"_s,
        u"machine_name"_s, u"comment"_s, u"requestor"_s, u"created_utc"_s, u"correlation_id"_s,
        u"action_id"_s, u"action_status"_s, u"error_code"_s, u"error_message"_s, u"error_target"_s,
        u"http_status"_s, u"updated_utc"_s, u"batch_id"_s};
    QByteArray out;
    const auto line = [&out](const QStringList &fields) {
        for (qsizetype i = 0; i < fields.size(); ++i) {
            if (i > 0)
                out += ',';
            out += csvField(fields.at(i));
        }
        out += "\r\n";
    };
    line(QStringList(std::begin(header), std::end(header)));
    for (const AuditRecord &r : records) {
        line({QString::number(r.id), auditKindToString(r.kind), auditStateToString(r.state),
            r.machineId, r.machineName, r.comment, r.requestor, isoUtc(r.createdMs),
            r.correlationId, r.actionId, r.actionStatus, r.errorCode, r.errorMessage, r.errorTarget,
            r.httpStatus ? QString::number(r.httpStatus) : QString(), isoUtc(r.updatedMs),
            r.batchId});
    }
    return out;
}

bool AuditLog::exportCsv(const QString &filePath, const QList<AuditRecord> &records) const
{
    QSaveFile file(filePath);
    if (!file.open(QIODevice::WriteOnly))
        return fail(tr("Could not write \"%1\": %2").arg(filePath, file.errorString()));
    file.write(toCsv(records));
    if (!file.commit())
        return fail(tr("Could not write \"%1\": %2").arg(filePath, file.errorString()));
    return true;
}

bool AuditLog::exportCsv(const QString &filePath) const
{
    if (!isOpen())
        return fail(tr("The audit log is not open."));
    m_error.clear();
    const QList<AuditRecord> all = records();
    if (!m_error.isEmpty())
        return false;
    return exportCsv(filePath, all);
}
