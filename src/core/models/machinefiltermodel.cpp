// SPDX-License-Identifier: MIT
#include "machinefiltermodel.h"
#include "machinestore_p.h"
#include "machinetablemodel.h"

#include <algorithm>
#include <cstring>
#include <string_view>

using namespace Qt::StringLiterals;

namespace {

bool containsBytes(QByteArrayView haystack, QByteArrayView needle)
{
#ifdef __GLIBC__
    return memmem(haystack.data(), size_t(haystack.size()), needle.data(), size_t(needle.size()))
        != nullptr;
#else
    return std::string_view(haystack.data(), size_t(haystack.size()))
               .find(std::string_view(needle.data(), size_t(needle.size())))
        != std::string_view::npos;
#endif
}

int compareBytes(QByteArrayView a, QByteArrayView b)
{
    return std::string_view(a.data(), size_t(a.size()))
        .compare(std::string_view(b.data(), size_t(b.size())));
}

// Pool index -> rank in case-insensitive order (monotonic: new strings never reorder old ones).
std::vector<quint32> ranks(const StringPool &pool)
{
    std::vector<quint32> byRank(pool.size());
    std::vector<QString> folded(pool.size());
    for (quint32 i = 0; i < pool.size(); ++i) {
        byRank[i] = i;
        folded[i] = pool.at(i).toCaseFolded();
    }
    std::sort(byRank.begin(), byRank.end(), [&](quint32 a, quint32 b) {
        const int c = folded[a].compare(folded[b]);
        return c != 0 ? c < 0 : a < b;
    });
    std::vector<quint32> rank(pool.size());
    for (quint32 i = 0; i < byRank.size(); ++i)
        rank[byRank[i]] = i;
    return rank;
}

quint64 ipv4Key(const QString &ip)
{
    if (ip.isEmpty())
        return 0;
    quint64 value = 0;
    int parts = 0;
    int digits = 0;
    quint32 part = 0;
    for (QChar c : ip) {
        if (c.isDigit() && digits < 3) {
            part = part * 10 + quint32(c.digitValue());
            ++digits;
        } else if (c == u'.' && digits > 0 && part < 256 && parts < 3) {
            value = (value << 8) | part;
            ++parts;
            part = 0;
            digits = 0;
        } else {
            return quint64(2) << 32; // not IPv4: after every IPv4 address
        }
    }
    if (parts != 3 || digits == 0 || part > 255)
        return quint64(2) << 32;
    return (quint64(1) << 32) | (value << 8) | part;
}

struct Term
{
    QByteArray bytes;
    std::vector<qint8> group; // group pool index -> matches (-1 not computed yet)
    std::vector<qint8> tagSet; // tag set index -> matches
};

bool termContains(const QByteArray &term, const QString &text)
{
    return containsBytes(MachineStore::fold(text), term);
}

} // namespace

struct MachineFilterState
{
    std::vector<int> order; // every source row, in sort order
    std::vector<int> visible; // proxy row -> source row
    std::vector<int> proxyOf; // source row -> proxy row, -1 when hidden
    std::vector<quint8> textMatch; // source row -> passes the search terms
    std::vector<quint64> keys; // source row -> sort key (integer-keyed columns)

    QString searchText;
    std::vector<Term> terms;
    QStringList platforms;
    QStringList health;
    QStringList risk;
    std::vector<qint8> platformOk; // string pool index -> allowed (-1 not computed yet)
    std::vector<qint8> healthOk;
    std::vector<qint8> riskOk;
    bool eligibleOnly = false;

    int sortColumn = -1;
    Qt::SortOrder sortOrder = Qt::AscendingOrder;

    const MachineStore *store = nullptr;

    static bool allowed(
        std::vector<qint8> &cache, const QStringList &filter, const StringPool &pool, quint32 index)
    {
        if (filter.isEmpty())
            return true;
        if (index >= cache.size())
            cache.resize(pool.size(), -1);
        if (cache[index] < 0)
            cache[index] = filter.contains(pool.at(index), Qt::CaseInsensitive) ? 1 : 0;
        return cache[index] == 1;
    }

