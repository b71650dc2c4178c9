// SPDX-License-Identifier: MIT
#include "odata.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QUrl>

#include <functional>

using namespace Qt::StringLiterals;

namespace {

const QStringList kFields = {u"computerDnsName"_s, u"id"_s, u"version"_s, u"deviceValue"_s,
    u"aadDeviceId"_s, u"machineTags"_s, u"lastSeen"_s, u"exposureLevel"_s, u"onboardingStatus"_s,
    u"lastIpAddress"_s, u"healthStatus"_s, u"osPlatform"_s, u"riskScore"_s, u"rbacGroupId"_s};

QJsonObject machine()
{
    return QJsonDocument::fromJson(R"({"id":"556b3952acb0bff29816d267822305781cc183ec",
        "computerDnsName":"se-pov-desktop.contoso.example","lastSeen":"2026-05-04T17:40:05.6846071Z",
        "osPlatform":"Windows10","version":"21H2","lastIpAddress":null,"healthStatus":"Active",
        "deviceValue":"Normal","rbacGroupId":41,"riskScore":"Medium","exposureLevel":"High",
        "aadDeviceId":null,"machineTags":["VIP","Finance"],"onboardingStatus":"Onboarded"})")
        .object();
}

} // namespace

class TestOData final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void filter_data()
    {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<int>("expected"); // 1 match, 0 no match, -1 parse error
        const auto row = [](const char *name, const QString &filter, int expected) {
            QTest::newRow(name) << filter << expected;
        };
        row("eq string", u"healthStatus eq 'Active'"_s, 1);
        row("eq is case-insensitive", u"healthStatus eq 'ACTIVE'"_s, 1);
        row("ne string", u"healthStatus ne 'Active'"_s, 0);
        row("keywords any case", u"healthStatus EQ 'Active'"_s, 1);
        row("and", u"healthStatus eq 'Active' and riskScore eq 'Low'"_s, 0);
        row("or", u"healthStatus eq 'Inactive' or riskScore eq 'Medium'"_s, 1);
        row("and binds tighter",
            u"riskScore eq 'Medium' or healthStatus eq 'x' and riskScore eq 'y'"_s, 1);
        row("parentheses", u"(riskScore eq 'Medium' or healthStatus eq 'x') and riskScore eq 'y'"_s,
            0);
        row("not", u"not (healthStatus eq 'Inactive')"_s, 1);
        row("in", u"osPlatform in ('Windows11','windows10')"_s, 1);
        row("in miss", u"osPlatform in ('macOS', 'Linux')"_s, 0);
        row("startswith", u"startswith(computerDnsName,'SE-POV')"_s, 1);
        row("startswith miss", u"startswith(computerDnsName,'desk')"_s, 0);
        row("startswith eq false", u"startswith(computerDnsName,'desk') eq false"_s, 1);
        row("quote escape", u"computerDnsName eq 'o''brien'"_s, 0);
        row("number eq", u"rbacGroupId eq 41"_s, 1);
        row("number gt", u"rbacGroupId gt 40.5"_s, 1);
        row("number as string", u"rbacGroupId eq '41'"_s, 1);
        row("number le", u"rbacGroupId le 40"_s, 0);
        row("date gt", u"lastSeen gt 2026-01-01Z"_s, 1);
        row("date lt", u"lastSeen lt 2026-01-01"_s, 0);
        row("datetime", u"lastSeen ge 2026-05-04T17:40:05Z"_s, 1);
        row("datetime fraction", u"lastSeen gt 2026-05-04T17:40:05.6846072Z"_s, 0);
        row("datetime fraction equal", u"lastSeen eq 2026-05-04T17:40:05.6846071Z"_s, 1);
        row("datetime offset", u"lastSeen lt 2026-05-04T19:40:06+02:00"_s, 1);
        row("quoted date as instant", u"lastSeen gt '2026-05-04T17:40:05.68Z'"_s, 1);
        row("null eq", u"lastIpAddress eq null"_s, 1);
        row("null ne", u"aadDeviceId ne null"_s, 0);
        row("null compares unequal", u"lastIpAddress ne '10.0.0.1'"_s, 1);
        row("null gt is false", u"lastIpAddress gt '10.0.0.1'"_s, 0);
        row("tags contain", u"machineTags eq 'vip'"_s, 1);
        row("tags ne", u"machineTags ne 'VIP'"_s, 0);
        row("tags in", u"machineTags in ('Lab','Finance')"_s, 1);
        row("tags any", u"machineTags/any(t: t eq 'finance')"_s, 1);
        row("tags any startswith", u"machineTags/any(t: startswith(t,'Fin'))"_s, 1);
        row("tags any miss", u"machineTags/any(tag: tag eq 'Lab' or tag eq 'Kiosk')"_s, 0);
        row("tags any empty", u"machineTags/any()"_s, 1);
        row("bool literal on string", u"healthStatus eq true"_s, 0);
        row("string ordering", u"riskScore gt 'Low'"_s, 1);
        row("whitespace", u"  healthStatus   eq\t'Active'  "_s, 1);
        row("err unknown field", u"colour eq 'red'"_s, -1);
        row("err field case", u"HealthStatus eq 'Active'"_s, -1);
        row("err empty", u"   "_s, -1);
        row("err unterminated", u"healthStatus eq 'Active"_s, -1);
        row("err no operator", u"healthStatus 'Active'"_s, -1);
        row("err unknown operator", u"healthStatus like 'A%'"_s, -1);
        row("err missing value", u"healthStatus eq"_s, -1);
        row("err trailing", u"healthStatus eq 'Active' riskScore"_s, -1);
        row("err dangling and", u"healthStatus eq 'Active' and"_s, -1);
        row("err unbalanced", u"(healthStatus eq 'Active'"_s, -1);
        row("err extra paren", u"healthStatus eq 'Active')"_s, -1);
        row("err bad date", u"lastSeen gt 2026-13-01Z"_s, -1);
        row("err bad char", u"healthStatus eq 'a' && riskScore eq 'b'"_s, -1);
        row("err empty in", u"osPlatform in ()"_s, -1);
        row("err startswith number", u"startswith(computerDnsName, 5)"_s, -1);
        row("err any unknown var", u"machineTags/any(t: x eq 'a')"_s, -1);
        row("err deep nesting", QString(200, u'(') + u"riskScore eq 'Low'"_s + QString(200, u')'),
            -1);
    }
    void filter()
    {
        QFETCH(QString, filter);
        QFETCH(int, expected);
        QString error;
        const std::optional<ODataFilter> parsed = ODataFilter::parse(filter, kFields, &error);
        if (expected < 0) {
            QVERIFY(!parsed);
            QVERIFY(!error.isEmpty());
            return;
        }
        QVERIFY2(parsed, qPrintable(error));
        QCOMPARE(parsed->matches(machine()), expected == 1);
    }

    // Seeded random expressions: the well-formed ones parse, and every one with a piece cut
    // out either parses or fails with a message (never crashes, never loops).
    void randomExpressions()
    {
        quint32 state = 12345;
        const auto next = [&state](int n) {
            state = state * 1664525u + 1013904223u;
            return int((state >> 8) % quint32(n));
        };
        const QStringList comparisons = {u"healthStatus eq 'Active'"_s, u"rbacGroupId ge 41"_s,
            u"lastSeen lt 2026-01-01T00:00:00Z"_s, u"machineTags/any(t: t eq 'VIP')"_s,
            u"osPlatform in ('Windows10','macOS')"_s, u"startswith(computerDnsName,'se')"_s,
            u"aadDeviceId eq null"_s, u"riskScore ne 'o''neil'"_s};
        std::function<QString(int)> expression = [&](int depth) -> QString {
            switch (depth > 3 ? 0 : next(5)) {
            case 1:
                return expression(depth + 1) + u" and "_s + expression(depth + 1);
            case 2:
                return expression(depth + 1) + u" or "_s + expression(depth + 1);
            case 3:
                return u"("_s + expression(depth + 1) + u")"_s;
            case 4:
                return u"not "_s + expression(depth + 1);
            default:
                return comparisons.at(next(int(comparisons.size())));
            }
        };
        for (int round = 0; round < 500; ++round) {
            const QString text = expression(0);
            QString error;
            const auto filter = ODataFilter::parse(text, kFields, &error);
            QVERIFY2(filter, qPrintable(text + u" -> "_s + error));
            filter->matches(machine());
            QString cut = text;
            cut.remove(next(int(text.size())), 1 + next(4));
            error.clear();
            const auto damaged = ODataFilter::parse(cut, kFields, &error);
            QVERIFY2(damaged || !error.isEmpty(), qPrintable(cut));
        }
    }

    void filterIsMovable()
    {
        QString error;
        std::optional<ODataFilter> a
            = ODataFilter::parse(u"riskScore eq 'Medium'"_s, kFields, &error);
        QVERIFY(a);
        ODataFilter b = std::move(*a);
        QVERIFY(b.matches(machine()));
    }

    void query_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<int>("top");
        QTest::addColumn<int>("skip");
        QTest::addColumn<QString>("orderBy");
        QTest::addColumn<bool>("descending");
        QTest::addColumn<bool>("count");
        QTest::addColumn<bool>("hasFilter");
        QTest::newRow("empty") << QString() << true << -1 << 0 << QString() << false << false
                               << false;
        QTest::newRow("all")
            << u"$filter=healthStatus%20eq%20%27Active%27&$top=100&$skip=200&$orderby=lastSeen%20desc&$count=true"_s
            << true << 100 << 200 << u"lastSeen"_s << true << true << true;
        QTest::newRow("plus is space")
            << u"$filter=healthStatus+eq+'Active'&$orderby=riskScore+asc"_s << true << -1 << 0
            << u"riskScore"_s << false << false << true;
        QTest::newRow("other params ignored") << u"api-version=1.0&$top=10000"_s << true << 10000
                                              << 0 << QString() << false << false << false;
        QTest::newRow("count false")
            << u"$count=false"_s << true << -1 << 0 << QString() << false << false << false;
        QTest::newRow("top zero") << u"$top=0"_s << false << 0 << 0 << QString() << false << false
                                  << false;
        QTest::newRow("top too big")
            << u"$top=10001"_s << false << 0 << 0 << QString() << false << false << false;
        QTest::newRow("top text") << u"$top=ten"_s << false << 0 << 0 << QString() << false << false
                                  << false;
        QTest::newRow("skip negative")
            << u"$skip=-1"_s << false << 0 << 0 << QString() << false << false << false;
        QTest::newRow("orderby unknown")
            << u"$orderby=colour"_s << false << 0 << 0 << QString() << false << false << false;
        QTest::newRow("orderby direction") << u"$orderby=lastSeen%20sideways"_s << false << 0 << 0
                                           << QString() << false << false << false;
        QTest::newRow("count bad")
            << u"$count=yes"_s << false << 0 << 0 << QString() << false << false << false;
        QTest::newRow("unknown option")
            << u"$select=id"_s << false << 0 << 0 << QString() << false << false << false;
        QTest::newRow("twice") << u"$top=1&$top=2"_s << false << 0 << 0 << QString() << false
                               << false << false;
        QTest::newRow("bad filter") << u"$filter=nope%20eq%201"_s << false << 0 << 0 << QString()
                                    << false << false << false;
    }
    void query()
    {
        QFETCH(QString, query);
        QFETCH(bool, ok);
        QString error;
        const auto parsed = ODataQuery::fromUrlQuery(QUrlQuery(query), kFields, &error);
        QCOMPARE(bool(parsed), ok);
        if (!ok) {
            QVERIFY(!error.isEmpty());
            return;
        }
        QTEST(parsed->top, "top");
        QTEST(parsed->skip, "skip");
        QTEST(parsed->orderByField, "orderBy");
        QTEST(parsed->orderDescending, "descending");
        QTEST(parsed->count, "count");
        QTEST(bool(parsed->filter), "hasFilter");
        if (parsed->filter)
            QVERIFY(parsed->filter->matches(machine()));
    }

    void encodedPlusStaysPlus()
    {
        QUrl url(u"http://127.0.0.1/api/machines?$filter=computerDnsName%20eq%20%27a%2Bb%27"_s);
        QString error;
        const auto parsed = ODataQuery::fromUrlQuery(QUrlQuery(url), kFields, &error);
        QVERIFY2(parsed && parsed->filter, qPrintable(error));
        QVERIFY(parsed->filter->matches(QJsonObject {{u"computerDnsName"_s, u"A+B"_s}}));
        QVERIFY(!parsed->filter->matches(QJsonObject {{u"computerDnsName"_s, u"a b"_s}}));
    }

    void compareValues()
    {
        QCOMPARE(ODataQuery::compareValues(2, 10), -1);
        QCOMPARE(ODataQuery::compareValues(u"b"_s, u"A"_s), 1);
        QCOMPARE(ODataQuery::compareValues(u"abc"_s, u"ABC"_s), 0);
        QCOMPARE(ODataQuery::compareValues(QJsonValue::Null, u"a"_s), -1);
        QCOMPARE(ODataQuery::compareValues(
                     u"2026-01-02T00:00:00.5Z"_s, u"2026-01-02T00:00:00.4999999Z"_s),
            1);
    }
};

QTEST_GUILESS_MAIN(TestOData)
#include "tst_odata.moc"
