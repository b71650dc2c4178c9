// SPDX-License-Identifier: MIT
#include "auditfixture.h"
#include "auditlog.h"

#include <QTemporaryDir>

using namespace Qt::StringLiterals;
using namespace AuditTest;

class TestAuditLog final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { QVERIFY(m_dir.isValid()); }
    void writeAndRead();
    void walModeIsSet();
    void intentIsOnDiskBeforeSend();
    void csv();
    void twoInstancesTwoFiles();
    void plansABatchDurably();
    void migratesFormatOne();

private:
    QString path(const QString &name) const { return m_dir.filePath(name); }
    QTemporaryDir m_dir;
};

void TestAuditLog::writeAndRead()
{
    AuditLog log;
    qint64 now = 1'700'000'000'000;
    log.setClock([&now] { return now; });
    QVERIFY2(log.open(path(u"sub/dir/audit.sqlite"_s)), qPrintable(log.errorString()));
    const qint64 a = log.recordIntent(
        AuditRecord::Kind::Offboard, MachineA, u"pc-a"_s, u"gone"_s, u"analyst@contoso.example"_s);
    now += 10;
    const qint64 b = log.recordIntent(
        AuditRecord::Kind::Offboard, MachineB, u"pc-b"_s, u"gone"_s, u"analyst@contoso.example"_s);
    const qint64 c = log.recordIntent(AuditRecord::Kind::Cancel, MachineA, u"pc-a"_s, u"mistake"_s,
        u"analyst@contoso.example"_s, u"7f3c2b1e-5a4d-4e6f-9a8b-1c2d3e4f5a6b"_s);
    QVERIFY(a > 0 && b > a && c > b);

    QVERIFY(log.markSent(a));
    now += 5;
    MachineAction action;
    action.id = u"0b6c5b2e-1f8a-4d3e-9c7b-2a1d0e9f8c7b"_s;
    action.status = ActionStatus::Pending;
    QVERIFY(log.markOutcome(a, action));
    ApiError error;
    error.kind = ApiError::Kind::Http;
    error.httpStatus = 400;
    error.code = u"ActiveRequestAlreadyExists"_s;
    error.message = u"Action is already in progress"_s;
    error.target = u"|abc.1"_s;
    QVERIFY(log.markSent(b));
    QVERIFY(log.markOutcome(b, error));
    QVERIFY(log.markOutcomeUnknown(c));
    QVERIFY(!log.markSent(9999)); // no such record
    QVERIFY(!log.errorString().isEmpty());

    const QList<AuditRecord> all = log.records();
    QCOMPARE(all.size(), 3);
    QCOMPARE(all.at(0).state, AuditRecord::State::Succeeded);
    QCOMPARE(all.at(0).actionId, action.id);
    QCOMPARE(all.at(0).actionStatus, u"Pending"_s);
    QCOMPARE(all.at(0).createdMs, 1'700'000'000'000);
    QCOMPARE(all.at(0).updatedMs, 1'700'000'000'015);
    QCOMPARE(all.at(0).requestor, u"analyst@contoso.example"_s);
    QVERIFY(!QUuid::fromString(all.at(0).correlationId).isNull());
    QVERIFY(all.at(0).correlationId != all.at(1).correlationId);
    QCOMPARE(all.at(1).state, AuditRecord::State::Failed);
    QCOMPARE(all.at(1).errorCode, error.code);
    QCOMPARE(all.at(1).errorMessage, error.message);
    QCOMPARE(all.at(1).errorTarget, error.target);
    QCOMPARE(all.at(1).httpStatus, 400);
    QCOMPARE(all.at(2).kind, AuditRecord::Kind::Cancel);
    QCOMPARE(all.at(2).actionId, u"7f3c2b1e-5a4d-4e6f-9a8b-1c2d3e4f5a6b"_s);

    const QList<AuditRecord> open = log.unresolvedRecords();
    QCOMPARE(open.size(), 1);
    QCOMPARE(open.first().id, c);
    QCOMPARE(log.recordsSince(1'700'000'000'010).size(), 2);
    QCOMPARE(log.recordsUpdatedSince(1'700'000'000'015).size(), 3);
    QCOMPARE(log.recordsUpdatedSince(1'700'000'000'016).size(), 0);
    QVERIFY(log.markReconciled(c, action.id, u"Cancelled"_s));
    QVERIFY(log.unresolvedRecords().isEmpty());
    QCOMPARE(log.record(c).state, AuditRecord::State::Reconciled);

    // Reopened, everything is still there.
    log.close();
    AuditLog again;
    QVERIFY(again.open(path(u"sub/dir/audit.sqlite"_s)));
    QCOMPARE(again.records().size(), 3);
}

