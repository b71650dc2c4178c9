// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QVector>

// A deterministic tenant: the same (devices, seed) always gives the same machines, byte for
// byte. Spread: Windows 10 builds before and after 1703, Windows 11, Server 2012 R2/2016/2019/
// 2022, macOS, Linux, iOS, Android; every health, risk, exposure and device-value value; tags;
// several device groups; some null fields; some potential duplicates; some devices that never
// check in; some with an offboard already Pending (see seededActions()).
class Tenant final
{
public:
    Tenant(int devices, quint32 seed, const QDateTime &now);

    int size() const { return int(m_machines.size()); }
    const QJsonObject &machine(int index) const { return m_machines.at(index); }
    // The compact JSON of machine(index), cached; invalidated by updateMachine().
    QByteArray machineBytes(int index) const;
    // Index by 40-hex id (case-insensitive) or by computerDnsName (case-insensitive); -1 if none.
    int indexOf(const QString &idOrName) const;
    void updateMachine(int index, const QJsonObject &machine);
    // True for devices that never check in: their offboard stays Pending and ends in TimeOut.
    bool neverChecksIn(int index) const { return m_silent.at(index); }
    // Offboard actions that exist when the simulator starts (Pending, for a few devices).
    QList<QJsonObject> seededActions() const { return m_seededActions; }

private:
    QVector<QJsonObject> m_machines;
    mutable QVector<QByteArray> m_bytes;
    QVector<bool> m_silent;
    QHash<QString, int> m_byKey; // lower-case id and name
    QList<QJsonObject> m_seededActions;
};
