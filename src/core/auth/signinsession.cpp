// SPDX-License-Identifier: MIT
#include "signinsession.h"

#include "signinsession_p.h"

#include <algorithm>

using namespace Qt::StringLiterals;

SignInSession::SignInSession(const AppSettings &settings, const Endpoints &endpoints,
    QNetworkAccessManager *network, TokenStore *store, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>(this, settings, endpoints, network, store))
{
    d->interactiveTimer = new QTimer(this);
    d->interactiveTimer->setSingleShot(true);
}

SignInSession::~SignInSession()
{
    d->cancelTokenCall();
    delete d->listener.data();
}

void SignInSession::setBrowserOpener(BrowserOpener opener)
{
    d->opener = std::move(opener);
}
void SignInSession::setInteractiveTimeout(int milliseconds)
{
    d->interactiveTimeoutMs = milliseconds;
}
int SignInSession::interactiveTimeout() const
{
    return d->interactiveTimeoutMs;
}
void SignInSession::setRefreshMargin(int seconds)
{
    d->refreshMarginSeconds = seconds;
}
void SignInSession::setTransferTimeout(int milliseconds)
{
    d->transferTimeoutMs = milliseconds;
}
void SignInSession::setRememberAccount(bool remember)
{
    d->rememberAccount = remember;
}
void SignInSession::setClock(std::function<QDateTime()> clock)
{
    d->clock = std::move(clock);
}

void SignInSession::start()
{
    const int generation = ++d->generation;
    d->stopInteractive();
    d->cancelTokenCall();
    const bool appOnly = d->settings.signInMode == SignInMode::AppOnly;
    QString error;
    if (!d->checkConfiguration(&error)) {
        d->lastError = error;
        d->failWaiters(error);
        Q_EMIT interactiveSignInRequired(error);
        return;
    }
    if (!appOnly && d->settings.loginHint.isEmpty()) {
        d->failWaiters(tr("Not signed in."));
        Q_EMIT interactiveSignInRequired(tr("Not signed in."));
        return;
    }
    d->setState(State::Refreshing);
    d->store->read(d->storedKey(), this, [this, generation, appOnly](const TokenStoreResult &r) {
        if (generation != d->generation)
            return;
        if (r.isOk() && !r.secret.isEmpty()) {
            (appOnly ? d->clientSecret : d->refreshToken) = r.secret;
            if (!appOnly)
                d->account = d->settings.loginHint;
            d->refresh(Private::Origin::Silent);
            return;
        }
        d->noteStoreResult(r);
        d->setState(State::SignedOut);
        const QString message = r.isBackendFailure() ? r.message
            : appOnly                                ? tr("No client secret is stored yet.")
                                                     : tr("Not signed in.");
        d->failWaiters(message);
        Q_EMIT interactiveSignInRequired(message);
    });
}

void SignInSession::signIn()
{
    ++d->generation;
    if (d->settings.signInMode == SignInMode::AppOnly)
        d->startAppOnly();
    else
        d->startInteractive();
}

void SignInSession::cancelSignIn()
{
    if (d->listener || (d->callContext && d->callOrigin == Private::Origin::Interactive)) {
        d->stopInteractive();
        if (d->callOrigin == Private::Origin::Interactive)
            d->cancelTokenCall();
        d->failWaiters(tr("Sign-in was cancelled."));
        d->failSignIn(tr("Sign-in was cancelled."));
    }
}

void SignInSession::signOut()
{
    ++d->generation;
    d->stopInteractive();
    d->cancelTokenCall();
    const QString key = d->storedKey();
    d->store->remove(key, this, [this](const TokenStoreResult &r) { d->noteStoreResult(r); });
    d->forgetTokens();
    d->failWaiters(tr("Signed out."));
    d->setState(State::SignedOut);
    d->announcedSignedIn = false;
    Q_EMIT signedOut();
}

void SignInSession::storeClientSecret(
    const QString &secret, std::function<void(bool, const QString &)> done)
{
    d->clientSecret = secret;
    d->store->write(d->keyFor(TokenStore::clientSecretAccount()), secret, this,
        [this, done = std::move(done)](const TokenStoreResult &r) {
            d->noteStoreResult(r);
            if (done)
                done(r.isOk(), r.message);
        });
}

void SignInSession::requestToken(QObject *context, Callback callback, bool forceRefresh)
{
    if (!context)
        context = this;
    if (!forceRefresh && d->hasFreshToken()) {
        QTimer::singleShot(0, context,
            [callback = std::move(callback), token = d->accessToken] { callback(token, {}); });
        return;
    }
    const bool running = d->callContext != nullptr;
    if (running || d->canRefresh()) {
        d->waiters.append({context, std::move(callback), forceRefresh});
        if (!running)
            d->refresh(Private::Origin::Refresh);
        return;
    }
    QTimer::singleShot(0, context, [callback = std::move(callback)] {
        ApiError error;
        error.kind = ApiError::Kind::Auth;
        error.message = tr("Not signed in.");
        callback({}, error);
    });
}

SignInSession::State SignInSession::state() const
{
    return d->state;
}
bool SignInSession::isSignedIn() const
{
    return d->state == State::SignedIn;
}
SignInMode SignInSession::mode() const
{
    return d->settings.signInMode;
}
QString SignInSession::account() const
{
    return isSignedIn() ? d->account : QString();
}
QString SignInSession::tenant() const
{
    return d->settings.tenant;
}
Cloud SignInSession::cloud() const
{
    return d->endpoints.cloud;
}
QStringList SignInSession::grantedPermissions() const
{
    return d->permissions;
}
QDateTime SignInSession::accessTokenExpiry() const
{
    return d->accessTokenExpiry;
}
bool SignInSession::isStoragePersistent() const
{
    return d->persistent;
}
QString SignInSession::lastError() const
{
    return d->lastError;
}

QUrl SignInSession::redirectUri() const
{
    return d->listener ? QUrl(d->redirectUri) : QUrl();
}

bool SignInSession::canOffboard() const
{
    // Short names as Microsoft sends them; a full scope URI is accepted too.
    return std::any_of(d->permissions.cbegin(), d->permissions.cend(), [](const QString &p) {
        return p == u"Machine.Offboard"_s || p.endsWith(u"/Machine.Offboard"_s);
    });
}

#include "moc_signinsession.cpp"