    bool quickOk(int row)
    {
        const MachineRecord &r = store->row(row);
        if (eligibleOnly && r.verdict == Eligibility::Refused)
            return false;
        const StringPool &pool = store->strings();
        return allowed(platformOk, platforms, pool, r.platform)
            && allowed(healthOk, health, pool, r.health) && allowed(riskOk, risk, pool, r.risk);
    }

    bool termMatches(Term &term, int row)
    {
        if (containsBytes(store->searchText(row), term.bytes))
            return true;
        const MachineRecord &r = store->row(row);
        if (r.group != 0) {
            if (r.group >= term.group.size())
                term.group.resize(store->groups().size(), -1);
            qint8 &hit = term.group[r.group];
            if (hit < 0)
                hit = termContains(term.bytes, store->groups().at(r.group)) ? 1 : 0;
            if (hit)
                return true;
        }
        if (r.tagSet != 0) {
            if (r.tagSet >= term.tagSet.size())
                term.tagSet.resize(store->tagSets().size(), -1);
            qint8 &hit = term.tagSet[r.tagSet];
            if (hit < 0) {
                hit = 0;
                for (quint32 tag : store->tagSets()[r.tagSet]) {
                    if (termContains(term.bytes, store->tagPool().at(tag))) {
                        hit = 1;
                        break;
                    }
                }
            }
            if (hit)
                return true;
        }
        return false;
    }

    bool textMatches(int row)
    {
        for (Term &term : terms) {
            if (!termMatches(term, row))
                return false;
        }
        return true;
    }

    // Keys for the integer-keyed columns; NameColumn compares the folded names directly.
    void computeKeys()
    {
        const int n = store->size();
        keys.assign(size_t(n), 0);
        if (sortColumn < 0 || sortColumn == MachineTableModel::NameColumn)
            return;
        std::vector<quint32> rank;
        if (sortColumn == MachineTableModel::PlatformColumn)
            rank = ranks(store->strings());
        else if (sortColumn == MachineTableModel::GroupColumn)
            rank = ranks(store->groups());
        else if (sortColumn == MachineTableModel::TagsColumn)
            rank = tagSetRanks();
        for (int row = 0; row < n; ++row) {
            const MachineRecord &r = store->row(row);
            quint64 key = 0;
            switch (sortColumn) {
            case MachineTableModel::PlatformColumn: {
                const quint64 build = r.osBuild == MachineRecord::NoValue
                    ? 0
                    : quint64(std::clamp<qint64>(r.osBuild + 1, 0, (qint64(1) << 28) - 1));
                const quint32 version = rank[r.version != 0 ? r.version : r.osVersion];
                key = (quint64(std::min<quint32>(rank[r.platform], (1u << 20) - 1)) << 44)
                    | (build << 16) | std::min<quint32>(version, 0xFFFF);
                break;
            }
            case MachineTableModel::HealthColumn:
                key = r.healthRank;
                break;
            case MachineTableModel::RiskColumn:
                key = r.riskRank;
                break;
            case MachineTableModel::ExposureColumn:
                key = r.exposureRank;
                break;
            case MachineTableModel::DeviceValueColumn:
                key = r.valueRank;
                break;
            case MachineTableModel::LastSeenColumn:
                key = quint64(r.lastSeenMs) ^ (quint64(1) << 63);
                break;
            case MachineTableModel::GroupColumn:
                key = rank[r.group];
                break;
            case MachineTableModel::TagsColumn:
                key = rank[r.tagSet];
                break;
            case MachineTableModel::LastIpColumn:
                key = ipv4Key(store->lastIp(row));
                break;
            case MachineTableModel::EligibilityColumn:
                key = r.verdict;
                break;
            default:
                break;
            }
            keys[size_t(row)] = key;
        }
    }

    std::vector<quint32> tagSetRanks() const
    {
        const auto &sets = store->tagSets();
        std::vector<quint32> byRank(sets.size());
        std::vector<QString> text(sets.size());
        for (quint32 i = 0; i < sets.size(); ++i) {
            byRank[i] = i;
            text[i] = store->tagSetText(i).toCaseFolded();
        }
        std::sort(byRank.begin(), byRank.end(), [&](quint32 a, quint32 b) {
            const int c = text[a].compare(text[b]);
            return c != 0 ? c < 0 : a < b;
        });
        std::vector<quint32> rank(sets.size());
        for (quint32 i = 0; i < byRank.size(); ++i)
            rank[byRank[i]] = i;
        return rank;
    }

