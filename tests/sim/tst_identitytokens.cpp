// SPDX-License-Identifier: MIT
#include "identitytest.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace identitytest;

class TestIdentityTokens final : public IdentityTestBase
{
    Q_OBJECT

private Q_SLOTS:
    void init() { reset(); }

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

QTEST_GUILESS_MAIN(TestIdentityTokens)
#include "tst_identitytokens.moc"
