// SPDX-License-Identifier: MIT
#include "endpoints.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestEndpoints : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void table_data()
    {
        QTest::addColumn<Cloud>("cloud");
        QTest::addColumn<QString>("region");
        QTest::addColumn<QString>("api");
        QTest::addColumn<QString>("authority");
        QTest::addColumn<QString>("resource");
        QTest::addColumn<QString>("portal");
        const QString login = u"https://login.microsoftonline.com"_s;
        const QString loginUs = u"https://login.microsoftonline.us"_s;
        const QString resource = u"https://api.securitycenter.microsoft.com"_s;
        const QString portal = u"https://security.microsoft.com"_s;
        QTest::newRow("commercial")
            << Cloud::Commercial << QString() << u"https://api.security.microsoft.com"_s << login
            << resource << portal;
        for (const QString &r : Endpoints::regions())
            QTest::addRow("commercial %s", qPrintable(r))
                << Cloud::Commercial << r << u"https://%1.api.security.microsoft.com"_s.arg(r)
                << login << resource << portal;
        QTest::newRow("region upper")
            << Cloud::Commercial << u"EU"_s << u"https://eu.api.security.microsoft.com"_s << login
            << resource << portal;
        QTest::newRow("gcc") << Cloud::Gcc << QString()
                             << u"https://api-gcc.securitycenter.microsoft.us"_s << login
                             << u"https://api-gcc.securitycenter.microsoft.us"_s << portal;
        QTest::newRow("gcc high") << Cloud::GccHigh << QString()
                                  << u"https://api-gov.securitycenter.microsoft.us"_s << loginUs
                                  << u"https://api-gov.securitycenter.microsoft.us"_s
                                  << u"https://security.microsoft.us"_s;
        QTest::newRow("dod") << Cloud::Dod << QString()
                             << u"https://api-gov.securitycenter.microsoft.us"_s << loginUs
                             << u"https://api-gov.securitycenter.microsoft.us"_s
                             << u"https://security.apps.mil"_s;
    }
    void table()
    {
        QFETCH(Cloud, cloud);
        QFETCH(QString, region);
        QFETCH(QString, api);
        QFETCH(QString, authority);
        QFETCH(QString, resource);
        QFETCH(QString, portal);
        const auto e = Endpoints::forCloud(cloud, region);
        QVERIFY(e);
        QCOMPARE(e->cloud, cloud);
        QCOMPARE(e->apiBase.toString(), api);
        QCOMPARE(e->authority.toString(), authority);
        QCOMPARE(e->resource, resource);
        QCOMPARE(e->portal.toString(), portal);
        QCOMPARE(e->appOnlyScope(), resource + u"/.default"_s);
        QCOMPARE(e->delegatedScopes(),
            QStringList({resource + u"/Machine.Read"_s, resource + u"/Machine.Offboard"_s,
                u"offline_access"_s, u"openid"_s, u"profile"_s}));
        QCOMPARE(e->portalMachineUrl(u"556b3952acb0bff29816d267822305781cc183ec"_s).toString(),
            portal + u"/machines/556b3952acb0bff29816d267822305781cc183ec"_s);
        QCOMPARE(cloudFromString(cloudToString(cloud)), std::optional<Cloud>(cloud));
    }

    void badRegions()
    {
        QString error;
        QVERIFY(!Endpoints::forCloud(Cloud::Commercial, u"mars"_s, &error));
        QVERIFY(error.contains(u"mars"));
        error.clear();
        QVERIFY(!Endpoints::forCloud(Cloud::GccHigh, u"us"_s, &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(!cloudFromString(u"azure"_s));
        QCOMPARE(cloudFromString(u" GCC-High "_s), std::optional<Cloud>(Cloud::GccHigh));
    }

    void serviceUrls_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected"); // empty: refused
        QTest::newRow("https") << u"https://api.security.microsoft.com"_s
                               << u"https://api.security.microsoft.com"_s;
        QTest::newRow("trailing slash") << u" https://api.security.microsoft.com/ "_s
                                        << u"https://api.security.microsoft.com"_s;
        QTest::newRow("query, fragment")
            << u"https://example.test:8443/x/?a=b#c"_s << u"https://example.test:8443/x"_s;
        QTest::newRow("upper scheme") << u"HTTPS://example.test"_s << u"https://example.test"_s;
        QTest::newRow("http 127.0.0.1")
            << u"http://127.0.0.1:8080/"_s << u"http://127.0.0.1:8080"_s;
        QTest::newRow("http 127.5.6.7") << u"http://127.5.6.7"_s << u"http://127.5.6.7"_s;
        QTest::newRow("http ::1") << u"http://[::1]:9000"_s << u"http://[::1]:9000"_s;
        QTest::newRow("http localhost") << u"http://localhost:1"_s << u"http://localhost:1"_s;
        QTest::newRow("http remote") << u"http://api.security.microsoft.com"_s << QString();
        QTest::newRow("http 128") << u"http://128.0.0.1"_s << QString();
        QTest::newRow("http localhost suffix") << u"http://localhost.evil.test"_s << QString();
        QTest::newRow("userinfo") << u"https://user:pw@example.test"_s << QString();
        QTest::newRow("ftp") << u"ftp://example.test"_s << QString();
        QTest::newRow("no scheme") << u"api.security.microsoft.com"_s << QString();
        QTest::newRow("empty") << QString() << QString();
        QTest::newRow("garbage") << u"https://"_s << QString();
    }
    void serviceUrls()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        QString error;
        const auto url = checkServiceUrl(text, &error);
        QCOMPARE(url.has_value(), !expected.isEmpty());
        if (url)
            QCOMPARE(url->toString(), expected);
        else
            QVERIFY(!error.isEmpty());
    }

    void loopback()
    {
        QVERIFY(isLoopbackHost(u"127.0.0.1"_s));
        QVERIFY(isLoopbackHost(u"127.255.0.9"_s));
        QVERIFY(isLoopbackHost(u"::1"_s));
        QVERIFY(isLoopbackHost(u"[::1]"_s));
        QVERIFY(isLoopbackHost(u"LocalHost"_s));
        QVERIFY(!isLoopbackHost(u"10.0.0.1"_s));
        QVERIFY(!isLoopbackHost(u"::2"_s));
        QVERIFY(!isLoopbackHost(u"example.test"_s));
        QVERIFY(!isLoopbackHost(QString()));
    }
};

QTEST_GUILESS_MAIN(TestEndpoints)
#include "tst_endpoints.moc"
