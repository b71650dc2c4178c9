// SPDX-License-Identifier: MIT
#pragma once

#include "auditlog.h"
#include "machineaction.h"

#include <QAbstractTableModel>
#include <QList>
#include <QSet>
#include <QSortFilterProxyModel>
#include <QString>
#include <QStringList>

// The history of offboard actions (a few thousand at most): newest first by creation time, ties
// in arrival order. upsertAction updates a known action in place (dataChanged) or inserts it at
// its place. Rows sent by this app carry SentByAppRole = true (sticky); the GUI decides how to
// show them (the core has no QFont). One thread.
//
// The app's own audit log merges in with upsertLocalRecord (offboard records only): a record
// with an action id joins that action's row (marked sent by this app; until the service lists
// the action the row shows what the log knows); a record without one (Queued, Sent, Failed,
// OutcomeUnknown, NotSent, or found absent at the service) is a row of its own, final, with the
// local state as its status and the error and request id in the Note column and the tooltip.
class ActionTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ActionTableModel)
public:
    enum Column {
        DeviceColumn, // computer name (machine id when the name is unknown)
        StatusColumn,
        RequestorColumn,
        CommentColumn,
        CreatedColumn,
        UpdatedColumn,
        ActionIdColumn,
        NoteColumn, // this app's record: error, request (correlation) id
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        ActionIdRole = Qt::UserRole + 1, // QString
        MachineIdRole, // QString
        StatusRole, // int ActionStatus
        StatusIconRole, // QString: "pending", "in-progress", "succeeded", "failed", "timed-out",
                        // "cancelled", "unknown" (the GUI maps it to an icon)
        IsFinalRole, // bool
        SentByAppRole, // bool
        SortRole, // cheaply comparable value per column
        CsvRole, // export text per column (ISO 8601 UTC times, raw status)
        LocalStateRole, // QString: the audit record's state ("NotSent", …), empty without one
        IsLocalOnlyRole, // bool: a row of the audit log with no action at the service
    };
    Q_ENUM(Role)

    explicit ActionTableModel(QObject *parent = nullptr);
    ~ActionTableModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Inserts or updates by action id (an action without an id is ignored). sentByThisApp only
    // ever turns the marker on.
    void upsertAction(const MachineAction &action, bool sentByThisApp = false);
    void upsertActions(const QList<MachineAction> &actions);
    // Merges one record of this app's audit log (see above); cancel records are ignored.
    void upsertLocalRecord(const AuditRecord &record);
    void clear();

    MachineAction action(int row) const;
    int rowOfAction(const QString &actionId) const; // -1 when absent
    bool isSentByThisApp(int row) const;
    bool isLocalOnly(int row) const; // no action at the service (e.g. NotSent)
    int rowOfLocalRecord(qint64 recordId) const; // -1 when absent
    QStringList nonFinalActionIds() const; // for polling, newest first
    // The action of a device that is still Pending/InProgress, or an empty id.
    QString pendingActionIdFor(const QString &machineId) const;

    QString toCsv() const; // every row, in model order (see Csv)

    static QString statusText(ActionStatus status); // translated
    static QString statusIconName(ActionStatus status);
    static QString localStateText(const AuditRecord &record); // translated

private:
    struct Entry
    {
        MachineAction action;
        bool sentByApp = false;
        bool listed = true; // the service listed it (false: known from the audit log only)
        AuditRecord local; // this app's record (id -1: none)
    };
    static QString keyOf(const Entry &entry);
    QString noteText(const Entry &entry) const;
    int insertPosition(const QDateTime &created) const;
    void insertEntry(const Entry &entry);
    void removeRow(int row);
    void rebuildIndex(int fromRow);

    QList<Entry> m_entries;
    QHash<QString, int> m_rowById; // action id, or "local:<record id>" for local-only rows
    QHash<qint64, QString> m_keyOfRecord; // audit record id -> row key
};

// Filters the history by status, device text (name or id) and requestor text; both texts match
// case-insensitively as substrings. Sorting through the source's SortRole. The window derives
// from it to present the rows (bold, status icons): one proxy fewer to build at start-up.
class ActionFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ActionFilterModel)
public:
    explicit ActionFilterModel(QObject *parent = nullptr);
    ~ActionFilterModel() override;

    void setStatusFilter(const QList<ActionStatus> &statuses); // empty = all
    QList<ActionStatus> statusFilter() const;
    void setDeviceText(const QString &text);
    QString deviceText() const { return m_deviceText; }
    void setRequestorText(const QString &text);
    QString requestorText() const { return m_requestorText; }
    // Only the rows of this app's log that the service has no action for (not sent, unknown).
    void setLocalOnly(bool localOnly);
    bool isLocalOnly() const { return m_localOnly; }

    QString toCsv() const; // the visible rows, in view order

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QSet<int> m_statuses;
    QString m_deviceText;
    QString m_requestorText;
    bool m_localOnly = false;
};
