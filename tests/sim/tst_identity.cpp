// SPDX-License-Identifier: MIT
#include "identitytest.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace identitytest;

class TestIdentity final : public IdentityTestBase
{
    Q_OBJECT

private Q_SLOTS:
    void init() { reset(); }

    void consentPageIsEscapedAndComplete()
    {
        auto params = authorizeParams();
        params.append({u"extra"_s, u"\"><script>alert(1)</script>"_s});
        const SimResponse page = call("GET", authorizeUrl(params));
        QCOMPARE(page.status, 200);
        QVERIFY(page.contentType.startsWith("text/html"));
        const QString html = QString::fromUtf8(page.body);
        QVERIFY(html.contains(u"<title>Sign in – mde-sim</title>"_s));
        QVERIFY(html.contains(u"<form method=\"post\" action=\"/%1/oauth2/v2.0/authorize\">"_s.arg(
            m_options.tenant)));
        QVERIFY(html.contains(u"id=\"accept\""_s) && html.contains(u"id=\"decline\""_s));
        QVERIFY(
            html.contains(u"&lt;b&gt;x&lt;/b&gt;@contoso.example"_s)); // login_hint shown, escaped
        QVERIFY(html.contains(u"name=\"state\" value=\"st a+te/=\""_s));
        QVERIFY(html.contains(u"Offboard machine"_s));
        QVERIFY(!html.contains(u"<script>"_s));
        QVERIFY(headerOf(page, "Location").isEmpty());
    }

    void authorizeRejects_data()
    {
        QTest::addColumn<int>("index"); // which parameter to change (-1: tenant)
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("redirectError"); // empty: an error page, no redirect
        QTest::newRow("unknown client") << 0 << u"someone-else"_s << QString();
        QTest::newRow("https redirect") << 2 << u"https://127.0.0.1:5000/"_s << QString();
        QTest::newRow("remote redirect") << 2 << u"http://evil.example:5000/"_s << QString();
        QTest::newRow("ipv6 loopback") << 2 << u"http://[::1]:5000/"_s << QString();
        QTest::newRow("fragment mode") << 3 << u"fragment"_s << QString();
        QTest::newRow("unknown tenant") << -1 << u"/contoso.onmicrosoft.com"_s << QString();
        QTest::newRow("implicit") << 1 << u"token"_s << u"unsupported_response_type"_s;
        QTest::newRow("graph scope")
            << 4 << u"https://graph.microsoft.com/User.Read"_s << u"invalid_scope"_s;
        QTest::newRow("only openid") << 4 << u"openid offline_access"_s << u"invalid_scope"_s;
        QTest::newRow("no challenge") << 6 << QString() << u"invalid_request"_s;
        QTest::newRow("plain method") << 7 << u"plain"_s << u"invalid_request"_s;
    }
    void authorizeRejects()
    {
        QFETCH(int, index);
        QFETCH(QString, value);
        QFETCH(QString, redirectError);
        auto params = authorizeParams();
        if (index >= 0)
            params[index].second = value;
        else
            m_tenantPath = value;
        const SimResponse response = call("GET", authorizeUrl(params));
        if (redirectError.isEmpty()) {
            QCOMPARE(response.status, 400);
            QVERIFY(headerOf(response, "Location").isEmpty());
            QVERIFY(response.body.contains("AADSTS"));
        } else {
            QCOMPARE(response.status, 302);
            QVERIFY(headerOf(response, "Location").startsWith(kRedirect.toUtf8() + '?'));
            QCOMPARE(redirectParams(response).value(u"error"_s), redirectError);
            QCOMPARE(redirectParams(response).value(u"state"_s), u"st a+te/="_s);
        }
    }

    // The consent form's hidden fields come back from the browser: they are checked again.
    void consentPostIsValidatedAgain()
    {
        auto params = authorizeParams();
        params[2].second = u"http://evil.example/steal"_s;
        params.append({u"consent"_s, u"accept"_s});
        const SimResponse response
            = call("POST", m_tenantPath + u"/oauth2/v2.0/authorize"_s, form(params));
        QCOMPARE(response.status, 400);
        QVERIFY(headerOf(response, "Location").isEmpty());
        QVERIFY(response.body.contains("AADSTS50011"));
    }

    void declineRedirectsAccessDenied()
    {
        auto params = authorizeParams();
        params.append({u"consent"_s, u"decline"_s});
        const SimResponse response
            = call("POST", m_tenantPath + u"/oauth2/v2.0/authorize"_s, form(params));
        QCOMPARE(response.status, 302);
        QVERIFY(headerOf(response, "Location")
                    .contains("error=access_denied&error_description=AADSTS65004%3A+User+declined+"
                              "to+consent"));
        QCOMPARE(redirectParams(response).value(u"state"_s), u"st a+te/="_s);
    }

