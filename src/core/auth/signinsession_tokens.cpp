// SPDX-License-Identifier: MIT
// SignInSession's token handling: calls to the token endpoint, their answers, the store.
#include "signinsession_p.h"

using namespace Qt::StringLiterals;

namespace {
// Answers that mean the stored grant is dead and only the user can get a new one.
bool isRefusal(const OAuth::TokenResponse &answer)
{
    static const QStringList refusals = {u"invalid_grant"_s, u"interaction_required"_s,
        u"consent_required"_s, u"login_required"_s, u"invalid_client"_s, u"unauthorized_client"_s};
    return answer.kind == ApiError::Kind::Auth && refusals.contains(answer.error);
}

QString accountFromClaims(const QJsonObject &idClaims, const QJsonObject &accessClaims)
{
    for (const QJsonObject &claims : {idClaims, accessClaims}) {
        for (const auto &name : {u"preferred_username"_s, u"upn"_s, u"unique_name"_s}) {
            const QString value = claims.value(name).toString();
            if (!value.isEmpty())
                return value;
        }
    }
    return accessClaims.value(u"oid"_s).toString();
}
} // namespace

SignInSession::Private::Private(SignInSession *session, const AppSettings &s, const Endpoints &e,
    QNetworkAccessManager *n, TokenStore *t)
    : q(session)
    , settings(s)
    , endpoints(e)
    , network(n)
    , store(t)
    , clock([] { return QDateTime::currentDateTimeUtc(); })
{ }

void SignInSession::Private::setState(State newState)
{
    if (state == newState)
        return;
    state = newState;
    Q_EMIT q->stateChanged(newState);
}

QString SignInSession::Private::keyFor(const QString &forAccount) const
{
    return TokenStore::makeKey(endpoints.cloud, settings.tenant, settings.clientId, forAccount);
}

QString SignInSession::Private::storedKey() const
{
    if (settings.signInMode == SignInMode::AppOnly)
        return keyFor(TokenStore::clientSecretAccount());
    return keyFor(account.isEmpty() ? settings.loginHint : account);
}

bool SignInSession::Private::hasFreshToken() const
{
    // Refresh when less than the margin is left, but never before half the token's life:
    // a short-lived token must not turn every request into a token call.
    const qint64 margin = qMin<qint64>(refreshMarginSeconds, accessTokenLifetime / 2);
    return !accessToken.isEmpty() && clock().addSecs(margin) < accessTokenExpiry;
}

bool SignInSession::Private::canRefresh() const
{
    return settings.signInMode == SignInMode::AppOnly ? !clientSecret.isEmpty()
                                                      : !refreshToken.isEmpty();
}

bool SignInSession::Private::checkConfiguration(QString *error) const
{
    if (!settings.isComplete(error))
        return false;
    const auto authority = checkServiceUrl(endpoints.authority.toString(), error);
    return authority.has_value();
}

QUrl SignInSession::Private::tokenUrl() const
{
    return OAuth::identityUrl(endpoints.authority, settings.tenant, u"token"_s);
}

void SignInSession::Private::startTokenCall(const OAuth::Form &form, Origin origin)
{
    cancelTokenCall();
    callContext = new QObject(q);
    callOrigin = origin;
    QObject *context = callContext;
    OAuth::postTokenRequest(network, tokenUrl(), form, transferTimeoutMs, context,
        [this, origin, context](const OAuth::TokenResponse &answer) {
            if (callContext == context)
                callContext = nullptr;
            context->deleteLater();
            onTokenAnswer(answer, origin);
        });
}

void SignInSession::Private::cancelTokenCall()
{
    delete callContext; // aborts the request; its answer is never delivered
    callContext = nullptr;
}

void SignInSession::Private::refresh(Origin origin)
{
    if (settings.signInMode == SignInMode::AppOnly) {
        clientCredentials(origin);
        return;
    }
    QString error;
    if (!checkConfiguration(&error)) {
        onTokenAnswer({false, {}, {}, {}, 0, ApiError::Kind::InvalidInput, {}, {}, error}, origin);
        return;
    }
    if (origin != Origin::Refresh)
        setState(State::Refreshing);
    startTokenCall({{u"grant_type"_s, u"refresh_token"_s}, {u"client_id"_s, settings.clientId},
                       {u"refresh_token"_s, refreshToken},
                       {u"scope"_s, endpoints.delegatedScopes().join(u' ')}},
        origin);
}

void SignInSession::Private::clientCredentials(Origin origin)
{
    QString error;
    if (!checkConfiguration(&error)) {
        onTokenAnswer({false, {}, {}, {}, 0, ApiError::Kind::InvalidInput, {}, {}, error}, origin);
        return;
    }
    if (origin != Origin::Refresh)
        setState(origin == Origin::Silent ? State::Refreshing : State::SigningIn);
    startTokenCall({{u"grant_type"_s, u"client_credentials"_s}, {u"client_id"_s, settings.clientId},
                       {u"client_secret"_s, clientSecret}, {u"scope"_s, endpoints.appOnlyScope()}},
        origin);
}

void SignInSession::Private::onTokenAnswer(const OAuth::TokenResponse &answer, Origin origin)
{
    if (answer.ok)
        acceptTokens(answer, origin);
    else
        rejectTokens(answer, origin);
}

