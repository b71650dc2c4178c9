// SPDX-License-Identifier: MIT
// The simdjson page parser. It mirrors parseMachine()/readPage() for well-formed input and
// declines (std::nullopt) everything else, so the reference parser keeps the last word on
// errors and odd input.
#include "machineparse_p.h"

#include <simdjson.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <string_view>
#include <unordered_map>

namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

// Deeper documents are left to the reference parser, whose own nesting limit then applies.
constexpr size_t MaxDepth = 64;
// Low-cardinality texts (platforms, versions, statuses, groups, tags) share one QString per
// page; past this many distinct texts new ones are no longer remembered.
constexpr size_t MaxInterned = 4096;

enum Field : quint8 {
    IdField,
    MergedIntoField,
    PotentialDuplicationField,
    ExcludedField,
    ExclusionReasonField,
    DnsNameField,
    FirstSeenField,
    LastSeenField,
    PlatformField,
    OsVersionField,
    ProcessorField,
    VersionField,
    LastIpField,
    LastExternalIpField,
    AgentVersionField,
    OsBuildField,
    HealthField,
    DeviceValueField,
    GroupIdField,
    GroupNameField,
    RiskField,
    ExposureField,
    AadJoinedField,
    AadDeviceIdField,
    TagsField,
    DefenderAvField,
    OnboardingField,
    ArchitectureField,
    ManagedByField,
    ManagedByStatusField,
    IpAddressesField,
    FieldCount
};

// In the order the service sends them, so that the next key is usually the expected one.
constexpr std::array<std::string_view, FieldCount> FieldNames
    = {"id", "mergedIntoMachineId", "isPotentialDuplication", "isExcluded", "exclusionReason",
        "computerDnsName", "firstSeen", "lastSeen", "osPlatform", "osVersion", "osProcessor",
        "version", "lastIpAddress", "lastExternalIpAddress", "agentVersion", "osBuild",
        "healthStatus", "deviceValue", "rbacGroupId", "rbacGroupName", "riskScore", "exposureLevel",
        "isAadJoined", "aadDeviceId", "machineTags", "defenderAvStatus", "onboardingStatus",
        "osArchitecture", "managedBy", "managedByStatus", "ipAddresses"};

constexpr int NoField = -1;

// Whether two short texts are equal: eight bytes at a time, inline (a call to memcmp per field
// name and per repeated value cost more than the comparison).
inline bool sameText(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    const char *p = a.data();
    const char *q = b.data();
    size_t n = a.size();
    for (; n >= 8; n -= 8, p += 8, q += 8) {
        quint64 x, y;
        std::memcpy(&x, p, 8);
        std::memcpy(&y, q, 8);
        if (x != y)
            return false;
    }
    for (; n > 0; --n)
        if (*p++ != *q++)
            return false;
    return true;
}