    void codeFlowWithPkce()
    {
        const QString code = signIn();
        QVERIFY(!code.isEmpty());
        const SimResponse response = redeem(code);
        QCOMPARE(response.status, 200);
        const QJsonObject body = json(response);
        QCOMPARE(body[u"token_type"_s].toString(), u"Bearer"_s);
        QCOMPARE(body[u"expires_in"_s].toInt(), m_options.tokenLifetimeSeconds);
        QVERIFY(body[u"scope"_s].toString().contains(
            u"https://api.securitycenter.microsoft.com/Machine.Offboard"_s));
        QVERIFY(!body[u"refresh_token"_s].toString().isEmpty());
        QCOMPARE(body[u"id_token"_s].toString().count(u'.'), 2);
        QString why;
        const auto claims = m_idp->validateBearer(
            "Bearer " + body[u"access_token"_s].toString().toLatin1(), &why);
        QVERIFY2(claims, qPrintable(why));
        QCOMPARE(claims->upn, m_options.userUpn);
        QCOMPARE(claims->appid, m_options.clientId);
        QCOMPARE(claims->tid, m_options.tenant);
        QCOMPARE(claims->scp, (QStringList {u"Machine.Read"_s, u"Machine.Offboard"_s}));
        QVERIFY(claims->grants(u"machine.offboard"_s) && !claims->isApp());
        QVERIFY(claims->exp > QDateTime::currentSecsSinceEpoch() + 3000); // epoch-like seconds
        QCOMPARE(errorCode(redeem(code)), 54005); // single use
    }

    void codeRedemptionFailures_data()
    {
        QTest::addColumn<QString>("verifier");
        QTest::addColumn<QString>("redirect");
        QTest::addColumn<qint64>("advanceMs");
        QTest::addColumn<int>("code");
        QTest::newRow("bad verifier") << kVerifier + u'x' << kRedirect << qint64(0) << 50148;
        QTest::newRow("short verifier") << u"abc"_s << kRedirect << qint64(0) << 50148;
        QTest::newRow("other redirect")
            << kVerifier << u"http://127.0.0.1:1/"_s << qint64(0) << 500112;
        QTest::newRow("expired") << kVerifier << kRedirect << qint64(10 * 60 * 1000 + 1) << 70008;
        QTest::newRow("just in time") << kVerifier << kRedirect << qint64(10 * 60 * 1000) << 0;
    }
    void codeRedemptionFailures()
    {
        QFETCH(QString, verifier);
        QFETCH(QString, redirect);
        QFETCH(qint64, advanceMs);
        QFETCH(int, code);
        const QString authCode = signIn();
        m_clock += advanceMs;
        const SimResponse response = redeem(authCode, verifier, redirect);
        QCOMPARE(response.status, code ? 400 : 200);
        if (code) {
            QCOMPARE(errorCode(response), code);
            QCOMPARE(errorCode(redeem(authCode)), 54005); // a failed attempt used the code up
        }
        QCOMPARE(errorCode(redeem(u"0.Anot-a-code"_s)), 70000);
    }

    void refreshTokensRotate()
    {
        const QString first = json(redeem(signIn()))[u"refresh_token"_s].toString();
        const QJsonObject second = json(refresh(first));
        const QString next = second[u"refresh_token"_s].toString();
        QVERIFY(!next.isEmpty() && next != first);
        QVERIFY(m_idp->validateBearer(
            "Bearer " + second[u"access_token"_s].toString().toLatin1(), nullptr));
        QCOMPARE(errorCode(refresh(first)), 70000); // the old one died on use
        const QString narrowed = json(refresh(
            next, u"https://api.securitycenter.microsoft.com/Machine.Read"_s))[u"access_token"_s]
                                     .toString();
        QCOMPARE(m_idp->validateBearer("Bearer " + narrowed.toLatin1(), nullptr)->scp,
            QStringList {u"Machine.Read"_s});
    }

    void refreshBeyondConsentFails()
    {
        const QString token = json(redeem(
            signIn(u"https://api.securitycenter.microsoft.com/Machine.Read offline_access"_s)))
                                  [u"refresh_token"_s]
                                      .toString();
        QCOMPARE(errorCode(refresh(
                     token, u"https://api.securitycenter.microsoft.com/Machine.Offboard"_s)),
            65001);
    }

    void scopesFollowTheRequestAndTheUser()
    {
        m_options.userScopes = {u"Machine.Read"_s};
        const QJsonObject body = json(redeem(signIn(
            u"https://api.securitycenter.microsoft.com/Machine.Read https://api.securitycenter.microsoft.com/Machine.Offboard"_s)));
        QVERIFY(!body.contains(u"refresh_token"_s)); // no offline_access
        QVERIFY(!body.contains(u"id_token"_s)); // no openid
        const auto claims = m_idp->validateBearer(
            "Bearer " + body[u"access_token"_s].toString().toLatin1(), nullptr);
        QCOMPARE(claims->scp, QStringList {u"Machine.Read"_s});
        QVERIFY(!claims->grants(u"Machine.Offboard"_s));
    }
};

QTEST_GUILESS_MAIN(TestIdentity)
#include "tst_identity.moc"
