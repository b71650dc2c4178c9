// SPDX-License-Identifier: MIT
// mde-offboard-cli end to end: machines, actions, cancel, help, sign-in and network failures.
#include "clitest.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace CliTest;

class TestCliCommands final : public SimTest
{
    Q_OBJECT

private:
    QStringList g() const { return Cli::globals(m_sim.url()); }

private Q_SLOTS:
    void initTestCase() { QVERIFY(startTenant(40)); }

    void help()
    {
        const Run run = m_cli.run({u"--help"_s}, {}, false);
        QCOMPARE(run.exitCode, 0);
        const QString text = QString::fromUtf8(run.out);
        for (const QString &word : {u"machines"_s, u"offboard"_s, u"actions"_s, u"cancel"_s,
                 u"--from FILE|-"_s, u"--login-url"_s, u"Exit status"_s})
            QVERIFY2(text.contains(word), qPrintable(word));
        const Run none = m_cli.run({}, {}, false);
        QCOMPARE(none.exitCode, 2);
        QVERIFY(none.errText().contains(u"--help"_s));
    }

    void machinesInEveryFormat()
    {
        const QJsonObject first = m_machines.first().toObject();
        for (const QString &field : {u"id"_s, u"computerDnsName"_s, u"osPlatform"_s,
                 u"healthStatus"_s, u"onboardingStatus"_s, u"lastSeen"_s, u"machineTags"_s})
            QVERIFY2(first.contains(field), qPrintable(field));

        const Run table = m_cli.run(args({u"machines"_s}));
        QCOMPARE(table.exitCode, 0);
        const QStringList lines = QString::fromUtf8(table.out).split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 41);
        QVERIFY(lines.first().startsWith(u"id  "_s));
        QVERIFY(lines.at(1).startsWith(first.value(u"id"_s).toString() + u"  "_s));
        // Aligned: the second column starts at the same place on every line.
        const qsizetype column = lines.first().indexOf(u"computerDnsName"_s);
        QVERIFY(column > 0);
        QCOMPARE(lines.at(5).at(column - 1), QChar(u' '));
        QVERIFY(lines.at(5).at(column) != QChar(u' '));

