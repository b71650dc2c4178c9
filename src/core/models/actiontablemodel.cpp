// SPDX-License-Identifier: MIT
#include "actiontablemodel.h"
#include "csvexport.h"

#include <QLocale>

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace {

qint64 createdKey(const QDateTime &created)
{
    return created.isValid() ? created.toMSecsSinceEpoch() : std::numeric_limits<qint64>::min();
}

QString localTime(const QDateTime &time)
{
    return time.isValid() ? QLocale().toString(time.toLocalTime(), QLocale::ShortFormat)
                          : QString();
}

QString isoTime(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODateWithMs) : QString();
}

} // namespace

ActionTableModel::ActionTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

ActionTableModel::~ActionTableModel() = default;

int ActionTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int ActionTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ActionTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry &entry = m_entries.at(index.row());
    const MachineAction &a = entry.action;
    const int column = index.column();
    const bool localOnly = a.id.isEmpty();
    switch (role) {
    case Qt::DisplayRole:
        switch (Column(column)) {
        case DeviceColumn:
            return a.computerDnsName.isEmpty() ? a.machineId : a.computerDnsName;
        case StatusColumn:
            if (localOnly)
                return localStateText(entry.local);
            if (a.status == ActionStatus::Unknown && !a.statusText.isEmpty())
                return a.statusText;
            return statusText(a.status);
        case RequestorColumn:
            return a.requestor;
        case CommentColumn:
            return a.requestorComment;
        case CreatedColumn:
            return localTime(a.creationDateTimeUtc);
        case UpdatedColumn:
            return localTime(a.lastUpdateDateTimeUtc);
        case ActionIdColumn:
            return a.id;
        case NoteColumn:
            return noteText(entry);
        case ColumnCount:
            break;
        }
        return {};
    case Qt::ToolTipRole:
        if ((column == StatusColumn || column == NoteColumn) && entry.local.id >= 0)
            return noteText(entry);
        if (column == DeviceColumn)
            return a.machineId;
        if (column == CommentColumn && !a.requestorComment.isEmpty())
            return a.requestorComment;
        if (column == StatusColumn && a.status == ActionStatus::Cancelled
            && !a.cancellationRequestor.isEmpty())
            return tr("Cancelled by %1: %2").arg(a.cancellationRequestor, a.cancellationComment);
        return {};
    case ActionIdRole:
        return a.id;
    case MachineIdRole:
        return a.machineId;
    case StatusRole:
        return int(a.status);
    case StatusIconRole:
        return statusIconName(a.status);
    case IsFinalRole:
        return localOnly || isFinal(a.status);
    case SentByAppRole:
        return entry.sentByApp;
    case LocalStateRole:
        return entry.local.id >= 0 ? auditStateToString(entry.local.state) : QString();
    case IsLocalOnlyRole:
        return localOnly;
    case SortRole:
        switch (Column(column)) {
        case StatusColumn:
            return int(a.status);
        case CreatedColumn:
            return createdKey(a.creationDateTimeUtc);
        case UpdatedColumn:
            return createdKey(a.lastUpdateDateTimeUtc);
        default:
            return data(index, Qt::DisplayRole).toString().toCaseFolded();
        }
    case CsvRole:
        switch (Column(column)) {
        case StatusColumn:
            if (localOnly)
                return auditStateToString(entry.local.state);
            return a.status == ActionStatus::Unknown ? a.statusText
                                                     : actionStatusToString(a.status);
        case CreatedColumn:
            return isoTime(a.creationDateTimeUtc);
        case UpdatedColumn:
            return isoTime(a.lastUpdateDateTimeUtc);
        default:
            return data(index, Qt::DisplayRole);
        }
    default:
        return {};
    }
}

QVariant ActionTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0
        || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case DeviceColumn:
        return tr("Device");
    case StatusColumn:
        return tr("Status");
    case RequestorColumn:
        return tr("Requested by");
    case CommentColumn:
        return tr("Comment");
    case CreatedColumn:
        return tr("Created");
    case UpdatedColumn:
        return tr("Updated");
    case ActionIdColumn:
        return tr("Action ID");
    case NoteColumn:
        return tr("Note");
    case ColumnCount:
        break;
    }
    return {};
}

