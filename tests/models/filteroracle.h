// SPDX-License-Identifier: MIT
#pragma once

#include "machinefiltermodel.h"
#include "machinetablemodel.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <algorithm>

// Reference semantics for checking MachineFilterModel, written plainly (and slowly).
namespace FilterOracle {

using Model = MachineTableModel;
struct Filters
{
    QString search;
    QStringList platforms, health, risk;
    bool eligibleOnly = false;
};

// The reference semantics, written plainly: every whitespace-separated term occurs,
// case-insensitively, in the name, id, a non-loopback IP, a tag or the group name.
inline bool oracleAccepts(const Model &model, int row, const Filters &f)
{
    const Machine m = model.machine(row);
    for (const QString &term : f.search.split(u' ', Qt::SkipEmptyParts)) {
        QStringList fields = {m.computerDnsName, m.id, m.lastIpAddress, m.rbacGroupName};
        fields += m.machineTags;
        for (const IpAddress &ip : m.ipAddresses) {
            if (!ip.ipAddress.startsWith(u"127."))
                fields.append(ip.ipAddress);
        }
        if (!std::any_of(fields.cbegin(), fields.cend(),
                [&](const QString &field) { return field.contains(term, Qt::CaseInsensitive); }))
            return false;
    }
    auto allowed = [](const QStringList &set, const QString &value) {
        return set.isEmpty() || set.contains(value, Qt::CaseInsensitive);
    };
    return allowed(f.platforms, m.osPlatform) && allowed(f.health, m.healthStatus)
        && allowed(f.risk, m.riskScore)
        && (!f.eligibleOnly || model.eligibilityVerdict(row) != Eligibility::Refused);
}

inline QList<int> visibleSourceRows(const MachineFilterModel &proxy)
{
    QList<int> rows;
    for (int row = 0; row < proxy.rowCount(); ++row) {
        rows.append(proxy.mapToSource(proxy.index(row, 0)).row());
        if (proxy.sourceRow(row) != rows.last() || proxy.proxyRow(rows.last()) != row)
            return {-1};
    }
    return rows;
}

inline QList<int> oracleRows(const Model &model, const Filters &f)
{
    QList<int> rows;
    for (int row = 0; row < model.rowCount(); ++row) {
        if (oracleAccepts(model, row, f))
            rows.append(row);
    }
    return rows;
}

inline QList<int> sorted(QList<int> rows)
{
    std::sort(rows.begin(), rows.end());
    return rows;
}

} // namespace FilterOracle
