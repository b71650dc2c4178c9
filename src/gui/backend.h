// SPDX-License-Identifier: MIT
#pragma once

#include "appsettings.h"
#include "eligibility.h"

#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>

#include <memory>

class AccessTokenProvider;
class ActionPoller;
class AuditLog;
class DefenderClient;
class RateBudget;
class SignInSession;
class TokenStore;

// Everything the window talks to, built from the settings: the network manager, the token store,
// the sign-in session, the API client, the rate budget, the action poller and the audit log.
// Applying new settings rebuilds the session, the client and the poller (clientChanged()); the
// budget and the audit log live as long as the backend. No widgets here.
class Backend final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Backend)
public:
    struct Options
    {
        TokenStore *store = nullptr; // not owned; null = the system keychain
        // Tests and scripted runs: a fixed token instead of a sign-in session (not owned).
        AccessTokenProvider *fixedTokens = nullptr;
        QString fixedAccount;
        bool fixedCanOffboard = true;
        QString auditPath; // empty = AppDataLocation/audit.sqlite
        int pollDelayMs = 2000; // first poll of an open action, then doubled
        int pollMaxDelayMs = 60000;
    };

    explicit Backend(const Options &options, QObject *parent = nullptr);
    ~Backend() override;

    // Rebuilds session, client and poller. False with *error when the endpoints are unusable
    // (the previous client is dropped all the same: nothing goes to a wrong place).
    bool applySettings(const AppSettings &settings, QString *error = nullptr);
    const AppSettings &settings() const { return m_settings; }

    DefenderClient *client() const { return m_client.get(); }
    RateBudget *budget() const { return m_budget; }
    ActionPoller *poller() const { return m_poller.get(); }
    AuditLog *audit() const; // null when the audit log could not be opened
    QString auditError() const { return m_auditError; }
    SignInSession *session() const { return m_session.get(); }
    QNetworkAccessManager *network() { return &m_network; }

    bool isSignedIn() const;
    bool isSigningIn() const; // waiting for the browser or the token endpoint
    QString account() const;
    QString cloudText() const;
    bool canOffboard() const;
    EligibilityContext eligibilityContext() const;

    // Silent sign-in at start (session) or immediately signed in (fixed tokens).
    void start();
    void signIn();
    void signOut();
    // App-only secret to the keychain through the session (also kept for this run).
    void storeClientSecret(const QString &secret);

Q_SIGNALS:
    void clientChanged();
    void signInChanged(); // signed in, signed out, account or permissions changed
    void signedIn();
    void problem(const QString &text); // a sentence for the message bar

private:
    void connectSession();

    Options m_options;
    AppSettings m_settings;
    QNetworkAccessManager m_network;
    std::unique_ptr<TokenStore> m_ownStore;
    std::unique_ptr<SignInSession> m_session;
    std::unique_ptr<DefenderClient> m_client;
    std::unique_ptr<ActionPoller> m_poller;
    std::unique_ptr<AuditLog> m_audit;
    RateBudget *m_budget;
    QString m_auditError;
    bool m_fixedSignedIn = false;
};