    // Strict weak order on source rows for the current column and order; ties: load order.
    bool less(int a, int b) const
    {
        int c = 0;
        if (sortColumn == MachineTableModel::NameColumn) {
            c = compareBytes(store->foldedName(a), store->foldedName(b));
        } else if (sortColumn >= 0) {
            const quint64 ka = keys[size_t(a)];
            const quint64 kb = keys[size_t(b)];
            c = ka < kb ? -1 : (ka > kb ? 1 : 0);
        }
        if (c != 0)
            return sortOrder == Qt::AscendingOrder ? c < 0 : c > 0;
        return a < b;
    }

    void sortAll()
    {
        const int n = store ? store->size() : 0;
        order.resize(size_t(n));
        for (int i = 0; i < n; ++i)
            order[size_t(i)] = i;
        if (sortColumn < 0)
            return;
        computeKeys();
        std::sort(order.begin(), order.end(), [this](int a, int b) { return less(a, b); });
    }
};

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
            m_state->order.clear();
            m_state->visible.clear();
            m_state->proxyOf.clear();
            m_state->textMatch.clear();
            endResetModel();
        });
    }
    m_state->textMatch.clear();
    m_state->platformOk.clear();
    m_state->healthOk.clear();
    m_state->riskOk.clear();
    for (Term &term : m_state->terms) {
        term.group.clear();
        term.tagSet.clear();
    }
    resort();
    refilter(true, m_state->searchText);
    rebuildVisible(false);
    endResetModel();
    emitCounts();
}

MachineTableModel *MachineFilterModel::machineModel() const
{
    return m_model;
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
    return m_state->store ? m_state->store->size() : 0;
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
    resort();
    rebuildVisible(true);
}

void MachineFilterModel::resort()
{
    m_state->sortAll();
}

void MachineFilterModel::setSearchText(const QString &text)
{
    if (text == m_state->searchText)
        return;
    const QString previous = m_state->searchText;
    m_state->searchText = text;
    refilter(true, previous);
    rebuildVisible(true);
    emitCounts();
}

QString MachineFilterModel::searchText() const
{
    return m_state->searchText;
}

void MachineFilterModel::setPlatformFilter(const QStringList &platforms)
{
    if (platforms == m_state->platforms)
        return;
    m_state->platforms = platforms;
    m_state->platformOk.clear();
    rebuildVisible(true);
    emitCounts();
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
    m_state->healthOk.clear();
    rebuildVisible(true);
    emitCounts();
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
    m_state->riskOk.clear();
    rebuildVisible(true);
    emitCounts();
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
    rebuildVisible(true);
    emitCounts();
}

bool MachineFilterModel::isEligibleOnly() const
{
    return m_state->eligibleOnly;
}

void MachineFilterModel::clearFilters()
{
    const QString previous = m_state->searchText;
    m_state->searchText.clear();
    m_state->platforms.clear();
    m_state->health.clear();
    m_state->risk.clear();
    m_state->eligibleOnly = false;
    refilter(true, previous);
    rebuildVisible(true);
    emitCounts();
}

bool MachineFilterModel::isFiltering() const
{
    return !m_state->terms.empty() || !m_state->platforms.isEmpty() || !m_state->health.isEmpty()
        || !m_state->risk.isEmpty() || m_state->eligibleOnly;
}

