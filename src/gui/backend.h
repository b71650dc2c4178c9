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
class AuditReconciler;
class DefenderClient;
class RateBudget;
class SignInSession;
class TokenStore;

// Everything the window talks to, built from the settings: the network manager, the token store,
// the sign-in session, the API client, the rate budget, the action poller and the audit log.
// The app opens the audit log after its window is shown (Options::openAuditLater, openAudit()):
// until then audit() is null and nothing can be offboarded.
// Applying new settings rebuilds the session, the client and the poller (clientChanged()); the
// budget and the audit log live as long as the backend. Once signed in for the first time it
// reconciles what an earlier run left unresolved in the audit log (AuditReconciler: devices a
// killed batch never sent, offboards whose answer was lost) and reports it (auditReconciled).
// No widgets here.
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
        QStringList fixedPermissions;
        QString auditPath; // empty = AppDataLocation/audit.sqlite
        // False: the constructor opens the audit log. True: openAudit() does (the app, after
        // its window is shown, so SQLite and the file system never delay the first frame).
        bool openAuditLater = false;
        int pollDelayMs = 2000; // first poll of an open action, then doubled
        int pollMaxDelayMs = 60000;
        // Records younger than this are looked up once they reach it (the service may not list
        // a brand-new action at once).
        qint64 reconcileMinAgeMs = 2 * 60000;
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
    AuditLog *audit() const; // null until opened, and when it could not be opened
    // The log itself, open or not: what must be recorded is refused while it is not open
    // (BulkOffboard checks).
    AuditLog *auditLog() const { return m_audit.get(); }
    QString auditError() const { return m_auditError; }
    // Opens the audit log if that was left for later (once; later calls return the outcome).
    // Emits auditOpened() and auditChanged() when it opened; false with auditError() if not.
    bool openAudit();
    SignInSession *session() const { return m_session.get(); }
    QNetworkAccessManager *network() { return &m_network; }
    AuditReconciler *reconciler() const { return m_reconciler.get(); } // null until signed in

    bool isSignedIn() const;
    bool isSigningIn() const; // waiting for the browser or the token endpoint
    QString account() const;
    QString cloudText() const;
    bool canOffboard() const;
    // What the token grants (scp or roles), for display; the service stays the authority.
    QStringList permissions() const;
    EligibilityContext eligibilityContext() const;

    // Silent sign-in at start (session) or immediately signed in (fixed tokens).
    void start();
    void signIn();
    void signOut();
    // App-only secret to the keychain through the session (also kept for this run).
    void storeClientSecret(const QString &secret);
    // Tells the history that the audit log changed (a batch or a cancel wrote to it).
    void notifyAuditChanged() { Q_EMIT auditChanged(); }

Q_SIGNALS:
    void clientChanged();
    void signInChanged(); // signed in, signed out, account or permissions changed
    void signedIn();
    void problem(const QString &text); // a sentence for the message bar
    void auditChanged(); // records were added or settled
    void auditOpened(); // the audit log is open now (openAudit())
    // The start-up reconciliation is over; summary is "Last session: …" (empty: nothing to say).
    void auditReconciled(int reconciled, int notSent, int leftUnresolved, const QString &summary);

private:
    void connectSession();
    void reconcileOnce();

    Options m_options;
    AppSettings m_settings;
    QNetworkAccessManager m_network;
    std::unique_ptr<TokenStore> m_ownStore;
    std::unique_ptr<SignInSession> m_session;
    std::unique_ptr<DefenderClient> m_client;
    std::unique_ptr<ActionPoller> m_poller;
    std::unique_ptr<AuditLog> m_audit;
    std::unique_ptr<AuditReconciler> m_reconciler; // before m_audit in destruction
    RateBudget *m_budget;
    QString m_auditError;
    bool m_auditAttempted = false;
    bool m_fixedSignedIn = false;
};
