// SPDX-License-Identifier: MIT
// mde-offboard-cli offboard --from: plain lists, CSV with an id / machineId / "Device ID"
// column, standard input, blank lines and duplicates reported.
#include "clitest.h"

#include <QFile>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace CliTest;

class TestCliFrom final : public SimTest
{
    Q_OBJECT

private:
    QString write(const QString &name, const QByteArray &content)
    {
        QFile file(m_files.filePath(name));
        if (!file.open(QIODevice::WriteOnly))
            return {};
        file.write(content);
        return file.fileName();
    }
    static QStringList resultIds(const Run &run)
    {
        QStringList ids;
        const QJsonArray results = run.json();
        for (const auto &value : results)
            ids.append(value.toObject().value(u"machineId"_s).toString());
        return ids;
    }

    QTemporaryDir m_files;
    QStringList m_ids; // eligible devices without actions
    QStringList m_names;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(startTenant(40));
        m_ids = deviceIds(m_machines, u"Windows11"_s, 4, m_used);
        QCOMPARE(m_ids.size(), 4);
        for (const QString &id : std::as_const(m_ids)) {
            for (const auto &m : std::as_const(m_machines)) {
                if (m.toObject().value(u"id"_s).toString() == id)
                    m_names.append(m.toObject().value(u"computerDnsName"_s).toString());
            }
        }
    }

    void fileShapes_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QStringList>("skipped"); // fragments expected on stderr
        const QByteArray a = m_ids.at(0).toLatin1();
        const QByteArray b = m_ids.at(1).toLatin1();
        const QByteArray an = m_names.at(0).toUtf8();
        const QByteArray bn = m_names.at(1).toUtf8();
        QTest::newRow("plain ids") << u"ids.txt"_s << QByteArray(a + "\n\n" + b + "\n" + a + "\n")
                                   << QStringList {u"line 2 skipped: blank line"_s,
                                          u"line 4 skipped: duplicate of line 1"_s};
        QTest::newRow("csv id column")
            << u"ids.csv"_s
            << QByteArray("computerDnsName,id\r\n" + an + "," + a + "\r\n" + bn + "," + b + "\r\n")
            << QStringList {};
        QTest::newRow("csv machineId column")
            << u"actions.csv"_s
            << QByteArray("actionId,machineId\n1," + a + "\n2," + b + "\n3," + b + "\n\n")
            << QStringList {u"line 4 skipped: duplicate of line 3"_s};
        QTest::newRow("portal export")
            << u"export.csv"_s
            << QByteArray("\xef\xbb\xbf\"Device ID\",\"Device Name\",\"Tags\"\r\n\"" + a + "\",\""
                   + an + "\",\"[\"\"a\"\", \"\"b\"\"]\"\r\n\"" + b + "\",\"" + bn + "\",\"\"\r\n")
            << QStringList {};
    }
    void fileShapes()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, content);
        QFETCH(QStringList, skipped);
        const QString path = write(name, content);
        QVERIFY(!path.isEmpty());
        m_sim.clearRequests();
        const Run run = m_cli.run(args({u"--format=json"_s, u"offboard"_s, u"--comment=stale"_s,
            u"--dry-run"_s, u"--from"_s, path}));
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(resultIds(run), (QStringList {m_ids.at(0), m_ids.at(1)}));
        for (const QString &fragment : skipped)
            QVERIFY2(run.errText().contains(fragment), qPrintable(run.errText()));
        if (skipped.isEmpty())
            QVERIFY(!run.errText().contains(u"skipped"_s));
        QCOMPARE(m_sim.countRequests(u"GET"_s, u"/api/machines/"_s), 2);
        QCOMPARE(m_sim.countRequests(u"POST"_s, u"/offboard"_s), 0);
    }

    void standardInput()
    {
        const QByteArray input
            = "id\n" + m_ids.at(2).toUpper().toLatin1() + "\n\n" + m_ids.at(2).toLatin1() + "\n";
        const Run dry = m_cli.run(args({u"--format=json"_s, u"offboard"_s, u"--comment=x"_s,
                                      u"--dry-run"_s, u"--from"_s, u"-"_s}),
            input);
        QCOMPARE(dry.exitCode, 0);
        QCOMPARE(resultIds(dry), QStringList {m_ids.at(2)});
        QVERIFY(dry.errText().contains(u"standard input, line 3 skipped: blank line"_s));
        QVERIFY(dry.errText().contains(u"line 4 skipped: duplicate of line 2"_s));

        m_sim.clearRequests();
        const Run real = m_cli.run(args({u"--format=json"_s, u"offboard"_s, u"--comment=x"_s,
                                       u"--yes"_s, u"--from"_s, u"-"_s}),
            m_ids.at(3).toLatin1() + "\n");
        QCOMPARE(real.exitCode, 0);
        QCOMPARE(real.json().first().toObject().value(u"ok"_s).toBool(), true);
        QCOMPARE(m_sim.countRequests(u"POST"_s, u"/offboard"_s), 1);
    }

    void emptyOrHeaderlessInput_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("blank lines") << QByteArray("\n\n");
        QTest::newRow("csv without id column") << QByteArray("name,os\nwks-1,Windows11\n");
        QTest::newRow("header only") << QByteArray("Device ID\n");
    }
    void emptyOrHeaderlessInput()
    {
        QFETCH(QByteArray, content);
        const QString path = write(u"empty.txt"_s, content);
        m_sim.clearRequests();
        const Run run
            = m_cli.run(args({u"offboard"_s, u"--comment=x"_s, u"--yes"_s, u"--from"_s, path}));
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.errText().contains(u"Nothing was sent"_s));
        QCOMPARE(m_sim.requests().size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestCliFrom)
#include "tst_clifrom.moc"
