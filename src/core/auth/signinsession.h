// SPDX-License-Identifier: MIT
#pragma once

#include "accesstokenprovider.h"
#include "appsettings.h"
#include "endpoints.h"

#include <QDateTime>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <functional>
#include <memory>

class QNetworkAccessManager;
class TokenStore;

// The signed-in state of the app, and the AccessTokenProvider the API client uses.
//
// Interactive mode (delegated): authorization code with PKCE (S256) through the system browser
// and a loopback redirect on http://127.0.0.1:{free port}/; scopes Endpoints::delegatedScopes(),
// prompt=select_account and the remembered login hint. The flow is written here on QtNetwork
// rather than on QOAuth2AuthorizationCodeFlow: Qt 6.4's flow has no PKCE, drops a state
// mismatch and token-endpoint errors (invalid_grant, error_description) with only a log line
// and no signal, serves the same page for success and failure and offers no time-out, so none of
// the required messages could be given. The browser step is injected (setBrowserOpener): the GUI
// passes QDesktopServices::openUrl, tests pass a scripted browser; core links no QtGui.
//
// App-only mode: client credentials with the client secret from the TokenStore
// (storeClientSecret() puts it there), scope {resource}/.default.
//
// Secrets: the refresh token (or the client secret) is kept in the TokenStore under
// TokenStore::makeKey(cloud, tenant, clientId, account); access tokens only in memory. When the
// store has no backend the session works in memory for this run and emits storageFailed().
// Nothing secret is logged.
//
// requestToken(): delivers the cached access token, refreshing first when less than
// refreshMargin() is left or when forceRefresh is set (once after a 401). Concurrent requests
// during a refresh share it. A rotated refresh token replaces the stored one. invalid_grant (or
// interaction_required) on refresh forgets the stored token, signs out and emits
// interactiveSignInRequired(). Callbacks run exactly once, on the session's thread.
//
// The session stays usable after every failure: signIn() can simply be called again.
class SignInSession final : public QObject, public AccessTokenProvider
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SignInSession)
public:
    enum class State {
        SignedOut,
        SigningIn, // waiting for the browser (interactive) or the token endpoint
        Refreshing, // silent sign-in or refresh in progress (no browser)
        SignedIn
    };
    Q_ENUM(State)
    using BrowserOpener = std::function<void(const QUrl &authorizeUrl)>;

    // endpoints: usually settings.endpoints(). network and store must outlive the session.
    SignInSession(const AppSettings &settings, const Endpoints &endpoints,
        QNetworkAccessManager *network, TokenStore *store, QObject *parent = nullptr);
    ~SignInSession() override;

    // Configuration (before signing in).
    void setBrowserOpener(BrowserOpener opener);
    void setInteractiveTimeout(int milliseconds); // default 5 minutes
    int interactiveTimeout() const;
    void setRefreshMargin(int seconds); // default 300
    void setTransferTimeout(int milliseconds); // token endpoint calls; default 30 s
    // When true (default) a successful interactive sign-in saves the account as the login hint
    // (AppSettings::saveLoginHint) so the next start can sign in silently.
    void setRememberAccount(bool remember);
    // The clock that decides when a token needs refreshing (tests move it); default: the
    // system clock in UTC.
    void setClock(std::function<QDateTime()> clock);

    // Silent sign-in from the store (no browser). Delegated: needs settings.loginHint (the
    // account) and a stored refresh token; app-only: a stored client secret. Ends in signedIn(),
    // or stays signed out (emitting interactiveSignInRequired() for a refused or absent entry,
    // signInFailed() for other errors).
    void start();
    // Interactive: opens the browser (signInFailed() if no opener is set); AppOnly: client
    // credentials with the stored (or in-memory) secret. A sign-in already running is cancelled.
    void signIn();
    // Stops a running interactive sign-in: closes the listener, emits signInFailed().
    void cancelSignIn();
    // Deletes the stored entry (the refresh token; in app-only mode the client secret), forgets
    // all tokens in memory, fails pending requestToken() calls, emits signedOut().
    void signOut();
    // AppOnly: stores the secret in the TokenStore (and in memory for this run). done(ok,
    // message) runs once; ok=false with the store's message if the keychain failed (the secret
    // is then kept in memory only).
    void storeClientSecret(
        const QString &secret, std::function<void(bool ok, const QString &message)> done = {});

    // AccessTokenProvider
    void requestToken(QObject *context, Callback callback, bool forceRefresh = false) override;

    // State
    State state() const;
    bool isSignedIn() const;
    SignInMode mode() const;
    QString account() const; // UPN (delegated) or app id (app-only); empty when signed out
    QString tenant() const;
    Cloud cloud() const;
    QStringList grantedPermissions() const; // scp or roles of the current access token
    bool canOffboard() const; // Machine.Offboard granted
    QDateTime accessTokenExpiry() const; // UTC; invalid when none
    bool isStoragePersistent() const; // false after the store reported no backend
    QUrl redirectUri() const; // while an interactive sign-in listens
    QString lastError() const;

Q_SIGNALS:
    void signedIn();
    void signedOut();
    void signInFailed(const QString &message);
    void interactiveSignInRequired(const QString &message);
    void storageFailed(const QString &message);
    void stateChanged(SignInSession::State state);
    void tokenRefreshed();

private:
    struct Private;
    std::unique_ptr<Private> d;
    friend struct Private;
};

// Reads the payload of a JWT (base64url, no signature check) — for display only; the server
// stays the authority. Returns an empty object when the token is not a JWT.
QJsonObject decodeJwtPayload(const QString &token);
// scp (space-separated) or roles (array) of a decoded payload.
QStringList permissionsFromClaims(const QJsonObject &claims);
