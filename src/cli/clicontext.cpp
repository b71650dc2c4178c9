// SPDX-License-Identifier: MIT
#include "clicontext.h"

#include "apierror.h"
#include "auditlog.h"
#include "auditreconciler.h"
#include "cacertificates.h"
#include "defenderclient.h"
#include "keychaintokenstore.h"
#include "memorytokenstore.h"
#include "ratebudget.h"
#include "signinsession.h"

#include <QDir>
#include <QSslConfiguration>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace {
constexpr const char *SecretVariable = "MDE_CLIENT_SECRET";

bool isUnreachable(ApiError::Kind kind)
{
    return kind == ApiError::Kind::Network || kind == ApiError::Kind::Timeout
        || kind == ApiError::Kind::Tls;
}
} // namespace

CliContext::CliContext(const CliOptions &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_secret(qEnvironmentVariable(SecretVariable))
    , m_budget(new RateBudget(this))
{
    // Read once; children of this process (none today) must not inherit it.
    qunsetenv(SecretVariable);
}

CliContext::~CliContext()
{
    delete m_reconciler;
    // The client and the session hold pointers into the store and the network: drop them first.
    m_client.reset();
    m_session.reset();
}

bool CliContext::configure(QString *error)
{
    AppSettings s = AppSettings::load();
    const auto trimmed = [](const std::optional<QString> &value) { return value->trimmed(); };
    if (m_options.cloud)
        s.cloud = cloudFromString(*m_options.cloud).value_or(Cloud::Commercial);
    if (m_options.cloud || m_options.region) {
        // Another cloud or region: the window's custom hosts would point elsewhere.
        s.region = m_options.region.value_or(QString());
        s.apiUrl.clear();
        s.loginUrl.clear();
        s.resource.clear();
    }
    if (m_options.apiUrl)
        s.apiUrl = trimmed(m_options.apiUrl);
    if (m_options.loginUrl)
        s.loginUrl = trimmed(m_options.loginUrl);
    if (m_options.tenant)
        s.tenant = trimmed(m_options.tenant);
    if (m_options.clientId)
        s.clientId = trimmed(m_options.clientId);
    if (m_options.caFile)
        s.caFile = *m_options.caFile;
    if (!m_secret.isEmpty())
        s.signInMode = SignInMode::AppOnly;
    m_settings = s;

    QString why;
    if (!s.isComplete(&why)) {
        *error = tr("%1 Pass --tenant and --client-id, or save them in the mde-offboard "
                    "window's settings.")
                     .arg(why);
        return false;
    }
    const auto endpoints = s.endpoints(&why);
    if (!endpoints) {
        *error = why;
        return false;
    }
    m_endpoints = *endpoints;
    const auto certificates = loadCaCertificates(s.caFile, &why);
    if (!certificates) {
        *error = why;
        return false;
    }
    if (!certificates->isEmpty()) {
        // The token endpoint goes through the default configuration: trust them there too.
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setCaCertificates(
            tls.caCertificates() + QSslConfiguration::systemCaCertificates() + *certificates);
        QSslConfiguration::setDefaultConfiguration(tls);
    }

    if (!m_secret.isEmpty())
        m_store = std::make_unique<MemoryTokenStore>();
    else
        m_store = std::make_unique<KeychainTokenStore>();
    m_session = std::make_unique<SignInSession>(m_settings, m_endpoints, &m_network, m_store.get());
    m_session->setRememberAccount(false);
    m_client = std::make_unique<DefenderClient>(&m_network, m_session.get());
    m_client->setRateBudget(m_budget); // the same limits the window keeps to
    if (!m_client->setApiBase(m_endpoints.apiBase, &why)) {
        *error = why;
        return false;
    }
    m_client->setExtraCaCertificates(*certificates);
    return true;
}

void CliContext::signIn(SignInDone done)
{
    auto once = std::make_shared<SignInDone>(std::move(done));
    const auto finish = [once](int code, const QString &message) {
        if (!*once)
            return;
        const SignInDone callback = std::exchange(*once, {});
        callback(code, message);
    };

    if (!m_secret.isEmpty()) {
        // App-only: the secret stays in this process (a memory store), never in the keychain.
        m_session->storeClientSecret(m_secret);
        m_session->requestToken(this, [finish](const QString &token, const ApiError &error) {
            if (!token.isEmpty() && !error.isError()) {
                finish(ExitOk, {});
                return;
            }
            const int code = isUnreachable(error.kind) ? ExitUnreachable : ExitSignIn;
            finish(code,
                code == ExitUnreachable
                    ? tr("The sign-in service could not be reached: %1").arg(error.displayText())
                    : tr("App-only sign-in failed: %1 Check MDE_CLIENT_SECRET and --client-id.")
                          .arg(error.displayText()));
        });
        return;
    }

    const QString howTo = tr("Sign in once in the mde-offboard window (the command line then "
                             "uses that account from the keychain), or set MDE_CLIENT_SECRET "
                             "in the environment for an app-only sign-in with --client-id.");
    if (m_settings.signInMode == SignInMode::Interactive && m_settings.loginHint.isEmpty()) {
        QMetaObject::invokeMethod(
            this, [finish, howTo] { finish(ExitSignIn, tr("Not signed in. %1").arg(howTo)); },
            Qt::QueuedConnection);
        return;
    }
    SignInSession *session = m_session.get();
    connect(session, &SignInSession::signedIn, this, [finish] { finish(ExitOk, {}); });
    connect(session, &SignInSession::interactiveSignInRequired, this,
        [finish, howTo](const QString &message) {
            finish(ExitSignIn, tr("Not signed in: %1 %2").arg(message, howTo));
        });
    connect(session, &SignInSession::signInFailed, this, [finish](const QString &message) {
        finish(ExitSignIn, tr("Sign-in failed: %1").arg(message));
    });
    session->start();
}

AuditLog *CliContext::openAudit(QString *error)
{
    if (m_audit && m_audit->isOpen())
        return m_audit.get();
    m_audit = std::make_unique<AuditLog>();
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (!m_audit->open(QDir(folder).filePath(u"audit.sqlite"_s))) {
        *error = m_audit->errorString();
        m_audit.reset();
        return nullptr;
    }
    return m_audit.get();
}

void CliContext::startReconciling()
{
    if (m_reconciler || !m_audit || !m_client)
        return;
    m_reconciler = new AuditReconciler(m_client.get(), m_budget, m_audit.get(), this);
    if (!m_reconciler->start()) {
        delete m_reconciler;
        m_reconciler = nullptr;
    }
}

void CliContext::stopReconciling(std::function<void()> then)
{
    if (!m_reconciler || !m_reconciler->isRunning()) {
        QMetaObject::invokeMethod(this, std::move(then), Qt::QueuedConnection);
        return;
    }
    connect(
        m_reconciler, &AuditReconciler::finished, this, std::move(then), Qt::SingleShotConnection);
    m_reconciler->cancel();
}

OsPolicy CliContext::osPolicy() const
{
    return osPolicyFromString(m_settings.osPolicy).value_or(OsPolicy::Rules2024);
}

QString CliContext::requestor() const
{
    return m_session ? m_session->account() : QString();
}

bool CliContext::canOffboard() const
{
    return m_session && m_session->canOffboard();
}

int CliContext::exitCodeFor(const ApiError &error)
{
    if (!error.isError())
        return ExitOk;
    if (isUnreachable(error.kind))
        return ExitUnreachable;
    if (error.kind == ApiError::Kind::Auth || error.httpStatus == 401)
        return ExitSignIn;
    if (error.kind == ApiError::Kind::InvalidInput)
        return ExitBadInput;
    return ExitFailed;
}
