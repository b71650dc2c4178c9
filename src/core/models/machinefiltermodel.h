// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractProxyModel>
#include <QPointer>
#include <QString>
#include <QStringList>

#include <memory>

class MachineTableModel;
struct MachineFilterState;

// Find-as-you-type, quick filters and sorting over a MachineTableModel, for 100,000 rows.
//
// Its own row map (not a QSortFilterProxyModel): the search runs over the table's folded search
// arena, narrows incrementally (a query that extends the previous one re-tests only the rows
// that matched; a shortened one only the rows that did not) and keeps one sorted permutation of
// the source, so neither a filter change nor a page of new rows re-sorts everything.
// Filter and sort changes are announced as layout changes: persistent indexes (and so the
// views' selections) follow their rows; those of rows that are filtered out become invalid.
//
// Search: the text is split on white space; every term must occur (case-insensitively) in the
// device's name, id, an IP address, a tag or its device group name.
// Quick filters (empty list = no restriction; values compared case-insensitively with the
// service's raw strings): platforms (osPlatform), health statuses, risk scores; eligible-only
// hides Refused rows.
//
// The source must be a MachineTableModel (setSourceModel ignores anything else). One thread.
class MachineFilterModel final : public QAbstractProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MachineFilterModel)
public:
    explicit MachineFilterModel(QObject *parent = nullptr);
    ~MachineFilterModel() override;

    void setSourceModel(QAbstractItemModel *sourceModel) override;
    MachineTableModel *machineModel() const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    QModelIndex mapToSource(const QModelIndex &proxyIndex) const override;
    QModelIndex mapFromSource(const QModelIndex &sourceIndex) const override;
    QModelIndex sibling(int row, int column, const QModelIndex &idx) const override;
    // Sorts by any MachineTableModel::Column; column -1 restores the source (load) order.
    // Ties keep the load order.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    int sortColumn() const;
    Qt::SortOrder sortOrder() const;

    void setSearchText(const QString &text);
    QString searchText() const;
    void setPlatformFilter(const QStringList &platforms);
    QStringList platformFilter() const;
    void setHealthFilter(const QStringList &healthStatuses);
    QStringList healthFilter() const;
    void setRiskFilter(const QStringList &riskScores);
    QStringList riskFilter() const;
    void setEligibleOnly(bool eligibleOnly);
    bool isEligibleOnly() const;
    void clearFilters(); // search text and every quick filter
    bool isFiltering() const;

    int sourceCount() const; // rows in the source
    int visibleCount() const { return rowCount(); }

    int sourceRow(int proxyRow) const; // -1 when out of range
    int proxyRow(int sourceRow) const; // -1 when hidden or out of range

Q_SIGNALS:
    // After any change of the visible rows (filters, new pages, clear).
    void countsChanged(int visible, int total);

private:
    void onSourceReset();
    void onRowsInserted(const QModelIndex &parent, int first, int last);
    void onDataChanged(
        const QModelIndex &topLeft, const QModelIndex &bottomRight, const QList<int> &roles);
    void onSourceLayoutChanged();
    void initialise(); // every per-row result from scratch (no signals)
    void quickFiltersChanged();
    void rebuildVisible(bool announce);
    void emitCounts();

    QPointer<MachineTableModel> m_model;
    std::unique_ptr<MachineFilterState> m_state;
};