        const Run csv = m_cli.run(args({u"--format"_s, u"csv"_s, u"machines"_s}));
        QCOMPARE(csv.exitCode, 0);
        const QStringList rows = QString::fromUtf8(csv.out).split(u"\r\n"_s, Qt::SkipEmptyParts);
        QCOMPARE(rows.size(), 41);
        QVERIFY(rows.first().startsWith(u"id,computerDnsName,osPlatform"_s));
        QVERIFY(rows.at(1).startsWith(first.value(u"id"_s).toString() + u','));
    }

    void machinesFilteredAndSearched()
    {
        int linuxCount = 0;
        for (const auto &m : std::as_const(m_machines))
            linuxCount += m.toObject().value(u"osPlatform"_s).toString() == u"Linux"_s;
        QVERIFY(linuxCount > 0);
        m_sim.clearRequests();
        const Run run = m_cli.run(
            args({u"--format=json"_s, u"machines"_s, u"--filter"_s, u"osPlatform eq 'Linux'"_s}));
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.json().size(), linuxCount);
        for (const auto &m : run.json())
            QCOMPARE(m.toObject().value(u"osPlatform"_s).toString(), u"Linux"_s);
        QCOMPARE(m_sim.countRequests(u"GET"_s, u"$filter="_s), 1);

        const QString name = m_machines.at(3).toObject().value(u"computerDnsName"_s).toString();
        const Run search = m_cli.run(args({u"--format=json"_s, u"machines"_s, u"--search"_s,
            name.left(name.indexOf(u'.') < 0 ? name.size() : name.indexOf(u'.')).toUpper()}));
        QCOMPARE(search.exitCode, 0);
        QCOMPARE(search.json().size(), 1);
        QCOMPARE(search.json().first().toObject().value(u"computerDnsName"_s).toString(), name);
    }

    void actionsAndCancel()
    {
        const QStringList ids = deviceIds(m_machines, u"Windows11"_s, 1, m_used);
        QCOMPARE(ids.size(), 1);
        const Run offboard = m_cli.run(args({u"--format=json"_s, u"offboard"_s, u"--comment"_s,
            u"cli test"_s, u"--yes"_s, ids.first()}));
        QCOMPARE(offboard.exitCode, 0);
        const QString actionId = offboard.json().first().toObject().value(u"actionId"_s).toString();
        QVERIFY(!actionId.isEmpty());

        const Run list = m_cli.run(args({u"--format=json"_s, u"actions"_s, u"--machine"_s,
            ids.first(), u"--type"_s, u"Offboard"_s, u"--status"_s, u"Pending"_s}));
        QCOMPARE(list.exitCode, 0);
        QCOMPARE(list.json().size(), 1);
        const QJsonObject action = list.json().first().toObject();
        QCOMPARE(action.value(u"id"_s).toString(), actionId);
        QCOMPARE(action.value(u"requestorComment"_s).toString(), u"cli test"_s);
        QCOMPARE(action.value(u"machineId"_s).toString(), ids.first());

        const Run cancel = m_cli.run(
            args({u"--format=json"_s, u"cancel"_s, u"--comment"_s, u"wrong device"_s, actionId}));
        QCOMPARE(cancel.exitCode, 0);
        const QJsonObject result = cancel.json().first().toObject();
        QCOMPARE(result.value(u"ok"_s).toBool(), true);
        QCOMPARE(result.value(u"status"_s).toString(), u"Cancelled"_s);
        QCOMPARE(result.value(u"machineId"_s).toString(), ids.first());

        // Cancelling again: the action is final, so no second cancel is sent.
        m_sim.clearRequests();
        const Run again = m_cli.run(
            args({u"--format=json"_s, u"cancel"_s, u"--comment"_s, u"again"_s, actionId}));
        QCOMPARE(again.exitCode, 1);
        QCOMPARE(again.json().first().toObject().value(u"ok"_s).toBool(), false);
        QCOMPARE(m_sim.countRequests(u"POST"_s, u"/cancel"_s), 0);

        const Run unknown = m_cli.run(
            args({u"cancel"_s, u"--comment"_s, u"x"_s, u"00000000-0000-4000-8000-000000000000"_s}));
        QCOMPARE(unknown.exitCode, 1);
    }

    void signInFailures()
    {
        m_sim.clearRequests();
        const Run none = m_cli.run(args({u"machines"_s}), {}, false);
        QCOMPARE(none.exitCode, 3);
        QVERIFY(none.errText().contains(u"MDE_CLIENT_SECRET"_s));
        QVERIFY(none.errText().contains(u"window"_s));
        QCOMPARE(m_sim.requests().size(), 0);

        const Run wrong = m_cli.run(args({u"machines"_s}), {}, true, u"not-the-secret"_s);
        QCOMPARE(wrong.exitCode, 3);
        QVERIFY(!wrong.errText().contains(u"not-the-secret"_s));
        QCOMPARE(m_sim.countRequests(u"GET"_s, u"/api/"_s), 0);
    }

    void unreachableService()
    {
        const quint16 port = closedPort();
        QVERIFY(port > 0);
        QStringList closed = g();
        closed[1] = u"http://127.0.0.1:%1"_s.arg(port);
        QCOMPARE(m_cli.run(closed + QStringList {u"machines"_s}).exitCode, 4);
        QCOMPARE(m_cli.run(closed + QStringList {u"actions"_s}).exitCode, 4);
        const QStringList ids = deviceIds(m_machines, u"Windows10"_s, 1, m_used);
        const Run offboard = m_cli.run(
            closed + QStringList {u"offboard"_s, u"--comment=x"_s, u"--yes"_s, ids.first()});
        QCOMPARE(offboard.exitCode, 4);
        QVERIFY(offboard.errText().contains(u"Nothing was sent"_s));
        // The sign-in service unreachable too.
        closed[3] = closed.at(1);
        QCOMPARE(m_cli.run(closed + QStringList {u"machines"_s}).exitCode, 4);
    }
};

QTEST_GUILESS_MAIN(TestCliCommands)
#include "tst_clicommands.moc"
