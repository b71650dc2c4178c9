// SPDX-License-Identifier: MIT
#include "validation.h"

#include <QTest>

using namespace Qt::StringLiterals;
using Validation::CommentProblem;

class TestValidation : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void machineIds_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<bool>("valid");
        QTest::newRow("lower") << u"556b3952acb0bff29816d267822305781cc183ec"_s << true;
        QTest::newRow("upper") << u"556B3952ACB0BFF29816D267822305781CC183EC"_s << true;
        QTest::newRow("39") << u"556b3952acb0bff29816d267822305781cc183e"_s << false;
        QTest::newRow("41") << u"556b3952acb0bff29816d267822305781cc183ec0"_s << false;
        QTest::newRow("non-hex") << u"556b3952acb0bff29816d267822305781cc183eg"_s << false;
        QTest::newRow("slash") << u"556b3952acb0bff29816d267822305781cc1/../"_s << false;
        QTest::newRow("empty") << QString() << false;
        QTest::newRow("fullwidth digit")
            << u"556b3952acb0bff29816d267822305781cc183e\uFF11"_s << false;
    }
    void machineIds()
    {
        QFETCH(QString, id);
        QFETCH(bool, valid);
        QCOMPARE(Validation::isMachineId(id), valid);
    }

    void actionIds_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<bool>("valid");
        QTest::newRow("guid") << u"7f3c2b1e-5a4d-4e6f-9a8b-1c2d3e4f5a6b"_s << true;
        QTest::newRow("upper") << u"7F3C2B1E-5A4D-4E6F-9A8B-1C2D3E4F5A6B"_s << true;
        QTest::newRow("braces") << u"{7f3c2b1e-5a4d-4e6f-9a8b-1c2d3e4f5a6b}"_s << false;
        QTest::newRow("no dashes") << u"7f3c2b1e5a4d4e6f9a8b1c2d3e4f5a6b"_s << false;
        QTest::newRow("dash moved") << u"7f3c2b1e5-a4d-4e6f-9a8b-1c2d3e4f5a6b"_s << false;
        QTest::newRow("query") << u"7f3c2b1e-5a4d-4e6f-9a8b-1c2d3e4f5a?b"_s << false;
        QTest::newRow("empty") << QString() << false;
    }
    void actionIds()
    {
        QFETCH(QString, id);
        QFETCH(bool, valid);
        QCOMPARE(Validation::isActionId(id), valid);
    }

    void computerNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("valid");
        QTest::newRow("fqdn") << u"computer.contoso.com"_s << true;
        QTest::newRow("short") << u"SE-POV-DESKTOP"_s << true;
        QTest::newRow("underscore") << u"lab_pc01"_s << true;
        QTest::newRow("dot") << u"."_s << false;
        QTest::newRow("dotdot") << u".."_s << false;
        QTest::newRow("inner dotdot") << u"a..b"_s << false;
        QTest::newRow("slash") << u"a/b"_s << false;
        QTest::newRow("query") << u"a?b"_s << false;
        QTest::newRow("percent") << u"a%2fb"_s << false;
        QTest::newRow("space") << u"a b"_s << false;
        QTest::newRow("leading dash") << u"-a"_s << false;
        QTest::newRow("empty") << QString() << false;
        QTest::newRow("long") << QString(256, u'a') << false;
    }
    void computerNames()
    {
        QFETCH(QString, name);
        QFETCH(bool, valid);
        QCOMPARE(Validation::isComputerName(name), valid);
    }

    void comments_data()
    {
        QTest::addColumn<QString>("comment");
        QTest::addColumn<CommentProblem>("problem");
        QTest::newRow("plain") << u"Decommissioned, ticket 4711"_s << CommentProblem::None;
        QTest::newRow("trimmed") << u"  \n ok \t"_s << CommentProblem::None;
        QTest::newRow("umlauts") << u"Gerät ausgemustert – Ticket 12"_s << CommentProblem::None;
        QTest::newRow("rtl text") << u"\u05E9\u05DC\u05D5\u05DD"_s << CommentProblem::None;
        QTest::newRow("empty") << QString() << CommentProblem::Empty;
        QTest::newRow("blank") << u"  \t\n "_s << CommentProblem::Empty;
        QTest::newRow("1000") << QString(1000, u'x') << CommentProblem::None;
        QTest::newRow("1000 padded")
            << u"  "_s + QString(1000, u'x') + u"  "_s << CommentProblem::None;
        QTest::newRow("1001") << QString(1001, u'x') << CommentProblem::TooLong;
        QString emoji;
        for (int i = 0; i < 1000; ++i)
            emoji += u"\U0001F600"_s; // 2000 QChars, 1000 characters
        QTest::newRow("1000 emoji") << emoji << CommentProblem::None;
        QTest::newRow("1001 emoji") << emoji + u"\U0001F600"_s << CommentProblem::TooLong;
        QTest::newRow("newline") << u"a\nb"_s << CommentProblem::ControlCharacter;
        QTest::newRow("tab") << u"a\tb"_s << CommentProblem::ControlCharacter;
        QTest::newRow("nul") << u"a"_s + QChar(0) + u"b"_s << CommentProblem::ControlCharacter;
        QTest::newRow("escape") << u"a\x1b[31mb"_s << CommentProblem::ControlCharacter;
        QTest::newRow("c1") << u"a\u0085b"_s << CommentProblem::ControlCharacter;
        QTest::newRow("del") << u"a\u007Fb"_s << CommentProblem::ControlCharacter;
        QTest::newRow("line separator") << u"a\u2028b"_s << CommentProblem::ControlCharacter;
        QTest::newRow("rlo") << u"invoice\u202Egpj.exe"_s << CommentProblem::ControlCharacter;
        QTest::newRow("lre") << u"a\u202Ab"_s << CommentProblem::ControlCharacter;
        QTest::newRow("isolate") << u"a\u2066b\u2069"_s << CommentProblem::ControlCharacter;
        QTest::newRow("lone surrogate")
            << u"a"_s + QChar(0xD800) + u"b"_s << CommentProblem::ControlCharacter;
    }
    void comments()
    {
        QFETCH(QString, comment);
        QFETCH(CommentProblem, problem);
        QCOMPARE(Validation::checkComment(comment), problem);
        QCOMPARE(
            Validation::commentProblemText(problem).isEmpty(), problem == CommentProblem::None);
    }
};

QTEST_GUILESS_MAIN(TestValidation)
#include "tst_validation.moc"
