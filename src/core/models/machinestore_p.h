// SPDX-License-Identifier: MIT
#pragma once

// Internal to the models: the compact device storage behind MachineTableModel and the search
// and sort primitives MachineFilterModel runs over it. Not part of the public API.

#include "eligibility.h"
#include "machine.h"
#include "machinebatch.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QList>
#include <QString>

#include <deque>
#include <limits>
#include <memory>
#include <vector>

// Interned strings; index 0 is the empty string. Indexes stay valid until clear().
// Looked up by MachineBatch::poolHash(), which a batch brings along for its strings: merging a
// batch of 10,000 devices interns some 13,000 strings on the GUI thread, and hashing them there
// (with the string-keyed table's rehashing) had cost most of the merge.
class StringPool final
{
public:
    // Longer strings are cut (absurd input only), as in the batches merged into the store.
    static constexpr qsizetype MaxChars = MachineBatch::MaxPoolChars;

    StringPool() { clear(); }
    quint32 intern(const QString &text) { return intern(text, MachineBatch::poolHash(text)); }
    // hash: MachineBatch::poolHash(text), or any function of the text used for every call.
    quint32 intern(const QString &text, size_t hash);
    const QString &at(quint32 index) const { return m_strings.at(index); }
    quint32 size() const { return quint32(m_strings.size()); }
    void clear();

private:
    QHash<size_t, quint32> m_byHash; // the first string with each hash
    QHash<QString, quint32> m_collided; // the others, whose hash another string has
    QList<QString> m_strings;
};

// Append-only bytes in 1 MiB chunks: no reallocation, no doubling slack. An entry never
// straddles two chunks; a reference is (chunk << 20 | offset).
class ByteArena final
{
public:
    static constexpr int ChunkBits = 20;
    static constexpr qsizetype ChunkSize = qsizetype(1) << ChunkBits;
    static constexpr qsizetype MaxEntry = 0xFFFF;

    quint32 append(QByteArrayView bytes); // bytes.size() <= MaxEntry
    const char *at(quint32 ref) const
    {
        return m_chunks[ref >> ChunkBits].get() + (ref & (ChunkSize - 1));
    }
    void clear();

    int chunkCount() const { return int(m_chunks.size()); }
    QByteArrayView chunk(int index) const
    {
        const qsizetype used = index + 1 == chunkCount() ? m_used : m_chunkUsed[size_t(index)];
        return {m_chunks[size_t(index)].get(), used};
    }

private:
    std::vector<std::unique_ptr<char[]>> m_chunks;
    std::vector<qsizetype> m_chunkUsed; // of every chunk but the last
    qsizetype m_used = ChunkSize; // in the last chunk
};

class MachineStore final
{
public:
    static constexpr quint32 NoRow = 0xFFFFFFFF;

    MachineStore() { clear(); }
    int size() const { return int(m_rows.size()); }
    const MachineRecord &row(int row) const { return m_rows[size_t(row)]; }
    MachineRecord &row(int row) { return m_rows[size_t(row)]; }

    // Merging a batch: the batch's pools renumbered into the store's once (importPools), then
    // row by row: findRow() tells whether the device is known, put() overwrites a known row
    // (keeping its pending mark) or appends (row < 0) and returns the row.
    struct PoolMap
    {
        std::vector<quint32> strings, groups, tagSets;
    };
    PoolMap importPools(const MachineBatch &batch);
    int findRow(const MachineBatch &batch, int batchRow) const;
    int put(const MachineBatch &batch, const PoolMap &map, int batchRow, int row);
    // Appends or (when the id is known) overwrites. Returns the row and whether it is new.
    int upsert(const Machine &machine, bool *isNew);
    // Replaced rows leave their old texts in the arenas; once those outweigh the live ones,
    // the arenas are rewritten (no view into them may be held across upsert()).
    qsizetype wastedBytes() const { return m_wastedBytes; }
    qsizetype liveBytes() const { return m_liveBytes; }
    int find(QStringView machineId) const;
    void clear();

    Machine machine(int row) const;
    QByteArrayView searchText(int row) const
    {
        const MachineRecord &r = m_rows[size_t(row)];
        return {m_search.at(r.searchRef), r.searchLen};
    }
    QByteArrayView foldedId(int row) const { return searchText(row).first(row_(row).idLen); }
    QByteArrayView foldedName(int row) const
    {
        const MachineRecord &r = row_(row);
        return searchText(row).sliced(r.idLen + 1, r.nameLen);
    }
    QByteArrayView lastIpBytes(int row) const; // UTF-8 as received
    QString id(int row) const;
    QString name(int row) const;
    QString lastIp(int row) const;
    QStringList tags(int row) const;

    EligibilityFacts facts(int row) const;
    void evaluate(int row, const EligibilityContext &context);

    const StringPool &strings() const { return m_strings; }
    const StringPool &groups() const { return m_groups; }
    const StringPool &tagPool() const { return m_tags; }
    const std::vector<QList<quint32>> &tagSets() const { return m_tagSets; }
    QString tagSetText(quint32 tagSet) const; // "a, b"

    // Marks every row whose search text contains `needle` (folded UTF-8, no '\n') with 1 in
    // hits (sized to size()), scanning the arena in one pass instead of row by row.
    void scanSearchText(QByteArrayView needle, std::vector<quint8> &hits) const;

    static QByteArray fold(QStringView text) { return MachineBatch::fold(text); }
    // First occurrence of a non-empty needle in [begin, end), or nullptr.
    static const char *findBytes(const char *begin, const char *end, QByteArrayView needle);
    static bool containsBytes(QByteArrayView haystack, QByteArrayView needle)
    {
        return findBytes(haystack.data(), haystack.data() + haystack.size(), needle) != nullptr;
    }
    // Rank of a known value in severity order (1-based), 0 for anything else.

private:
    const MachineRecord &row_(int row) const { return m_rows[size_t(row)]; }
    int findFolded(size_t hash, QByteArrayView foldedId) const;
    void compact();
    quint32 internTagSet(const QList<quint32> &tags);
    QList<QString> details(int row) const;

    std::deque<MachineRecord> m_rows; // blocks of records: no doubling slack at 100,000 rows
    ByteArena m_search; // each row's search text followed by '\n'
    // Search texts in arena order: (ref << 32 | row); row 0xFFFFFFFF for a replaced text.
    std::vector<quint64> m_searchEntries;
    qsizetype m_wastedBytes = 0;
    qsizetype m_liveBytes = 0;
    ByteArena m_details;
    StringPool m_strings;
    StringPool m_groups;
    StringPool m_tags;
    std::vector<QList<quint32>> m_tagSets;
    QHash<QList<quint32>, quint32> m_tagSetIndex;
    QHash<size_t, int> m_rowByIdHash; // hash of the folded id -> row
    QHash<QByteArray, int> m_rowByIdOverflow; // folded ids whose hash collided
};
