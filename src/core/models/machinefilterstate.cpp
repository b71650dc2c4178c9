// SPDX-License-Identifier: MIT
#include "machinefilterstate_p.h"
#include "machinetablemodel.h"

#include <algorithm>
#include <string_view>

namespace {

int compareBytes(QByteArrayView a, QByteArrayView b)
{
    return std::string_view(a.data(), size_t(a.size()))
        .compare(std::string_view(b.data(), size_t(b.size())));
}

bool termContains(const QByteArray &term, const QString &text)
{
    return MachineStore::containsBytes(MachineStore::fold(text), term);
}

// Rank of every pool entry in case-insensitive order. A relabelling that new strings only
// extend monotonically: rows sorted by old ranks stay sorted by new ones.
std::vector<quint32> ranksOf(const std::vector<QString> &folded)
{
    std::vector<quint32> byRank(folded.size());
    for (quint32 i = 0; i < byRank.size(); ++i)
        byRank[i] = i;
    std::sort(byRank.begin(), byRank.end(), [&](quint32 a, quint32 b) {
        const int c = folded[a].compare(folded[b]);
        return c != 0 ? c < 0 : a < b;
    });
    std::vector<quint32> rank(folded.size());
    for (quint32 i = 0; i < byRank.size(); ++i)
        rank[byRank[i]] = i;
    return rank;
}

std::vector<quint32> poolRanks(const StringPool &pool)
{
    std::vector<QString> folded(pool.size());
    for (quint32 i = 0; i < pool.size(); ++i)
        folded[i] = pool.at(i).toCaseFolded();
    return ranksOf(folded);
}

// IPv4 in numeric order first, then anything else; empty first of all.
quint64 ipKey(QByteArrayView ip)
{
    if (ip.isEmpty())
        return 0;
    constexpr quint64 other = quint64(2) << 32;
    quint64 value = 0;
    int parts = 0;
    int digits = 0;
    quint32 part = 0;
    for (char c : ip) {
        if (c >= '0' && c <= '9' && digits < 3) {
            part = part * 10 + quint32(c - '0');
            ++digits;
        } else if (c == '.' && digits > 0 && part < 256 && parts < 3) {
            value = (value << 8) | part;
            ++parts;
            part = 0;
            digits = 0;
        } else {
            return other;
        }
    }
    if (parts != 3 || digits == 0 || part > 255)
        return other;
    return (quint64(1) << 32) | (value << 8) | part;
}

// Eight bytes from offset, big-endian and zero-padded: integer order is byte order.
quint64 word(QByteArrayView text, qsizetype offset)
{
    quint64 w = 0;
    for (qsizetype i = offset; i < offset + 8; ++i)
        w = (w << 8) | (i < text.size() ? quint8(text[i]) : 0u);
    return w;
}

using Item = std::pair<quint64, int>; // key, source row

void sortItems(std::vector<Item>::iterator begin, std::vector<Item>::iterator end, bool descending)
{
    if (descending) {
        std::sort(begin, end, [](const Item &a, const Item &b) {
            return a.first != b.first ? a.first > b.first : a.second < b.second;
        });
    } else {
        std::sort(begin, end);
    }
}

} // namespace

void MachineFilterState::reset()
{
    textMatch.clear();
    quickMatch.clear();
    proxyOf.clear();
    visible.clear();
    order.clear();
    keys.clear();
    platformOk.clear();
    healthOk.clear();
    riskOk.clear();
    for (SearchTerm &term : terms) {
        term.group.clear();
        term.tagSet.clear();
    }
}

bool MachineFilterState::quickFiltering() const
{
    return eligibleOnly || !platforms.isEmpty() || !health.isEmpty() || !risk.isEmpty();
}

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

void MachineFilterState::computeQuick(int first, int last)
{
    quickMatch.resize(size_t(size()), 1);
    const bool filtering = quickFiltering();
    const StringPool &pool = store->strings();
    for (int row = first; row <= last; ++row) {
        bool ok = true;
        if (filtering) {
            const MachineRecord &r = store->row(row);
            ok = !(eligibleOnly && r.verdict == Eligibility::Refused)
                && allowed(platformOk, platforms, pool, r.platform)
                && allowed(healthOk, health, pool, r.health) && allowed(riskOk, risk, pool, r.risk);
        }
        quickMatch[size_t(row)] = ok ? 1 : 0;
    }
}

