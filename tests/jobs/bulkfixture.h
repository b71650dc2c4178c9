// SPDX-License-Identifier: MIT
// Shared by the BulkOffboard tests: a simulator fixture, an audit log and batch helpers.
#pragma once

#include "auditlog.h"
#include "jobfixture.h"

#include <QTemporaryDir>

#include <memory>

namespace BulkTest {
inline const QString Comment = QStringLiteral("Decommissioned: ticket 4711");
inline const QString Requestor = QStringLiteral("analyst@contoso.example");
} // namespace BulkTest

class BulkTestBase : public QObject
{
protected:
    void initAudit()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_audit = std::make_unique<AuditLog>();
        QVERIFY(m_audit->open(m_dir->filePath(QStringLiteral("audit.sqlite"))));
    }

    void cleanupAll()
    {
        m_f.reset();
        m_audit.reset();
        m_dir.reset();
    }

    bool setUp(int perMinute, int minuteWindowMs)
    {
        SimulatorOptions options;
        options.devices = 120;
        options.perMinute = perMinute;
        options.minuteWindowMs = minuteWindowMs;
        options.perHour = 1000;
        options.hourWindowMs = 3600000;
        return m_f.setUp(options);
    }

    std::unique_ptr<BulkOffboard> makeBatch() { return m_f.quickBatch(m_audit.get()); }

    bool run(BulkOffboard &batch, const QList<OffboardTarget> &targets)
    {
        QSignalSpy finished(&batch, &BulkOffboard::finished);
        QString error;
        if (!batch.start(targets, BulkTest::Comment, BulkTest::Requestor, &error)) {
            qWarning("start: %s", qPrintable(error));
            return false;
        }
        return finished.wait(30000) && finished.size() == 1;
    }

    JobFixture m_f;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<AuditLog> m_audit;
};
