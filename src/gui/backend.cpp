// SPDX-License-Identifier: MIT
#include "backend.h"

#include "actionpoller.h"
#include "auditlog.h"
#include "auditreconciler.h"
#include "cacertificates.h"
#include "defenderclient.h"
#include "keychaintokenstore.h"
#include "ratebudget.h"
#include "signinsession.h"

#include <QDesktopServices>
#include <QDir>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

Backend::Backend(const Options &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_audit(std::make_unique<AuditLog>())
    , m_budget(new RateBudget(this))
{
    if (!m_options.store && !m_options.fixedTokens)
        m_ownStore = std::make_unique<KeychainTokenStore>();
    if (!m_options.openAuditLater)
        openAudit();
}

bool Backend::openAudit()
{
    if (m_auditAttempted)
        return m_audit->isOpen();
    m_auditAttempted = true;
    QString path = m_options.auditPath;
    if (path.isEmpty()) {
        const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
        path = QDir(folder).filePath(u"audit.sqlite"_s);
    }
    if (!m_audit->open(path)) {
        m_auditError = m_audit->errorString();
        return false;
    }
    Q_EMIT auditOpened();
    Q_EMIT auditChanged(); // the history merges what earlier runs left
    // Signed in before the log was open: what an earlier run left is settled now.
    if (isSignedIn())
        reconcileOnce();
    return true;
}

Backend::~Backend()
{
    // The poller and the session hold pointers into the client and the store: drop them first.
    m_reconciler.reset();
    m_poller.reset();
    m_client.reset();
    m_session.reset();
}

AuditLog *Backend::audit() const
{
    return m_audit->isOpen() ? m_audit.get() : nullptr;
}

bool Backend::applySettings(const AppSettings &settings, QString *error)
{
    m_settings = settings;
    m_poller.reset();
    m_client.reset();
    m_session.reset();
    m_fixedSignedIn = false;

    QString problem;
    const auto endpoints = settings.endpoints(&problem);
    const auto certificates = loadCaCertificates(settings.caFile, &problem);
    if (!endpoints || !certificates) {
        if (error)
            *error = problem;
        Q_EMIT clientChanged();
        Q_EMIT signInChanged();
        return false;
    }

    AccessTokenProvider *tokens = m_options.fixedTokens;
    if (!tokens) {
        TokenStore *store = m_options.store ? m_options.store : m_ownStore.get();
        m_session = std::make_unique<SignInSession>(settings, *endpoints, &m_network, store);
        m_session->setBrowserOpener([](const QUrl &url) { QDesktopServices::openUrl(url); });
        connectSession();
        tokens = m_session.get();
    }
    m_client = std::make_unique<DefenderClient>(&m_network, tokens);
    m_client->setRateBudget(m_budget); // every call of the window shares one budget
    if (!m_client->setApiBase(endpoints->apiBase, &problem)) {
        m_client.reset();
        if (error)
            *error = problem;
        Q_EMIT clientChanged();
        Q_EMIT signInChanged();
        return false;
    }
    m_client->setExtraCaCertificates(*certificates);
    m_poller = std::make_unique<ActionPoller>(m_client.get(), m_budget);
    ActionPoller::Options pollOptions = m_poller->options();
    pollOptions.initialDelayMs = m_options.pollDelayMs;
    pollOptions.maxDelayMs = qMax(m_options.pollDelayMs, m_options.pollMaxDelayMs);
    m_poller->setOptions(pollOptions);
    m_poller->start();
    Q_EMIT clientChanged();
    Q_EMIT signInChanged();
    return true;
}

void Backend::connectSession()
{
    SignInSession *session = m_session.get();
    connect(session, &SignInSession::signedIn, this, [this] {
        Q_EMIT signInChanged();
        Q_EMIT signedIn();
        reconcileOnce();
    });
    connect(session, &SignInSession::signedOut, this, &Backend::signInChanged);
    connect(session, &SignInSession::stateChanged, this, &Backend::signInChanged);
    connect(session, &SignInSession::tokenRefreshed, this, &Backend::signInChanged);
    connect(session, &SignInSession::signInFailed, this, [this](const QString &message) {
        Q_EMIT problem(tr("Sign-in failed: %1").arg(message));
        Q_EMIT signInChanged();
    });
    connect(
        session, &SignInSession::interactiveSignInRequired, this, [this](const QString &message) {
            if (!message.isEmpty())
                Q_EMIT problem(tr("Please sign in: %1").arg(message));
            Q_EMIT signInChanged();
        });
    connect(session, &SignInSession::storageFailed, this, [this](const QString &message) {
        Q_EMIT problem(tr("The keychain cannot be used; the sign-in is kept for this run only: "
                          "%1")
                           .arg(message));
    });
}

bool Backend::isSignedIn() const
{
    if (m_options.fixedTokens)
        return m_fixedSignedIn && m_client;
    return m_session && m_session->isSignedIn();
}

bool Backend::isSigningIn() const
{
    return m_session && m_session->state() == SignInSession::State::SigningIn;
}

QString Backend::account() const
{
    if (m_options.fixedTokens)
        return m_fixedSignedIn ? m_options.fixedAccount : QString();
    return m_session ? m_session->account() : QString();
}

QString Backend::cloudText() const
{
    return m_settings.cloudText();
}

bool Backend::canOffboard() const
{
    if (m_options.fixedTokens)
        return m_fixedSignedIn && m_options.fixedCanOffboard;
    return m_session && m_session->canOffboard();
}

QStringList Backend::permissions() const
{
    if (m_options.fixedTokens)
        return m_options.fixedPermissions;
    return m_session ? m_session->grantedPermissions() : QStringList();
}

EligibilityContext Backend::eligibilityContext() const
{
    EligibilityContext context;
    context.osPolicy = osPolicyFromString(m_settings.osPolicy).value_or(OsPolicy::Rules2024);
    context.canOffboard = canOffboard();
    return context;
}

void Backend::start()
{
    if (m_options.fixedTokens) {
        signIn();
        return;
    }
    if (m_session)
        m_session->start();
}

void Backend::signIn()
{
    if (m_options.fixedTokens) {
        m_fixedSignedIn = m_client != nullptr;
        Q_EMIT signInChanged();
        if (m_fixedSignedIn) {
            Q_EMIT signedIn();
            reconcileOnce();
        }
        return;
    }
    if (m_session)
        m_session->signIn();
    else
        Q_EMIT problem(tr("Open Settings and complete the connection first."));
}

void Backend::signOut()
{
    if (m_options.fixedTokens) {
        m_fixedSignedIn = false;
        Q_EMIT signInChanged();
        return;
    }
    if (m_session)
        m_session->signOut();
}

void Backend::storeClientSecret(const QString &secret)
{
    if (!m_session || secret.isEmpty())
        return;
    m_session->storeClientSecret(secret, [this](bool ok, const QString &message) {
        if (!ok)
            Q_EMIT problem(tr("The client secret could not be stored in the keychain and is "
                              "kept for this run only: %1")
                               .arg(message));
    });
}

void Backend::reconcileOnce()
{
    // Once per run: what an earlier run left is settled with the first usable connection.
    if (m_reconciler || !audit() || !m_client)
        return;
    m_reconciler = std::make_unique<AuditReconciler>(m_client.get(), m_budget, m_audit.get());
    AuditReconciler::Options options = m_reconciler->options();
    options.minAgeMs = m_options.reconcileMinAgeMs;
    options.waitForYoung = true;
    m_reconciler->setOptions(options);
    AuditReconciler *reconciler = m_reconciler.get();
    connect(reconciler, &AuditReconciler::recordSettled, this, &Backend::auditChanged);
    connect(reconciler, &AuditReconciler::finished, this, [this, reconciler] {
        Q_EMIT auditReconciled(reconciler->reconciledCount(), reconciler->notSentCount(),
            reconciler->leftUnresolvedCount(), reconciler->summaryText());
    });
    QString error;
    if (!reconciler->start(&error))
        Q_EMIT problem(tr("The audit log could not be checked against the service: %1").arg(error));
}

#include "moc_backend.cpp"
