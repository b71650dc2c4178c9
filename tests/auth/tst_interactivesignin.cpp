// SPDX-License-Identifier: MIT
// Interactive sign-in (authorization code + PKCE) against the in-process simulator, with a
// scripted browser.
#include "authtest.h"

#include <QSignalSpy>
#include <QTcpSocket>

using namespace Qt::StringLiterals;
using namespace AuthTest;
using Action = ScriptedBrowser::Action;

namespace {
// True when nothing listens on the port any more.
bool refused(quint16 port)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    return !socket.waitForConnected(5000);
}
} // namespace

class TestInteractiveSignIn final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void signInWithPkce();
    void failures_data();
    void failures();
    void timeoutClosesListener();
    void withoutBrowserOpener();
    void cancel();
};

void TestInteractiveSignIn::signInWithPkce()
{
    SessionRig rig;
    QVERIFY(rig.start(u"analyst@contoso.example"_s));
    SignInSession &session = *rig.session;
    ScriptedBrowser browser;
    session.setBrowserOpener(browser.opener());
    QSignalSpy signedIn(&session, &SignInSession::signedIn);
    QSignalSpy failed(&session, &SignInSession::signInFailed);

    session.signIn();
    QCOMPARE(session.state(), SignInSession::State::SigningIn);
    QVERIFY(signedIn.wait(20000));
    QVERIFY2(browser.failure.isEmpty(), qPrintable(browser.failure));
    QCOMPARE(failed.count(), 0);

    // The request the browser was given.
    const QUrlQuery asked(browser.authorizeUrl);
    QCOMPARE(
        browser.authorizeUrl.path(), u"/%1/oauth2/v2.0/authorize"_s.arg(rig.s.settings.tenant));
    QCOMPARE(asked.queryItemValue(u"response_type"_s), u"code"_s);
    QCOMPARE(asked.queryItemValue(u"code_challenge_method"_s), u"S256"_s);
    QCOMPARE(asked.queryItemValue(u"code_challenge"_s).size(), 43);
    QCOMPARE(asked.queryItemValue(u"prompt"_s), u"select_account"_s);
    QCOMPARE(asked.queryItemValue(u"login_hint"_s, QUrl::FullyDecoded), rig.s.settings.loginHint);
    QVERIFY(asked.queryItemValue(u"state"_s).size() >= 16);
    const QUrl redirect(asked.queryItemValue(u"redirect_uri"_s, QUrl::FullyDecoded));
    QCOMPARE(redirect.host(), u"127.0.0.1"_s);
    QCOMPARE(redirect.scheme(), u"http"_s);
    const QString scope = asked.queryItemValue(u"scope"_s, QUrl::FullyDecoded);
    QVERIFY(scope.contains(u"Machine.Offboard"_s) && scope.contains(u"offline_access"_s));

    // The browser was told it is done.
    QTRY_VERIFY(browser.finished);
    QCOMPARE(browser.callbackStatus, 200);
    QVERIFY(browser.callbackPage.contains("close this tab"));

    // Who and what.
    QVERIFY(session.isSignedIn());
    QCOMPARE(session.mode(), SignInMode::Interactive);
    QCOMPARE(session.account(), rig.s.sim->options().userUpn);
    QVERIFY(session.grantedPermissions().contains(u"Machine.Read"_s));
    QVERIFY(session.canOffboard());
    QCOMPARE(session.tenant(), rig.s.settings.tenant);

    // The refresh token went to the store under the account's key; the account is remembered.
    const QString key = TokenStore::makeKey(Cloud::Commercial, rig.s.settings.tenant,
        rig.s.settings.clientId, rig.s.sim->options().userUpn);
    QTRY_VERIFY(rig.store.contains(key));
    QVERIFY(!rig.store.value(key).isEmpty());
    QCOMPARE(rig.store.entries().size(), 1);
    QCOMPARE(AppSettings::load().loginHint, rig.s.sim->options().userUpn);

    // Only the first callback counts: the listener is gone, a replay cannot reach it.
    QVERIFY(refused(quint16(redirect.port())));
    QCOMPARE(tokenCalls(*rig.s.sim), 1);

    // The token works against the API.
    QString token;
    session.requestToken(this, [&token](const QString &t, const ApiError &) { token = t; });
    QTRY_VERIFY(!token.isEmpty());
    QNetworkRequest request(QUrl(rig.s.settings.apiUrl + u"/api/machines?$top=1"_s));
    request.setRawHeader("Authorization", "Bearer " + token.toLatin1());
    QNetworkReply *reply = rig.network.get(request);
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 20000);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    delete reply;
}

