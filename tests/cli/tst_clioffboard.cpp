// SPDX-License-Identifier: MIT
// mde-offboard-cli offboard end to end: nothing sent on bad input, dry run, confirmation rule,
// eligibility refusals, json results, an offboard already pending, the audit log.
#include "auditlog.h"
#include "clitest.h"

#include <QFile>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace CliTest;

class TestCliOffboard final : public SimTest
{
    Q_OBJECT

private:
    QStringList next(const QString &platform, int count)
    {
        QStringList ids = deviceIds(m_machines, platform, count, m_used);
        m_used += ids;
        return ids;
    }
    static QJsonObject byId(const QJsonArray &results, const QString &id)
    {
        for (const auto &value : results) {
            if (value.toObject().value(u"machineId"_s).toString() == id)
                return value.toObject();
        }
        return {};
    }

    QTemporaryDir m_files;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(startTenant(60));
        QFile bad(m_files.filePath(u"bad.txt"_s));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("0123456789abcdef0123456789abcdef01234567\nnot-a-device\n");
    }

    void badInputSendsNothing_data()
    {
        QTest::addColumn<QStringList>("rest");
        const QString id = u"0123456789abcdef0123456789abcdef01234567"_s;
        QTest::newRow("no comment") << QStringList {u"offboard"_s, u"--yes"_s, id};
        QTest::newRow("blank comment")
            << QStringList {u"offboard"_s, u"--comment= "_s, u"--yes"_s, id};
        QTest::newRow("long comment")
            << QStringList {u"offboard"_s, u"--comment"_s, QString(1001, u'x'), u"--yes"_s, id};
        QTest::newRow("bad id") << QStringList {
            u"offboard"_s, u"--comment=x"_s, u"--yes"_s, id, u"12345"_s};
        QTest::newRow("missing file") << QStringList {
            u"offboard"_s, u"--comment=x"_s, u"--yes"_s, u"--from"_s, u"/nonexistent/ids.txt"_s};
        QTest::newRow("bad id in file") << QStringList {u"offboard"_s, u"--comment=x"_s, u"--yes"_s,
            u"--from"_s, m_files.filePath(u"bad.txt"_s)};
        QTest::newRow("no terminal, no --yes") << QStringList {u"offboard"_s, u"--comment=x"_s, id};
        QTest::newRow("stdin, no --yes")
            << QStringList {u"offboard"_s, u"--comment=x"_s, u"--from"_s, u"-"_s};
        QTest::newRow("bad cancel id") << QStringList {u"cancel"_s, u"--comment=x"_s, u"1"_s};
        QTest::newRow("http api url")
            << QStringList {u"--api-url"_s, u"http://example.org"_s, u"machines"_s};
    }
    void badInputSendsNothing()
    {
        QFETCH(QStringList, rest);
        m_sim.clearRequests();
        const Run run
            = m_cli.run(args(rest), QByteArray("0123456789abcdef0123456789abcdef01234567\n"));
        QCOMPARE(run.exitCode, 2);
        QVERIFY(!run.err.isEmpty());
        QVERIFY(run.out.isEmpty());
        // Not even a token was requested.
        QCOMPARE(m_sim.requests().size(), 0);
    }

    void dryRunSendsNoPost()
    {
        const QStringList ok = next(u"Windows11"_s, 2);
        const QStringList linuxIds = next(u"Linux"_s, 1);
        QCOMPARE(ok.size() + linuxIds.size(), 3);
        m_sim.clearRequests();
        const Run run = m_cli.run(args({u"--format"_s, u"json"_s, u"offboard"_s, u"--comment"_s,
            u"stale"_s, u"--dry-run"_s, ok.at(0), linuxIds.first(), ok.at(1)}));
        QCOMPARE(run.exitCode, 1); // one refused
        const QJsonArray results = run.json();
        QCOMPARE(results.size(), 3);
        QCOMPARE(results.at(1).toObject().value(u"machineId"_s).toString(), linuxIds.first());
        for (const QString &id : ok) {
            const QJsonObject r = byId(results, id);
            QCOMPARE(r.value(u"ok"_s).toBool(), true);
            QCOMPARE(r.value(u"status"_s).toString(), u"DryRun"_s);
            QVERIFY(r.value(u"error"_s).isNull());
        }
        const QJsonObject refused = byId(results, linuxIds.first());
        QCOMPARE(refused.value(u"ok"_s).toBool(), false);
        QCOMPARE(refused.value(u"status"_s).toString(), u"Refused"_s);
        QCOMPARE(
            refused.value(u"error"_s).toObject().value(u"code"_s).toString(), u"NotEligible"_s);
        QVERIFY(refused.value(u"error"_s)
                    .toObject()
                    .value(u"message"_s)
                    .toString()
                    .contains(u"Linux"_s));
        QVERIFY(run.errText().contains(u"Dry run"_s));
        QVERIFY(!run.errText().contains(u"Looking up"_s)); // no progress without a terminal
        QCOMPARE(m_sim.countRequests(u"POST"_s, u"/offboard"_s), 0);
        QCOMPARE(m_sim.countRequests(u"GET"_s, u"/api/machines/"_s), 3);

        // Only eligible devices: a dry run is a success, and still sends nothing.
        const Run clean
            = m_cli.run(args({u"offboard"_s, u"--comment=x"_s, u"--dry-run"_s, ok.first()}));
        QCOMPARE(clean.exitCode, 0);
        QVERIFY(clean.out.contains(ok.first().toLatin1()));
        QCOMPARE(m_sim.countRequests(u"POST"_s, u"/offboard"_s), 0);
    }

    void offboardsAndAudits()
    {
        const QStringList ids = next(u"Windows10"_s, 2);
        QCOMPARE(ids.size(), 2);
        m_sim.clearRequests();
        const Run run = m_cli.run(args({u"--format"_s, u"json"_s, u"offboard"_s, u"--comment"_s,
            u"decommissioned"_s, u"--yes"_s, ids.at(0), ids.at(1)}));
        QCOMPARE(run.exitCode, 0);
        const QJsonArray results = run.json();
        QCOMPARE(results.size(), 2);
        QStringList actionIds;
        for (const QString &id : ids) {
            const QJsonObject r = byId(results, id);
            QCOMPARE(r.value(u"ok"_s).toBool(), true);
            QCOMPARE(r.value(u"status"_s).toString(), u"Pending"_s);
            QVERIFY(!r.value(u"computerDnsName"_s).toString().isEmpty());
            actionIds.append(r.value(u"actionId"_s).toString());
            QVERIFY(!actionIds.last().isEmpty());
        }
        QCOMPARE(m_sim.countRequests(u"POST"_s, u"/offboard"_s), 2);

        AuditLog audit;
        QVERIFY2(audit.open(m_cli.auditPath()), qPrintable(audit.errorString()));
        int found = 0;
        const QList<AuditRecord> records = audit.records();
        for (const AuditRecord &record : records) {
            if (!ids.contains(record.machineId))
                continue;
            ++found;
            QCOMPARE(record.state, AuditRecord::State::Succeeded);
            QCOMPARE(record.comment, u"decommissioned"_s);
            QCOMPARE(record.requestor, AppClientId);
            QVERIFY(actionIds.contains(record.actionId));
        }
        QCOMPARE(found, 2);
    }

    void alreadyPending()
    {
        const QStringList ids = next(u"Windows11"_s, 1);
        QCOMPARE(ids.size(), 1);
        const Run first = m_cli.run(
            args({u"--format=json"_s, u"offboard"_s, u"--comment=one"_s, u"--yes"_s, ids.first()}));
        QCOMPARE(first.exitCode, 0);
        const QString actionId = first.json().first().toObject().value(u"actionId"_s).toString();
        QVERIFY(!actionId.isEmpty());

        const Run again = m_cli.run(
            args({u"--format=json"_s, u"offboard"_s, u"--comment=two"_s, u"--yes"_s, ids.first()}));
        QCOMPARE(again.exitCode, 1);
        const QJsonObject r = again.json().first().toObject();
        QCOMPARE(r.value(u"ok"_s).toBool(), false);
        QCOMPARE(r.value(u"error"_s).toObject().value(u"code"_s).toString(),
            u"ActiveRequestAlreadyExists"_s);
        QCOMPARE(r.value(u"actionId"_s).toString(), actionId);
    }

    void refusedAndMissingDevices()
    {
        const QStringList ok = next(u"Windows10"_s, 1);
        const QString missing = u"00000000000000000000000000000000000000ff"_s;
        m_sim.clearRequests();
        const Run run = m_cli.run(args(
            {u"--format=csv"_s, u"offboard"_s, u"--comment=x"_s, u"--yes"_s, missing, ok.first()}));
        QCOMPARE(run.exitCode, 1);
        const QStringList rows = QString::fromUtf8(run.out).split(u"\r\n"_s, Qt::SkipEmptyParts);
        QCOMPARE(rows.size(), 3);
        QCOMPARE(rows.first(),
            u"machineId,computerDnsName,ok,actionId,status,errorCode,errorMessage,errorTarget"_s);
        QVERIFY(rows.at(1).startsWith(missing + u",,false,,Refused,ResourceNotFound,"_s));
        QVERIFY(rows.at(2).contains(u",true,"_s));
        QCOMPARE(m_sim.countRequests(u"POST"_s, u"/offboard"_s), 1);
    }
};

QTEST_GUILESS_MAIN(TestCliOffboard)
#include "tst_clioffboard.moc"
