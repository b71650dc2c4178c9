// SPDX-License-Identifier: MIT
#pragma once

#include "machine.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QList>
#include <QString>

#include <algorithm>
#include <array>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <vector>

// A page of devices in the compact form the device table keeps them in, built off the GUI
// thread: merging it into the table is then a matter of copying bytes and renumbering a few
// interned strings, instead of encoding every device there.

enum MachineFlag : quint8 {
    PendingOffboardFlag = 1,
    PotentialDuplicationFlag = 2,
    ExcludedFlag = 4,
    AadJoinedFlag = 8,
    IdDiffersFlag = 16, // the id is not already folded: the original is in the details
    NameDiffersFlag = 32,
};

// One device. The search text (folded UTF-8) is "id\nname\nip\nip…"; tags and the group are
// matched through their pools instead. The details blob holds the rarely read unique strings:
// length-prefixed UTF-8 fields, in order: original id (when it differs from the folded one),
// original name (likewise), lastIpAddress, lastExternalIpAddress, aadDeviceId,
// mergedIntoMachineId, exclusionReason, then four per address (ip, mac, type, status).
//
// In a MachineBatch the refs are offsets into the batch's own buffers and the pool indexes
// point into the batch's pools; in the table's store they point into the store's.
struct MachineRecord
{
    static constexpr qint64 NoValue = std::numeric_limits<qint64>::min();

    qint64 lastSeenMs = NoValue;
    qint64 firstSeenMs = NoValue;
    qint64 osBuild = NoValue;
    quint32 searchRef = 0;
    quint32 detailsRef = 0;
    quint16 searchLen = 0; // without the '\n' that ends every search text
    quint16 detailsLen = 0;
    quint16 idLen = 0;
    quint16 nameLen = 0;
    // Pool indexes (strings unless noted); 0 is the empty string
    quint32 platform = 0;
    quint32 osProcessor = 0;
    quint32 version = 0;
    quint32 osVersion = 0;
    quint32 agentVersion = 0;
    quint32 health = 0;
    quint32 risk = 0;
    quint32 exposure = 0;
    quint32 deviceValue = 0;
    quint32 groupId = 0;
    quint32 group = 0; // groups
    quint32 tagSet = 0; // tagSets
    quint32 osArchitecture = 0;
    quint32 onboarding = 0;
    quint32 defenderAv = 0;
    quint32 managedBy = 0;
    quint32 managedByStatus = 0;
    quint8 healthRank = 0;
    quint8 riskRank = 0;
    quint8 exposureRank = 0;
    quint8 valueRank = 0;
    quint8 verdict = 0; // Eligibility::Verdict, set by the table
    quint8 flags = 0;
};

struct MachineBatch
{
    // Limits of the compact form. Longer texts are cut when a Machine is encoded (absurd
    // input only); the page parser declines such pages so that nothing is cut silently there.
    static constexpr qsizetype MaxPoolChars = 4000; // one interned string
    static constexpr qsizetype MaxFieldBytes = 0x3FFF; // one string in the details or search
    static constexpr qsizetype MaxEntryBytes = 0xFFFF; // one row's search text or details

    std::vector<MachineRecord> rows;
    std::vector<size_t> idHashes; // qHash(folded id, 0) of each row
    QByteArray search; // each row's search text followed by '\n'
    QByteArray details;
    // index 0 of each pool is the empty string
    QList<QString> strings {QString()};
    // poolHash() of each of `strings`, worked out where the batch is built (off the GUI thread)
    // so that merging it hashes nothing; may be empty (then the merge hashes).
    std::vector<size_t> stringHashes;
    QList<QString> groups {QString()};
    QList<QString> tags {QString()};
    std::vector<QList<quint32>> tagSets {QList<quint32> {}}; // of tags indexes; 0 = none

    int size() const { return int(rows.size()); }
    QByteArrayView searchText(int row) const
    {
        return {search.constData() + rows[size_t(row)].searchRef, rows[size_t(row)].searchLen};
    }
    QByteArrayView foldedId(int row) const
    {
        return searchText(row).first(rows[size_t(row)].idLen);
    }
    QByteArrayView detailsBytes(int row) const
    {
        return {details.constData() + rows[size_t(row)].detailsRef, rows[size_t(row)].detailsLen};
    }

    // The hash pools look strings up by: of the text as a pool keeps it (cut to MaxPoolChars).
    static size_t poolHash(QStringView text)
    {
        return qHash(text.first(std::min(text.size(), MaxPoolChars)), 0);
    }

