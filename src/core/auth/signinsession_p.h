// SPDX-License-Identifier: MIT
#pragma once

// Internal state of SignInSession, shared by its two source files.

#include "loopbacklistener.h"
#include "oauthutil.h"
#include "signinsession.h"
#include "tokenstore.h"

#include <QPointer>
#include <QTimer>

struct SignInSession::Private
{
    // What started a token call; decides which signals a failure gives.
    enum class Origin {
        Silent, // start(): from the stored refresh token or secret
        Interactive, // signIn(): code exchange or client credentials asked for by the user
        Refresh // requestToken(): the cached token was too old or refused
    };
    struct Waiter
    {
        QPointer<QObject> context;
        Callback callback;
        bool forced = false;
    };

    Private(SignInSession *session, const AppSettings &settings, const Endpoints &endpoints,
        QNetworkAccessManager *network, TokenStore *store);

    SignInSession *q;
    AppSettings settings;
    Endpoints endpoints;
    QNetworkAccessManager *network;
    TokenStore *store;

    BrowserOpener opener;
    std::function<QDateTime()> clock;
    int interactiveTimeoutMs = 5 * 60 * 1000;
    int refreshMarginSeconds = 300;
    int transferTimeoutMs = 30000;
    bool rememberAccount = true;

    State state = State::SignedOut;
    bool announcedSignedIn = false; // signedIn() was emitted and no signedOut() since
    QString accessToken; // never logged
    QDateTime accessTokenExpiry;
    qint64 accessTokenLifetime = 0; // seconds, as issued
    QString refreshToken; // delegated; never logged
    QString clientSecret; // app-only; never logged
    QString account;
    QStringList permissions;
    bool persistent = true;
    QString lastError;

    QList<Waiter> waiters;
    QObject *callContext = nullptr; // parent of the running token call; deleting it cancels
    Origin callOrigin = Origin::Refresh;
    int generation = 0; // bumped by signIn/signOut/start: late store answers are ignored

    // Interactive sign-in in progress
    QPointer<LoopbackListener> listener;
    QTimer *interactiveTimer = nullptr;
    QString verifier;
    QString expectedState;
    QString redirectUri;
    bool callbackAccepted = false;

    void setState(State newState);
    QString keyFor(const QString &forAccount) const;
    QString storedKey() const; // the entry of the current mode and account
    bool hasFreshToken() const;
    bool canRefresh() const;
    bool checkConfiguration(QString *error) const;
    QUrl tokenUrl() const;

    void startTokenCall(const OAuth::Form &form, Origin origin);
    void cancelTokenCall();
    void refresh(Origin origin);
    void clientCredentials(Origin origin);
    void onTokenAnswer(const OAuth::TokenResponse &answer, Origin origin);
    void acceptTokens(const OAuth::TokenResponse &answer, Origin origin);
    void rejectTokens(const OAuth::TokenResponse &answer, Origin origin);
    void flushWaiters(const QString &token, const ApiError &error);
    void failWaiters(const QString &message); // Auth error with this message
    void forgetTokens();
    void becomeSignedOut();
    void persist(const QString &key, const QString &secret);
    void noteStoreResult(const TokenStoreResult &result);
    void failSignIn(const QString &message);

    // signinsession_interactive.cpp
    void startInteractive();
    LoopbackListener::Page handleCallback(const QUrlQuery &query);
    void stopInteractive();
    void startAppOnly();
};
