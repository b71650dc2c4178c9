// SPDX-License-Identifier: MIT
// Silent sign-in, refresh, rotation, 401 handling and sign-out against the simulator.
#include "authtest.h"

#include <QSignalSpy>

using namespace Qt::StringLiterals;
using namespace AuthTest;

class TestTokenRefresh final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void silentStartRotatesStoredToken();
    void refreshBeforeExpiry();
    void forcedRefreshAfter401();
    void concurrentRequestsShareOneRefresh();
    void invalidGrantSignsOut();
    void revokedWhileSignedIn();
    void signOutForgetsEverything();
    void noKeychainWorksInMemory();

private:
    // Signs in through the scripted browser; returns false on failure.
    bool signIn(SignInSession &session);
    int apiStatus(const QString &token);
    QString token(SignInSession &session, bool force = false, ApiError *error = nullptr);

    SimSetup m_s;
    QNetworkAccessManager m_network;
    std::unique_ptr<MemoryTokenStore> m_storePtr;
    MemoryTokenStore *m_store = nullptr;
    ScriptedBrowser m_browser;
    QString m_key;
};

void TestTokenRefresh::init()
{
    m_s = startSimulator();
    QVERIFY(m_s.sim);
    m_storePtr = std::make_unique<MemoryTokenStore>();
    m_store = m_storePtr.get();
    m_key = TokenStore::makeKey(
        Cloud::Commercial, m_s.settings.tenant, m_s.settings.clientId, m_s.sim->options().userUpn);
}

bool TestTokenRefresh::signIn(SignInSession &session)
{
    session.setBrowserOpener(m_browser.opener());
    QSignalSpy signedIn(&session, &SignInSession::signedIn);
    session.signIn();
    return signedIn.wait(20000) && session.isSignedIn();
}

