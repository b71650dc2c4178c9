// SPDX-License-Identifier: MIT
#include "auditfixture.h"
#include "auditlog.h"

#include <QTemporaryDir>

using namespace Qt::StringLiterals;
using namespace AuditTest;

class TestAuditLogOpen final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { QVERIFY(m_dir.isValid()); }
    void refusesUnusableFile_data();
    void refusesUnusableFile();
    void lockedDatabase_data();
    void lockedDatabase();

private:
    QString path(const QString &name) const { return m_dir.filePath(name); }
    QTemporaryDir m_dir;
};

void TestAuditLogOpen::refusesUnusableFile_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("expected");
    QTest::newRow("not a database") << u"garbage"_s << u"damaged"_s;
    QTest::newRow("corrupted pages") << u"corrupt"_s << u"damaged"_s;
    QTest::newRow("newer format") << u"newer"_s << u"newer version"_s;
    QTest::newRow("someone else's database") << u"foreign"_s << u"not an audit log"_s;
}

void TestAuditLogOpen::refusesUnusableFile()
{
    QFETCH(QString, kind);
    QFETCH(QString, expected);
    const QString file = path(kind + u".sqlite"_s);
    if (kind == u"garbage"_s) {
        writeAll(file, QByteArray("this is not a database, just notes\n").repeated(200));
    } else if (kind == u"corrupt"_s) {
        {
            AuditLog log;
            QVERIFY(log.open(file));
            for (int i = 0; i < 200; ++i)
                log.recordIntent(AuditRecord::Kind::Offboard, MachineA, u"pc"_s, u"c"_s, u"me"_s);
        }
        QByteArray bytes = readAll(file);
        QVERIFY(bytes.size() > 8192);
        for (qsizetype i = 4096; i < bytes.size(); i += 7)
            bytes[i] = char(0xA5);
        writeAll(file, bytes);
    } else {
        OtherConnection other(file);
        other.exec(u"CREATE TABLE notes (x TEXT)"_s);
        if (kind == u"newer"_s)
            other.exec(u"PRAGMA user_version = 99"_s);
    }
    const QByteArray before = readAll(file);

    AuditLog log;
    QVERIFY(!log.open(file, 100));
    QVERIFY2(log.errorString().contains(expected), qPrintable(log.errorString()));
    QVERIFY(log.errorString().contains(file));
    QVERIFY(!log.isOpen());
    QCOMPARE(log.recordIntent(AuditRecord::Kind::Offboard, MachineA, {}, u"c"_s, {}), -1);
    log.close();
    QCOMPARE(readAll(file), before); // left exactly as it was
}

void TestAuditLogOpen::lockedDatabase_data()
{
    QTest::addColumn<bool>("exclusiveMode");
    QTest::newRow("write transaction held") << false;
    QTest::newRow("exclusive locking mode") << true;
}

void TestAuditLogOpen::lockedDatabase()
{
    QFETCH(bool, exclusiveMode);
    const QString file = path(u"locked%1.sqlite"_s.arg(exclusiveMode));
    {
        AuditLog log;
        QVERIFY(log.open(file));
    }
    {
        OtherConnection other(file);
        if (exclusiveMode)
            other.exec(u"PRAGMA locking_mode = EXCLUSIVE"_s);
        QVERIFY(!other.exec(u"BEGIN EXCLUSIVE"_s).lastError().isValid());
        other.exec(u"INSERT INTO records (kind, machine_id, created_ms, correlation_id, state, "
                   "updated_ms) VALUES ('offboard', 'x', 1, 'y', 'Intent', 1)"_s);
        AuditLog log;
        QVERIFY(!log.open(file, 100));
        QVERIFY2(log.errorString().contains(u"locked by another program"_s),
            qPrintable(log.errorString()));
        other.exec(u"ROLLBACK"_s);
    }
    AuditLog log; // free again
    QVERIFY2(log.open(file, 100), qPrintable(log.errorString()));
}

QTEST_GUILESS_MAIN(TestAuditLogOpen)
#include "tst_auditlogopen.moc"
