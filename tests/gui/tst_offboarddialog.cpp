// SPDX-License-Identifier: MIT
#include "offboarddialog.h"
#include "validation.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

Machine machine(int n)
{
    Machine m;
    m.id = QString::number(n).repeated(40).left(40);
    m.computerDnsName = u"host-%1.contoso.example"_s.arg(n);
    m.osPlatform = u"Windows11"_s;
    m.lastSeen = QDateTime(QDate(2026, 11, 1), QTime(8, 0), Qt::UTC);
    m.rbacGroupName = u"Servers"_s;
    return m;
}

QList<Machine> machines(int count)
{
    QList<Machine> list;
    for (int i = 1; i <= count; ++i)
        list.append(machine(i));
    return list;
}

} // namespace

class TestOffboardDialog final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rejectsBadInput_data();
    void rejectsBadInput();
    void cancelAndEscapeSendNothing();
    void correctInputSendsOneTrimmedRequest_data();
    void correctInputSendsOneTrimmedRequest();
    void excludedDevicesAreShownButNeverSent();
    void counterAndProblemFollowTheComment();
    void nothingEligibleNeverEnables();

private:
    struct Parts
    {
        QLineEdit *comment;
        QLineEdit *confirm;
        QPushButton *offboard;
        QPushButton *cancel;
    };
    static Parts parts(OffboardDialog &dialog)
    {
        return {dialog.findChild<QLineEdit *>(u"commentEdit"_s),
            dialog.findChild<QLineEdit *>(u"confirmEdit"_s),
            dialog.findChild<QPushButton *>(u"offboardButton"_s),
            dialog.findChild<QPushButton *>(u"cancelButton"_s)};
    }
};

void TestOffboardDialog::rejectsBadInput_data()
{
    QTest::addColumn<int>("count");
    QTest::addColumn<QString>("comment");
    QTest::addColumn<QString>("confirmation");

    const QString longComment = QString(1001, u'x');
    QTest::newRow("empty comment") << 1 << QString() << u"host-1.contoso.example"_s;
    QTest::newRow("whitespace comment") << 1 << u"   \u00a0  "_s << u"host-1.contoso.example"_s;
    QTest::newRow("1001 characters") << 1 << longComment << u"host-1.contoso.example"_s;
    QTest::newRow("control character") << 1 << u"retired\u0007box"_s << u"host-1.contoso.example"_s;
    QTest::newRow("line break") << 3 << u"retired\nbox"_s << u"3"_s;
    QTest::newRow("bidi override") << 3 << u"retired \u202e xob"_s << u"3"_s;
    QTest::newRow("wrong name") << 1 << u"retired"_s << u"host-2.contoso.example"_s;
    QTest::newRow("partial name") << 1 << u"retired"_s << u"host-1"_s;
    QTest::newRow("empty confirmation") << 1 << u"retired"_s << QString();
    QTest::newRow("wrong number") << 3 << u"retired"_s << u"2"_s;
    QTest::newRow("name instead of number") << 3 << u"retired"_s << u"host-1.contoso.example"_s;
}

void TestOffboardDialog::rejectsBadInput()
{
    QFETCH(int, count);
    QFETCH(QString, comment);
    QFETCH(QString, confirmation);

    OffboardDialog dialog(machines(count), {});
    dialog.show();
    QSignalSpy requested(&dialog, &OffboardDialog::offboardRequested);
    const Parts p = parts(dialog);
    QVERIFY(p.comment && p.confirm && p.offboard);

    p.comment->setText(comment);
    QTest::keyClicks(p.confirm, confirmation);
    QVERIFY(!p.offboard->isEnabled());
    QVERIFY(!dialog.canOffboard());
    QTest::mouseClick(p.offboard, Qt::LeftButton);
    QTest::keyClick(p.confirm, Qt::Key_Return);
    QCOMPARE(requested.count(), 0);
}

void TestOffboardDialog::cancelAndEscapeSendNothing()
{
    for (const bool useEscape : {false, true}) {
        OffboardDialog dialog(machines(1), {});
        dialog.show();
        QSignalSpy requested(&dialog, &OffboardDialog::offboardRequested);
        const Parts p = parts(dialog);
        QTest::keyClicks(p.comment, u"retired"_s);
        QTest::keyClicks(p.confirm, u"host-1.contoso.example"_s);
        QVERIFY(p.offboard->isEnabled());
        if (useEscape)
            QTest::keyClick(p.confirm, Qt::Key_Escape);
        else
            QTest::mouseClick(p.cancel, Qt::LeftButton);
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QVERIFY(!dialog.isVisible());
        QCOMPARE(requested.count(), 0);
    }
}

