// SPDX-License-Identifier: MIT
#pragma once

#include "eligibility.h"
#include "machine.h"
#include "machinebatch.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

class MachineStore;

// The device inventory as a flat table, built for 100,000 devices and more.
//
// Devices are kept compactly (interned platform/version/group/tag strings, small enums, times as
// msecs, one folded search text per device in a shared arena), not as Machine values;
// machine(row) rebuilds the full Machine on demand. Rows are appended page by page
// (appendBatch with a page already in that form, as the listing delivers it off this thread, or
// appendMachines; one beginInsertRows per call) and never reordered: sorting and filtering
// belong to MachineFilterModel. A device whose id is already present is updated in place
// (dataChanged) instead of being added twice. Lives in and is used from one thread.
//
// The eligibility of every row is evaluated with the model's EligibilityContext (its
// hasPendingOffboard member is ignored: pending offboards are per device, setPendingOffboard).
class MachineTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MachineTableModel)
public:
    enum Column {
        NameColumn,
        PlatformColumn, // platform + OS version/build
        HealthColumn,
        RiskColumn,
        ExposureColumn,
        DeviceValueColumn,
        LastSeenColumn, // display: relative ("3 days ago"); tool tip: absolute local time
        GroupColumn,
        TagsColumn,
        LastIpColumn,
        EligibilityColumn, // display: verdict text; tool tip: the reasons
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        MachineIdRole = Qt::UserRole + 1, // QString, any column
        SortRole, // per column a cheaply comparable value (int / qint64 / folded QString)
        EligibilityRole, // int Eligibility::Verdict
        EligibilityReasonsRole, // QStringList (translated)
        SearchTextRole, // QString: folded "id name ips tags group"
        PlatformRole, // QString osPlatform as received
        HealthRole, // QString healthStatus as received
        RiskRole, // QString riskScore as received
        ExposureRole, // QString exposureLevel as received
        DeviceValueRole, // QString deviceValue as received
        LastSeenRole, // QDateTime (UTC; invalid if unknown)
        GroupRole, // QString rbacGroupName
        TagsRole, // QStringList machineTags
        ComputerNameRole, // QString computerDnsName
        PendingOffboardRole, // bool
    };
    Q_ENUM(Role)

    using Clock = std::function<qint64()>; // UTC msecs since the epoch

    explicit MachineTableModel(QObject *parent = nullptr);
    ~MachineTableModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Appends a page (new ids at the end in one insertion; known ids updated in place).
    void appendMachines(const QList<Machine> &machines);
    void appendBatch(const MachineBatch &batch); // the same, already in the compact form
    void clear();

    Machine machine(int row) const; // rebuilt from the compact record; {} when out of range
    QString machineId(int row) const;
    QString computerName(int row) const;
    int rowOfMachine(const QString &machineId) const; // -1 when absent (case-insensitive)

    // Eligibility of every row under a new context (dataChanged on EligibilityColumn when any
    // verdict may have changed).
    void setEligibilityContext(const EligibilityContext &context);
    EligibilityContext eligibilityContext() const;
    Eligibility eligibility(int row) const; // with the row's pending state and reasons
    Eligibility::Verdict eligibilityVerdict(int row) const;

    // After an offboard was sent (or became final): the device's row refuses another one.
    void setPendingOffboard(const QString &machineId, bool pending);
    bool hasPendingOffboard(int row) const;

    QStringList platforms() const; // distinct osPlatform values present, sorted
    QStringList groups() const; // distinct non-empty rbacGroupName values, sorted
    QStringList tags() const; // distinct tags, sorted

    // "now" for the relative last-seen text; empty = the system clock.
    void setClock(Clock utcNowMs);

    // Display helpers shared with the GUI and the CLI (translated; unknown values as received).
    static QString platformText(const QString &osPlatform); // "Windows10" -> "Windows 10"
    static QString healthText(const QString &healthStatus);
    static QString riskText(const QString &riskScore);
    static QString exposureText(const QString &exposureLevel);
    static QString deviceValueText(const QString &deviceValue);
    static QString relativeTimeText(qint64 thenMs, qint64 nowMs); // "3 days ago"
    // The contract's known values, in severity order (for quick-filter menus).
    static QStringList knownHealthStatuses();
    static QStringList knownRiskScores();

private:
    friend class MachineFilterModel;
    const MachineStore &store() const { return *m_store; }
    qint64 now() const;
    QVariant displayData(int row, int column) const;
    QVariant sortData(int row, int column) const;

    std::unique_ptr<MachineStore> m_store;
    EligibilityContext m_context;
    Clock m_clock;
};