    // The folding used for ids, names, addresses and search terms: case-folded UTF-8.
    static QByteArray fold(QStringView text);
    // Rank of a known value in severity order (1-based), 0 for anything else.
    static quint8 healthRank(QStringView text);
    static quint8 riskRank(QStringView text);
    static quint8 exposureRank(QStringView text);
    static quint8 valueRank(QStringView text);
};

// The number of a tag set (a list of tag-pool indexes) in `sets`, added when new; the empty set
// is 0. Shared by the batch builder and the table's store.
quint32 internTagSet(std::vector<QList<quint32>> &sets, QHash<QList<quint32>, quint32> &index,
    const QList<quint32> &tags);

// Builds a MachineBatch row by row, interning as it goes. Used by the page parser (from the
// UTF-8 bytes of the page) and for Machine values (appendMachines, the reference parser).
class MachineBatchBuilder final
{
    Q_DISABLE_COPY_MOVE(MachineBatchBuilder)
public:
    MachineBatchBuilder();
    ~MachineBatchBuilder();

    // The texts of one device that do not go into the pools, as UTF-8.
    struct Texts
    {
        QByteArrayView id;
        QByteArrayView name;
        QByteArrayView lastIp;
        QByteArrayView lastExternalIp;
        QByteArrayView aadDeviceId;
        QByteArrayView mergedInto;
        QByteArrayView exclusionReason;
        QList<QByteArrayView> addresses; // four per address: ip, mac, type, status
    };

    // Appends a row with the texts; false (nothing appended) when a text is longer than the
    // compact form holds and `cut` is false. The record's pool fields are taken as given.
    bool add(MachineRecord record, const Texts &texts, bool cut);
    void add(const Machine &machine); // cuts absurd texts
    // The pool index of a text, added when new (strings, groups and tags pools).
    quint32 intern(QByteArrayView utf8);
    quint32 internGroup(QByteArrayView utf8);
    quint32 internTag(QByteArrayView utf8);
    // Adds a text to the pool without looking it up: the page parser keeps its own index of
    // what it has added. (A text added twice is two entries; the table merges them by text.)
    quint32 append(QByteArrayView utf8);
    quint32 appendGroup(QByteArrayView utf8);
    quint32 appendTag(QByteArrayView utf8);
    quint32 internTagSet(const QList<quint32> &tags); // of tags-pool indexes

    void reserve(qsizetype rows);
    MachineBatch take();
    int size() const { return m_batch.size(); }

private:
    struct Pool;
    static constexpr quint8 NoRank = 0xFF; // not worked out yet
    quint32 internIn(Pool &pool, QList<QString> &strings, QByteArrayView utf8);
    static quint32 appendIn(QList<QString> &strings, QByteArrayView utf8);
    void setRanks(MachineRecord &record); // health, risk, exposure and value ranks

    MachineBatch m_batch;
    std::unique_ptr<Pool> m_strings;
    std::unique_ptr<Pool> m_groups;
    std::unique_ptr<Pool> m_tags;
    QHash<QList<quint32>, quint32> m_tagSetIndex;
    std::vector<std::array<quint8, 4>> m_ranks; // per strings-pool entry, NoRank until needed
    QByteArray m_scratch;
};

// Called on the parsing thread once a page's size and whether it names a next link are known,
// before its devices are built: a hint for asking for the next page early (the page may still
// turn out malformed).
using MachineBatchPeek = std::function<void(qsizetype count, bool hasNextLink)>;

// Parses collection pages ({"value":[…], "@odata.nextLink":"…"}) straight into the compact
// form. Accepts and refuses exactly what parseMachinePage() does, with the same *error; the
// devices are the same (machine by machine, as the table gives them back). The parse buffers
// are kept from page to page: a 10 MB page needs tens of MB of them, and faulting fresh ones in
// for every page cost more than the parse itself. A listing keeps one parser per worker for its
// duration. One thread at a time.
class MachinePageParser final
{
    Q_DISABLE_COPY_MOVE(MachinePageParser)
public:
    MachinePageParser();
    ~MachinePageParser();
    std::optional<MachineBatch> parse(const QByteArray &body, QString *nextLink = nullptr,
        QString *error = nullptr, const MachineBatchPeek &peek = {});

private:
    friend std::optional<MachineBatch> parseMachineBatchFast(
        const QByteArray &, QString *, const MachineBatchPeek &, MachinePageParser *);
    struct Private;
    std::unique_ptr<Private> d;
};