int TestTokenRefresh::apiStatus(const QString &token)
{
    QNetworkRequest request(QUrl(m_s.settings.apiUrl + u"/api/machines?$top=1"_s));
    request.setRawHeader("Authorization", "Bearer " + token.toLatin1());
    std::unique_ptr<QNetworkReply> reply(m_network.get(request));
    QSignalSpy done(reply.get(), &QNetworkReply::finished);
    if (!done.wait(20000))
        return -1;
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

QString TestTokenRefresh::token(SignInSession &session, bool force, ApiError *error)
{
    struct Answer
    {
        bool done = false;
        QString token;
        ApiError error;
    };
    auto answer = std::make_shared<Answer>(); // outlives a late callback
    session.requestToken(
        this,
        [answer](const QString &t, const ApiError &e) {
            *answer = {true, t, e};
        },
        force);
    if (!QTest::qWaitFor([answer] { return answer->done; }, 20000))
        return {};
    if (error)
        *error = answer->error;
    return answer->token;
}

void TestTokenRefresh::silentStartRotatesStoredToken()
{
    {
        SignInSession first(m_s.settings, m_s.endpoints, &m_network, m_store);
        QVERIFY(signIn(first));
    }
    QTRY_VERIFY(m_store->contains(m_key));
    const QString stored = m_store->value(m_key);
    const int calls = tokenCalls(*m_s.sim);

    // A new run: the remembered account and the stored refresh token, no browser.
    m_s.settings.loginHint = m_s.sim->options().userUpn;
    SignInSession session(m_s.settings, m_s.endpoints, &m_network, m_store);
    session.setBrowserOpener([](const QUrl &) { QFAIL("silent sign-in must not open a browser"); });
    QSignalSpy signedIn(&session, &SignInSession::signedIn);
    session.start();
    QCOMPARE(session.state(), SignInSession::State::Refreshing);
    QVERIFY(signedIn.wait(20000));
    QCOMPARE(session.account(), m_s.sim->options().userUpn);
    QCOMPARE(tokenCalls(*m_s.sim), calls + 1);
    QTRY_VERIFY(m_store->value(m_key) != stored); // the rotated refresh token replaced it
    QVERIFY(!m_store->value(m_key).isEmpty());
    QCOMPARE(apiStatus(token(session)), 200);
}

void TestTokenRefresh::refreshBeforeExpiry()
{
    QDateTime now = QDateTime::currentDateTimeUtc();
    SignInSession session(m_s.settings, m_s.endpoints, &m_network, m_store);
    session.setClock([&now] { return now; });
    QVERIFY(signIn(session));
    const QString first = token(session);
    QVERIFY(!first.isEmpty());
    QCOMPARE(token(session), first); // cached
    QTRY_VERIFY(m_store->contains(m_key));
    const QString storedBefore = m_store->value(m_key);
    const int calls = tokenCalls(*m_s.sim);

    // 56 minutes later less than 5 minutes are left: the next request refreshes first.
    now = now.addSecs(56 * 60);
    m_s.sim->advanceClock(56 * 60 * 1000);
    QSignalSpy refreshed(&session, &SignInSession::tokenRefreshed);
    const QString second = token(session);
    QVERIFY(!second.isEmpty());
    QVERIFY(second != first);
    QCOMPARE(refreshed.count(), 1);
    QCOMPARE(tokenCalls(*m_s.sim), calls + 1);
    QTRY_VERIFY(m_store->value(m_key) != storedBefore);
    QCOMPARE(session.accessTokenExpiry(), now.addSecs(m_s.sim->options().tokenLifetimeSeconds));
}

void TestTokenRefresh::forcedRefreshAfter401()
{
    SignInSession session(m_s.settings, m_s.endpoints, &m_network, m_store);
    QVERIFY(signIn(session));
    const QString old = token(session);
    m_s.sim->advanceClock(2LL * 3600 * 1000); // expired on the service's clock only
    QCOMPARE(apiStatus(old), 401);
    QCOMPARE(token(session), old); // our clock still thinks it is fine
    const int calls = tokenCalls(*m_s.sim);
    const QString fresh = token(session, true);
    QVERIFY(fresh != old);
    QCOMPARE(tokenCalls(*m_s.sim), calls + 1);
    QCOMPARE(apiStatus(fresh), 200);
}

void TestTokenRefresh::concurrentRequestsShareOneRefresh()
{
    SignInSession session(m_s.settings, m_s.endpoints, &m_network, m_store);
    QVERIFY(signIn(session));
    const int calls = tokenCalls(*m_s.sim);
    QStringList tokens;
    for (int i = 0; i < 3; ++i) {
        session.requestToken(
            this, [&tokens](const QString &t, const ApiError &) { tokens.append(t); }, true);
    }
    QTRY_COMPARE_WITH_TIMEOUT(tokens.size(), 3, 20000);
    QVERIFY(!tokens.first().isEmpty());
    QCOMPARE(tokens.count(tokens.first()), 3);
    QCOMPARE(tokenCalls(*m_s.sim), calls + 1);
}

void TestTokenRefresh::invalidGrantSignsOut()
{
    m_store->setValue(m_key, u"refresh-token-the-service-never-issued"_s);
    m_s.settings.loginHint = m_s.sim->options().userUpn;
    SignInSession session(m_s.settings, m_s.endpoints, &m_network, m_store);
    QSignalSpy needed(&session, &SignInSession::interactiveSignInRequired);
    QSignalSpy signedIn(&session, &SignInSession::signedIn);
    session.start();
    QVERIFY(needed.wait(20000));
    QVERIFY2(needed.first().first().toString().contains(u"invalid_grant"_s),
        qPrintable(needed.first().first().toString()));
    QCOMPARE(signedIn.count(), 0);
    QCOMPARE(session.state(), SignInSession::State::SignedOut);
    QTRY_VERIFY(!m_store->contains(m_key)); // the dead grant is gone from the store
    ApiError error;
    QVERIFY(token(session, false, &error).isEmpty());
    QCOMPARE(error.kind, ApiError::Kind::Auth);

    // Nothing stored at all: start() asks for an interactive sign-in without a network call.
    const int calls = tokenCalls(*m_s.sim);
    session.start();
    QVERIFY(needed.wait(20000));
    QCOMPARE(tokenCalls(*m_s.sim), calls);
}

void TestTokenRefresh::revokedWhileSignedIn()
{
    SignInSession first(m_s.settings, m_s.endpoints, &m_network, m_store);
    QVERIFY(signIn(first));
    QTRY_VERIFY(m_store->contains(m_key));
    // A second instance starts from the stored token and rotates it: the first instance's
    // refresh token is now spent (a refresh token is good for one redemption).
    m_s.settings.loginHint = m_s.sim->options().userUpn;
    SignInSession second(m_s.settings, m_s.endpoints, &m_network, m_store);
    QSignalSpy secondIn(&second, &SignInSession::signedIn);
    second.start();
    QVERIFY(secondIn.wait(20000));
    QTRY_VERIFY(m_store->writeCount() == 2);
    const QString rotated = m_store->value(m_key);

    QSignalSpy signedOut(&first, &SignInSession::signedOut);
    QSignalSpy needed(&first, &SignInSession::interactiveSignInRequired);
    ApiError error;
    QVERIFY(token(first, true, &error).isEmpty());
    QCOMPARE(error.kind, ApiError::Kind::Auth);
    QCOMPARE(error.code, u"invalid_grant"_s);
    QCOMPARE(signedOut.count(), 1);
    QCOMPARE(needed.count(), 1);
    QVERIFY(!first.isSignedIn());
    // The other instance's newer token is left alone. A store round trip queued now answers
    // after the session's own check of the entry.
    auto probed = std::make_shared<bool>(false);
    m_store->read(m_key, this, [probed](const TokenStoreResult &) { *probed = true; });
    QTRY_VERIFY(*probed);
    QCOMPARE(m_store->value(m_key), rotated);
    QVERIFY(second.isSignedIn());
}

void TestTokenRefresh::signOutForgetsEverything()
{
    SignInSession session(m_s.settings, m_s.endpoints, &m_network, m_store);
    QVERIFY(signIn(session));
    QTRY_VERIFY(m_store->contains(m_key));
    QSignalSpy signedOut(&session, &SignInSession::signedOut);
    session.signOut();
    QCOMPARE(signedOut.count(), 1);
    QVERIFY(!session.isSignedIn());
    QVERIFY(session.account().isEmpty());
    QVERIFY(session.grantedPermissions().isEmpty());
    QTRY_VERIFY(!m_store->contains(m_key));
    ApiError error;
    QVERIFY(token(session, true, &error).isEmpty());
    QCOMPARE(error.kind, ApiError::Kind::Auth);
}

void TestTokenRefresh::noKeychainWorksInMemory()
{
    m_store->setFailure(TokenStoreResult::Status::NoBackend);
    SignInSession session(m_s.settings, m_s.endpoints, &m_network, m_store);
    QSignalSpy storage(&session, &SignInSession::storageFailed);
    QVERIFY(signIn(session));
    QTRY_COMPARE(storage.count(), 1);
    QVERIFY(storage.first().first().toString().contains(u"keychain"_s));
    QVERIFY(!session.isStoragePersistent());
    // Refreshing still works from the refresh token held in memory.
    const QString fresh = token(session, true);
    QVERIFY(!fresh.isEmpty());
    QCOMPARE(apiStatus(fresh), 200);
    QCOMPARE(storage.count(), 1); // said once
}

QTEST_GUILESS_MAIN(TestTokenRefresh)
#include "tst_tokenrefresh.moc"
