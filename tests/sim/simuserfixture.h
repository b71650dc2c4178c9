// SPDX-License-Identifier: MIT
// The fixture of the simulator tests that act as the signed-in analyst: a fresh small tenant
// (startSim()) per test function and a client holding a user token that may read and offboard.
// Test classes inherit it next to QObject and call startUserSim() from init().
#pragma once

#include "tst_simhttp.h"

inline QString offboardUrl(const QString &id)
{
    return QStringLiteral("/api/machines/%1/offboard").arg(id);
}

class SimUserFixture
{
protected:
    void startUserSim()
    {
        m_sim = startSim();
        QVERIFY(m_sim);
        m_http = std::make_unique<SimHttp>(m_sim->baseUrl());
        m_http->setToken(m_sim->issueUserToken(
            {QStringLiteral("Machine.Read"), QStringLiteral("Machine.Offboard")}));
    }

    // A Windows 11 device that checks in and has no seeded offboard.
    QString windows11() const
    {
        const QByteArray seeded = m_http->get(QStringLiteral("/api/machineactions")).body;
        return findDevice(*m_sim, [&](const QJsonObject &m, int i) {
            return platformOf(m) == QStringLiteral("Windows11") && !m_sim->neverChecksIn(i)
                && !seeded.contains(m.value(QStringLiteral("id")).toString().toUtf8());
        });
    }

    std::unique_ptr<Simulator> m_sim;
    std::unique_ptr<SimHttp> m_http;
};