void TestAuditLog::walModeIsSet()
{
    AuditLog log;
    QVERIFY(log.open(path(u"wal.sqlite"_s)));
    OtherConnection other(path(u"wal.sqlite"_s));
    QSqlQuery mode = other.exec(u"PRAGMA journal_mode"_s);
    QVERIFY(mode.next());
    QCOMPARE(mode.value(0).toString(), u"wal"_s);
    QSqlQuery version = other.exec(u"PRAGMA user_version"_s);
    QVERIFY(version.next());
    QCOMPARE(version.value(0).toInt(), AuditLog::SchemaVersion);
}

void TestAuditLog::intentIsOnDiskBeforeSend()
{
    AuditLog log;
    QVERIFY(log.open(path(u"intent.sqlite"_s)));
    const qint64 id
        = log.recordIntent(AuditRecord::Kind::Offboard, MachineA, u"pc-a"_s, u"gone"_s, u"me"_s);
    QVERIFY(id > 0);
    // Nothing else happened yet (no markSent, log still open): another connection sees it.
    OtherConnection other(path(u"intent.sqlite"_s));
    QSqlQuery query = other.exec(u"SELECT machine_id, state FROM records WHERE id = %1"_s.arg(id));
    QVERIFY2(query.next(), qPrintable(query.lastError().text()));
    QCOMPARE(query.value(0).toString(), MachineA);
    QCOMPARE(query.value(1).toString(), u"Intent"_s);
}

void TestAuditLog::csv()
{
    AuditRecord r;
    r.id = 7;
    r.machineId = MachineA;
    r.machineName = u"=HYPERLINK(\"http://x\")"_s;
    r.comment = u"says \"bye\", then\nleaves"_s;
    r.requestor = u"@admin"_s;
    r.createdMs = 1'700'000'000'000;
    r.correlationId = u"-1+1"_s;
    r.state = AuditRecord::State::Failed;
    r.errorMessage = u"+cmd"_s;
    r.httpStatus = 400;
    const QByteArray csv = AuditLog::toCsv({r});
    const QList<QByteArray> lines = csv.split('\n');
    QCOMPARE(lines.size(), 4); // header, record (with one embedded LF), trailing empty
    QVERIFY(lines.at(0).startsWith("\"id\",\"kind\",\"state\",\"machine_id\""));
    QVERIFY(lines.at(0).endsWith("\r"));
    const QByteArray record = lines.at(1) + '\n' + lines.at(2);
    QVERIFY(record.startsWith("\"7\",\"offboard\",\"Failed\",\"" + MachineA.toLatin1() + "\","));
    QVERIFY(record.contains(",\"'=HYPERLINK(\"\"http://x\"\")\","));
    QVERIFY(record.contains(",\"says \"\"bye\"\", then\nleaves\","));
    QVERIFY(record.contains(",\"'@admin\",\"2023-11-14T22:13:20.000Z\",\"'-1+1\","));
    QVERIFY(record.contains(",\"'+cmd\","));
    QVERIFY(record.contains(",\"400\","));
    QVERIFY(csv.endsWith("\r\n"));

    AuditLog log;
    QVERIFY(log.open(path(u"csv.sqlite"_s)));
    log.recordIntent(AuditRecord::Kind::Offboard, MachineA, u"-pc"_s, u"c"_s, u"me"_s);
    QVERIFY(log.exportCsv(path(u"out.csv"_s)));
    QCOMPARE(readAll(path(u"out.csv"_s)), AuditLog::toCsv(log.records()));
    QVERIFY(readAll(path(u"out.csv"_s)).contains(",\"'-pc\","));
}

