// SPDX-License-Identifier: MIT
// App-only sign-in (client credentials) against the simulator.
#include "authtest.h"

#include <QSignalSpy>

#include <optional>

using namespace Qt::StringLiterals;
using namespace AuthTest;

class TestAppOnlySignIn final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void storedSecretSignsIn();
    void badSecret();
    void silentStartFromStoredSecret();
    void noSecretStored();
    void shortLivedTokensAreReused();

private:
    QString token(SignInSession &session, bool force = false);

    SimSetup m_s;
    QNetworkAccessManager m_network;
    std::unique_ptr<MemoryTokenStore> m_store;
    QString m_key;
};

void TestAppOnlySignIn::init()
{
    m_s = startSimulator({}, SignInMode::AppOnly);
    QVERIFY(m_s.sim);
    m_store = std::make_unique<MemoryTokenStore>();
    m_key = TokenStore::makeKey(Cloud::Commercial, m_s.settings.tenant, m_s.settings.clientId,
        TokenStore::clientSecretAccount());
}

QString TestAppOnlySignIn::token(SignInSession &session, bool force)
{
    auto answer = std::make_shared<std::optional<QString>>(); // outlives a late callback
    session.requestToken(
        this, [answer](const QString &t, const ApiError &) { *answer = t; }, force);
    if (!QTest::qWaitFor([answer] { return answer->has_value(); }, 20000))
        return {};
    return answer->value();
}

void TestAppOnlySignIn::storedSecretSignsIn()
{
    SignInSession session(m_s.settings, m_s.endpoints, &m_network, m_store.get());
    session.setBrowserOpener([](const QUrl &) { QFAIL("app-only sign-in opens no browser"); });
    bool stored = false;
    session.storeClientSecret(
        m_s.sim->options().clientSecret, [&stored](bool ok, const QString &) { stored = ok; });
    QTRY_VERIFY(stored);
    QCOMPARE(m_store->value(m_key), m_s.sim->options().clientSecret);

    QSignalSpy signedIn(&session, &SignInSession::signedIn);
    session.signIn();
    QVERIFY(signedIn.wait(20000));
    QCOMPARE(session.mode(), SignInMode::AppOnly);
    QCOMPARE(session.account(), m_s.sim->options().appClientId);
    QCOMPARE(session.grantedPermissions(), m_s.sim->options().appRoles);
    QVERIFY(session.canOffboard());
    QCOMPARE(m_store->entries().size(), 1); // no refresh token in client credentials

    const QString first = token(session);
    QNetworkRequest request(QUrl(m_s.settings.apiUrl + u"/api/machines?$top=1"_s));
    request.setRawHeader("Authorization", "Bearer " + first.toLatin1());
    std::unique_ptr<QNetworkReply> reply(m_network.get(request));
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 20000);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);

    // A forced refresh runs the client-credentials grant again with the secret in memory.
    const int calls = tokenCalls(*m_s.sim);
    m_s.sim->advanceClock(1000);
    QVERIFY(!token(session, true).isEmpty());
    QCOMPARE(tokenCalls(*m_s.sim), calls + 1);
}

void TestAppOnlySignIn::badSecret()
{
    SignInSession session(m_s.settings, m_s.endpoints, &m_network, m_store.get());
    session.storeClientSecret(u"not-the-secret"_s);
    QSignalSpy failed(&session, &SignInSession::signInFailed);
    QSignalSpy signedIn(&session, &SignInSession::signedIn);
    session.signIn();
    QVERIFY(failed.wait(20000));
    const QString message = failed.first().first().toString();
    QVERIFY2(message.contains(u"invalid_client"_s), qPrintable(message));
    QVERIFY(!session.isSignedIn());
    QCOMPARE(signedIn.count(), 0);
    QCOMPARE(session.lastError(), message);

    // Fix the secret and try again.
    session.storeClientSecret(m_s.sim->options().clientSecret);
    session.signIn();
    QVERIFY(signedIn.wait(20000));
    QCOMPARE(m_store->value(m_key), m_s.sim->options().clientSecret);
}

void TestAppOnlySignIn::silentStartFromStoredSecret()
{
    m_store->setValue(m_key, m_s.sim->options().clientSecret);
    SignInSession session(m_s.settings, m_s.endpoints, &m_network, m_store.get());
    QSignalSpy signedIn(&session, &SignInSession::signedIn);
    session.start();
    QVERIFY(signedIn.wait(20000));
    QCOMPARE(session.account(), m_s.sim->options().appClientId);

    QSignalSpy signedOut(&session, &SignInSession::signedOut);
    session.signOut(); // forgets the secret too
    QCOMPARE(signedOut.count(), 1);
    QTRY_VERIFY(!m_store->contains(m_key));
}

void TestAppOnlySignIn::noSecretStored()
{
    SignInSession session(m_s.settings, m_s.endpoints, &m_network, m_store.get());
    QSignalSpy failed(&session, &SignInSession::signInFailed);
    session.signIn();
    QVERIFY(failed.wait(20000));
    QVERIFY(failed.first().first().toString().contains(u"secret"_s));
    QCOMPARE(tokenCalls(*m_s.sim), 0);
    QCOMPARE(session.state(), SignInSession::State::SignedOut);
}

void TestAppOnlySignIn::shortLivedTokensAreReused()
{
    SimulatorOptions options;
    options.tokenLifetimeSeconds = 120; // shorter than the 5-minute refresh margin
    m_s = startSimulator(options, SignInMode::AppOnly);
    QVERIFY(m_s.sim);
    QDateTime now = QDateTime::currentDateTimeUtc();
    SignInSession session(m_s.settings, m_s.endpoints, &m_network, m_store.get());
    session.setClock([&now] { return now; });
    session.storeClientSecret(m_s.sim->options().clientSecret);
    QSignalSpy signedIn(&session, &SignInSession::signedIn);
    session.signIn();
    QVERIFY(signedIn.wait(20000));
    const QString first = token(session);
    QCOMPARE(token(session), first); // not a token call per request
    QCOMPARE(tokenCalls(*m_s.sim), 1);
    now = now.addSecs(61); // past half its life: refreshed
    m_s.sim->advanceClock(61 * 1000);
    const QString second = token(session);
    QVERIFY(!second.isEmpty() && second != first);
    QCOMPARE(tokenCalls(*m_s.sim), 2);
}

QTEST_GUILESS_MAIN(TestAppOnlySignIn)
#include "tst_apponlysignin.moc"
