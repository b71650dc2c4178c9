// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QVector>

// A deterministic tenant: the same (devices, seed, now) always gives the same machines, byte for
// byte. Spread: Windows 10 builds before and after 1703, Windows 11, Server 2012 R2/2016/2019/
// 2022, macOS, Linux, iOS, Android; every health, risk, exposure and device-value value; tags;
// several device groups; some null fields; some potential duplicates; some devices that never
// check in; some with an offboard already Pending (see seededActions()).
//
// Time: every timestamp is `now` minus a seeded offset (lastSeen within the last 60 days,
// seeded actions a few hours old); `now` is truncated to whole milliseconds. Nothing reads the
// wall clock, so pass a fixed `now` (e.g. Tenant::referenceNow()) for identical bytes across
// runs. An invalid `now` means referenceNow().
//
// The generator is a seeded splitmix64 per device, so device i does not depend on the tenant
// size (apart from the "at least one" fix-ups for tenants of 20 or more devices).
class Tenant final
{
public:
    Tenant(int devices, quint32 seed, const QDateTime &now);

    // A fixed reference instant, 2026-11-01T12:00:00Z, for reproducible tenants.
    static QDateTime referenceNow();

    int size() const { return int(m_machines.size()); }
    const QJsonObject &machine(int index) const { return m_machines.at(index); }
    // The compact JSON of machine(index), cached; invalidated by updateMachine(). Keys come in
    // the order of the recorded real machine (contract section 3); unknown keys follow, sorted.
    QByteArray machineBytes(int index) const;
    // Index by 40-hex id (case-insensitive) or by computerDnsName (case-insensitive); -1 if none.
    int indexOf(const QString &idOrName) const;
    void updateMachine(int index, const QJsonObject &machine);
    // True for devices that never check in: their offboard stays Pending and ends in TimeOut.
    bool neverChecksIn(int index) const { return m_silent.at(index); }
    // Offboard actions that exist when the simulator starts (Pending, for a few devices).
    QList<QJsonObject> seededActions() const { return m_seededActions; }

    // The service's timestamp form, "2026-01-02T13:39:46.7738206Z" (always 7 fractional digits),
    // from 100-ns ticks since the Unix epoch. Handy for actions created by the simulator.
    static QString timestamp(qint64 ticks);
    static QString timestamp(const QDateTime &utc)
    {
        return timestamp(utc.toMSecsSinceEpoch() * 10000);
    }
    // Compact JSON of any object with the same key order rules as machineBytes().
    static QByteArray orderedJson(const QJsonObject &object);

private:
    QVector<QJsonObject> m_machines;
    mutable QVector<QByteArray> m_bytes;
    QVector<bool> m_silent;
    QHash<QString, int> m_byKey; // lower-case id and name
    QList<QJsonObject> m_seededActions;
};
