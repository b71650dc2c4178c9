// SPDX-License-Identifier: MIT
#include "endpoints.h"

#include <QHostAddress>
#include <QRandomGenerator>
#include <QTest>
#include <QUrl>

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
        // Other notations of the same addresses, as QHostAddress and QUrl read them.
        QVERIFY(isLoopbackHost(u"127.1"_s));
        QVERIFY(isLoopbackHost(u"0x7f.0.0.1"_s));
        QVERIFY(isLoopbackHost(u"0:0:0:0:0:0:0:1"_s));
        QVERIFY(isLoopbackHost(u"::ffff:7f00:1"_s));
        // Names that only look like addresses.
        QVERIFY(!isLoopbackHost(u"127.0.0.256"_s));
        QVERIFY(!isLoopbackHost(u"127.0.0.1.example.test"_s));
        QVERIFY(!isLoopbackHost(u"127.example.test"_s));
    }

    // isLoopbackHost parses addresses itself (the window side of the app links no QtNetwork).
    // Against QHostAddress: never loopback where QHostAddress says it is not, and the same
    // answer for every canonical notation (what QUrl::host() gives).
    void loopbackAgreesWithQHostAddress_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<bool>("canonical");
        const auto add = [](const QString &host, bool canonical) {
            QTest::newRow(qPrintable(host)) << host << canonical;
        };
        for (const char *host : {"127.0.0.1", "127.0.0.0", "127.255.255.255", "126.255.255.255",
                 "128.0.0.1", "0.0.0.0", "255.255.255.255", "10.0.0.1", "::1", "0:0:0:0:0:0:0:1",
                 "::", "::2", "::ffff:127.0.0.1", "::ffff:7f00:1", "::ffff:128.0.0.1",
                 "0:0:0:0:0:ffff:127.1.2.3", "::127.0.0.1", "1::1", "fe80::1", "1:2:3:4:5:6:7:8",
                 "ffff::1", "::ffff:0:127.0.0.1", "0::0:1"})
            add(QString::fromLatin1(host), true);
        for (const char *host :
            {"127.1", "0x7f.0.0.1", "0177.0.0.1", "127.0.0.01", "127.0.0", "127.0.0.1.1",
                "127.0.0.256", "2130706433", "+127.0.0.1", " 127.0.0.1", "127..0.1", "::1%lo",
                "::1::", ":::1", "1:2:3:4:5:6:7:8:9", "::ffff:127.0.0.1.1", "::ffff:127.1",
                "0:0:0:0:0:0:0:0:1", "12345::1", "::g", "::+1", "::0x1", "1:2:3:4:5:6:127.0.0.1",
                "1:2:3:4:5:6:7:127.0.0.1", "[::1", "::1]", "..", "127.0.0.1/8", "١٢٧.0.0.1"})
            add(QString::fromUtf8(host), false);
        // Random dotted quads and IPv6 addresses in QUrl's own notation.
        QRandomGenerator random(20261207);
        for (int i = 0; i < 300; ++i) {
            const quint32 v4 = random.generate() & (i % 3 ? 0xffffffffU : 0x80ffffffU);
            add(QHostAddress(v4 | (i % 5 ? 0U : 0x7f000000U)).toString(), true);
            quint8 v6[16];
            for (quint8 &byte : v6)
                byte = quint8(random.bounded(i % 2 ? 256 : 2));
            add(QHostAddress(v6).toString(), true);
        }
    }

    void loopbackAgreesWithQHostAddress()
    {
        QFETCH(QString, host);
        QFETCH(bool, canonical);
        QHostAddress address;
        const bool qt = address.setAddress(host) && address.isLoopback();
        const bool ours = isLoopbackHost(host);
        if (ours)
            QVERIFY2(qt, "loopback for us but not for QHostAddress");
        if (canonical)
            QCOMPARE(ours, qt);
        // What a URL's host normalises to is judged the same way.
        const QUrl url(u"http://"_s + (host.contains(u':') ? u'[' + host + u']' : host) + u'/');
        if (url.isValid() && !url.host().isEmpty()) {
            QHostAddress normalised;
            const bool qtHost = normalised.setAddress(url.host()) && normalised.isLoopback();
            if (isLoopbackHost(url.host()))
                QVERIFY(qtHost);
            if (canonical)
                QCOMPARE(isLoopbackHost(url.host()), qtHost);
        }
    }
};

QTEST_GUILESS_MAIN(TestEndpoints)
#include "tst_endpoints.moc"
