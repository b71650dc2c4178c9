// SPDX-License-Identifier: MIT
#include "machinefiltermodel.h"
#include "machinefilterstate_p.h"
#include "machinetablemodel.h"

#include <algorithm>

using namespace Qt::StringLiterals;

MachineFilterModel::MachineFilterModel(QObject *parent)
    : QAbstractProxyModel(parent)
    , m_state(std::make_unique<MachineFilterState>())
{ }

MachineFilterModel::~MachineFilterModel() = default;

void MachineFilterModel::setSourceModel(QAbstractItemModel *sourceModel)
{
    auto *model = qobject_cast<MachineTableModel *>(sourceModel);
    if (model == m_model)
        return;
    beginResetModel();
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_model = model;
    QAbstractProxyModel::setSourceModel(model);
    m_state->store = model ? &model->store() : nullptr;
    if (model) {
        connect(
            model, &QAbstractItemModel::modelAboutToBeReset, this, [this] { beginResetModel(); });
        connect(model, &QAbstractItemModel::modelReset, this, &MachineFilterModel::onSourceReset);
        connect(
            model, &QAbstractItemModel::rowsInserted, this, &MachineFilterModel::onRowsInserted);
        connect(model, &QAbstractItemModel::dataChanged, this, &MachineFilterModel::onDataChanged);
        connect(model, &QAbstractItemModel::layoutChanged, this,
            &MachineFilterModel::onSourceLayoutChanged);
        connect(model, &QAbstractItemModel::headerDataChanged, this,
            &QAbstractItemModel::headerDataChanged);
        connect(model, &QObject::destroyed, this, [this] {
            beginResetModel();
            m_state->store = nullptr;
            m_state->reset();
            endResetModel();
            emitCounts();
        });
    }
    initialise();
    endResetModel();
    emitCounts();
}

MachineTableModel *MachineFilterModel::machineModel() const
{
    return m_model;
}

void MachineFilterModel::initialise()
{
    MachineFilterState &s = *m_state;
    s.reset();
    const int n = s.size();
    s.sortAll();
    s.search();
    s.computeQuick(0, n - 1);
    rebuildVisible(false);
}

QModelIndex MachineFilterModel::index(int row, int column, const QModelIndex &parent) const
{
    if (parent.isValid() || row < 0 || column < 0 || row >= rowCount() || column >= columnCount())
        return {};
    return createIndex(row, column);
}

QModelIndex MachineFilterModel::parent(const QModelIndex &) const
{
    return {};
}

int MachineFilterModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_state->visible.size());
}

int MachineFilterModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_state->store ? 0 : MachineTableModel::ColumnCount;
}

bool MachineFilterModel::hasChildren(const QModelIndex &parent) const
{
    return !parent.isValid() && rowCount() > 0 && columnCount() > 0;
}

QModelIndex MachineFilterModel::mapToSource(const QModelIndex &proxyIndex) const
{
    if (!proxyIndex.isValid() || !m_model || proxyIndex.model() != this)
        return {};
    const int row = sourceRow(proxyIndex.row());
    return row < 0 ? QModelIndex() : m_model->index(row, proxyIndex.column());
}

QModelIndex MachineFilterModel::mapFromSource(const QModelIndex &sourceIndex) const
{
    if (!sourceIndex.isValid() || sourceIndex.model() != m_model)
        return {};
    const int row = proxyRow(sourceIndex.row());
    return row < 0 ? QModelIndex() : createIndex(row, sourceIndex.column());
}

QModelIndex MachineFilterModel::sibling(int row, int column, const QModelIndex &idx) const
{
    return idx.isValid() ? index(row, column) : QModelIndex();
}

int MachineFilterModel::sourceRow(int proxyRow) const
{
    if (proxyRow < 0 || size_t(proxyRow) >= m_state->visible.size())
        return -1;
    return m_state->visible[size_t(proxyRow)];
}

int MachineFilterModel::proxyRow(int sourceRow) const
{
    if (sourceRow < 0 || size_t(sourceRow) >= m_state->proxyOf.size())
        return -1;
    return m_state->proxyOf[size_t(sourceRow)];
}

int MachineFilterModel::sourceCount() const
{
    return m_state->size();
}

int MachineFilterModel::sortColumn() const
{
    return m_state->sortColumn;
}

Qt::SortOrder MachineFilterModel::sortOrder() const
{
    return m_state->sortOrder;
}

void MachineFilterModel::sort(int column, Qt::SortOrder order)
{
    if (column < -1 || column >= MachineTableModel::ColumnCount)
        return;
    if (column == m_state->sortColumn && order == m_state->sortOrder)
        return;
    m_state->sortColumn = column;
    m_state->sortOrder = order;
    m_state->sortAll();
    rebuildVisible(true);
}

void MachineFilterModel::setSearchText(const QString &text)
{
    if (text == m_state->searchText)
        return;
    m_state->searchText = text;
    m_state->search();
    rebuildVisible(true);
    emitCounts();
}

QString MachineFilterModel::searchText() const
{
    return m_state->searchText;
}

void MachineFilterModel::quickFiltersChanged()
{
    m_state->platformOk.clear();
    m_state->healthOk.clear();
    m_state->riskOk.clear();
    m_state->computeQuick(0, m_state->size() - 1);
    rebuildVisible(true);
    emitCounts();
}

void MachineFilterModel::setPlatformFilter(const QStringList &platforms)
{
    if (platforms == m_state->platforms)
        return;
    m_state->platforms = platforms;
    quickFiltersChanged();
}

QStringList MachineFilterModel::platformFilter() const
{
    return m_state->platforms;
}

void MachineFilterModel::setHealthFilter(const QStringList &healthStatuses)
{
    if (healthStatuses == m_state->health)
        return;
    m_state->health = healthStatuses;
    quickFiltersChanged();
}

