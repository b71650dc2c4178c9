// SPDX-License-Identifier: MIT
#include "machineaction.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
// Contract section 4, verbatim. (Split after the first line: moc misreads a "//" inside a
// raw string that spans lines.)
const QByteArray RecordedAction
    = R"json({"@odata.context":"https://api.securitycenter.microsoft.com/api/$metadata#MachineActions/$entity",)json"
      "\n"
      R"json( "id":"7f3c2b1e-5a4d-4e6f-9a8b-1c2d3e4f5a6b","type":"Offboard","title":null,
 "requestor":"analyst@contoso.com","requestorComment":"Offboard machine by automation",
 "status":"Pending","machineId":"dc977c3c84ba18e1174affaff68e70cd81ff0a1b",
 "computerDnsName":"computer.contoso.com","creationDateTimeUtc":"2024-01-02T13:39:46.7738206Z",
 "lastUpdateDateTimeUtc":"2024-01-02T13:39:46.773821Z","cancellationRequestor":null,
 "cancellationComment":null,"cancellationDateTimeUtc":null,"errorHResult":0,"scope":null,
 "externalId":null,"requestSource":"PublicApi","relatedFileInfo":null,"commands":[],
 "troubleshootInfo":null})json";

QDateTime utc(int y, int mo, int d, int h, int mi, int s, int ms)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s, ms), Qt::UTC);
}
} // namespace

class TestMachineAction : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void recordedExample()
    {
        QString error;
        const auto a = parseMachineActionBody(RecordedAction, &error);
        QVERIFY2(a, qPrintable(error));
        QCOMPARE(a->id, u"7f3c2b1e-5a4d-4e6f-9a8b-1c2d3e4f5a6b"_s);
        QCOMPARE(a->type, u"Offboard"_s);
        QVERIFY(a->title.isNull());
        QCOMPARE(a->requestor, u"analyst@contoso.com"_s);
        QCOMPARE(a->requestorComment, u"Offboard machine by automation"_s);
        QCOMPARE(a->status, ActionStatus::Pending);
        QCOMPARE(a->statusText, u"Pending"_s);
        QCOMPARE(a->machineId, u"dc977c3c84ba18e1174affaff68e70cd81ff0a1b"_s);
        QCOMPARE(a->creationDateTimeUtc, utc(2024, 1, 2, 13, 39, 46, 773));
        QCOMPARE(a->lastUpdateDateTimeUtc, utc(2024, 1, 2, 13, 39, 46, 773));
        QVERIFY(!a->cancellationDateTimeUtc.isValid());
        QCOMPARE(a->requestSource, u"PublicApi"_s);
        QCOMPARE(a->errorHResult, 0);
    }

    void statusSpellings_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<ActionStatus>("status");
        QTest::addColumn<bool>("final");
        QTest::newRow("Pending") << u"Pending"_s << ActionStatus::Pending << false;
        QTest::newRow("InProgress") << u"InProgress"_s << ActionStatus::InProgress << false;
        QTest::newRow("Succeeded") << u"Succeeded"_s << ActionStatus::Succeeded << true;
        QTest::newRow("Failed") << u"Failed"_s << ActionStatus::Failed << true;
        QTest::newRow("TimeOut") << u"TimeOut"_s << ActionStatus::TimeOut << true;
        QTest::newRow("Cancelled") << u"Cancelled"_s << ActionStatus::Cancelled << true;
        QTest::newRow("Canceled") << u"Canceled"_s << ActionStatus::Cancelled << true;
        QTest::newRow("lower") << u"cancelled"_s << ActionStatus::Cancelled << true;
        QTest::newRow("unknown") << u"Paused"_s << ActionStatus::Unknown << false;
    }
    void statusSpellings()
    {
        QFETCH(QString, text);
        QFETCH(ActionStatus, status);
        QFETCH(bool, final);
        QJsonObject o = QJsonDocument::fromJson(RecordedAction).object();
        o.insert(u"status"_s, text);
        const auto a = parseMachineAction(o);
        QVERIFY(a);
        QCOMPARE(a->status, status);
        QCOMPARE(a->statusText, text);
        QCOMPARE(isFinal(status), final);
        if (status != ActionStatus::Unknown)
            QCOMPARE(actionStatusFromString(actionStatusToString(status)), status);
    }

    void bothTimestampNames()
    {
        QJsonObject o = QJsonDocument::fromJson(RecordedAction).object();
        o.remove(u"lastUpdateDateTimeUtc"_s);
        o.insert(u"lastUpdateTimeUtc"_s, u"2024-01-03T00:00:00.1234567Z"_s);
        const auto a = parseMachineAction(o);
        QVERIFY(a);
        QCOMPARE(a->lastUpdateDateTimeUtc, utc(2024, 1, 3, 0, 0, 0, 123));
    }

    void wrongTypes_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QJsonValue>("value");
        QTest::newRow("id") << u"id"_s << QJsonValue(1);
        QTest::newRow("status") << u"status"_s << QJsonValue(2);
        QTest::newRow("errorHResult") << u"errorHResult"_s << QJsonValue(u"0x8"_s);
        QTest::newRow("creation") << u"creationDateTimeUtc"_s << QJsonValue(u"soon"_s);
    }
    void wrongTypes()
    {
        QFETCH(QString, field);
        QFETCH(QJsonValue, value);
        QJsonObject o = QJsonDocument::fromJson(RecordedAction).object();
        o.insert(field, value);
        QString error;
        QVERIFY(!parseMachineAction(o, &error));
        QVERIFY2(error.contains(u'"' + field + u'"'), qPrintable(error));
    }

    void page()
    {
        const QByteArray body = "{\"value\":[" + RecordedAction + "," + RecordedAction + "]}";
        QString error;
        const auto actions = parseMachineActionPage(body, nullptr, &error);
        QVERIFY2(actions, qPrintable(error));
        QCOMPARE(actions->size(), 2);
        QVERIFY(!parseMachineActionPage("{\"value\":[1]}", nullptr, &error));
        QVERIFY(!parseMachineActionBody("not json", &error));
        QVERIFY(!parseMachineActionBody("[]", &error));
    }
};

QTEST_GUILESS_MAIN(TestMachineAction)
#include "tst_machineaction.moc"
