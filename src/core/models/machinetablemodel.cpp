// SPDX-License-Identifier: MIT
#include "machinetablemodel.h"
#include "machinestore_p.h"

#include <QLocale>
#include <QSet>

#include <algorithm>

using namespace Qt::StringLiterals;

MachineTableModel::MachineTableModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_store(std::make_unique<MachineStore>())
{ }

MachineTableModel::~MachineTableModel() = default;

int MachineTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_store->size();
}

int MachineTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

qint64 MachineTableModel::now() const
{
    return m_clock ? m_clock() : QDateTime::currentMSecsSinceEpoch();
}

void MachineTableModel::setClock(Clock utcNowMs)
{
    m_clock = std::move(utcNowMs);
}

QVariant MachineTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    const MachineRecord &r = m_store->row(row);
    const StringPool &strings = m_store->strings();
    switch (role) {
    case Qt::DisplayRole:
        return displayData(row, index.column());
    case Qt::ToolTipRole:
        if (index.column() == LastSeenColumn) {
            if (r.lastSeenMs == MachineRecord::NoValue)
                return tr("Never reported");
            return QLocale().toString(
                QDateTime::fromMSecsSinceEpoch(r.lastSeenMs).toLocalTime(), QLocale::LongFormat);
        }
        if (index.column() == EligibilityColumn)
            return eligibility(row).reasons.join(u'\n');
        return {};
    case MachineIdRole:
        return m_store->id(row);
    case SortRole:
        return sortData(row, index.column());
    case EligibilityRole:
        return int(r.verdict);
    case EligibilityReasonsRole:
        return eligibility(row).reasons;
    case SearchTextRole: {
        QString text = QString::fromUtf8(m_store->searchText(row));
        text.replace(u'\n', u' ');
        const QString tags = m_store->tagSetText(r.tagSet);
        if (!tags.isEmpty())
            text += u' ' + tags.toCaseFolded();
        if (r.group != 0)
            text += u' ' + m_store->groups().at(r.group).toCaseFolded();
        return text;
    }
    case PlatformRole:
        return strings.at(r.platform);
    case HealthRole:
        return strings.at(r.health);
    case RiskRole:
        return strings.at(r.risk);
    case ExposureRole:
        return strings.at(r.exposure);
    case DeviceValueRole:
        return strings.at(r.deviceValue);
    case LastSeenRole:
        return r.lastSeenMs == MachineRecord::NoValue
            ? QDateTime()
            : QDateTime::fromMSecsSinceEpoch(r.lastSeenMs, Qt::UTC);
    case GroupRole:
        return m_store->groups().at(r.group);
    case TagsRole:
        return m_store->tags(row);
    case ComputerNameRole:
        return m_store->name(row);
    case PendingOffboardRole:
        return bool(r.flags & PendingOffboardFlag);
    default:
        return {};
    }
}

QVariant MachineTableModel::displayData(int row, int column) const
{
    const MachineRecord &r = m_store->row(row);
    const StringPool &strings = m_store->strings();
    switch (Column(column)) {
    case NameColumn:
        return m_store->name(row);
    case PlatformColumn: {
        QString text = platformText(strings.at(r.platform));
        const QString &version = strings.at(r.version != 0 ? r.version : r.osVersion);
        if (!version.isEmpty())
            text += u' ' + version;
        if (r.osBuild != MachineRecord::NoValue)
            text = tr("%1 (build %2)").arg(text).arg(r.osBuild);
        return text.trimmed();
    }
    case HealthColumn:
        return healthText(strings.at(r.health));
    case RiskColumn:
        return riskText(strings.at(r.risk));
    case ExposureColumn:
        return exposureText(strings.at(r.exposure));
    case DeviceValueColumn:
        return deviceValueText(strings.at(r.deviceValue));
    case LastSeenColumn:
        if (r.lastSeenMs == MachineRecord::NoValue)
            return tr("Never");
        return relativeTimeText(r.lastSeenMs, now());
    case GroupColumn:
        return m_store->groups().at(r.group);
    case TagsColumn:
        return m_store->tagSetText(r.tagSet);
    case LastIpColumn:
        return m_store->lastIp(row);
    case EligibilityColumn:
        return eligibilityVerdictText(Eligibility::Verdict(r.verdict));
    case ColumnCount:
        break;
    }
    return {};
}