QStringList MachineFilterModel::healthFilter() const
{
    return m_state->health;
}

void MachineFilterModel::setRiskFilter(const QStringList &riskScores)
{
    if (riskScores == m_state->risk)
        return;
    m_state->risk = riskScores;
    quickFiltersChanged();
}

QStringList MachineFilterModel::riskFilter() const
{
    return m_state->risk;
}

void MachineFilterModel::setEligibleOnly(bool eligibleOnly)
{
    if (eligibleOnly == m_state->eligibleOnly)
        return;
    m_state->eligibleOnly = eligibleOnly;
    quickFiltersChanged();
}

bool MachineFilterModel::isEligibleOnly() const
{
    return m_state->eligibleOnly;
}

void MachineFilterModel::clearFilters()
{
    m_state->searchText.clear();
    m_state->search();
    m_state->platforms.clear();
    m_state->health.clear();
    m_state->risk.clear();
    m_state->eligibleOnly = false;
    quickFiltersChanged();
}

bool MachineFilterModel::isFiltering() const
{
    return !m_state->terms.empty() || m_state->quickFiltering();
}

// Recomputes the visible rows. With announce, a difference is reported as a layout change that
// moves persistent indexes (and so selections) to their rows' new places or invalidates them.
void MachineFilterModel::rebuildVisible(bool announce)
{
    MachineFilterState &s = *m_state;
    std::vector<int> visible = s.computeVisible();
    if (announce && visible == s.visible)
        return;
    QModelIndexList from;
    std::vector<int> fromRows;
    if (announce) {
        Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::NoLayoutChangeHint);
        from = persistentIndexList();
        fromRows.reserve(size_t(from.size()));
        for (const QModelIndex &index : std::as_const(from))
            fromRows.push_back(sourceRow(index.row()));
    }
    s.visible = std::move(visible);
    s.proxyOf.assign(size_t(s.size()), -1);
    for (size_t i = 0; i < s.visible.size(); ++i)
        s.proxyOf[size_t(s.visible[i])] = int(i);
    if (announce) {
        QModelIndexList to;
        to.reserve(from.size());
        for (qsizetype i = 0; i < from.size(); ++i) {
            const int row = proxyRow(fromRows[size_t(i)]);
            to.append(row < 0 ? QModelIndex() : createIndex(row, from.at(i).column()));
        }
        changePersistentIndexList(from, to);
        Q_EMIT layoutChanged({}, QAbstractItemModel::NoLayoutChangeHint);
    }
}

void MachineFilterModel::onSourceReset()
{
    initialise();
    endResetModel();
    emitCounts();
}

void MachineFilterModel::onRowsInserted(const QModelIndex &parent, int first, int last)
{
    if (parent.isValid())
        return;
    MachineFilterState &s = *m_state;
    s.testRows(first, last);
    s.computeQuick(first, last);
    s.proxyOf.resize(size_t(s.size()), -1);
    std::vector<int> added;
    for (int row = first; row <= last; ++row)
        added.push_back(row);
    if (s.sortColumn < 0) {
        // Load order: the new rows that pass arrive as one insertion at the end.
        s.order.insert(s.order.end(), added.begin(), added.end());
        std::vector<int> shown;
        for (int row : added) {
            if (s.accepted(row))
                shown.push_back(row);
        }
        if (!shown.empty()) {
            const int at = int(s.visible.size());
            beginInsertRows({}, at, at + int(shown.size()) - 1);
            for (int row : shown) {
                s.proxyOf[size_t(row)] = int(s.visible.size());
                s.visible.push_back(row);
            }
            endInsertRows();
        }
    } else {
        s.insertSorted(std::move(added));
        rebuildVisible(true);
    }
    emitCounts();
}

void MachineFilterModel::onDataChanged(
    const QModelIndex &topLeft, const QModelIndex &bottomRight, const QList<int> &roles)
{
    if (!topLeft.isValid() || !bottomRight.isValid())
        return;
    MachineFilterState &s = *m_state;
    const int first = topLeft.row();
    const int last = bottomRight.row();
    // The search text comes from the name, id, group, tags and addresses: a change confined
    // to the eligibility column (a new context, a pending offboard) cannot alter it.
    if (topLeft.column() < MachineTableModel::EligibilityColumn)
        s.testRows(first, last);
    s.computeQuick(first, last);
    if (s.sortColumn >= topLeft.column() && s.sortColumn <= bottomRight.column()) {
        if (last - first < 64) {
            // Take the changed rows out and merge them back: O(n), not a full sort.
            s.order.erase(std::remove_if(s.order.begin(), s.order.end(),
                              [&](int row) { return row >= first && row <= last; }),
                s.order.end());
            std::vector<int> changed;
            for (int row = first; row <= last; ++row)
                changed.push_back(row);
            s.insertSorted(std::move(changed));
        } else {
            s.sortAll();
        }
    }
    rebuildVisible(true);
    int top = -1;
    int bottom = -1;
    for (int row = first; row <= last; ++row) {
        const int proxy = proxyRow(row);
        if (proxy < 0)
            continue;
        top = top < 0 ? proxy : std::min(top, proxy);
        bottom = std::max(bottom, proxy);
    }
    if (top >= 0)
        Q_EMIT dataChanged(
            index(top, topLeft.column()), index(bottom, bottomRight.column()), roles);
    emitCounts();
}

void MachineFilterModel::onSourceLayoutChanged()
{
    // The table never reorders its rows; should it ever, start over.
    beginResetModel();
    onSourceReset();
}

void MachineFilterModel::emitCounts()
{
    Q_EMIT countsChanged(visibleCount(), sourceCount());
}

#include "moc_machinefiltermodel.cpp"