void TestOffboardDialog::correctInputSendsOneTrimmedRequest_data()
{
    QTest::addColumn<int>("count");
    QTest::addColumn<QString>("confirmation");
    QTest::newRow("one device, its name") << 1 << u"host-1.contoso.example"_s;
    QTest::newRow("one device, other case") << 1 << u"HOST-1.Contoso.Example"_s;
    QTest::newRow("three devices, the number") << 3 << u"3"_s;
}

void TestOffboardDialog::correctInputSendsOneTrimmedRequest()
{
    QFETCH(int, count);
    QFETCH(QString, confirmation);

    OffboardDialog dialog(machines(count), {});
    dialog.show();
    QSignalSpy requested(&dialog, &OffboardDialog::offboardRequested);
    const Parts p = parts(dialog);
    QTest::keyClicks(p.comment, u"  Decommissioned, CHG-1234  "_s);
    QVERIFY(!p.offboard->isEnabled());
    QTest::keyClicks(p.confirm, confirmation);
    QVERIFY(p.offboard->isEnabled());

    QTest::mouseClick(p.offboard, Qt::LeftButton);
    QTest::mouseClick(p.offboard, Qt::LeftButton); // a double click must not send twice
    QCOMPARE(requested.count(), 1);
    const auto request = requested.first().first().value<OffboardRequest>();
    QCOMPARE(request.comment, u"Decommissioned, CHG-1234"_s);
    QCOMPARE(request.machineIds.size(), count);
    QCOMPARE(request.machineNames.size(), count);
    for (int i = 0; i < count; ++i) {
        QCOMPARE(request.machineIds.at(i), machine(i + 1).id);
        QCOMPARE(request.machineNames.at(i), machine(i + 1).computerDnsName);
    }
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
}

void TestOffboardDialog::excludedDevicesAreShownButNeverSent()
{
    const Machine mac = machine(7);
    OffboardDialog dialog(machines(2), {{mac, u"macOS is not supported"_s}});
    dialog.show();
    auto *excludedTable = dialog.findChild<QTableWidget *>(u"excludedTable"_s);
    QVERIFY(excludedTable->isVisible());
    QCOMPARE(excludedTable->rowCount(), 1);
    QCOMPARE(excludedTable->item(0, 2)->text(), u"macOS is not supported"_s);
    QCOMPARE(dialog.findChild<QTableWidget *>(u"deviceTable"_s)->rowCount(), 2);

    QSignalSpy requested(&dialog, &OffboardDialog::offboardRequested);
    const Parts p = parts(dialog);
    QTest::keyClicks(p.comment, u"retired"_s);
    QTest::keyClicks(p.confirm, u"3"_s); // counting the excluded one is wrong
    QVERIFY(!p.offboard->isEnabled());
    p.confirm->clear();
    QTest::keyClicks(p.confirm, u"2"_s);
    QTest::mouseClick(p.offboard, Qt::LeftButton);
    QCOMPARE(requested.count(), 1);
    const auto request = requested.first().first().value<OffboardRequest>();
    QVERIFY(!request.machineIds.contains(mac.id));
    QCOMPARE(request.machineIds.size(), 2);
}

void TestOffboardDialog::counterAndProblemFollowTheComment()
{
    OffboardDialog dialog(machines(1), {});
    auto *counter = dialog.findChild<QLabel *>(u"commentCounter"_s);
    auto *problem = dialog.findChild<QLabel *>(u"commentProblemLabel"_s);
    QCOMPARE(counter->text(), u"0 / 1,000"_s.replace(u',', QLocale().groupSeparator()));
    QVERIFY(!problem->text().isEmpty());
    parts(dialog).comment->setText(u" abc "_s);
    QVERIFY(counter->text().startsWith(u"3 / "_s));
    QVERIFY(problem->text().isEmpty());
    parts(dialog).comment->setText(QString(1001, u'y'));
    QCOMPARE(problem->text(), Validation::commentProblemText(Validation::CommentProblem::TooLong));
}

void TestOffboardDialog::nothingEligibleNeverEnables()
{
    OffboardDialog dialog({}, {{machine(1), u"Linux is not supported"_s}});
    QSignalSpy requested(&dialog, &OffboardDialog::offboardRequested);
    const Parts p = parts(dialog);
    p.comment->setText(u"retired"_s);
    p.confirm->setText(u"0"_s);
    QVERIFY(!p.offboard->isEnabled());
    QCOMPARE(requested.count(), 0);
}

QTEST_MAIN(TestOffboardDialog)
#include "tst_offboarddialog.moc"