void TestInteractiveSignIn::failures_data()
{
    QTest::addColumn<Action>("action");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<int>("page");
    QTest::addColumn<int>("tokenCalls");
    QTest::newRow("declined") << Action::Decline << u"access_denied"_s << 200 << 0;
    QTest::newRow("wrong state") << Action::WrongState << u"state mismatch"_s << 400 << 0;
    QTest::newRow("token error") << Action::BadCode << u"invalid_grant"_s << 200 << 1;
}

void TestInteractiveSignIn::failures()
{
    QFETCH(Action, action);
    QFETCH(QString, expected);
    QFETCH(int, page);
    QFETCH(int, tokenCalls);
    SessionRig rig;
    QVERIFY(rig.start());
    SignInSession &session = *rig.session;
    session.setRememberAccount(false);
    ScriptedBrowser browser;
    browser.action = action;
    session.setBrowserOpener(browser.opener());
    QSignalSpy signedIn(&session, &SignInSession::signedIn);
    QSignalSpy failed(&session, &SignInSession::signInFailed);

    session.signIn();
    QVERIFY(failed.wait(20000));
    const QString message = failed.first().first().toString();
    QVERIFY2(message.contains(expected), qPrintable(message));
    QVERIFY(!session.isSignedIn());
    QCOMPARE(session.state(), SignInSession::State::SignedOut);
    QCOMPARE(signedIn.count(), 0);
    QTRY_VERIFY(browser.finished);
    QCOMPARE(browser.callbackStatus, page);
    QCOMPARE(AuthTest::tokenCalls(*rig.s.sim), tokenCalls);
    QVERIFY(rig.store.entries().isEmpty());
    if (action == Action::Decline) // the service's own words reach the user
        QVERIFY2(message.size() > QStringLiteral("Sign-in was declined (access_denied): ").size(),
            qPrintable(message));

    // The session stays usable: the next attempt succeeds.
    browser.action = Action::Accept;
    session.signIn();
    QVERIFY(signedIn.wait(20000));
    QVERIFY(session.isSignedIn());
}

void TestInteractiveSignIn::timeoutClosesListener()
{
    SessionRig rig;
    QVERIFY(rig.start());
    SignInSession &session = *rig.session;
    ScriptedBrowser browser;
    browser.action = Action::Ignore;
    session.setBrowserOpener(browser.opener());
    session.setInteractiveTimeout(500);
    QCOMPARE(session.interactiveTimeout(), 500);
    QSignalSpy failed(&session, &SignInSession::signInFailed);

    session.signIn();
    const QUrl redirect = session.redirectUri();
    QVERIFY(redirect.port() > 0);
    QVERIFY(!refused(quint16(redirect.port()))); // listening while waiting
    QVERIFY(failed.wait(20000));
    QVERIFY2(failed.first().first().toString().contains(u"in time"_s),
        qPrintable(failed.first().first().toString()));
    QCOMPARE(session.state(), SignInSession::State::SignedOut);
    QVERIFY(session.redirectUri().isEmpty());
    QVERIFY(refused(quint16(redirect.port())));
}

void TestInteractiveSignIn::withoutBrowserOpener()
{
    SessionRig rig;
    QVERIFY(rig.start());
    SignInSession &session = *rig.session;
    QSignalSpy failed(&session, &SignInSession::signInFailed);
    session.signIn();
    QCOMPARE(failed.count(), 1);
    QCOMPARE(session.state(), SignInSession::State::SignedOut);
}

void TestInteractiveSignIn::cancel()
{
    SessionRig rig;
    QVERIFY(rig.start());
    SignInSession &session = *rig.session;
    QUrl opened;
    session.setBrowserOpener([&opened](const QUrl &url) { opened = url; });
    QSignalSpy failed(&session, &SignInSession::signInFailed);
    QSignalSpy states(&session, &SignInSession::stateChanged);
    session.signIn();
    QVERIFY(opened.isValid());
    const quint16 port = quint16(session.redirectUri().port());
    session.cancelSignIn();
    QCOMPARE(failed.count(), 1);
    QCOMPARE(session.state(), SignInSession::State::SignedOut);
    QCOMPARE(states.count(), 2); // SigningIn, SignedOut
    QVERIFY(refused(port));
}

QTEST_GUILESS_MAIN(TestInteractiveSignIn)
#include "tst_interactivesignin.moc"