bool MachineFilterState::termMatches(SearchTerm &term, int row)
{
    if (MachineStore::containsBytes(store->searchText(row), term.bytes))
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

bool MachineFilterState::textMatches(int row)
{
    for (SearchTerm &term : terms) {
        if (!termMatches(term, row))
            return false;
    }
    return true;
}

void MachineFilterState::testRows(int first, int last)
{
    textMatch.resize(size_t(size()), 1);
    for (int row = first; row <= last; ++row)
        textMatch[size_t(row)] = textMatches(row) ? 1 : 0;
}

void MachineFilterState::markGroupsAndTags(SearchTerm &term, std::vector<quint8> &hits)
{
    const StringPool &groups = store->groups();
    const auto &tagSets = store->tagSets();
    term.group.assign(groups.size(), 0);
    term.tagSet.assign(tagSets.size(), 0);
    bool any = false;
    for (quint32 i = 1; i < groups.size(); ++i) {
        term.group[i] = termContains(term.bytes, groups.at(i)) ? 1 : 0;
        any = any || term.group[i];
    }
    std::vector<qint8> tagHit(store->tagPool().size(), 0);
    for (quint32 i = 1; i < tagHit.size(); ++i)
        tagHit[i] = termContains(term.bytes, store->tagPool().at(i)) ? 1 : 0;
    for (quint32 i = 1; i < tagSets.size(); ++i) {
        for (quint32 tag : tagSets[i])
            term.tagSet[i] = term.tagSet[i] || tagHit[tag];
        any = any || term.tagSet[i];
    }
    if (!any)
        return; // the common case: the text scan said it all
    const int n = size();
    for (int row = 0; row < n; ++row) {
        if (hits[size_t(row)])
            continue;
        const MachineRecord &r = store->row(row);
        if (term.group[r.group] || term.tagSet[r.tagSet])
            hits[size_t(row)] = 1;
    }
}

void MachineFilterState::searchAll()
{
    const size_t n = size_t(size());
    textMatch.assign(n, 1);
    std::vector<quint8> hits;
    for (SearchTerm &term : terms) {
        hits.assign(n, 0);
        store->scanSearchText(term.bytes, hits);
        markGroupsAndTags(term, hits);
        for (size_t row = 0; row < n; ++row)
            textMatch[row] &= hits[row];
    }
}

// Only the rows whose result can change are tested: when every old term lies inside a new one,
// rows that failed before still fail (narrowing); when every new term lies inside an old one,
// rows that passed still pass (widening). Few candidates are tested one by one; many by a
// scan of the whole search arena, which is faster per row.
void MachineFilterState::search()
{
    const QStringList words = searchText.simplified().split(u' ', Qt::SkipEmptyParts);
    std::vector<SearchTerm> newTerms;
    for (const QString &word : words) {
        SearchTerm term;
        term.bytes = MachineStore::fold(word);
        newTerms.push_back(std::move(term));
    }
    auto insideAny = [](const QByteArray &needle, const std::vector<SearchTerm> &haystacks) {
        return std::any_of(haystacks.begin(), haystacks.end(),
            [&](const SearchTerm &h) { return h.bytes.contains(needle); });
    };
    bool narrowing = std::all_of(terms.begin(), terms.end(),
        [&](const SearchTerm &old) { return insideAny(old.bytes, newTerms); });
    bool widening = std::all_of(newTerms.begin(), newTerms.end(),
        [&](const SearchTerm &term) { return insideAny(term.bytes, terms); });
    const bool complete = textMatch.size() == size_t(size());
    terms = std::move(newTerms);
    if (!complete) {
        narrowing = false;
        widening = false;
    } else if (narrowing && widening) {
        return; // the same terms
    }
    if (terms.empty()) {
        textMatch.assign(size_t(size()), 1);
        return;
    }
    const int n = size();
    if (narrowing || widening) {
        const quint8 candidate = narrowing ? 1 : 0;
        const auto count = std::count(textMatch.begin(), textMatch.end(), candidate);
        if (count * 8 < n) {
            for (int row = 0; row < n; ++row) {
                if (textMatch[size_t(row)] == candidate)
                    textMatch[size_t(row)] = textMatches(row) ? 1 : 0;
            }
            return;
        }
    }
    searchAll();
}

std::vector<int> MachineFilterState::computeVisible() const
{
    std::vector<int> out;
    out.reserve(order.size());
    for (int row : order) {
        if (accepted(row))
            out.push_back(row);
    }
    return out;
}

void MachineFilterState::computeKeys()
{
    const int n = size();
    keys.assign(size_t(n), 0);
    if (sortColumn < 0 || sortColumn == MachineTableModel::NameColumn)
        return;
    std::vector<quint32> rank;
    if (sortColumn == MachineTableModel::PlatformColumn) {
        rank = poolRanks(store->strings());
    } else if (sortColumn == MachineTableModel::GroupColumn) {
        rank = poolRanks(store->groups());
    } else if (sortColumn == MachineTableModel::TagsColumn) {
        std::vector<QString> text(store->tagSets().size());
        for (quint32 i = 0; i < text.size(); ++i)
            text[i] = store->tagSetText(i).toCaseFolded();
        rank = ranksOf(text);
    }
    for (int row = 0; row < n; ++row) {
        const MachineRecord &r = store->row(row);
        quint64 key = 0;
        switch (sortColumn) {
        case MachineTableModel::PlatformColumn: {
            // platform, then build, then version text
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
            key = ipKey(store->lastIpBytes(row));
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

bool MachineFilterState::less(int a, int b) const
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

// Names sort eight bytes at a time (most significant first): each pass sorts integer pairs,
// and only runs that tie go on to the next eight bytes.
void MachineFilterState::sortByName()
{
    const int n = size();
    const bool descending = sortOrder == Qt::DescendingOrder;
    std::vector<QByteArrayView> names(static_cast<size_t>(n));
    for (int row = 0; row < n; ++row)
        names[size_t(row)] = store->foldedName(row);
    std::vector<Item> items(static_cast<size_t>(n));
    for (int row = 0; row < n; ++row)
        items[size_t(row)] = {word(names[size_t(row)], 0), row};
    struct Range
    {
        size_t begin, end;
        qsizetype offset;
    };
    std::vector<Range> pending {{0, size_t(n), 0}};
    while (!pending.empty()) {
        const Range range = pending.back();
        pending.pop_back();
        if (range.offset > 0) {
            for (size_t i = range.begin; i < range.end; ++i)
                items[i].first = word(names[size_t(items[i].second)], range.offset);
        }
        sortItems(items.begin() + qsizetype(range.begin), items.begin() + qsizetype(range.end),
            descending);
        for (size_t i = range.begin; i < range.end;) {
            size_t j = i + 1;
            bool longer = names[size_t(items[i].second)].size() > range.offset + 8;
            while (j < range.end && items[j].first == items[i].first) {
                longer = longer || names[size_t(items[j].second)].size() > range.offset + 8;
                ++j;
            }
            if (j - i > 1 && longer)
                pending.push_back({i, j, range.offset + 8});
            i = j;
        }
    }
    order.resize(size_t(n));
    for (int i = 0; i < n; ++i)
        order[size_t(i)] = items[size_t(i)].second;
}

void MachineFilterState::sortAll()
{
    const int n = size();
    order.resize(size_t(n));
    if (sortColumn < 0) {
        for (int i = 0; i < n; ++i)
            order[size_t(i)] = i;
        return;
    }
    computeKeys();
    if (sortColumn == MachineTableModel::NameColumn) {
        sortByName();
        return;
    }
    std::vector<Item> items(static_cast<size_t>(n));
    for (int row = 0; row < n; ++row)
        items[size_t(row)] = {keys[size_t(row)], row};
    sortItems(items.begin(), items.end(), sortOrder == Qt::DescendingOrder);
    for (int i = 0; i < n; ++i)
        order[size_t(i)] = items[size_t(i)].second;
}

void MachineFilterState::insertSorted(std::vector<int> rows)
{
    if (sortColumn < 0) {
        std::sort(rows.begin(), rows.end());
        order.insert(order.end(), rows.begin(), rows.end());
        return;
    }
    // New strings may renumber ranks, but monotonically: the old order stays sorted.
    computeKeys();
    auto cmp = [this](int a, int b) { return less(a, b); };
    std::sort(rows.begin(), rows.end(), cmp);
    const auto middle = order.insert(order.end(), rows.begin(), rows.end());
    std::inplace_merge(order.begin(), middle, order.end(), cmp);
}
