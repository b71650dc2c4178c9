// SPDX-License-Identifier: MIT
// ActionTableModel: merging this app's audit log into the service's actions.
#include "actiontablemodel.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

namespace {

// What the service would have said, from what the log knows of the request.
MachineAction actionFromRecord(const AuditRecord &record)
{
    MachineAction a;
    a.id = record.actionId;
    a.type = u"Offboard"_s;
    a.machineId = record.machineId;
    a.computerDnsName = record.machineName;
    a.requestor = record.requestor;
    a.requestorComment = record.comment;
    const qint64 created = record.intentMs > 0 ? record.intentMs : record.createdMs;
    a.creationDateTimeUtc = QDateTime::fromMSecsSinceEpoch(created, Qt::UTC);
    a.lastUpdateDateTimeUtc = QDateTime::fromMSecsSinceEpoch(record.updatedMs, Qt::UTC);
    a.statusText = record.actionStatus;
    a.status = record.actionStatus.isEmpty() ? ActionStatus::Unknown
                                             : actionStatusFromString(record.actionStatus);
    return a;
}

} // namespace

void ActionTableModel::upsertLocalRecord(const AuditRecord &record)
{
    if (record.kind != AuditRecord::Kind::Offboard || record.id < 0)
        return;
    const QString previousKey = m_keyOfRecord.value(record.id);
    const bool hasAction = !record.actionId.isEmpty();

    // A local-only row whose record now names its action moves into that action's row.
    if (!previousKey.isEmpty() && previousKey != record.actionId) {
        const int row = m_rowById.value(previousKey, -1);
        if (row >= 0 && m_entries.at(row).action.id.isEmpty()) {
            if (!hasAction) {
                Entry &entry = m_entries[row];
                entry.local = record;
                entry.action = actionFromRecord(record);
                Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
                return;
            }
            removeRow(row);
        } else {
            m_keyOfRecord.remove(record.id);
        }
    }

    if (!hasAction) {
        insertEntry(Entry {actionFromRecord(record), true, false, record});
        return;
    }
    const int row = rowOfAction(record.actionId);
    if (row < 0) {
        // Not listed by the service (yet): show what the log knows, until it is.
        insertEntry(Entry {actionFromRecord(record), true, false, record});
        return;
    }
    Entry &entry = m_entries[row];
    entry.local = record;
    entry.sentByApp = true;
    m_keyOfRecord.insert(record.id, record.actionId);
    if (!entry.listed && !record.actionStatus.isEmpty()) {
        entry.action.statusText = record.actionStatus;
        entry.action.status = actionStatusFromString(record.actionStatus);
    }
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

bool ActionTableModel::isLocalOnly(int row) const
{
    return row >= 0 && row < int(m_entries.size()) && m_entries.at(row).action.id.isEmpty();
}

int ActionTableModel::rowOfLocalRecord(qint64 recordId) const
{
    const QString key = m_keyOfRecord.value(recordId);
    return key.isEmpty() ? -1 : m_rowById.value(key, -1);
}

QString ActionTableModel::localStateText(const AuditRecord &record)
{
    switch (record.state) {
    case AuditRecord::State::Queued:
        return tr("Queued, not sent yet");
    case AuditRecord::State::Intent:
    case AuditRecord::State::Sent:
        return tr("Sent, awaiting the answer");
    case AuditRecord::State::Succeeded:
        return tr("Accepted");
    case AuditRecord::State::Failed:
        return tr("Refused");
    case AuditRecord::State::OutcomeUnknown:
        return tr("Outcome unknown");
    case AuditRecord::State::NotSent:
        return tr("Not sent");
    case AuditRecord::State::Reconciled:
        return record.actionId.isEmpty() ? tr("Not taken by the service") : tr("Reconciled");
    }
    return {};
}

QString ActionTableModel::noteText(const Entry &entry) const
{
    const AuditRecord &r = entry.local;
    if (r.id < 0)
        return {};
    QStringList parts;
    if (!entry.action.id.isEmpty())
        parts << tr("Sent from this app");
    if (!r.errorMessage.isEmpty())
        parts << r.errorMessage;
    if (!r.errorCode.isEmpty())
        parts << r.errorCode;
    if (!r.errorTarget.isEmpty())
        parts << tr("service correlation id %1").arg(r.errorTarget);
    parts << tr("request id %1").arg(r.correlationId);
    return parts.join(u" · "_s);
}
