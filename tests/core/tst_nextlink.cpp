// SPDX-License-Identifier: MIT
// DefenderClient::checkNextLink: a next-page link is followed only to the API's own origin.
#include "defenderclient.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestNextLink : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void check_data()
    {
        QTest::addColumn<QString>("base");
        QTest::addColumn<QString>("link");
        QTest::addColumn<QString>("expected"); // empty: refused

        const QString api = u"https://api.security.microsoft.com"_s;
        QTest::newRow("absolute, same origin")
            << api << u"https://api.security.microsoft.com/api/machines?$skip=10000"_s
            << u"https://api.security.microsoft.com/api/machines?$skip=10000"_s;
        QTest::newRow("explicit default port")
            << api << u"https://api.security.microsoft.com:443/api/machines?$skip=1"_s
            << u"https://api.security.microsoft.com:443/api/machines?$skip=1"_s;
        QTest::newRow("host case") << api << u"https://API.Security.Microsoft.com/api/m"_s
                                   << u"https://api.security.microsoft.com/api/m"_s;
        QTest::newRow("relative path")
            << api << u"/api/machines?$skip=5"_s
            << u"https://api.security.microsoft.com/api/machines?$skip=5"_s;
        QTest::newRow("loopback with port")
            << u"http://127.0.0.1:8080"_s << u"http://127.0.0.1:8080/api/machines?$skip=2"_s
            << u"http://127.0.0.1:8080/api/machines?$skip=2"_s;
        QTest::newRow("other host") << api << u"https://evil.example/api/machines"_s << QString();
        QTest::newRow("suffix host")
            << api << u"https://api.security.microsoft.com.evil.example/api"_s << QString();
        QTest::newRow("plain http")
            << api << u"http://api.security.microsoft.com/api/m"_s << QString();
        QTest::newRow("other port")
            << api << u"https://api.security.microsoft.com:8443/api"_s << QString();
        QTest::newRow("scheme-relative other host") << api << u"//evil.example/api"_s << QString();
        QTest::newRow("user info")
            << api << u"https://x:y@api.security.microsoft.com/api"_s << QString();
        QTest::newRow("other port, loopback")
            << u"http://127.0.0.1:8080"_s << u"http://127.0.0.1:8081/api"_s << QString();
        QTest::newRow("empty") << api << QString() << QString();
        QTest::newRow("invalid") << api << u"https://exa mple.com:99999/x"_s << QString();
        QTest::newRow("javascript") << api << u"javascript:alert(1)"_s << QString();
    }
    void check()
    {
        QFETCH(QString, base);
        QFETCH(QString, link);
        QFETCH(QString, expected);
        QString error;
        const std::optional<QUrl> url = DefenderClient::checkNextLink(link, QUrl(base), &error);
        if (expected.isEmpty()) {
            QVERIFY2(!url, qPrintable(url ? url->toString() : QString()));
            QVERIFY(!error.isEmpty());
        } else {
            QVERIFY2(url, qPrintable(error));
            QCOMPARE(url->toString(), expected);
        }
    }
};

QTEST_GUILESS_MAIN(TestNextLink)
#include "tst_nextlink.moc"
