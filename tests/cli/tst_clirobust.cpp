// SPDX-License-Identifier: MIT
// mde-offboard-cli end to end: the window's saved settings as defaults (and its policy), 429
// on look-ups, an ambiguous offboard never sent twice, an interrupt before anything is sent.
#include "appsettings.h"
#include "auditlog.h"
#include "clitest.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace CliTest;

class TestCliRobust final : public SimTest
{
    Q_OBJECT

private:
private Q_SLOTS:
    void initTestCase() { QVERIFY(startTenant(50)); }

    void windowSettingsAreDefaults()
    {
        Cli cli; // its own config folder
        AppSettings saved;
        saved.apiUrl = m_sim.url().toString();
        saved.loginUrl = m_sim.url().toString();
        saved.tenant = Tenant;
        saved.clientId = AppClientId;
        saved.osPolicy = u"2026"_s; // the window allows Linux
        QVERIFY(QDir().mkpath(QFileInfo(cli.settingsPath()).path()));
        {
            QSettings file(cli.settingsPath(), QSettings::IniFormat);
            saved.save(file);
        }
        const Run list = cli.run({u"--format=json"_s, u"machines"_s});
        QCOMPARE(list.exitCode, 0);
        QCOMPARE(list.json().size(), 50);

        const QStringList linuxIds = deviceIds(m_machines, u"Linux"_s, 1, m_used);
        QCOMPARE(linuxIds.size(), 1);
        const Run dry = cli.run({u"--format=json"_s, u"offboard"_s, u"--comment=x"_s,
            u"--dry-run"_s, linuxIds.first()});
        QCOMPARE(dry.exitCode, 0);
        QCOMPARE(dry.json().first().toObject().value(u"status"_s).toString(), u"DryRun"_s);
        // Without the window's 2026 policy the same device is refused.
        const Run refused = m_cli.run(args({u"--format=json"_s, u"offboard"_s, u"--comment=x"_s,
            u"--dry-run"_s, linuxIds.first()}));
        QCOMPARE(refused.exitCode, 1);

        // The command line wins over the saved settings.
        const Run closed
            = cli.run({u"--api-url"_s, u"http://127.0.0.1:%1"_s.arg(closedPort()), u"machines"_s});
        QCOMPARE(closed.exitCode, 4);
    }

