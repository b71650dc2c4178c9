// SPDX-License-Identifier: MIT
// The CLI's pure parts: the command line, the --from reader and the output formatting.
#include "cliargs.h"
#include "clicommand.h"
#include "idinput.h"
#include "output.h"

#include <QFile>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
const QString IdA = u"0123456789abcdef0123456789abcdef01234567"_s;
const QString IdB = u"89abcdef0123456789abcdef0123456789abcdef"_s;
} // namespace

class TestCliParse final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void refusesBadInput_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("no command") << QStringList {} << u"No command"_s;
        QTest::newRow("unknown command") << QStringList {u"purge"_s} << u"Unknown command"_s;
        QTest::newRow("unknown option")
            << QStringList {u"machines"_s, u"--all"_s} << u"Unknown option --all"_s;
        QTest::newRow("option of another command")
            << QStringList {u"machines"_s, u"--yes"_s} << u"not an option of the machines"_s;
        QTest::newRow("missing value")
            << QStringList {u"machines"_s, u"--filter"_s} << u"needs a value"_s;
        QTest::newRow("bad format")
            << QStringList {u"--format"_s, u"xml"_s, u"machines"_s} << u"table, json or csv"_s;
        QTest::newRow("bad cloud")
            << QStringList {u"--cloud=mars"_s, u"machines"_s} << u"gcc-high"_s;
        QTest::newRow("plain http") << QStringList {u"--api-url"_s, u"http://example.com"_s,
            u"machines"_s} << u"--api-url"_s;
        QTest::newRow("bad tenant")
            << QStringList {u"--tenant"_s, u"x/../y"_s, u"machines"_s} << u"--tenant"_s;
        QTest::newRow("no comment") << QStringList {u"offboard"_s, IdA} << u"--comment"_s;
        QTest::newRow("empty comment")
            << QStringList {u"offboard"_s, u"--comment"_s, u"  "_s, IdA} << u"--comment"_s;
        QTest::newRow("control character")
            << QStringList {u"offboard"_s, u"--comment"_s, u"a\u0007b"_s, IdA} << u"--comment"_s;
        QTest::newRow("bad id") << QStringList {u"offboard"_s, u"--comment=x"_s, u"abc"_s}
                                << u"\"abc\" is not a device id"_s;
        QTest::newRow("no ids") << QStringList {u"offboard"_s, u"--comment=x"_s}
                                << u"needs device ids"_s;
        QTest::newRow("ids and from") << QStringList {u"offboard"_s, u"--comment=x"_s, u"--from"_s,
            u"f.csv"_s, IdA} << u"not both"_s;
        QTest::newRow("twice") << QStringList {u"offboard"_s, u"--comment=x"_s, u"--comment=y"_s,
            IdA} << u"more than once"_s;
        QTest::newRow("bad status")
            << QStringList {u"actions"_s, u"--status"_s, u"Done"_s} << u"--status"_s;
        QTest::newRow("bad type") << QStringList {u"actions"_s, u"--type"_s,
            u"Offboard' or 1 eq 1"_s}
                                  << u"--type"_s;
        QTest::newRow("bad machine")
            << QStringList {u"actions"_s, u"--machine"_s, u"x'"_s} << u"--machine"_s;
        QTest::newRow("bad action id")
            << QStringList {u"cancel"_s, u"--comment=x"_s, u"nope"_s} << u"not an action id"_s;
        QTest::newRow("two action ids")
            << QStringList {u"cancel"_s, u"--comment=x"_s, u"a"_s, u"b"_s} << u"exactly one"_s;
    }
    void refusesBadInput()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, fragment);
        const CliParseResult result = CliArguments::parse(args);
        QCOMPARE(result.outcome, CliParseResult::Outcome::Error);
        QVERIFY2(result.error.contains(fragment), qPrintable(result.error));
    }

    void parsesOffboard()
    {
        const CliParseResult r = CliArguments::parse(
            {u"--format=json"_s, u"offboard"_s, u"--comment"_s, u" stale device "_s, IdA.toUpper(),
                u"--dry-run"_s, IdB, IdA, u"--tenant"_s, u"contoso.onmicrosoft.com"_s});
        QCOMPARE(r.outcome, CliParseResult::Outcome::Run);
        QCOMPARE(r.options.command, CliOptions::Command::Offboard);
        QCOMPARE(r.options.format, OutputFormat::Json);
        QCOMPARE(r.options.comment, u"stale device"_s);
        QVERIFY(r.options.dryRun);
        QVERIFY(!r.options.yes);
        QCOMPARE(r.options.ids, (QStringList {IdA, IdB}));
        QCOMPARE(r.options.duplicateIds, QStringList {IdA});
        QCOMPARE(r.options.tenant.value_or(QString()), u"contoso.onmicrosoft.com"_s);
        QVERIFY(!r.options.apiUrl);
    }

    void parsesActionsAndHelp()
    {
        const CliParseResult r = CliArguments::parse(
            {u"actions"_s, u"--status=pending"_s, u"--type"_s, u"offboard"_s, u"--machine"_s, IdA});
        QCOMPARE(r.outcome, CliParseResult::Outcome::Run);
        QCOMPARE(ActionsCommand::filterFor(r.options),
            u"machineId eq '%1' and status eq 'Pending' and type eq 'Offboard'"_s.arg(IdA));
        QCOMPARE(CliArguments::parse({u"offboard"_s, u"--help"_s}).outcome,
            CliParseResult::Outcome::Help);
        const QString help = CliArguments::helpText();
        for (const QString &word : {u"--from"_s, u"--dry-run"_s, u"MDE_CLIENT_SECRET"_s,
                 u"Device ID"_s, u"ActiveRequestAlreadyExists"_s, u"--ca-file"_s, u"4  "_s})
            QVERIFY2(help.contains(word), qPrintable(word));
    }

    void helpAndManualDocumentEverything()
    {
        const QString manPath = QFINDTESTDATA("../../docs/mde-offboard-cli.1");
        QFile file(manPath);
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(manPath));
        // The manual escapes dashes: "\-\-dry\-run".
        const QString manual = QString::fromUtf8(file.readAll()).replace(u"\\-"_s, u"-"_s);
        const QString help = CliArguments::helpText();
        QStringList words;
        for (const QString &name : CliArguments::optionNames())
            words.append(u"--"_s + name);
        words += CliArguments::actionStatuses() + CliArguments::actionTypes();
        words += QStringList {u"machines"_s, u"offboard"_s, u"actions"_s, u"cancel"_s,
            u"MDE_CLIENT_SECRET"_s, u"ActiveRequestAlreadyExists"_s, u"Device ID"_s,
            u"NotEligible"_s, u"DryRun"_s};
        for (const QString &word : std::as_const(words)) {
            QVERIFY2(manual.contains(word), qPrintable(u"manual: "_s + word));
            if (!CliArguments::actionTypes().contains(word))
                QVERIFY2(help.contains(word), qPrintable(u"help: "_s + word));
        }
        for (int code = 0; code <= 4; ++code) {
            QVERIFY(help.contains(u"\n  %1  "_s.arg(code)));
            QVERIFY(manual.contains(u".B %1\n"_s.arg(code)));
        }
    }

    void readsIds_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QStringList>("ids");
        QTest::addColumn<int>("skipped");
        QTest::addColumn<QString>("column");
        const QByteArray a = IdA.toLatin1();
        const QByteArray b = IdB.toLatin1();
        QTest::newRow("plain") << QByteArray(a + "\n\n" + b.toUpper() + "\r\n" + a + "\n")
                               << QStringList {IdA, IdB} << 2 << QString();
        QTest::newRow("csv id") << QByteArray("name,id\nx," + a + "\n\ny,\"" + b + "\"\n")
                                << QStringList {IdA, IdB} << 1 << u"id"_s;
        QTest::newRow("csv machineId, bom, quoted comma")
            << QByteArray(
                   "\xef\xbb\xbfmachineId,note\r\n" + a + ",\"a, \"\"b\"\"\"\r\n" + a + ",\r\n")
            << QStringList {IdA} << 1 << u"machineId"_s;
        QTest::newRow("portal export")
            << QByteArray("\"Device ID\";\"Device Name\"\n\"" + b + "\";\"multi\nline\"\n")
            << QStringList {IdB} << 0 << u"Device ID"_s;
    }
    void readsIds()
    {
        QFETCH(QByteArray, input);
        QFETCH(QStringList, ids);
        QFETCH(int, skipped);
        QFETCH(QString, column);
        const IdInput result = IdInput::parse(input);
        QVERIFY2(result.isOk(), qPrintable(result.error));
        QCOMPARE(result.ids, ids);
        QCOMPARE(result.skipped.size(), skipped);
        QCOMPARE(result.column, column);
    }

    void reportsSkippedLines()
    {
        const QByteArray a = IdA.toLatin1();
        const IdInput result = IdInput::parse("id\n" + a + "\n\n" + a + "\n");
        QCOMPARE(result.skipped.size(), 2);
        QCOMPARE(result.skipped.at(0).line, 3);
        QCOMPARE(result.skipped.at(0).reason, u"blank line"_s);
        QCOMPARE(result.skipped.at(1).line, 4);
        QCOMPARE(result.skipped.at(1).reason, u"duplicate of line 2"_s);
    }

    void refusesBadFiles()
    {
        QVERIFY(!IdInput::parse(IdA.toLatin1() + "\nnot-an-id\n").isOk());
        QVERIFY(IdInput::parse(IdA.toLatin1() + "\nnot-an-id\n").error.contains(u"Line 2"_s));
        QVERIFY(!IdInput::parse("name,os\nx,y\n").isOk());
    }

    void formatsTablesAndCsv()
    {
        const QString table = Output::table({u"id"_s, u"name"_s}, {{u"1"_s, u"a\u001b[31m"_s}});
        QCOMPARE(table, u"id  name\n1   a [31m\n"_s);
        const QString csv = Output::csv({u"id"_s, u"name"_s}, {{u"1"_s, u"=cmd,x"_s}});
        QCOMPARE(csv, u"id,name\r\n1,\"'=cmd,x\"\r\n"_s);
    }
};

QTEST_GUILESS_MAIN(TestCliParse)
#include "tst_cliparse.moc"