QString toQString(std::string_view text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

// Fields whose texts repeat across devices and are interned rather than copied.
constexpr bool isPooled(Field f)
{
    switch (f) {
    case IdField:
    case MergedIntoField:
    case DnsNameField:
    case LastIpField:
    case LastExternalIpField:
    case AadDeviceIdField:
        return false;
    default:
        return true;
    }
}

// Walks a page and checks every type; what it reads goes to a Sink, which builds either Machine
// values (MachineSink) or the compact form (BatchSink). A Sink has:
//   beginMachine(); bool endMachine(); bool text(Field, std::string_view) (a view into the page);
//   bool number(Field, qint64, std::string_view) (its digits, in a buffer of the moment);
//   void flag(Field, bool); bool timestamp(Field, std::string_view); void osBuild(qint64);
//   bool tag(std::string_view); bool address(const std::array<std::string_view, 4> &).
template<typename Sink> class PageReader final
{
public:
    explicit PageReader(Sink &sink, const MachineBatchPeek &peek = {})
        : m_sink(sink)
        , m_peek(peek)
    { }
    bool read(element root, QString *nextLink);

private:
    bool readMachine(element object);
    bool readField(Field field, element v);
    bool readAddress(element object);
    int field(std::string_view key);
    static bool string(element v, std::string_view *out); // null -> empty
    // A null or an array whose non-null entries all pass `read`.
    template<typename Read> static bool eachEntry(element v, Read read)
    {
        if (v.is_null())
            return true;
        simdjson::dom::array array;
        if (v.get_array().get(array))
            return false;
        for (element entry : array) {
            if (!entry.is_null() && !read(entry))
                return false;
        }
        return true;
    }
    static bool boolean(element v, bool *out);
    static bool integer(element v, qint64 *out);

    Sink &m_sink;
    const MachineBatchPeek m_peek;
    int m_expected = 0;
};

template<typename Sink> int PageReader<Sink>::field(std::string_view key)
{
    if (m_expected < FieldCount && sameText(FieldNames[size_t(m_expected)], key))
        return m_expected++;
    for (int i = 0; i < FieldCount; ++i) {
        if (sameText(FieldNames[size_t(i)], key)) {
            m_expected = i + 1;
            return i;
        }
    }
    return NoField;
}

template<typename Sink> bool PageReader<Sink>::string(element v, std::string_view *out)
{
    if (v.is_null()) {
        *out = {};
        return true;
    }
    return !v.get_string().get(*out);
}

template<typename Sink> bool PageReader<Sink>::boolean(element v, bool *out)
{
    if (v.is_null())
        return true;
    return !v.get_bool().get(*out);
}

template<typename Sink> bool PageReader<Sink>::integer(element v, qint64 *out)
{
    // Only numbers simdjson reads as int64 are taken; the reference parser reserves the
    // smallest int64 as its "not an integer" mark, and decides on doubles itself.
    if (v.type() != element_type::INT64)
        return false;
    int64_t n = 0;
    if (v.get_int64().get(n) || n == std::numeric_limits<int64_t>::min())
        return false;
    *out = n;
    return true;
}

template<typename Sink> bool PageReader<Sink>::readAddress(element object)
{
    simdjson::dom::object fields;
    if (object.get_object().get(fields))
        return false;
    static constexpr std::array<std::string_view, 4> Keys
        = {"ipAddress", "macAddress", "type", "operationalStatus"};
    std::array<std::string_view, 4> values;
    unsigned seen = 0;
    for (const simdjson::dom::key_value_pair &kv : fields) {
        const auto key = std::find(Keys.begin(), Keys.end(), kv.key);
        if (key == Keys.end())
            continue;
        const auto index = unsigned(key - Keys.begin());
        if (seen & (1u << index))
            return false; // a duplicate key: the reference parser's rule applies
        seen |= 1u << index;
        if (!string(kv.value, &values[index]))
            return false;
    }
    return m_sink.address(values);
}

template<typename Sink> bool PageReader<Sink>::readField(Field field, element v)
{
    switch (field) {
    case PotentialDuplicationField:
    case ExcludedField:
    case AadJoinedField: {
        bool b = false;
        if (!boolean(v, &b))
            return false;
        m_sink.flag(field, b);
        return true;
    }
    case FirstSeenField:
    case LastSeenField: {
        std::string_view text;
        if (!string(v, &text))
            return false;
        return text.empty() || m_sink.timestamp(field, text);
    }
    case OsBuildField: {
        qint64 n = 0;
        if (v.is_null())
            return true;
        if (!integer(v, &n))
            return false;
        m_sink.osBuild(n);
        return true;
    }
    case GroupIdField:
        if (!v.is_string() && !v.is_null()) {
            // Documented as a string, sent as a number: kept as its decimal text.
            qint64 n = 0;
            if (!integer(v, &n))
                return false;
            char digits[24];
            const auto end = std::to_chars(std::begin(digits), std::end(digits), n).ptr;
            return m_sink.number(field, n, std::string_view(digits, size_t(end - digits)));
        }
        break;
    case TagsField:
        return eachEntry(v, [this](element entry) {
            std::string_view text;
            return !entry.get_string().get(text) && m_sink.tag(text);
        });
    case IpAddressesField:
        return eachEntry(v, [this](element entry) { return readAddress(entry); });
    default:
        break;
    }
    if (v.is_null())
        return true;
    std::string_view text;
    if (!string(v, &text))
        return false;
    return m_sink.text(field, text); // an empty text is not a null one for Machine values
}

template<typename Sink> bool PageReader<Sink>::readMachine(element value)
{
    simdjson::dom::object fields;
    if (value.get_object().get(fields))
        return false;
    quint64 seen = 0;
    m_expected = 0;
    m_sink.beginMachine();
    for (const simdjson::dom::key_value_pair &kv : fields) {
        const int index = field(kv.key);
        if (index == NoField)
            continue;
        if (seen & (quint64(1) << index))
            return false;
        seen |= quint64(1) << index;
        if (!readField(Field(index), kv.value))
            return false;
    }
    return m_sink.endMachine();
}

template<typename Sink> bool PageReader<Sink>::read(element root, QString *nextLink)
{
    simdjson::dom::object top;
    if (root.get_object().get(top))
        return false;
    std::optional<element> values;
    std::optional<element> link;
    for (const simdjson::dom::key_value_pair &kv : top) {
        if (kv.key == "value") {
            if (values)
                return false;
            values = kv.value;
        } else if (kv.key == "@odata.nextLink") {
            if (link)
                return false;
            link = kv.value;
        }
    }
    simdjson::dom::array array;
    if (!values || values->get_array().get(array))
        return false;
    std::string_view linkText;
    if (link && !string(*link, &linkText))
        return false;
    if (m_peek)
        m_peek(qsizetype(array.size()), !linkText.empty());
    m_sink.reserve(array.size());
    for (element value : array) {
        if (!readMachine(value))
            return false;
    }
    if (nextLink)
        *nextLink = toQString(linkText);
    return true;
}

// Builds Machine values; low-cardinality texts share one QString per page.
class MachineSink final
{
public:
    void reserve(size_t n) { machines.reserve(qsizetype(n)); }
    void beginMachine() { m = Machine(); }
    bool endMachine()
    {
        machines.append(std::move(m));
        return true;
    }
    bool text(Field field, std::string_view text)
    {
        QString *target = nullptr;
        switch (field) {
        case IdField:
            target = &m.id;
            break;
        case MergedIntoField:
            target = &m.mergedIntoMachineId;
            break;
        case ExclusionReasonField:
            target = &m.exclusionReason;
            break;
        case DnsNameField:
            target = &m.computerDnsName;
            break;
        case PlatformField:
            target = &m.osPlatform;
            break;
        case OsVersionField:
            target = &m.osVersion;
            break;
        case ProcessorField:
            target = &m.osProcessor;
            break;
        case VersionField:
            target = &m.version;
            break;
        case LastIpField:
            target = &m.lastIpAddress;
            break;
        case LastExternalIpField:
            target = &m.lastExternalIpAddress;
            break;
        case AgentVersionField:
            target = &m.agentVersion;
            break;
        case HealthField:
            target = &m.healthStatus;
            break;
        case DeviceValueField:
            target = &m.deviceValue;
            break;
        case GroupIdField:
            target = &m.rbacGroupId;
            break;
        case GroupNameField:
            target = &m.rbacGroupName;
            break;
        case RiskField:
            target = &m.riskScore;
            break;
        case ExposureField:
            target = &m.exposureLevel;
            break;
        case AadDeviceIdField:
            target = &m.aadDeviceId;
            break;
        case DefenderAvField:
            target = &m.defenderAvStatus;
            break;
        case OnboardingField:
            target = &m.onboardingStatus;
            break;
        case ArchitectureField:
            target = &m.osArchitecture;
            break;
        case ManagedByField:
            target = &m.managedBy;
            break;
        case ManagedByStatusField:
            target = &m.managedByStatus;
            break;
        default:
            return false;
        }
        *target = isPooled(field) ? intern(text) : toQString(text);
        return true;
    }
    bool number(Field, qint64, std::string_view digits)
    {
        m.rbacGroupId = toQString(digits);
        return true;
    }
    void flag(Field field, bool value)
    {
        (field == AadJoinedField         ? m.isAadJoined
                : field == ExcludedField ? m.isExcluded
                                         : m.isPotentialDuplication)
            = value;
    }
    bool timestamp(Field field, std::string_view text)
    {
        QDateTime &target = field == FirstSeenField ? m.firstSeen : m.lastSeen;
        target = parseServiceTimestampUtf8(text);
        return target.isValid();
    }
    void osBuild(qint64 n) { m.osBuild = n; }
    bool tag(std::string_view text)
    {
        m.machineTags.append(intern(text));
        return true;
    }
    bool address(const std::array<std::string_view, 4> &v)
    {
        m.ipAddresses.append({toQString(v[0]), toQString(v[1]), intern(v[2]), intern(v[3])});
        return true;
    }

    QList<Machine> machines;

private:
    QString intern(std::string_view text)
    {
        const auto it = m_interned.find(text);
        if (it != m_interned.end())
            return it->second;
        QString result = toQString(text);
        if (m_interned.size() < MaxInterned)
            m_interned.emplace(text, result);
        return result;
    }

    Machine m;
    std::unordered_map<std::string_view, QString> m_interned;
};

// The pool index of every text seen in a page, by its bytes (views into the page, which outlive
// the index): open addressing in one array, no allocation per text.
class ViewIndex final
{
public:
    template<typename Add> quint32 findOrAdd(std::string_view text, Add add)
    {
        if ((m_used + 1) * 2 > m_slots.size())
            grow();
        const quint64 hash = hashOf(text);
        const size_t mask = m_slots.size() - 1;
        for (size_t i = size_t(hash) & mask;; i = (i + 1) & mask) {
            Slot &slot = m_slots[i];
            if (!slot.data) {
                slot = {text.data(), hash, quint32(text.size()), add()};
                ++m_used;
                return slot.index;
            }
            if (slot.hash == hash && sameText({slot.data, slot.size}, text))
                return slot.index;
        }
    }

private:
    struct Slot
    {
        const char *data = nullptr; // null: free (texts here are never empty)
        quint64 hash = 0;
        quint32 size = 0;
        quint32 index = 0;
    };
    static quint64 hashOf(std::string_view text)
    {
        constexpr quint64 K = 0x9E3779B97F4A7C15ull;
        quint64 h = quint64(text.size()) * K;
        const char *p = text.data();
        size_t n = text.size();
        for (; n >= 8; n -= 8, p += 8) {
            quint64 word;
            std::memcpy(&word, p, 8);
            h = (h ^ word) * K;
            h ^= h >> 29;
        }
        quint64 tail = 0;
        std::memcpy(&tail, p, n);
        h = (h ^ tail) * K;
        return h ^ (h >> 32);
    }
    void grow()
    {
        std::vector<Slot> old(std::max<size_t>(256, m_slots.size() * 2));
        old.swap(m_slots);
        const size_t mask = m_slots.size() - 1;
        for (const Slot &slot : old) {
            if (!slot.data)
                continue;
            size_t i = size_t(slot.hash) & mask;
            while (m_slots[i].data)
                i = (i + 1) & mask;
            m_slots[i] = slot;
        }
    }

    std::vector<Slot> m_slots;
    size_t m_used = 0;
};

// Builds the compact form. Texts longer than it holds make it decline the page.
class BatchSink final
{
public:
    void reserve(size_t n) { m_builder.reserve(qsizetype(n)); }
    void beginMachine()
    {
        m_record = MachineRecord();
        m_texts.id = m_texts.name = m_texts.lastIp = m_texts.lastExternalIp = {};
        m_texts.aadDeviceId = m_texts.mergedInto = m_texts.exclusionReason = {};
        m_texts.addresses.clear();
        m_tags.clear();
    }
    bool endMachine()
    {
        m_record.tagSet = m_builder.internTagSet(m_tags);
        return m_builder.add(m_record, m_texts, false);
    }
    bool text(Field field, std::string_view text)
    {
        if (quint32 *target = pooled(field)) {
            if (qsizetype(text.size()) > MachineBatch::MaxPoolChars)
                return false;
            *target = intern(field, field == GroupNameField ? GroupPool : StringPool, text);
            return true;
        }
        QByteArrayView *target = nullptr;
        switch (field) {
        case IdField:
            target = &m_texts.id;
            break;
        case MergedIntoField:
            target = &m_texts.mergedInto;
            break;
        case ExclusionReasonField:
            target = &m_texts.exclusionReason;
            break;
        case DnsNameField:
            target = &m_texts.name;
            break;
        case LastIpField:
            target = &m_texts.lastIp;
            break;
        case LastExternalIpField:
            target = &m_texts.lastExternalIp;
            break;
        case AadDeviceIdField:
            target = &m_texts.aadDeviceId;
            break;
        default:
            return false;
        }
        *target = view(text);
        return true;
    }
    bool number(Field, qint64 n, std::string_view digits)
    {
        // Remembered by value: the digits' buffer does not outlive the call.
        const auto it = m_numbers.find(n);
        if (it != m_numbers.end()) {
            m_record.groupId = it->second;
        } else {
            m_record.groupId = m_builder.append(view(digits));
            m_numbers.emplace(n, m_record.groupId);
        }
        return true;
    }
    void flag(Field field, bool value)
    {
        const quint8 bit = field == AadJoinedField ? AadJoinedFlag
            : field == ExcludedField               ? ExcludedFlag
                                                   : PotentialDuplicationFlag;
        m_record.flags = value ? quint8(m_record.flags | bit) : quint8(m_record.flags & ~bit);
    }
    bool timestamp(Field field, std::string_view text)
    {
        return parseServiceTimestampMsUtf8(
            text, field == FirstSeenField ? &m_record.firstSeenMs : &m_record.lastSeenMs);
    }
    void osBuild(qint64 n) { m_record.osBuild = n; }
    bool tag(std::string_view text)
    {
        if (qsizetype(text.size()) > MachineBatch::MaxPoolChars)
            return false;
        m_tags.append(intern(TagsField, TagPool, text));
        return true;
    }
    bool address(const std::array<std::string_view, 4> &v)
    {
        for (std::string_view text : v)
            m_texts.addresses.append(view(text));
        return true;
    }

    MachineBatch take() { return m_builder.take(); }

private:
    enum Pool { StringPool, GroupPool, TagPool, PoolCount };

    static QByteArrayView view(std::string_view text)
    {
        return {text.data(), qsizetype(text.size())};
    }
    // The record's pool index for a field whose texts are interned; null for the texts that go
    // to the details (exclusionReason, pooled as Machine values, is rare enough for them).
    quint32 *pooled(Field field)
    {
        MachineRecord &r = m_record;
        switch (field) {
        case PlatformField:
            return &r.platform;
        case OsVersionField:
            return &r.osVersion;
        case ProcessorField:
            return &r.osProcessor;
        case VersionField:
            return &r.version;
        case AgentVersionField:
            return &r.agentVersion;
        case HealthField:
            return &r.health;
        case DeviceValueField:
            return &r.deviceValue;
        case GroupIdField:
            return &r.groupId;
        case GroupNameField:
            return &r.group;
        case RiskField:
            return &r.risk;
        case ExposureField:
            return &r.exposure;
        case DefenderAvField:
            return &r.defenderAv;
        case OnboardingField:
            return &r.onboarding;
        case ArchitectureField:
            return &r.osArchitecture;
        case ManagedByField:
            return &r.managedBy;
        case ManagedByStatusField:
            return &r.managedByStatus;
        default:
            return nullptr;
        }
    }
    // The pool index of a text. Remembered by its bytes in the page (which outlive the sink's
    // use of them): first the field's last value, which the next device often repeats, then
    // every value seen.
    quint32 intern(Field field, Pool pool, std::string_view text)
    {
        Recent &recent = m_recent[size_t(field)];
        if (recent.known && sameText(recent.text, text))
            return recent.index;
        if (text.empty())
            return 0;
        // Every text of the page is indexed here: it is the pool's only index.
        const quint32 index = m_seen[size_t(pool)].findOrAdd(text, [&] {
            return pool == GroupPool ? m_builder.appendGroup(view(text))
                : pool == TagPool    ? m_builder.appendTag(view(text))
                                     : m_builder.append(view(text));
        });
        recent = {text, index, true};
        return index;
    }

    struct Recent
    {
        std::string_view text;
        quint32 index = 0;
        bool known = false;
    };

    MachineBatchBuilder m_builder;
    MachineRecord m_record;
    MachineBatchBuilder::Texts m_texts;
    QList<quint32> m_tags;
    std::array<Recent, FieldCount> m_recent;
    std::array<ViewIndex, PoolCount> m_seen;
    std::unordered_map<qint64, quint32> m_numbers;
};

// The parse buffers (and a padded copy of the page, which simdjson reads past the end of)
// are grown, never shrunk, while they live.
struct ParseBuffers
{
    simdjson::dom::parser parser;
    std::unique_ptr<char[]> padded;
    size_t paddedCapacity = 0;
};

template<typename Sink>
bool parseWith(ParseBuffers &buffers, const QByteArray &body, QString *nextLink, Sink &sink,
    const MachineBatchPeek &peek = {})
{
    const size_t size = size_t(body.size());
    // With some room, so that the next page, a little longer, does not grow them again.
    const size_t capacity = size + size / 4 + 4096;
    simdjson::dom::parser &parser = buffers.parser;
    if (parser.capacity() < size + 1 && parser.allocate(capacity, MaxDepth))
        return false;
    if (buffers.paddedCapacity < size + 1) {
        buffers.padded.reset(new char[capacity + simdjson::SIMDJSON_PADDING]);
        buffers.paddedCapacity = capacity;
    }
    std::memcpy(buffers.padded.get(), body.constData(), size);
    std::memset(buffers.padded.get() + size, 0, simdjson::SIMDJSON_PADDING);
    element root;
    if (parser.parse(buffers.padded.get(), size, false).get(root))
        return false;
    PageReader<Sink> reader(sink, peek);
    return reader.read(root, nextLink);
}

} // namespace