// Re-tests the search terms. Only the rows whose result can change are tested: when every old
// term lies inside a new one, rows that failed before still fail (narrowing); when every new
// term lies inside an old one, rows that passed still pass (widening).
void MachineFilterModel::refilter(bool textChanged, const QString &previousQuery)
{
    Q_UNUSED(previousQuery)
    MachineFilterState &s = *m_state;
    const int n = s.store ? s.store->size() : 0;
    if (!textChanged)
        return;
    const QStringList words = s.searchText.simplified().split(u' ', Qt::SkipEmptyParts);
    std::vector<QByteArray> oldTerms;
    oldTerms.reserve(s.terms.size());
    for (const Term &term : s.terms)
        oldTerms.push_back(term.bytes);
    std::vector<Term> newTerms;
    for (const QString &word : words) {
        Term term;
        term.bytes = MachineStore::fold(word);
        newTerms.push_back(std::move(term));
    }
    auto inside = [](const QByteArray &needle, const auto &haystacks, auto bytesOf) {
        for (const auto &h : haystacks) {
            if (bytesOf(h).contains(needle))
                return true;
        }
        return false;
    };
    auto ofTerm = [](const Term &t) -> const QByteArray & { return t.bytes; };
    auto ofBytes = [](const QByteArray &b) -> const QByteArray & { return b; };
    bool narrowing = true;
    for (const QByteArray &old : oldTerms)
        narrowing = narrowing && inside(old, newTerms, ofTerm);
    bool widening = true;
    for (const Term &term : newTerms)
        widening = widening && inside(term.bytes, oldTerms, ofBytes);
    const bool complete = s.textMatch.size() == size_t(n);
    s.terms = std::move(newTerms);
    if (!complete) {
        s.textMatch.assign(size_t(n), 1);
        narrowing = true;
        widening = false;
    }
    if (narrowing && widening)
        return; // the same terms
    for (int row = 0; row < n; ++row) {
        quint8 &match = s.textMatch[size_t(row)];
        if ((narrowing && match) || (widening && !match) || (!narrowing && !widening))
            match = s.textMatches(row) ? 1 : 0;
    }
}

// Recomputes the visible rows from the sort order, the search results and the quick filters.
// With announce, a difference is reported as a layout change that moves persistent indexes to
// their rows' new places (or invalidates them).
void MachineFilterModel::rebuildVisible(bool announce)
{
    MachineFilterState &s = *m_state;
    const int n = s.store ? s.store->size() : 0;
    std::vector<int> visible;
    visible.reserve(s.order.size());
    for (int row : s.order) {
        if (s.textMatch[size_t(row)] && s.quickOk(row))
            visible.push_back(row);
    }
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
    s.proxyOf.assign(size_t(n), -1);
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
    MachineFilterState &s = *m_state;
    s.textMatch.clear();
    s.platformOk.clear();
    s.healthOk.clear();
    s.riskOk.clear();
    for (Term &term : s.terms) {
        term.group.clear();
        term.tagSet.clear();
    }
    resort();
    refilter(true, s.searchText);
    rebuildVisible(false);
    endResetModel();
    emitCounts();
}

void MachineFilterModel::onRowsInserted(const QModelIndex &parent, int first, int last)
{
    if (parent.isValid())
        return;
    MachineFilterState &s = *m_state;
    s.textMatch.resize(size_t(last) + 1, 0);
    s.proxyOf.resize(size_t(last) + 1, -1);
    std::vector<int> added;
    for (int row = first; row <= last; ++row) {
        s.textMatch[size_t(row)] = s.textMatches(row) ? 1 : 0;
        added.push_back(row);
    }
    if (s.sortColumn < 0) {
        s.order.insert(s.order.end(), added.begin(), added.end());
        std::vector<int> shown;
        for (int row : added) {
            if (s.textMatch[size_t(row)] && s.quickOk(row))
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
        // New strings may renumber the ranks, but monotonically: the old order stays sorted.
        s.computeKeys();
        std::sort(added.begin(), added.end(), [&s](int a, int b) { return s.less(a, b); });
        const auto middle = s.order.insert(s.order.end(), added.begin(), added.end());
        std::inplace_merge(
            s.order.begin(), middle, s.order.end(), [&s](int a, int b) { return s.less(a, b); });
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
    for (int row = first; row <= last; ++row)
        s.textMatch[size_t(row)] = s.textMatches(row) ? 1 : 0;
    const bool sortTouched
        = s.sortColumn >= topLeft.column() && s.sortColumn <= bottomRight.column();
    if (sortTouched) {
        if (last - first < 64) {
            // Move each changed row to its new place: O(n) instead of a full sort.
            s.order.erase(std::remove_if(s.order.begin(), s.order.end(),
                              [&](int row) { return row >= first && row <= last; }),
                s.order.end());
            s.computeKeys();
            for (int row = first; row <= last; ++row) {
                const auto at = std::lower_bound(s.order.begin(), s.order.end(), row,
                    [&s](int a, int b) { return s.less(a, b); });
                s.order.insert(at, row);
            }
        } else {
            resort();
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