void SignInSession::Private::acceptTokens(const OAuth::TokenResponse &answer, Origin origin)
{
    const QJsonObject claims = decodeJwtPayload(answer.accessToken);
    accessToken = answer.accessToken;
    accessTokenExpiry = clock().addSecs(answer.expiresIn);
    accessTokenLifetime = answer.expiresIn;
    permissions = permissionsFromClaims(claims);
    lastError.clear();

    if (settings.signInMode == SignInMode::AppOnly) {
        const QString appId = claims.value(u"appid"_s).toString();
        account = appId.isEmpty() ? settings.clientId : appId;
    } else {
        if (origin == Origin::Interactive || account.isEmpty()) {
            const QString found = accountFromClaims(decodeJwtPayload(answer.idToken), claims);
            account = found.isEmpty() ? settings.loginHint : found;
        }
        const bool rotated = !answer.refreshToken.isEmpty() && answer.refreshToken != refreshToken;
        if (!answer.refreshToken.isEmpty())
            refreshToken = answer.refreshToken;
        if ((rotated || origin == Origin::Interactive) && !refreshToken.isEmpty()
            && !account.isEmpty())
            persist(keyFor(account), refreshToken);
        if (origin == Origin::Interactive) {
            settings.loginHint = account;
            if (rememberAccount)
                AppSettings::saveLoginHint(account);
        }
    }

    setState(listener ? State::SigningIn : State::SignedIn);
    if (!announcedSignedIn || origin == Origin::Interactive) {
        announcedSignedIn = true;
        Q_EMIT q->signedIn();
    } else {
        Q_EMIT q->tokenRefreshed();
    }
    flushWaiters(accessToken, {});
}

void SignInSession::Private::rejectTokens(const OAuth::TokenResponse &answer, Origin origin)
{
    lastError = answer.message;
    const bool appOnly = settings.signInMode == SignInMode::AppOnly;
    if (isRefusal(answer) && origin != Origin::Interactive) {
        // The stored grant (or secret) is dead: forget it, including the keychain entry for a
        // delegated refresh token. A refused client secret stays stored: the user replaces it.
        if (!appOnly) {
            // Only if the entry still holds the refused token: another instance of the app may
            // have rotated it to a newer, valid one in the meantime.
            const QString key = storedKey();
            store->read(key, q, [this, key, dead = refreshToken](const TokenStoreResult &r) {
                if (r.isOk() && r.secret == dead)
                    store->remove(
                        key, q, [this](const TokenStoreResult &r) { noteStoreResult(r); });
            });
        }
        forgetTokens();
        becomeSignedOut();
        flushWaiters({}, answer.toApiError());
        Q_EMIT q->interactiveSignInRequired(appOnly
                ? SignInSession::tr("The app sign-in was refused; check the client secret. %1")
                      .arg(answer.message)
                : SignInSession::tr("Your sign-in has expired or was revoked; sign in "
                                    "again. %1")
                      .arg(answer.message));
        return;
    }
    // A failure that may pass (network, time-out) keeps the grant for the next try, and a
    // cached token that has not expired yet still serves callers that did not force a refresh.
    const bool usable = !accessToken.isEmpty() && clock() < accessTokenExpiry;
    if (!listener)
        setState(usable ? State::SignedIn : State::SignedOut);
    if (usable) {
        const QList<Waiter> pending = std::exchange(waiters, {});
        for (const Waiter &w : pending) {
            if (w.context)
                w.forced ? w.callback({}, answer.toApiError()) : w.callback(accessToken, {});
        }
    } else {
        flushWaiters({}, answer.toApiError());
    }
    if (origin != Origin::Refresh)
        Q_EMIT q->signInFailed(answer.message);
}

void SignInSession::Private::flushWaiters(const QString &token, const ApiError &error)
{
    const QList<Waiter> pending = std::exchange(waiters, {});
    for (const Waiter &w : pending) {
        if (w.context)
            w.callback(token, error);
    }
}

void SignInSession::Private::failWaiters(const QString &message)
{
    ApiError error;
    error.kind = ApiError::Kind::Auth;
    error.message = message;
    flushWaiters({}, error);
}

void SignInSession::Private::forgetTokens()
{
    accessToken.clear();
    accessTokenExpiry = {};
    refreshToken.clear();
    clientSecret.clear();
    account.clear();
    permissions.clear();
}

void SignInSession::Private::becomeSignedOut()
{
    setState(State::SignedOut);
    if (announcedSignedIn) {
        announcedSignedIn = false;
        Q_EMIT q->signedOut();
    }
}

void SignInSession::Private::persist(const QString &key, const QString &secret)
{
    store->write(key, secret, q, [this](const TokenStoreResult &r) { noteStoreResult(r); });
}

void SignInSession::Private::noteStoreResult(const TokenStoreResult &result)
{
    if (!result.isBackendFailure())
        return;
    const bool first = persistent;
    persistent = false;
    if (first)
        Q_EMIT q->storageFailed(result.message);
}

void SignInSession::Private::failSignIn(const QString &message)
{
    lastError = message;
    const bool usable = !accessToken.isEmpty() && clock() < accessTokenExpiry;
    setState(usable ? State::SignedIn : State::SignedOut);
    Q_EMIT q->signInFailed(message);
}