void TestAuditLog::twoInstancesTwoFiles()
{
    AuditLog one;
    AuditLog two;
    QVERIFY(one.open(path(u"one.sqlite"_s)));
    QVERIFY(two.open(path(u"two.sqlite"_s)));
    one.recordIntent(AuditRecord::Kind::Offboard, MachineA, {}, u"c"_s, {});
    QCOMPARE(one.records().size(), 1);
    QCOMPARE(two.records().size(), 0); // separate connections
}

void TestAuditLog::plansABatchDurably()
{
    AuditLog log;
    QVERIFY(log.open(path(u"plan.sqlite"_s)));
    QList<qint64> ids;
    const QString batch = log.recordQueued(AuditRecord::Kind::Offboard,
        {{MachineA, u"pc-a"_s}, {MachineB, u"pc-b"_s}}, u"gone"_s, u"me"_s, &ids);
    QVERIFY(!batch.isEmpty());
    QCOMPARE(ids.size(), 2);
    // On disk for any other reader at once, every row Queued with the batch id.
    OtherConnection other(path(u"plan.sqlite"_s));
    QSqlQuery query = other.exec(u"SELECT state, batch_id FROM records ORDER BY id"_s);
    for (int i = 0; i < 2; ++i) {
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toString(), u"Queued"_s);
        QCOMPARE(query.value(1).toString(), batch);
    }
    QCOMPARE(log.unresolvedRecords().size(), 2);
    QVERIFY(log.markIntent(ids.at(0)));
    QVERIFY(log.record(ids.at(0)).intentMs > 0);
    QVERIFY(!log.markIntent(ids.at(0))); // only from Queued
    QVERIFY(!log.markQueuedNotSent(ids.at(0))); // an Intent may have gone out
    QVERIFY(log.markQueuedNotSent(ids.at(1)));
    QVERIFY(!log.markIntent(ids.at(1))); // reported not sent: never sent later
    const qint64 again = log.recordRequeued(log.record(ids.at(0)));
    QCOMPARE(log.record(again).state, AuditRecord::State::Queued);
    QCOMPARE(log.record(again).batchId, batch);
    QCOMPARE(log.record(again).machineName, u"pc-a"_s);
    QVERIFY(AuditLog::toCsv(log.records()).contains(batch.toLatin1()));
}

void TestAuditLog::migratesFormatOne()
{
    const QString file = path(u"v1.sqlite"_s);
    {
        OtherConnection other(file);
        other.exec(u"CREATE TABLE records (id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT "
                   "NULL, machine_id TEXT NOT NULL, machine_name TEXT, comment TEXT, requestor "
                   "TEXT, created_ms INTEGER NOT NULL, correlation_id TEXT NOT NULL, state TEXT "
                   "NOT NULL, action_id TEXT, action_status TEXT, error_code TEXT, error_message "
                   "TEXT, error_target TEXT, http_status INTEGER NOT NULL DEFAULT 0, updated_ms "
                   "INTEGER NOT NULL)"_s);
        other.exec(u"INSERT INTO records (kind, machine_id, created_ms, correlation_id, state, "
                   "updated_ms) VALUES ('offboard', '%1', 5, 'c', 'Sent', 5)"_s.arg(MachineA));
        other.exec(u"PRAGMA user_version = 1"_s);
    }
    AuditLog log;
    QVERIFY2(log.open(file), qPrintable(log.errorString()));
    const QList<AuditRecord> all = log.records();
    QCOMPARE(all.size(), 1);
    QCOMPARE(all.first().state, AuditRecord::State::Sent);
    QCOMPARE(all.first().batchId, QString());
    QCOMPARE(all.first().intentMs, 0);
    OtherConnection other(file);
    QSqlQuery version = other.exec(u"PRAGMA user_version"_s);
    QVERIFY(version.next());
    QCOMPARE(version.value(0).toInt(), AuditLog::SchemaVersion);
}

QTEST_GUILESS_MAIN(TestAuditLog)
#include "tst_auditlog.moc"
