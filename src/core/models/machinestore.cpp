// SPDX-License-Identifier: MIT
#include "machinestore_p.h"

#include <QDateTime>

#include <algorithm>
#include <cstring>

using namespace Qt::StringLiterals;

namespace {

constexpr qsizetype MaxFieldBytes = 0x3FFF; // one string in the details or the search text
constexpr qsizetype MaxStringChars = StringPool::MaxChars;

QString capped(const QString &text)
{
    return text.size() > MaxStringChars ? text.left(MaxStringChars) : text;
}

void appendLength(QByteArray &out, qsizetype length)
{
    if (length < 0x80) {
        out.append(char(length));
    } else {
        out.append(char(0x80 | ((length >> 8) & 0x7F)));
        out.append(char(length & 0xFF));
    }
}

// Appends one length-prefixed string; false (nothing appended) when the blob would overflow.
bool appendField(QByteArray &out, const QString &text)
{
    QByteArray utf8 = capped(text).toUtf8();
    if (utf8.size() > MaxFieldBytes)
        utf8.truncate(MaxFieldBytes); // only for absurd input; may cut a character
    if (out.size() + 2 + utf8.size() > ByteArena::MaxEntry)
        return false;
    appendLength(out, utf8.size());
    out.append(utf8);
    return true;
}

// Whether `text` is exactly `utf8` (without converting it when it is plain ASCII).
bool sameText(const QByteArray &utf8, const QString &text)
{
    if (utf8.size() == text.size()) {
        bool ascii = true;
        for (qsizetype i = 0; i < text.size() && ascii; ++i) {
            const char16_t c = text[i].unicode();
            if (c >= 0x80)
                ascii = false;
            else if (char(c) != utf8[i])
                return false;
        }
        if (ascii)
            return true;
    }
    return utf8 == text.toUtf8();
}

qint64 msecs(const QDateTime &time)
{
    return time.isValid() ? time.toMSecsSinceEpoch() : MachineRecord::NoValue;
}

QDateTime dateTime(qint64 ms)
{
    return ms == MachineRecord::NoValue ? QDateTime() : QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

bool isLoopback(const QString &ip)
{
    return ip.startsWith(u"127.") || ip == u"::1";
}

quint8 rankIn(QStringView text, std::initializer_list<QStringView> values)
{
    quint8 rank = 1;
    for (QStringView value : values) {
        if (text.compare(value, Qt::CaseInsensitive) == 0)
            return rank;
        ++rank;
    }
    return 0;
}

} // namespace

QByteArray MachineStore::fold(QStringView text)
{
    // Plain ASCII (ids, most names and addresses) folds to its lowercase bytes: one allocation
    // instead of three. Anything else goes through the full Unicode case folding.
    QByteArray out(text.size(), Qt::Uninitialized);
    char *bytes = out.data();
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text[i].unicode();
        if (c >= 0x80)
            return text.toString().toCaseFolded().toUtf8();
        bytes[i] = char(c >= u'A' && c <= u'Z' ? c + (u'a' - u'A') : c);
    }
    return out;
}

quint8 MachineStore::healthRank(QStringView text)
{
    return rankIn(text,
        {u"Active", u"ImpairedCommunication", u"NoSensorData", u"NoSensorDataImpairedCommunication",
            u"Inactive", u"Unknown"});
}

quint8 MachineStore::riskRank(QStringView text)
{
    return rankIn(text, {u"None", u"Informational", u"Low", u"Medium", u"High"});
}

quint8 MachineStore::exposureRank(QStringView text)
{
    return rankIn(text, {u"None", u"Low", u"Medium", u"High"});
}

quint8 MachineStore::valueRank(QStringView text)
{
    return rankIn(text, {u"Low", u"Normal", u"High"});
}

int MachineStore::find(QStringView machineId) const
{
    const QByteArray folded = fold(machineId);
    const auto it = m_rowByIdHash.constFind(qHash(QByteArrayView(folded), 0));
    if (it == m_rowByIdHash.constEnd())
        return -1;
    if (foldedId(it.value()) == QByteArrayView(folded))
        return it.value();
    return m_rowByIdOverflow.value(folded, -1);
}

int MachineStore::upsert(const Machine &machine, bool *isNew)
{
    QByteArray folded = fold(capped(machine.id));
    const size_t hash = qHash(QByteArrayView(folded), 0);
    int row = -1;
    const auto it = m_rowByIdHash.constFind(hash);
    if (it != m_rowByIdHash.constEnd()) {
        if (foldedId(it.value()) == QByteArrayView(folded))
            row = it.value();
        else
            row = m_rowByIdOverflow.value(folded, -1);
    }
    *isNew = row < 0;
    if (row >= 0) {
        const quint8 keep = m_rows[size_t(row)].flags & PendingOffboardFlag;
        encode(machine, row, true);
        m_rows[size_t(row)].flags |= keep;
        if (m_wastedBytes > m_liveBytes && m_wastedBytes > ByteArena::ChunkSize)
            compact();
        return row;
    }
    row = size();
    m_rows.emplace_back();
    encode(machine, row, false);
    if (it == m_rowByIdHash.constEnd())
        m_rowByIdHash.insert(hash, row);
    else
        m_rowByIdOverflow.insert(folded, row);
    return row;
}