QVariant MachineTableModel::sortData(int row, int column) const
{
    const MachineRecord &r = m_store->row(row);
    switch (Column(column)) {
    case NameColumn:
        return QString::fromUtf8(m_store->foldedName(row));
    case PlatformColumn:
        return displayData(row, column).toString().toCaseFolded();
    case HealthColumn:
        return int(r.healthRank);
    case RiskColumn:
        return int(r.riskRank);
    case ExposureColumn:
        return int(r.exposureRank);
    case DeviceValueColumn:
        return int(r.valueRank);
    case LastSeenColumn:
        return r.lastSeenMs;
    case GroupColumn:
        return m_store->groups().at(r.group).toCaseFolded();
    case TagsColumn:
        return m_store->tagSetText(r.tagSet).toCaseFolded();
    case LastIpColumn:
        return m_store->lastIp(row);
    case EligibilityColumn:
        return int(r.verdict);
    case ColumnCount:
        break;
    }
    return {};
}

QVariant MachineTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0
        || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case NameColumn:
        return tr("Name");
    case PlatformColumn:
        return tr("Platform");
    case HealthColumn:
        return tr("Health");
    case RiskColumn:
        return tr("Risk");
    case ExposureColumn:
        return tr("Exposure");
    case DeviceValueColumn:
        return tr("Value");
    case LastSeenColumn:
        return tr("Last seen");
    case GroupColumn:
        return tr("Device group");
    case TagsColumn:
        return tr("Tags");
    case LastIpColumn:
        return tr("Last IP");
    case EligibilityColumn:
        return tr("Eligibility");
    case ColumnCount:
        break;
    }
    return {};
}

QHash<int, QByteArray> MachineTableModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(MachineIdRole, "machineId");
    names.insert(SortRole, "sort");
    names.insert(EligibilityRole, "eligibility");
    names.insert(EligibilityReasonsRole, "eligibilityReasons");
    names.insert(SearchTextRole, "searchText");
    names.insert(PlatformRole, "osPlatform");
    names.insert(HealthRole, "healthStatus");
    names.insert(RiskRole, "riskScore");
    names.insert(ExposureRole, "exposureLevel");
    names.insert(DeviceValueRole, "deviceValue");
    names.insert(LastSeenRole, "lastSeen");
    names.insert(GroupRole, "rbacGroupName");
    names.insert(TagsRole, "machineTags");
    names.insert(ComputerNameRole, "computerDnsName");
    names.insert(PendingOffboardRole, "pendingOffboard");
    return names;
}

void MachineTableModel::appendMachines(const QList<Machine> &machines)
{
    MachineBatchBuilder builder;
    for (const Machine &machine : machines)
        builder.add(machine);
    appendBatch(builder.take());
}

void MachineTableModel::appendBatch(const MachineBatch &batch)
{
    // Known ids are updated first; the new ones then arrive in one insertion (the last copy of
    // an id repeated within the batch wins).
    const MachineStore::PoolMap map = m_store->importPools(batch);
    std::vector<int> fresh; // batch rows
    QHash<QByteArrayView, size_t> freshIndex; // folded id -> index in fresh
    fresh.reserve(size_t(batch.size()));
    freshIndex.reserve(batch.size());
    int firstUpdated = -1;
    int lastUpdated = -1;
    for (int i = 0; i < batch.size(); ++i) {
        const int existing = m_store->findRow(batch, i);
        if (existing >= 0) {
            m_store->put(batch, map, i, existing);
            m_store->evaluate(existing, m_context);
            firstUpdated = firstUpdated < 0 ? existing : std::min(firstUpdated, existing);
            lastUpdated = std::max(lastUpdated, existing);
            continue;
        }
        const QByteArrayView id = batch.foldedId(i);
        const auto it = freshIndex.constFind(id);
        if (it != freshIndex.constEnd()) {
            fresh[it.value()] = i;
        } else {
            freshIndex.insert(id, fresh.size());
            fresh.push_back(i);
        }
    }
    if (firstUpdated >= 0)
        Q_EMIT dataChanged(index(firstUpdated, 0), index(lastUpdated, ColumnCount - 1));
    if (fresh.empty())
        return;
    const int first = m_store->size();
    beginInsertRows({}, first, first + int(fresh.size()) - 1);
    for (int i : fresh)
        m_store->evaluate(m_store->put(batch, map, i, -1), m_context);
    endInsertRows();
}

