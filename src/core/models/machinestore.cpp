// SPDX-License-Identifier: MIT
#include "machinestore_p.h"

#include <QDateTime>

#include <algorithm>
#include <cstring>

using namespace Qt::StringLiterals;

namespace {

QDateTime dateTime(qint64 ms)
{
    return ms == MachineRecord::NoValue ? QDateTime() : QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

} // namespace

int MachineStore::find(QStringView machineId) const
{
    const QByteArray folded = fold(machineId);
    return findFolded(qHash(QByteArrayView(folded), 0), folded);
}

int MachineStore::findFolded(size_t hash, QByteArrayView foldedId) const
{
    const auto it = m_rowByIdHash.constFind(hash);
    if (it == m_rowByIdHash.constEnd())
        return -1;
    if (this->foldedId(it.value()) == foldedId)
        return it.value();
    return m_rowByIdOverflow.value(foldedId.toByteArray(), -1);
}

int MachineStore::findRow(const MachineBatch &batch, int batchRow) const
{
    return findFolded(batch.idHashes[size_t(batchRow)], batch.foldedId(batchRow));
}

MachineStore::PoolMap MachineStore::importPools(const MachineBatch &batch)
{
    PoolMap map;
    map.strings.reserve(size_t(batch.strings.size()));
    const bool hashed = batch.stringHashes.size() == size_t(batch.strings.size());
    for (qsizetype i = 0; i < batch.strings.size(); ++i) {
        const QString &text = batch.strings.at(i);
        map.strings.push_back(hashed ? m_strings.intern(text, batch.stringHashes[size_t(i)])
                                     : m_strings.intern(text));
    }
    map.groups.reserve(size_t(batch.groups.size()));
    for (const QString &text : batch.groups)
        map.groups.push_back(m_groups.intern(text));
    std::vector<quint32> tags;
    tags.reserve(size_t(batch.tags.size()));
    for (const QString &text : batch.tags)
        tags.push_back(m_tags.intern(text));
    map.tagSets.reserve(batch.tagSets.size());
    for (const QList<quint32> &set : batch.tagSets) {
        QList<quint32> global;
        global.reserve(set.size());
        for (quint32 tag : set)
            global.append(tags[tag]);
        map.tagSets.push_back(internTagSet(global));
    }
    return map;
}

int MachineStore::put(const MachineBatch &batch, const PoolMap &map, int batchRow, int row)
{
    MachineRecord r = batch.rows[size_t(batchRow)];
    for (quint32 *index : {&r.platform, &r.osProcessor, &r.version, &r.osVersion, &r.agentVersion,
             &r.health, &r.risk, &r.exposure, &r.deviceValue, &r.groupId, &r.osArchitecture,
             &r.onboarding, &r.defenderAv, &r.managedBy, &r.managedByStatus})
        *index = map.strings[*index];
    r.group = map.groups[r.group];
    r.tagSet = map.tagSets[r.tagSet];
    r.searchRef = m_search.append({batch.search.constData() + r.searchRef, r.searchLen + 1});
    r.detailsRef = m_details.append(batch.detailsBytes(batchRow));
    m_liveBytes += qsizetype(r.searchLen) + 1 + r.detailsLen;

    const bool replacing = row >= 0;
    if (replacing) {
        MachineRecord &old = m_rows[size_t(row)];
        r.flags |= old.flags & PendingOffboardFlag;
        r.verdict = old.verdict;
        const qsizetype oldBytes = qsizetype(old.searchLen) + 1 + old.detailsLen;
        m_wastedBytes += oldBytes;
        m_liveBytes -= oldBytes;
        // The old text stays in the arena but no longer belongs to the row.
        const quint64 key = quint64(old.searchRef) << 32;
        const auto it = std::lower_bound(m_searchEntries.begin(), m_searchEntries.end(), key);
        if (it != m_searchEntries.end() && (*it >> 32) == old.searchRef)
            *it = key | NoRow;
        old = r;
    } else {
        row = size();
        m_rows.push_back(r);
        const size_t hash = batch.idHashes[size_t(batchRow)];
        if (m_rowByIdHash.contains(hash))
            m_rowByIdOverflow.insert(batch.foldedId(batchRow).toByteArray(), row);
        else
            m_rowByIdHash.insert(hash, row);
    }
    m_searchEntries.push_back((quint64(r.searchRef) << 32) | quint32(row));
    if (replacing && m_wastedBytes > m_liveBytes && m_wastedBytes > ByteArena::ChunkSize)
        compact();
    return row;
}

int MachineStore::upsert(const Machine &machine, bool *isNew)
{
    MachineBatchBuilder builder;
    builder.add(machine);
    const MachineBatch batch = builder.take();
    const PoolMap map = importPools(batch);
    const int existing = findRow(batch, 0);
    *isNew = existing < 0;
    return put(batch, map, 0, existing);
}

quint32 MachineStore::internTagSet(const QList<quint32> &set)
{
    return ::internTagSet(m_tagSets, m_tagSetIndex, set);
}

void MachineStore::compact()
{
    ByteArena search;
    ByteArena details;
    std::vector<quint64> entries;
    entries.reserve(m_rows.size());
    for (int row = 0; row < size(); ++row) {
        MachineRecord &r = m_rows[size_t(row)];
        r.searchRef = search.append({m_search.at(r.searchRef), r.searchLen + 1});
        r.detailsRef = details.append({m_details.at(r.detailsRef), r.detailsLen});
        entries.push_back((quint64(r.searchRef) << 32) | quint32(row));
    }
    m_search = std::move(search);
    m_details = std::move(details);
    m_searchEntries = std::move(entries);
    m_wastedBytes = 0;
}

void MachineStore::clear()
{
    m_wastedBytes = 0;
    m_liveBytes = 0;
    m_rows.clear();
    m_search.clear();
    m_searchEntries.clear();
    m_details.clear();
    m_strings.clear();
    m_groups.clear();
    m_tags.clear();
    m_tagSets.clear();
    m_tagSets.push_back({});
    m_tagSetIndex.clear();
    m_tagSetIndex.insert({}, 0);
    m_rowByIdHash.clear();
    m_rowByIdOverflow.clear();
}

QList<QString> MachineStore::details(int row) const
{
    const MachineRecord &r = row_(row);
    const char *p = m_details.at(r.detailsRef);
    const char *end = p + r.detailsLen;
    QList<QString> out;
    while (p < end) {
        qsizetype length = quint8(*p++);
        if (length & 0x80)
            length = ((length & 0x7F) << 8) | quint8(*p++);
        out.append(QString::fromUtf8(p, length));
        p += length;
    }
    return out;
}

QString MachineStore::id(int row) const
{
    if (row_(row).flags & IdDiffersFlag)
        return details(row).value(0);
    return QString::fromUtf8(foldedId(row));
}

QString MachineStore::name(int row) const
{
    if (row_(row).flags & NameDiffersFlag)
        return details(row).value(1);
    return QString::fromUtf8(foldedName(row));
}

QByteArrayView MachineStore::lastIpBytes(int row) const
{
    const MachineRecord &r = row_(row);
    const char *p = m_details.at(r.detailsRef);
    const char *end = p + r.detailsLen;
    for (int field = 0; p < end; ++field) {
        qsizetype length = quint8(*p++);
        if (length & 0x80)
            length = ((length & 0x7F) << 8) | quint8(*p++);
        if (field == 2)
            return {p, length};
        p += length;
    }
    return {};
}

QString MachineStore::lastIp(int row) const
{
    return QString::fromUtf8(lastIpBytes(row));
}

void MachineStore::scanSearchText(QByteArrayView needle, std::vector<quint8> &hits) const
{
    if (needle.isEmpty())
        return;
    const size_t entries = m_searchEntries.size();
    size_t e = 0;
    for (int c = 0; c < m_search.chunkCount(); ++c) {
        const QByteArrayView chunk = m_search.chunk(c);
        const quint64 base = quint64(c) << ByteArena::ChunkBits;
        const char *const begin = chunk.data();
        const char *const end = begin + chunk.size();
        const char *p = begin;
        while (p < end) {
            const char *hit = findBytes(p, end, needle);
            if (!hit)
                break;
            const quint64 at = base + quint64(hit - begin);
            while (e + 1 < entries && (m_searchEntries[e + 1] >> 32) <= at)
                ++e;
            const quint32 row = quint32(m_searchEntries[e]);
            if (row != NoRow)
                hits[row] = 1;
            // Go on after this row's text: its next entry, or the end of the chunk.
            if (e + 1 < entries && (m_searchEntries[e + 1] >> 32) < base + quint64(chunk.size()))
                p = begin + ((m_searchEntries[e + 1] >> 32) - base);
            else
                break;
        }
    }
}

QStringList MachineStore::tags(int row) const
{
    QStringList out;
    for (quint32 tag : m_tagSets[row_(row).tagSet])
        out.append(m_tags.at(tag));
    return out;
}

QString MachineStore::tagSetText(quint32 tagSet) const
{
    QString out;
    for (quint32 tag : m_tagSets[tagSet]) {
        if (!out.isEmpty())
            out.append(u", ");
        out.append(m_tags.at(tag));
    }
    return out;
}

Machine MachineStore::machine(int row) const
{
    const MachineRecord &r = row_(row);
    const QList<QString> d = details(row);
    Machine m;
    m.id = (r.flags & IdDiffersFlag) ? d.value(0) : QString::fromUtf8(foldedId(row));
    m.computerDnsName
        = (r.flags & NameDiffersFlag) ? d.value(1) : QString::fromUtf8(foldedName(row));
    m.lastIpAddress = d.value(2);
    m.lastExternalIpAddress = d.value(3);
    m.aadDeviceId = d.value(4);
    m.mergedIntoMachineId = d.value(5);
    m.exclusionReason = d.value(6);
    for (qsizetype i = 7; i + 3 < d.size(); i += 4)
        m.ipAddresses.append({d.at(i), d.at(i + 1), d.at(i + 2), d.at(i + 3)});
    m.firstSeen = dateTime(r.firstSeenMs);
    m.lastSeen = dateTime(r.lastSeenMs);
    if (r.osBuild != MachineRecord::NoValue)
        m.osBuild = r.osBuild;
    m.osPlatform = m_strings.at(r.platform);
    m.osProcessor = m_strings.at(r.osProcessor);
    m.version = m_strings.at(r.version);
    m.osVersion = m_strings.at(r.osVersion);
    m.agentVersion = m_strings.at(r.agentVersion);
    m.healthStatus = m_strings.at(r.health);
    m.riskScore = m_strings.at(r.risk);
    m.exposureLevel = m_strings.at(r.exposure);
    m.deviceValue = m_strings.at(r.deviceValue);
    m.rbacGroupId = m_strings.at(r.groupId);
    m.rbacGroupName = m_groups.at(r.group);
    m.machineTags = tags(row);
    m.osArchitecture = m_strings.at(r.osArchitecture);
    m.onboardingStatus = m_strings.at(r.onboarding);
    m.defenderAvStatus = m_strings.at(r.defenderAv);
    m.managedBy = m_strings.at(r.managedBy);
    m.managedByStatus = m_strings.at(r.managedByStatus);
    m.isPotentialDuplication = r.flags & PotentialDuplicationFlag;
    m.isExcluded = r.flags & ExcludedFlag;
    m.isAadJoined = r.flags & AadJoinedFlag;
    return m;
}

EligibilityFacts MachineStore::facts(int row) const
{
    const MachineRecord &r = row_(row);
    EligibilityFacts facts;
    facts.osPlatform = m_strings.at(r.platform);
    facts.version = m_strings.at(r.version);
    facts.osVersion = m_strings.at(r.osVersion);
    if (r.osBuild != MachineRecord::NoValue)
        facts.osBuild = r.osBuild;
    facts.healthStatus = m_strings.at(r.health);
    facts.onboardingStatus = m_strings.at(r.onboarding);
    return facts;
}

void MachineStore::evaluate(int row, const EligibilityContext &context)
{
    EligibilityContext rowContext = context;
    rowContext.hasPendingOffboard = row_(row).flags & PendingOffboardFlag;
    m_rows[size_t(row)].verdict = quint8(eligibilityVerdict(facts(row), rowContext));
}