    void rateLimitedLookUpsWait()
    {
        const QStringList ids = deviceIds(m_machines, u"Windows11"_s, 1, m_used);
        m_used += ids;
        m_sim.clearRequests();
        m_sim.addFault(QJsonObject {
            {u"endpoint"_s, u"machine"_s}, {u"tooManyBurst"_s, 2}, {u"retryAfterSeconds"_s, 1}});
        const Run run = m_cli.run(args(
            {u"--format=json"_s, u"offboard"_s, u"--comment=x"_s, u"--dry-run"_s, ids.first()}));
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.json().first().toObject().value(u"ok"_s).toBool(), true);
        QCOMPARE(m_sim.countRequests(u"GET"_s, u"/api/machines/"_s), 3); // 429, 429, 200
    }

    void ambiguousOffboardIsNotResent()
    {
        const QStringList ids = deviceIds(m_machines, u"Windows10"_s, 1, m_used);
        m_used += ids;
        m_sim.clearRequests();
        // The service takes the offboard, then the connection drops before the answer.
        m_sim.addFault(QJsonObject {{u"endpoint"_s, u"offboard"_s}, {u"resetAfterOffboard"_s, 1}});
        const Run run = m_cli.run(args(
            {u"--format=json"_s, u"offboard"_s, u"--comment=gone"_s, u"--yes"_s, ids.first()}));
        QCOMPARE(run.exitCode, 0);
        const QJsonObject result = run.json().first().toObject();
        QCOMPARE(result.value(u"ok"_s).toBool(), true);
        QVERIFY(!result.value(u"actionId"_s).toString().isEmpty());
        QCOMPARE(m_sim.countRequests(u"POST"_s, u"/offboard"_s), 1);
    }

    void reconcilesEarlierRecords()
    {
        Cli cli; // its own audit log
        const QStringList ids = deviceIds(m_machines, u"Windows11"_s, 2, m_used);
        m_used += ids;
        QCOMPARE(ids.size(), 2);
        const QStringList target
            = args({u"--format=json"_s, u"offboard"_s, u"--comment=x"_s, u"--yes"_s});
        // The first device is offboarded, then a crashed run is faked: an older record of an
        // offboard sent for it whose answer never arrived, and an intent never sent.
        const Run first = cli.run(target + QStringList {ids.at(0)});
        QCOMPARE(first.exitCode, 0);
        const QString actionId = first.json().first().toObject().value(u"actionId"_s).toString();
        qint64 sent = -1;
        qint64 intent = -1;
        {
            AuditLog audit;
            QVERIFY(audit.open(cli.auditPath()));
            const qint64 past = QDateTime::currentMSecsSinceEpoch() - 3 * 60000;
            audit.setClock([past] { return past; });
            sent = audit.recordIntent(
                AuditRecord::Kind::Offboard, ids.at(0), {}, u"x"_s, u"crashed run"_s);
            QVERIFY(audit.markSent(sent));
            intent = audit.recordIntent(
                AuditRecord::Kind::Offboard, ids.at(1), {}, u"x"_s, u"crashed run"_s);
            QVERIFY(intent > 0);
        }
        // Any later offboard settles them, here one of the second device.
        const Run second = cli.run(target + QStringList {ids.at(1)});
        QCOMPARE(second.exitCode, 0);
        AuditLog audit;
        QVERIFY(audit.open(cli.auditPath()));
        QCOMPARE(audit.record(sent).state, AuditRecord::State::Reconciled);
        QCOMPARE(audit.record(sent).actionId, actionId);
        QCOMPARE(audit.record(intent).state, AuditRecord::State::NotSent);
        QVERIFY(audit.unresolvedRecords().isEmpty());
    }

    void confirmsOnTerminal_data()
    {
        QTest::addColumn<QByteArray>("answer");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<int>("posts");
        QTest::newRow("no") << QByteArray("n\n") << 1 << 0;
        QTest::newRow("yes") << QByteArray("y\n") << 0 << 1;
    }
    void confirmsOnTerminal()
    {
        QFETCH(QByteArray, answer);
        QFETCH(int, exitCode);
        QFETCH(int, posts);
        // script(1) gives the CLI a pseudo-terminal on its standard streams.
        const QString script = QStandardPaths::findExecutable(u"script"_s);
        if (script.isEmpty())
            QSKIP("script(1) from util-linux is not installed");
        const QStringList ids = deviceIds(m_machines, u"Windows11"_s, 1, m_used);
        m_used += ids;
        QStringList words {QStringLiteral(MDE_CLI_BIN)};
        words += args({u"offboard"_s, u"--comment=x"_s, ids.first()});
        for (QString &word : words)
            word = u"'"_s + word + u"'"_s;
        m_sim.clearRequests();
        const Run run = m_cli.run(
            {script, u"-qec"_s, words.join(u' '), u"/dev/null"_s}, answer, true, Secret, true);
        QCOMPARE(run.exitCode, exitCode);
        const QString terminal = QString::fromUtf8(run.out);
        QVERIFY2(terminal.contains(u"About to offboard 1 device"_s), qPrintable(terminal));
        QVERIFY(terminal.contains(u"Offboard these devices? [y/N]"_s));
        QVERIFY(terminal.contains(u"Looking up devices: 1/1"_s)); // progress on a terminal
        QCOMPARE(m_sim.countRequests(u"POST"_s, u"/offboard"_s), posts);
    }

    void interruptBeforeSending()
    {
        // 101 ids: the rate budget lets 100 look-ups go, the last one waits for the window.
        QStringList ids;
        for (int i = 0; i < 101; ++i)
            ids.append(QString::fromLatin1(
                QCryptographicHash::hash(QByteArray::number(i), QCryptographicHash::Sha1).toHex()));
        m_sim.clearRequests();
        const auto process = m_cli.start(args(
            QStringList {u"--format=json"_s, u"offboard"_s, u"--comment=x"_s, u"--yes"_s} + ids));
        QCOMPARE(process->state(), QProcess::Running);
        QTRY_VERIFY_WITH_TIMEOUT(m_sim.countRequests(u"GET"_s, u"/api/machines/"_s) >= 100, 30000);
        process->terminate();
        QVERIFY(process->waitForFinished(30000));
        QCOMPARE(process->exitStatus(), QProcess::NormalExit);
        QCOMPARE(process->exitCode(), 1);
        QVERIFY(process->readAllStandardError().contains("nothing was sent"));
        QCOMPARE(m_sim.countRequests(u"GET"_s, u"/api/machines/"_s), 100);
        QCOMPARE(m_sim.countRequests(u"POST"_s, u"/offboard"_s), 0);
    }
};

QTEST_GUILESS_MAIN(TestCliRobust)
#include "tst_clirobust.moc"