void MachineTableModel::clear()
{
    beginResetModel();
    m_store->clear();
    endResetModel();
}

Machine MachineTableModel::machine(int row) const
{
    if (row < 0 || row >= m_store->size())
        return {};
    Machine machine = m_store->machine(row);
    return machine;
}

QString MachineTableModel::machineId(int row) const
{
    return row < 0 || row >= m_store->size() ? QString() : m_store->id(row);
}

QString MachineTableModel::computerName(int row) const
{
    return row < 0 || row >= m_store->size() ? QString() : m_store->name(row);
}

int MachineTableModel::rowOfMachine(const QString &machineId) const
{
    return m_store->find(machineId);
}

void MachineTableModel::setEligibilityContext(const EligibilityContext &context)
{
    m_context = context;
    m_context.hasPendingOffboard = false;
    const int rows = m_store->size();
    for (int row = 0; row < rows; ++row)
        m_store->evaluate(row, m_context);
    if (rows > 0)
        Q_EMIT dataChanged(index(0, EligibilityColumn), index(rows - 1, EligibilityColumn));
}

EligibilityContext MachineTableModel::eligibilityContext() const
{
    return m_context;
}

Eligibility MachineTableModel::eligibility(int row) const
{
    if (row < 0 || row >= m_store->size())
        return {};
    EligibilityContext context = m_context;
    context.hasPendingOffboard = m_store->row(row).flags & PendingOffboardFlag;
    return evaluateEligibility(m_store->facts(row), context);
}

Eligibility::Verdict MachineTableModel::eligibilityVerdict(int row) const
{
    if (row < 0 || row >= m_store->size())
        return Eligibility::Refused;
    return Eligibility::Verdict(m_store->row(row).verdict);
}

void MachineTableModel::setPendingOffboard(const QString &machineId, bool pending)
{
    const int row = m_store->find(machineId);
    if (row < 0)
        return;
    MachineRecord &record = m_store->row(row);
    if (bool(record.flags & PendingOffboardFlag) == pending)
        return;
    record.flags = pending ? (record.flags | PendingOffboardFlag)
                           : quint8(record.flags & ~PendingOffboardFlag);
    m_store->evaluate(row, m_context);
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

bool MachineTableModel::hasPendingOffboard(int row) const
{
    return row >= 0 && row < m_store->size() && (m_store->row(row).flags & PendingOffboardFlag);
}

QStringList MachineTableModel::platforms() const
{
    QSet<quint32> seen;
    const int rows = m_store->size();
    for (int row = 0; row < rows; ++row)
        seen.insert(m_store->row(row).platform);
    seen.remove(0);
    QStringList out;
    for (quint32 index : std::as_const(seen))
        out.append(m_store->strings().at(index));
    std::sort(out.begin(), out.end());
    return out;
}

QStringList MachineTableModel::groups() const
{
    QStringList out;
    for (quint32 i = 1; i < m_store->groups().size(); ++i)
        out.append(m_store->groups().at(i));
    std::sort(out.begin(), out.end());
    return out;
}

QStringList MachineTableModel::tags() const
{
    QStringList out;
    for (quint32 i = 1; i < m_store->tagPool().size(); ++i)
        out.append(m_store->tagPool().at(i));
    std::sort(out.begin(), out.end());
    return out;
}

#include "moc_machinetablemodel.cpp"
