// SPDX-License-Identifier: MIT
// The interactive (authorization code + PKCE) and app-only sign-in of SignInSession.
#include "signinsession_p.h"

#include <QUrlQuery>

using namespace Qt::StringLiterals;
using Page = LoopbackListener::Page;

void SignInSession::Private::startInteractive()
{
    stopInteractive();
    if (callOrigin == Origin::Interactive)
        cancelTokenCall();
    QString error;
    if (!checkConfiguration(&error)) {
        failSignIn(error);
        return;
    }
    if (!opener) {
        failSignIn(SignInSession::tr("No way to open the web browser is set up."));
        return;
    }
    auto *newListener
        = new LoopbackListener([this](const QUrlQuery &query) { return handleCallback(query); }, q);
    if (!newListener->listen(&error)) {
        delete newListener;
        failSignIn(
            SignInSession::tr("Cannot receive the sign-in answer on 127.0.0.1: %1").arg(error));
        return;
    }
    listener = newListener;
    verifier = OAuth::randomToken(32);
    expectedState = OAuth::randomToken(16);
    redirectUri = listener->redirectUri().toString(QUrl::FullyEncoded);
    callbackAccepted = false;

    OAuth::Form query = {{u"client_id"_s, settings.clientId}, {u"response_type"_s, u"code"_s},
        {u"redirect_uri"_s, redirectUri}, {u"response_mode"_s, u"query"_s},
        {u"scope"_s, endpoints.delegatedScopes().join(u' ')}, {u"state"_s, expectedState},
        {u"code_challenge"_s, OAuth::pkceChallenge(verifier)},
        {u"code_challenge_method"_s, u"S256"_s}, {u"prompt"_s, u"select_account"_s}};
    if (!settings.loginHint.isEmpty())
        query.append({u"login_hint"_s, settings.loginHint});
    QUrl url = OAuth::identityUrl(endpoints.authority, settings.tenant, u"authorize"_s);
    url.setQuery(QString::fromLatin1(OAuth::formEncode(query)));

    QObject::disconnect(interactiveTimer, nullptr, q, nullptr);
    QObject::connect(interactiveTimer, &QTimer::timeout, q, [this] {
        if (!listener || callbackAccepted)
            return;
        stopInteractive();
        failSignIn(SignInSession::tr("No answer came back from the web browser in time "
                                     "(%1 s). The sign-in was stopped; you can try again.")
                       .arg(qMax(1, interactiveTimeoutMs / 1000)));
    });
    interactiveTimer->start(interactiveTimeoutMs);
    setState(State::SigningIn);
    opener(url);
}

Page SignInSession::Private::handleCallback(const QUrlQuery &query)
{
    const QString closeTab = SignInSession::tr("You can close this tab.");
    if (!listener || callbackAccepted) {
        return {200, SignInSession::tr("Sign-in already finished"), closeTab};
    }
    const auto value
        = [&query](const QString &name) { return query.queryItemValue(name, QUrl::FullyDecoded); };
    const QString code = value(u"code"_s);
    const QString error = value(u"error"_s);
    if (code.isEmpty() && error.isEmpty()) {
        return {400, SignInSession::tr("Not a sign-in answer"),
            SignInSession::tr("This address only receives the sign-in answer.")};
    }
    const QString failed = SignInSession::tr("Sign-in failed");
    if (value(u"state"_s) != expectedState) {
        // Not the answer to our request (forged or stale): refuse it and end this attempt.
        const QString message = SignInSession::tr(
            "The sign-in answer did not belong to this sign-in request (state mismatch) and was "
            "refused. Please sign in again.");
        stopInteractive();
        failSignIn(message);
        return {400, failed, message};
    }
    if (!error.isEmpty()) {
        const QString description = value(u"error_description"_s);
        const QString message = error == u"access_denied"_s
            ? SignInSession::tr("Sign-in was declined (access_denied): %1").arg(description)
            : SignInSession::tr("Sign-in failed (%1): %2").arg(error, description);
        stopInteractive();
        failSignIn(message);
        return {200, failed, message + u' ' + closeTab};
    }
    callbackAccepted = true;
    const QString usedVerifier = verifier;
    const QString usedRedirect = redirectUri;
    stopInteractive();
    setState(State::SigningIn);
    startTokenCall({{u"grant_type"_s, u"authorization_code"_s}, {u"client_id"_s, settings.clientId},
                       {u"code"_s, code}, {u"redirect_uri"_s, usedRedirect},
                       {u"code_verifier"_s, usedVerifier},
                       {u"scope"_s, endpoints.delegatedScopes().join(u' ')}},
        Origin::Interactive);
    return {200, SignInSession::tr("Sign-in finished"),
        SignInSession::tr("Sign-in finished. You can close this tab and return to "
                          "MDE Offboard.")};
}

void SignInSession::Private::stopInteractive()
{
    interactiveTimer->stop();
    if (listener)
        listener->shutdown(); // deletes itself once the last answer is written
    listener = nullptr;
    verifier.clear();
    expectedState.clear();
}

void SignInSession::Private::startAppOnly()
{
    stopInteractive();
    QString error;
    if (!checkConfiguration(&error)) {
        failSignIn(error);
        return;
    }
    if (!clientSecret.isEmpty()) {
        clientCredentials(Origin::Interactive);
        return;
    }
    const int started = generation;
    setState(State::SigningIn);
    store->read(
        keyFor(TokenStore::clientSecretAccount()), q, [this, started](const TokenStoreResult &r) {
            if (started != generation)
                return;
            if (r.isOk() && !r.secret.isEmpty()) {
                clientSecret = r.secret;
                clientCredentials(Origin::Interactive);
                return;
            }
            noteStoreResult(r);
            failSignIn(r.isBackendFailure()
                    ? r.message
                    : SignInSession::tr("No client secret is stored for this app "
                                        "registration. Enter it in the settings."));
        });
}
