// SPDX-License-Identifier: MIT
#include "identity.h"
#include "simulator.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace {

const QUrl kBase(u"http://127.0.0.1:4443"_s);
const QString kRedirect = u"http://127.0.0.1:53123/callback"_s;
const QString kVerifier = u"dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk.~_-abc"_s;
const QString kScope
    = u"https://api.securitycenter.microsoft.com/Machine.Read "
      "https://api.securitycenter.microsoft.com/Machine.Offboard offline_access openid profile"_s;

QString challengeFor(const QString &verifier)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(verifier.toLatin1(), QCryptographicHash::Sha256)
            .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QByteArray form(const QList<QPair<QString, QString>> &params)
{
    QByteArray out;
    for (const auto &param : params) {
        if (!out.isEmpty())
            out += '&';
        out += QUrl::toPercentEncoding(param.first) + '=' + QUrl::toPercentEncoding(param.second);
    }
    return out;
}

QByteArray headerOf(const SimResponse &response, const QByteArray &name)
{
    for (const auto &header : response.headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return header.second;
    }
    return {};
}

// The redirect's query, decoded the way a browser/app reads it ('+' is a space).
QHash<QString, QString> redirectParams(const SimResponse &response)
{
    QHash<QString, QString> params;
    const QByteArray location = headerOf(response, "Location");
    const QList<QByteArray> pairs = location.mid(location.indexOf('?') + 1).split('&');
    for (QByteArray pair : pairs) {
        pair.replace('+', ' ');
        const qsizetype eq = pair.indexOf('=');
        params.insert(
            QUrl::fromPercentEncoding(pair.left(eq)), QUrl::fromPercentEncoding(pair.mid(eq + 1)));
    }
    return params;
}

QJsonObject json(const SimResponse &response)
{
    return QJsonDocument::fromJson(response.body).object();
}

} // namespace

class TestIdentity final : public QObject
{
    Q_OBJECT

    SimulatorOptions m_options;
    qint64 m_clock = 0;
    std::unique_ptr<IdentityProvider> m_idp;
    QString m_tenantPath;

    SimResponse call(const QByteArray &method, const QString &path, const QByteArray &body = {},
        const QByteArray &authorization = {})
    {
        IdentityRequest request {
            method, QUrl(path), "application/x-www-form-urlencoded", body, authorization};
        SimResponse response;
        if (!m_idp->handleRequest(request, kBase, &response))
            response.status = -1;
        return response;
    }
    QList<QPair<QString, QString>> authorizeParams() const
    {
        return {{u"client_id"_s, m_options.clientId}, {u"response_type"_s, u"code"_s},
            {u"redirect_uri"_s, kRedirect}, {u"response_mode"_s, u"query"_s}, {u"scope"_s, kScope},
            {u"state"_s, u"st a+te/="_s}, {u"code_challenge"_s, challengeFor(kVerifier)},
            {u"code_challenge_method"_s, u"S256"_s},
            {u"login_hint"_s, u"<b>x</b>@contoso.example"_s}};
    }
    QString authorizeUrl(const QList<QPair<QString, QString>> &params) const
    {
        return m_tenantPath + u"/oauth2/v2.0/authorize?"_s + QString::fromLatin1(form(params));
    }
    // Consent through the page's form; returns the code.
    QString signIn(const QString &scope = kScope)
    {
        auto params = authorizeParams();
        params[4].second = scope;
        params.append({u"consent"_s, u"accept"_s});
        const SimResponse response
            = call("POST", m_tenantPath + u"/oauth2/v2.0/authorize"_s, form(params));
        return redirectParams(response).value(u"code"_s);
    }
    SimResponse redeem(const QString &code, const QString &verifier = kVerifier,
        const QString &redirect = kRedirect)
    {
        return call("POST", m_tenantPath + u"/oauth2/v2.0/token"_s,
            form({{u"grant_type"_s, u"authorization_code"_s}, {u"client_id"_s, m_options.clientId},
                {u"code"_s, code}, {u"redirect_uri"_s, redirect}, {u"code_verifier"_s, verifier}}));
    }
    SimResponse refresh(const QString &token, const QString &scope = {})
    {
        return call("POST", m_tenantPath + u"/oauth2/v2.0/token"_s,
            form({{u"grant_type"_s, u"refresh_token"_s}, {u"client_id"_s, m_options.clientId},
                {u"refresh_token"_s, token}, {u"scope"_s, scope}}));
    }
    static int errorCode(const SimResponse &response)
    {
        return json(response)[u"error_codes"_s][0].toInt();
    }

private Q_SLOTS:
    void init()
    {
        m_options = SimulatorOptions();
        m_clock = 0;
        m_idp = std::make_unique<IdentityProvider>(m_options, [this] { return m_clock; });
        m_tenantPath = u'/' + m_options.tenant;
    }

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