void MachineStore::encode(const Machine &m, int row, bool replacing)
{
    MachineRecord &r = m_rows[size_t(row)];
    const QString id = capped(m.id);
    const QString name = capped(m.computerDnsName);
    const QByteArray foldedId = fold(id);
    const QByteArray foldedName = fold(name);

    r.flags = 0;
    if (!sameText(foldedId, id))
        r.flags |= IdDiffersFlag;
    if (!sameText(foldedName, name))
        r.flags |= NameDiffersFlag;
    if (m.isPotentialDuplication)
        r.flags |= PotentialDuplicationFlag;
    if (m.isExcluded)
        r.flags |= ExcludedFlag;
    if (m.isAadJoined)
        r.flags |= AadJoinedFlag;

    // Search text: id, name, then the distinct non-loopback addresses (last one first).
    QByteArray search;
    search.reserve(foldedId.size() + foldedName.size() + 64);
    search.append(foldedId.left(MaxFieldBytes));
    r.idLen = quint16(search.size());
    search.append('\n');
    search.append(foldedName.left(MaxFieldBytes));
    r.nameLen = quint16(search.size() - r.idLen - 1);
    QStringList seen;
    auto addIp = [&](const QString &ip) {
        if (ip.isEmpty() || isLoopback(ip) || seen.contains(ip))
            return;
        const QByteArray bytes = fold(ip);
        if (search.size() + 2 + bytes.size() > ByteArena::MaxEntry) // with the final '\n'
            return;
        seen.append(ip);
        search.append('\n');
        search.append(bytes);
    };
    addIp(m.lastIpAddress);
    for (const IpAddress &address : m.ipAddresses)
        addIp(address.ipAddress);
    const qsizetype searchLen = search.size();
    search.append('\n'); // no term contains one: a match never spans two rows
    if (replacing) {
        const qsizetype oldBytes = qsizetype(r.searchLen) + 1 + r.detailsLen;
        m_wastedBytes += oldBytes;
        m_liveBytes -= oldBytes;
        // The old text stays in the arena but no longer belongs to the row.
        const quint64 old = quint64(r.searchRef) << 32;
        const auto it = std::lower_bound(m_searchEntries.begin(), m_searchEntries.end(), old);
        if (it != m_searchEntries.end() && (*it >> 32) == r.searchRef)
            *it = old | NoRow;
    }
    r.searchRef = m_search.append(search);
    r.searchLen = quint16(searchLen);
    m_searchEntries.push_back((quint64(r.searchRef) << 32) | quint32(row));

    QByteArray details;
    appendField(details, (r.flags & IdDiffersFlag) ? id : QString());
    appendField(details, (r.flags & NameDiffersFlag) ? name : QString());
    appendField(details, m.lastIpAddress);
    appendField(details, m.lastExternalIpAddress);
    appendField(details, m.aadDeviceId);
    appendField(details, m.mergedIntoMachineId);
    appendField(details, m.exclusionReason);
    for (const IpAddress &address : m.ipAddresses) {
        QByteArray entry;
        if (!appendField(entry, address.ipAddress) || !appendField(entry, address.macAddress)
            || !appendField(entry, address.type) || !appendField(entry, address.operationalStatus)
            || details.size() + entry.size() > ByteArena::MaxEntry)
            break; // an absurd address list is cut rather than overflowing the record
        details.append(entry);
    }
    r.detailsRef = m_details.append(details);
    r.detailsLen = quint16(details.size());
    m_liveBytes += search.size() + details.size();

    r.lastSeenMs = msecs(m.lastSeen);
    r.firstSeenMs = msecs(m.firstSeen);
    r.osBuild = m.osBuild ? *m.osBuild : MachineRecord::NoValue;
    r.platform = m_strings.intern(m.osPlatform);
    r.osProcessor = m_strings.intern(m.osProcessor);
    r.version = m_strings.intern(m.version);
    r.osVersion = m_strings.intern(m.osVersion);
    r.agentVersion = m_strings.intern(m.agentVersion);
    r.health = m_strings.intern(m.healthStatus);
    r.risk = m_strings.intern(m.riskScore);
    r.exposure = m_strings.intern(m.exposureLevel);
    r.deviceValue = m_strings.intern(m.deviceValue);
    r.groupId = m_strings.intern(m.rbacGroupId);
    r.group = m_groups.intern(m.rbacGroupName);
    r.tagSet = internTagSet(m.machineTags);
    r.osArchitecture = m_strings.intern(m.osArchitecture);
    r.onboarding = m_strings.intern(m.onboardingStatus);
    r.defenderAv = m_strings.intern(m.defenderAvStatus);
    r.managedBy = m_strings.intern(m.managedBy);
    r.managedByStatus = m_strings.intern(m.managedByStatus);
    r.healthRank = healthRank(m.healthStatus);
    r.riskRank = riskRank(m.riskScore);
    r.exposureRank = exposureRank(m.exposureLevel);
    r.valueRank = valueRank(m.deviceValue);
}

quint32 MachineStore::internTagSet(const QStringList &tags)
{
    if (tags.isEmpty())
        return 0;
    QList<quint32> set;
    set.reserve(tags.size());
    for (const QString &tag : tags)
        set.append(m_tags.intern(tag));
    const auto it = m_tagSetIndex.constFind(set);
    if (it != m_tagSetIndex.constEnd())
        return it.value();
    const quint32 index = quint32(m_tagSets.size());
    m_tagSets.push_back(set);
    m_tagSetIndex.insert(set, index);
    return index;
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
