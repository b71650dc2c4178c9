// SPDX-License-Identifier: MIT
// The compact device form: folding, ranks, and the batch builder.
#include "machinebatch.h"
#include "machineparse_p.h"

#include <array>
#include <cstring>
#include <limits>

namespace {

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

bool isLoopback(QByteArrayView ip)
{
    return ip.startsWith("127.") || ip == QByteArrayView("::1");
}

// Appends the case-folded UTF-8 of `text`, cut at `limit` bytes (absurd input only). Plain
// ASCII (ids, most names and addresses) is lowered in place, without a conversion; anything else
// goes through the full Unicode case folding.
void appendFolded(
    QByteArray &out, QByteArrayView text, qsizetype limit = std::numeric_limits<qsizetype>::max())
{
    const qsizetype start = out.size();
    const qsizetype n = std::min(text.size(), limit);
    out.resize(start + n);
    char *to = out.data() + start;
    for (qsizetype i = 0; i < n; ++i) {
        const char c = text[i];
        if (quint8(c) >= 0x80) {
            out.truncate(start);
            out.append(QString::fromUtf8(text).toCaseFolded().toUtf8().left(limit));
            return;
        }
        to[i] = char(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
    }
}

} // namespace

QByteArray MachineBatch::fold(QStringView text)
{
    QByteArray out;
    appendFolded(out, text.toUtf8());
    return out;
}

quint8 MachineBatch::healthRank(QStringView text)
{
    return rankIn(text,
        {u"Active", u"ImpairedCommunication", u"NoSensorData", u"NoSensorDataImpairedCommunication",
            u"Inactive", u"Unknown"});
}

quint8 MachineBatch::riskRank(QStringView text)
{
    return rankIn(text, {u"None", u"Informational", u"Low", u"Medium", u"High"});
}

quint8 MachineBatch::exposureRank(QStringView text)
{
    return rankIn(text, {u"None", u"Low", u"Medium", u"High"});
}

quint8 MachineBatch::valueRank(QStringView text)
{
    return rankIn(text, {u"Low", u"Normal", u"High"});
}

struct MachineBatchBuilder::Pool
{
    QHash<QByteArray, quint32> index;
};

MachineBatchBuilder::MachineBatchBuilder()
    : m_strings(std::make_unique<Pool>())
    , m_groups(std::make_unique<Pool>())
    , m_tags(std::make_unique<Pool>())
{
    m_tagSetIndex.insert({}, 0);
}

MachineBatchBuilder::~MachineBatchBuilder() = default;

quint32 MachineBatchBuilder::internIn(Pool &pool, QList<QString> &strings, QByteArrayView utf8)
{
    if (utf8.isEmpty())
        return 0;
    const auto it = pool.index.constFind(QByteArray::fromRawData(utf8.data(), utf8.size()));
    if (it != pool.index.constEnd())
        return it.value();
    const quint32 index = quint32(strings.size());
    QString text = QString::fromUtf8(utf8);
    if (text.size() > MachineBatch::MaxPoolChars)
        text.truncate(MachineBatch::MaxPoolChars); // absurd input only
    strings.append(text);
    pool.index.insert(utf8.toByteArray(), index);
    return index;
}

quint32 MachineBatchBuilder::intern(QByteArrayView utf8)
{
    return internIn(*m_strings, m_batch.strings, utf8);
}

quint32 MachineBatchBuilder::internGroup(QByteArrayView utf8)
{
    return internIn(*m_groups, m_batch.groups, utf8);
}

quint32 MachineBatchBuilder::internTag(QByteArrayView utf8)
{
    return internIn(*m_tags, m_batch.tags, utf8);
}

quint32 MachineBatchBuilder::appendIn(QList<QString> &strings, QByteArrayView utf8)
{
    if (utf8.isEmpty())
        return 0;
    strings.append(
        QString::fromUtf8(utf8.first(std::min(utf8.size(), MachineBatch::MaxPoolChars))));
    return quint32(strings.size() - 1);
}

quint32 MachineBatchBuilder::append(QByteArrayView utf8)
{
    return appendIn(m_batch.strings, utf8);
}

quint32 MachineBatchBuilder::appendGroup(QByteArrayView utf8)
{
    return appendIn(m_batch.groups, utf8);
}

quint32 MachineBatchBuilder::appendTag(QByteArrayView utf8)
{
    return appendIn(m_batch.tags, utf8);
}

quint32 internTagSet(std::vector<QList<quint32>> &sets, QHash<QList<quint32>, quint32> &index,
    const QList<quint32> &tags)
{
    if (tags.isEmpty())
        return 0;
    const auto it = index.constFind(tags);
    if (it != index.constEnd())
        return it.value();
    const quint32 number = quint32(sets.size());
    sets.push_back(tags);
    index.insert(tags, number);
    return number;
}

quint32 MachineBatchBuilder::internTagSet(const QList<quint32> &tags)
{
    return ::internTagSet(m_batch.tagSets, m_tagSetIndex, tags);
}

void MachineBatchBuilder::setRanks(MachineRecord &r)
{
    // Worked out once per pool entry, and only for the fields that have ranks.
    const auto rank = [this](quint32 index, int which) {
        if (index >= m_ranks.size())
            m_ranks.resize(size_t(m_batch.strings.size()), {NoRank, NoRank, NoRank, NoRank});
        quint8 &known = m_ranks[index][size_t(which)];
        if (known == NoRank) {
            const QString &text = m_batch.strings.at(index);
            known = which == 0 ? MachineBatch::healthRank(text)
                : which == 1   ? MachineBatch::riskRank(text)
                : which == 2   ? MachineBatch::exposureRank(text)
                               : MachineBatch::valueRank(text);
        }
        return known;
    };
    r.healthRank = rank(r.health, 0);
    r.riskRank = rank(r.risk, 1);
    r.exposureRank = rank(r.exposure, 2);
    r.valueRank = rank(r.deviceValue, 3);
}

bool MachineBatchBuilder::add(MachineRecord r, const Texts &t, bool cut)
{
    constexpr qsizetype MaxField = MachineBatch::MaxFieldBytes;
    constexpr qsizetype MaxEntry = MachineBatch::MaxEntryBytes;
    if (!cut) {
        qsizetype total = 0;
        for (QByteArrayView v : {t.id, t.name, t.lastIp, t.lastExternalIp, t.aadDeviceId,
                 t.mergedInto, t.exclusionReason}) {
            if (v.size() > MaxField)
                return false;
            total += v.size() + 2;
        }
        for (QByteArrayView v : t.addresses) {
            if (v.size() > MaxField)
                return false;
            total += v.size() + 2;
        }
        if (total * 2 > MaxEntry) // the folded texts may be longer than the originals
            return false;
    }

    // Search text: id, name, then the distinct non-loopback addresses (last one first).
    QByteArray &search = m_batch.search;
    const qsizetype start = search.size();
    r.searchRef = quint32(start);
    appendFolded(search, t.id, MaxField);
    r.idLen = quint16(search.size() - start);
    const QByteArrayView foldedId(search.constData() + start, r.idLen);
    if (foldedId != t.id)
        r.flags |= IdDiffersFlag;
    search.append('\n');
    appendFolded(search, t.name, MaxField);
    r.nameLen = quint16(search.size() - start - r.idLen - 1);
    if (QByteArrayView(search.constData() + start + r.idLen + 1, r.nameLen) != t.name)
        r.flags |= NameDiffersFlag;
    const auto addIp = [&](QByteArrayView ip, qsizetype index) {
        if (ip.isEmpty() || isLoopback(ip) || (index >= 0 && ip == t.lastIp))
            return;
        for (qsizetype i = 0; i < index; i += 4) {
            if (t.addresses[i] == ip)
                return; // seen before
        }
        const qsizetype before = search.size();
        search.append('\n');
        appendFolded(search, ip, MaxField);
        if (search.size() - start + 1 > MaxEntry) // with the final '\n'
            search.truncate(before);
    };
    addIp(t.lastIp, -1);
    for (qsizetype i = 0; i + 3 < t.addresses.size(); i += 4)
        addIp(t.addresses[i], i);
    r.searchLen = quint16(search.size() - start);
    search.append('\n'); // no term contains one: a match never spans two rows

    QByteArray &details = m_batch.details;
    r.detailsRef = quint32(details.size());
    const auto used = [&] { return details.size() - qsizetype(r.detailsRef); };
    const auto field = [&](QByteArrayView v) {
        v = v.first(std::min(v.size(), MaxField));
        if (used() + 2 + v.size() > MaxEntry)
            v = {}; // an absurd record keeps its field positions
        const qsizetype at = details.size();
        const qsizetype prefix = v.size() < 0x80 ? 1 : 2;
        details.resize(at + prefix + v.size());
        char *to = details.data() + at;
        if (prefix == 1) {
            to[0] = char(v.size());
        } else {
            to[0] = char(0x80 | ((v.size() >> 8) & 0x7F));
            to[1] = char(v.size() & 0xFF);
        }
        if (!v.isEmpty())
            std::memcpy(to + prefix, v.data(), size_t(v.size()));
    };
    field(
        (r.flags & IdDiffersFlag) ? t.id.first(std::min(t.id.size(), MaxField)) : QByteArrayView());
    field((r.flags & NameDiffersFlag) ? t.name : QByteArrayView());
    field(t.lastIp);
    field(t.lastExternalIp);
    field(t.aadDeviceId);
    field(t.mergedInto);
    field(t.exclusionReason);
    for (qsizetype i = 0; i + 3 < t.addresses.size(); i += 4) {
        qsizetype size = 0;
        for (qsizetype j = i; j < i + 4; ++j)
            size += 2 + std::min(t.addresses[j].size(), MaxField);
        if (used() + size > MaxEntry)
            break; // an absurd address list is cut rather than overflowing the record
        for (qsizetype j = i; j < i + 4; ++j)
            field(t.addresses[j]);
    }
    r.detailsLen = quint16(used());

    setRanks(r);
    m_batch.rows.push_back(r);
    m_batch.idHashes.push_back(qHash(QByteArrayView(search.constData() + start, r.idLen), 0));
    return true;
}

void MachineBatchBuilder::reserve(qsizetype rows)
{
    // About what the service's devices take; the buffers grow past it when needed.
    m_batch.rows.reserve(size_t(rows));
    m_batch.idHashes.reserve(size_t(rows));
    m_batch.search.reserve(rows * 96);
    m_batch.details.reserve(rows * 48);
}

void MachineBatchBuilder::add(const Machine &m)
{
    const auto cappedUtf8 = [](const QString &text) {
        return (
            text.size() > MachineBatch::MaxPoolChars ? text.left(MachineBatch::MaxPoolChars) : text)
            .toUtf8();
    };
    const auto msecs = [](const QDateTime &time) {
        return time.isValid() ? time.toMSecsSinceEpoch() : MachineRecord::NoValue;
    };
    MachineRecord r;
    r.lastSeenMs = msecs(m.lastSeen);
    r.firstSeenMs = msecs(m.firstSeen);
    r.osBuild = m.osBuild ? *m.osBuild : MachineRecord::NoValue;
    r.platform = intern(m.osPlatform.toUtf8());
    r.osProcessor = intern(m.osProcessor.toUtf8());
    r.version = intern(m.version.toUtf8());
    r.osVersion = intern(m.osVersion.toUtf8());
    r.agentVersion = intern(m.agentVersion.toUtf8());
    r.health = intern(m.healthStatus.toUtf8());
    r.risk = intern(m.riskScore.toUtf8());
    r.exposure = intern(m.exposureLevel.toUtf8());
    r.deviceValue = intern(m.deviceValue.toUtf8());
    r.groupId = intern(m.rbacGroupId.toUtf8());
    r.group = internGroup(m.rbacGroupName.toUtf8());
    QList<quint32> tags;
    tags.reserve(m.machineTags.size());
    for (const QString &tag : m.machineTags)
        tags.append(internTag(tag.toUtf8()));
    r.tagSet = internTagSet(tags);
    r.osArchitecture = intern(m.osArchitecture.toUtf8());
    r.onboarding = intern(m.onboardingStatus.toUtf8());
    r.defenderAv = intern(m.defenderAvStatus.toUtf8());
    r.managedBy = intern(m.managedBy.toUtf8());
    r.managedByStatus = intern(m.managedByStatus.toUtf8());
    if (m.isPotentialDuplication)
        r.flags |= PotentialDuplicationFlag;
    if (m.isExcluded)
        r.flags |= ExcludedFlag;
    if (m.isAadJoined)
        r.flags |= AadJoinedFlag;

    // The views below point into these arrays, which live until add() returns.
    QList<QByteArray> owned {cappedUtf8(m.id), cappedUtf8(m.computerDnsName),
        m.lastIpAddress.toUtf8(), m.lastExternalIpAddress.toUtf8(), m.aadDeviceId.toUtf8(),
        m.mergedIntoMachineId.toUtf8(), m.exclusionReason.toUtf8()};
    owned.reserve(owned.size() + 4 * m.ipAddresses.size());
    for (const IpAddress &address : m.ipAddresses) {
        owned << address.ipAddress.toUtf8() << address.macAddress.toUtf8() << address.type.toUtf8()
              << address.operationalStatus.toUtf8();
    }
    Texts t {owned[0], owned[1], owned[2], owned[3], owned[4], owned[5], owned[6], {}};
    for (qsizetype i = 7; i < owned.size(); ++i)
        t.addresses.append(owned[i]);
    add(r, t, true);
}

MachineBatch MachineBatchBuilder::take()
{
    MachineBatch batch = std::move(m_batch);
    m_batch = MachineBatch();
    batch.stringHashes.reserve(size_t(batch.strings.size()));
    for (const QString &text : std::as_const(batch.strings))
        batch.stringHashes.push_back(MachineBatch::poolHash(text));
    m_strings->index.clear();
    m_groups->index.clear();
    m_tags->index.clear();
    m_tagSetIndex.clear();
    m_tagSetIndex.insert({}, 0);
    m_ranks.clear();
    return batch;
}