    void clientCredentials_data()
    {
        QTest::addColumn<QString>("clientId");
        QTest::addColumn<QString>("secret");
        QTest::addColumn<QString>("scope");
        QTest::addColumn<bool>("basic");
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("code");
        const QString def = u"https://api.securitycenter.microsoft.com/.default"_s;
        const QString app = SimulatorOptions().appClientId;
        QTest::newRow("good") << app << u"sim-secret"_s << def << false << 200 << 0;
        QTest::newRow("basic auth") << app << u"sim-secret"_s << def << true << 200 << 0;
        QTest::newRow("bad secret") << app << u"wrong"_s << def << false << 401 << 7000215;
        QTest::newRow("no secret") << app << QString() << def << false << 401 << 7000218;
        QTest::newRow("public client")
            << SimulatorOptions().clientId << u"sim-secret"_s << def << false << 401 << 7000218;
        QTest::newRow("unknown client")
            << u"nobody"_s << u"sim-secret"_s << def << false << 400 << 700016;
        QTest::newRow("no .default")
            << app << u"sim-secret"_s << u"https://api.securitycenter.microsoft.com/Machine.Read"_s
            << false << 400 << 1002012;
    }
    void clientCredentials()
    {
        QFETCH(QString, clientId);
        QFETCH(QString, secret);
        QFETCH(QString, scope);
        QFETCH(bool, basic);
        QList<QPair<QString, QString>> params {
            {u"grant_type"_s, u"client_credentials"_s}, {u"scope"_s, scope}};
        if (!basic)
            params += {{u"client_id"_s, clientId}, {u"client_secret"_s, secret}};
        const SimResponse response
            = call("POST", m_tenantPath + u"/oauth2/v2.0/token"_s, form(params),
                basic ? "Basic " + (clientId + u':' + secret).toUtf8().toBase64() : QByteArray());
        QTEST(response.status, "status");
        const QJsonObject body = json(response);
        if (response.status != 200) {
            QTEST(errorCode(response), "code");
            QVERIFY(body[u"error_description"_s].toString().startsWith(u"AADSTS"_s));
            for (const char *key : {"error", "timestamp", "trace_id", "correlation_id"})
                QVERIFY2(!body[QLatin1String(key)].toString().isEmpty(), key);
            return;
        }
        QVERIFY(!body.contains(u"refresh_token"_s) && !body.contains(u"id_token"_s));
        const auto claims = m_idp->validateBearer(
            "Bearer " + body[u"access_token"_s].toString().toLatin1(), nullptr);
        QVERIFY(claims && claims->isApp());
        QCOMPARE(claims->roles, m_options.appRoles);
        QCOMPARE(claims->requestor(), m_options.appClientId);
    }

    void tokenEndpointErrors()
    {
        const QString path = m_tenantPath + u"/oauth2/v2.0/token"_s;
        QCOMPARE(json(call("GET", path))[u"error"_s].toString(), u"invalid_request"_s);
        QCOMPARE(errorCode(call("POST", path, "scope=x")), 900144);
        QCOMPARE(json(call("POST", path, "grant_type=password"))[u"error"_s].toString(),
            u"unsupported_grant_type"_s);
        QCOMPARE(errorCode(call("POST", u"/other-tenant/oauth2/v2.0/token"_s,
                     "grant_type=client_credentials")),
            90002);
    }

    void bearerValidation_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("message"); // empty: valid
        QTest::newRow("valid") << 0 << QString();
        QTest::newRow("expired") << 1 << u"expired"_s;
        QTest::newRow("tampered payload") << 2 << u"signature"_s;
        QTest::newRow("other key") << 3 << u"signature"_s;
        QTest::newRow("other tenant") << 4 << u"another tenant"_s;
        QTest::newRow("no scheme") << 5 << u"Bearer"_s;
        QTest::newRow("two parts") << 6 << u"malformed"_s;
        QTest::newRow("missing") << 7 << u"missing"_s;
    }
    void bearerValidation()
    {
        QFETCH(int, kind);
        QFETCH(QString, message);
        TokenClaims claims = m_idp->userClaims({u"Machine.Read"_s}, 60);
        if (kind == 4)
            claims.tid = u"99999999-2222-3333-4444-555555555555"_s;
        QByteArray token = m_idp->mintAccessToken(claims).toLatin1();
        const QList<QByteArray> parts = token.split('.');
        if (kind == 1)
            m_clock += 61 * 1000;
        if (kind == 2)
            token = parts[0] + '.' + parts[1].left(parts[1].size() - 2) + "xx." + parts[2];
        if (kind == 3) {
            SimulatorOptions same;
            token = IdentityProvider(same, [] { return qint64(0); })
                        .mintAccessToken(claims)
                        .toLatin1();
        }
        if (kind == 6)
            token = parts[0] + '.' + parts[1];
        const QByteArray header = kind == 5 ? "Basic " + token
            : kind == 7                     ? QByteArray()
                                            : "Bearer " + token;
        QString why;
        const auto result = m_idp->validateBearer(header, &why);
        QCOMPARE(bool(result), message.isEmpty());
        QVERIFY2(why.contains(message), qPrintable(why));
        if (result)
            QCOMPARE(result->scp, QStringList {u"Machine.Read"_s});
    }

    void discoveryAndRouting()
    {
        for (const QString &tenant : {m_options.tenant, u"organizations"_s}) {
            const SimResponse response
                = call("GET", u'/' + tenant + u"/v2.0/.well-known/openid-configuration"_s);
            QCOMPARE(response.status, 200);
            const QJsonObject body = json(response);
            QCOMPARE(body[u"token_endpoint"_s].toString(),
                kBase.toString() + u'/' + tenant + u"/oauth2/v2.0/token"_s);
            QCOMPARE(body[u"authorization_endpoint"_s].toString(),
                kBase.toString() + u'/' + tenant + u"/oauth2/v2.0/authorize"_s);
            QVERIFY(body[u"issuer"_s].toString().startsWith(kBase.toString()));
        }
        QCOMPARE(call("GET", u"/api/machines"_s).status, -1);
        QCOMPARE(call("GET", m_tenantPath + u"/oauth2/v2.0/devicecode"_s).status, -1);
    }
};

QTEST_GUILESS_MAIN(TestIdentity)
#include "tst_identity.moc"