QHash<int, QByteArray> ActionTableModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(ActionIdRole, "actionId");
    names.insert(MachineIdRole, "machineId");
    names.insert(StatusRole, "status");
    names.insert(StatusIconRole, "statusIcon");
    names.insert(IsFinalRole, "isFinal");
    names.insert(SentByAppRole, "sentByApp");
    names.insert(SortRole, "sort");
    names.insert(CsvRole, "csv");
    names.insert(LocalStateRole, "localState");
    names.insert(IsLocalOnlyRole, "isLocalOnly");
    return names;
}

// Newest first; an action joins after those created at the same moment (arrival order);
// unknown creation times last.
int ActionTableModel::insertPosition(const QDateTime &created) const
{
    const qint64 key = createdKey(created);
    int low = 0;
    int high = int(m_entries.size());
    while (low < high) {
        const int mid = (low + high) / 2;
        if (createdKey(m_entries.at(mid).action.creationDateTimeUtc) >= key)
            low = mid + 1;
        else
            high = mid;
    }
    return low;
}

void ActionTableModel::rebuildIndex(int fromRow)
{
    for (int row = fromRow; row < int(m_entries.size()); ++row)
        m_rowById.insert(keyOf(m_entries.at(row)), row);
}

void ActionTableModel::upsertAction(const MachineAction &action, bool sentByThisApp)
{
    if (action.id.isEmpty())
        return;
    const int existing = rowOfAction(action.id);
    Entry fresh {action, sentByThisApp, true, {}};
    if (existing >= 0) {
        Entry &entry = m_entries[existing];
        const bool sentByApp = entry.sentByApp || sentByThisApp;
        if (createdKey(entry.action.creationDateTimeUtc)
            == createdKey(action.creationDateTimeUtc)) {
            entry.action = action;
            entry.sentByApp = sentByApp;
            entry.listed = true;
            Q_EMIT dataChanged(index(existing, 0), index(existing, ColumnCount - 1));
            return;
        }
        // Its creation time changed (the service's time replaces the one from the audit log):
        // take it out and put it at its place, with what the log knows of it.
        fresh.sentByApp = sentByApp;
        fresh.local = entry.local;
        removeRow(existing);
    }
    insertEntry(fresh);
}

QString ActionTableModel::keyOf(const Entry &entry)
{
    return entry.action.id.isEmpty() ? u"local:"_s + QString::number(entry.local.id)
                                     : entry.action.id;
}

void ActionTableModel::insertEntry(const Entry &entry)
{
    const int row = insertPosition(entry.action.creationDateTimeUtc);
    beginInsertRows({}, row, row);
    m_entries.insert(row, entry);
    if (entry.local.id >= 0)
        m_keyOfRecord.insert(entry.local.id, keyOf(entry));
    rebuildIndex(row);
    endInsertRows();
}

void ActionTableModel::removeRow(int row)
{
    beginRemoveRows({}, row, row);
    const Entry entry = m_entries.takeAt(row);
    m_rowById.remove(keyOf(entry));
    if (entry.local.id >= 0)
        m_keyOfRecord.remove(entry.local.id);
    rebuildIndex(row);
    endRemoveRows();
}

void ActionTableModel::upsertActions(const QList<MachineAction> &actions)
{
    for (const MachineAction &action : actions)
        upsertAction(action);
}

void ActionTableModel::clear()
{
    beginResetModel();
    m_entries.clear();
    m_rowById.clear();
    m_keyOfRecord.clear();
    endResetModel();
}

MachineAction ActionTableModel::action(int row) const
{
    return row >= 0 && row < int(m_entries.size()) ? m_entries.at(row).action : MachineAction();
}

int ActionTableModel::rowOfAction(const QString &actionId) const
{
    return actionId.isEmpty() ? -1 : m_rowById.value(actionId, -1);
}

bool ActionTableModel::isSentByThisApp(int row) const
{
    return row >= 0 && row < int(m_entries.size()) && m_entries.at(row).sentByApp;
}

QStringList ActionTableModel::nonFinalActionIds() const
{
    QStringList ids;
    for (const Entry &entry : m_entries) {
        if (!entry.action.id.isEmpty() && !isFinal(entry.action.status))
            ids.append(entry.action.id);
    }
    return ids;
}

