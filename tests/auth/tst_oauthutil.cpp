// SPDX-License-Identifier: MIT
#include "oauthutil.h"
#include "signinsession.h"
#include "tokenstore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace {
QString jwt(const QJsonObject &payload)
{
    const auto part = [](const QByteArray &data) {
        return QString::fromLatin1(
            data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    };
    return part(R"({"alg":"HS256","typ":"JWT"})") + u'.'
        + part(QJsonDocument(payload).toJson(QJsonDocument::Compact)) + u".c2ln"_s;
}
} // namespace

class TestOAuthUtil final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void pkce();
    void randomTokens();
    void formEncoding();
    void identityUrls();
    void jwtClaims();
    void storeKeys();
};

void TestOAuthUtil::pkce()
{
    // Reference value computed independently (Python hashlib + base64.urlsafe_b64encode).
    QCOMPARE(OAuth::pkceChallenge(u"dBjftJeZ4CVP-mJ0kq6c2rQAa2F9NGg6Q8k1_1sJxxM"_s),
        u"qa9qQ_3ab9-XF8nduZPqhQ7QNZT_TNC6UCIFZRtZDcg"_s);
}

void TestOAuthUtil::randomTokens()
{
    const QString a = OAuth::randomToken(32);
    const QString b = OAuth::randomToken(32);
    QCOMPARE(a.size(), 43); // RFC 7636: 43..128 characters
    QVERIFY(a != b);
    for (const QChar c : a)
        QVERIFY(c.isLetterOrNumber() || c == u'-' || c == u'_');
}

void TestOAuthUtil::formEncoding()
{
    const QByteArray body
        = OAuth::formEncode({{u"client_secret"_s, u"a+b/c=d&e f"_s}, {u"scope"_s, u"x y"_s}});
    QCOMPARE(body, QByteArray("client_secret=a%2Bb%2Fc%3Dd%26e%20f&scope=x%20y"));
}

void TestOAuthUtil::identityUrls()
{
    QCOMPARE(OAuth::identityUrl(QUrl(u"http://127.0.0.1:99/"_s), u"t.example"_s, u"token"_s),
        QUrl(u"http://127.0.0.1:99/t.example/oauth2/v2.0/token"_s));
    QCOMPARE(OAuth::identityUrl(QUrl(u"https://login.example/base"_s), u"t"_s, u"authorize"_s),
        QUrl(u"https://login.example/base/t/oauth2/v2.0/authorize"_s));
}

void TestOAuthUtil::jwtClaims()
{
    QJsonObject user {{u"upn"_s, u"a@b.example"_s}, {u"scp"_s, u"Machine.Read Machine.Offboard"_s}};
    QCOMPARE(decodeJwtPayload(jwt(user)).value(u"upn"_s).toString(), u"a@b.example"_s);
    QCOMPARE(permissionsFromClaims(decodeJwtPayload(jwt(user))),
        QStringList({u"Machine.Read"_s, u"Machine.Offboard"_s}));
    QJsonObject app {{u"roles"_s, QJsonArray {u"Machine.Read.All"_s}}};
    QCOMPARE(
        permissionsFromClaims(decodeJwtPayload(jwt(app))), QStringList({u"Machine.Read.All"_s}));
    QVERIFY(decodeJwtPayload(u"not-a-jwt"_s).isEmpty());
    QVERIFY(decodeJwtPayload(u"a.!!!.c"_s).isEmpty());
}

void TestOAuthUtil::storeKeys()
{
    const QString key = TokenStore::makeKey(
        Cloud::Commercial, u"Contoso.Example"_s, u"AAAA"_s, u"user@contoso.example"_s);
    QCOMPARE(key, u"commercial|contoso.example|aaaa|user@contoso.example"_s);
    QVERIFY(key
        != TokenStore::makeKey(
            Cloud::Gcc, u"contoso.example"_s, u"aaaa"_s, u"user@contoso.example"_s));
}

QTEST_GUILESS_MAIN(TestOAuthUtil)
#include "tst_oauthutil.moc"