struct MachinePageParser::Private
{
    ParseBuffers buffers;
};

MachinePageParser::MachinePageParser()
    : d(std::make_unique<Private>())
{ }

MachinePageParser::~MachinePageParser() = default;

std::optional<QList<Machine>> parseMachinePageFast(const QByteArray &body, QString *nextLink)
{
    ParseBuffers buffers;
    MachineSink sink;
    if (!parseWith(buffers, body, nextLink, sink))
        return std::nullopt;
    return std::move(sink.machines);
}

std::optional<MachineBatch> parseMachineBatchFast(const QByteArray &body, QString *nextLink,
    const MachineBatchPeek &peek, MachinePageParser *reuse)
{
    ParseBuffers local;
    BatchSink sink;
    if (!parseWith(reuse ? reuse->d->buffers : local, body, nextLink, sink, peek))
        return std::nullopt;
    return sink.take();
}

// The two entry points of page parsing are here, not in machine.cpp and machinebatch.cpp: only
// they need simdjson (the window side of the app uses those files and links no simdjson).
std::optional<QList<Machine>> parseMachinePage(
    const QByteArray &body, QString *nextLink, QString *error)
{
    // The fast parser takes the common, well-formed page; anything unusual (an error, a
    // duplicate key, a non-integral number) is left to the reference parser (machine.cpp),
    // which then decides and words the error.
    if (std::optional<QList<Machine>> fast = parseMachinePageFast(body, nextLink))
        return fast;
    return parseMachinePageReference(body, nextLink, error);
}

std::optional<MachineBatch> MachinePageParser::parse(
    const QByteArray &body, QString *nextLink, QString *error, const MachineBatchPeek &peek)
{
    // As parseMachinePage(): the fast parser takes the common page, the reference parser
    // decides on everything else (and cuts what the compact form cannot hold).
    if (std::optional<MachineBatch> fast = parseMachineBatchFast(body, nextLink, peek, this))
        return fast;
    const std::optional<QList<Machine>> machines = parseMachinePageReference(body, nextLink, error);
    if (!machines)
        return std::nullopt;
    MachineBatchBuilder builder;
    for (const Machine &machine : *machines)
        builder.add(machine);
    return builder.take();
}