QString ActionTableModel::pendingActionIdFor(const QString &machineId) const
{
    for (const Entry &entry : m_entries) {
        const ActionStatus status = entry.action.status;
        if ((status == ActionStatus::Pending || status == ActionStatus::InProgress)
            && !entry.action.id.isEmpty()
            && entry.action.machineId.compare(machineId, Qt::CaseInsensitive) == 0)
            return entry.action.id;
    }
    return {};
}

QString ActionTableModel::toCsv() const
{
    return Csv::fromModel(*this, CsvRole);
}

QString ActionTableModel::statusText(ActionStatus status)
{
    switch (status) {
    case ActionStatus::Pending:
        return tr("Pending");
    case ActionStatus::InProgress:
        return tr("In progress");
    case ActionStatus::Succeeded:
        return tr("Succeeded");
    case ActionStatus::Failed:
        return tr("Failed");
    case ActionStatus::TimeOut:
        return tr("Timed out");
    case ActionStatus::Cancelled:
        return tr("Cancelled");
    case ActionStatus::Unknown:
        break;
    }
    return tr("Unknown");
}

QString ActionTableModel::statusIconName(ActionStatus status)
{
    switch (status) {
    case ActionStatus::Pending:
        return u"pending"_s;
    case ActionStatus::InProgress:
        return u"in-progress"_s;
    case ActionStatus::Succeeded:
        return u"succeeded"_s;
    case ActionStatus::Failed:
        return u"failed"_s;
    case ActionStatus::TimeOut:
        return u"timed-out"_s;
    case ActionStatus::Cancelled:
        return u"cancelled"_s;
    case ActionStatus::Unknown:
        break;
    }
    return u"unknown"_s;
}

ActionFilterModel::ActionFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(ActionTableModel::SortRole);
}

ActionFilterModel::~ActionFilterModel() = default;

void ActionFilterModel::setStatusFilter(const QList<ActionStatus> &statuses)
{
    QSet<int> set;
    for (ActionStatus status : statuses)
        set.insert(int(status));
    if (set == m_statuses)
        return;
    m_statuses = set;
    invalidateFilter();
}

QList<ActionStatus> ActionFilterModel::statusFilter() const
{
    QList<ActionStatus> out;
    for (int status : m_statuses)
        out.append(ActionStatus(status));
    std::sort(out.begin(), out.end());
    return out;
}

void ActionFilterModel::setDeviceText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_deviceText)
        return;
    m_deviceText = trimmed;
    invalidateFilter();
}

void ActionFilterModel::setRequestorText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_requestorText)
        return;
    m_requestorText = trimmed;
    invalidateFilter();
}

QString ActionFilterModel::toCsv() const
{
    return Csv::fromModel(*this, ActionTableModel::CsvRole);
}

void ActionFilterModel::setLocalOnly(bool localOnly)
{
    if (localOnly == m_localOnly)
        return;
    m_localOnly = localOnly;
    invalidateFilter();
}

bool ActionFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QAbstractItemModel *model = sourceModel();
    const QModelIndex device
        = model->index(sourceRow, ActionTableModel::DeviceColumn, sourceParent);
    const bool localOnly = device.data(ActionTableModel::IsLocalOnlyRole).toBool();
    if (m_localOnly && !localOnly)
        return false;
    if (!m_statuses.isEmpty() && localOnly)
        return false;
    if (!m_statuses.isEmpty()
        && !m_statuses.contains(device.data(ActionTableModel::StatusRole).toInt()))
        return false;
    if (!m_deviceText.isEmpty()
        && !device.data(Qt::DisplayRole).toString().contains(m_deviceText, Qt::CaseInsensitive)
        && !device.data(ActionTableModel::MachineIdRole)
                .toString()
                .contains(m_deviceText, Qt::CaseInsensitive))
        return false;
    if (!m_requestorText.isEmpty()) {
        const QModelIndex requestor
            = model->index(sourceRow, ActionTableModel::RequestorColumn, sourceParent);
        if (!requestor.data().toString().contains(m_requestorText, Qt::CaseInsensitive))
            return false;
    }
    return true;
}

#include "moc_actiontablemodel.cpp"
