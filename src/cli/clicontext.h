// SPDX-License-Identifier: MIT
#pragma once

#include "appsettings.h"
#include "cliargs.h"
#include "eligibility.h"
#include "endpoints.h"

#include <QNetworkAccessManager>
#include <QObject>

#include <functional>
#include <memory>

struct ApiError;
class AuditLog;
class AuditReconciler;
class DefenderClient;
class RateBudget;
class SignInSession;
class TokenStore;

// What every command shares: the window's settings with the command line's overrides, the
// network, the sign-in, the API client, the rate budget and the audit log.
//
// Sign-in: app-only client credentials when MDE_CLIENT_SECRET is set (the secret is read once,
// removed from the environment so that no child process inherits it, and kept in memory only);
// otherwise a silent sign-in from the keychain as the account the window signed in.
class CliContext final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CliContext)
public:
    explicit CliContext(const CliOptions &options, QObject *parent = nullptr);
    ~CliContext() override;

    // Loads the settings and applies the overrides; checks URLs, tenant, client id and the CA
    // file. On false *error says why (exit 2, nothing sent).
    bool configure(QString *error);

    // done(exitCode, message) runs once: ExitOk with a token at hand, ExitSignIn or
    // ExitUnreachable with a sentence otherwise.
    using SignInDone = std::function<void(int exitCode, const QString &message)>;
    void signIn(SignInDone done);

    // Opens the shared audit log (QStandardPaths::AppDataLocation/audit.sqlite).
    AuditLog *openAudit(QString *error);
    // Settles, alongside the command (at lower priority), the audit records an earlier run of
    // the window or the CLI left unresolved. Needs the audit log open and a sign-in.
    void startReconciling();
    // Withdraws the reconciliation's look-ups not sent yet and runs then() once the ones on
    // their way are recorded (at once, later, when none is running).
    void stopReconciling(std::function<void()> then);

    const AppSettings &settings() const { return m_settings; }
    OsPolicy osPolicy() const;
    DefenderClient *client() const { return m_client.get(); }
    RateBudget *budget() const { return m_budget; }
    QString requestor() const; // the signed-in account or app id
    bool canOffboard() const;

    // The exit code an API failure leads to: network, time-out, TLS -> 4; sign-in -> 3;
    // refused before sending -> 2; anything the service refused -> 1.
    static int exitCodeFor(const ApiError &error);

private:
    CliOptions m_options;
    AppSettings m_settings;
    Endpoints m_endpoints;
    QString m_secret;
    QNetworkAccessManager m_network;
    std::unique_ptr<TokenStore> m_store;
    std::unique_ptr<SignInSession> m_session;
    std::unique_ptr<DefenderClient> m_client;
    std::unique_ptr<AuditLog> m_audit;
    AuditReconciler *m_reconciler = nullptr;
    RateBudget *m_budget;
};
