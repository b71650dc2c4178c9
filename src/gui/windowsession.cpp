// SPDX-License-Identifier: MIT
#include "windowsession.h"

#include "actiontablemodel.h"
#include "backend.h"
#include "detailspanel.h"
#include "devicecontroller.h"
#include "deviceview.h"
#include "historycontroller.h"
#include "historydock.h"
#include "machinetablemodel.h"
#include "mainwindow.h"
#include "messagebar.h"
#include "offboardcontroller.h"
#include "prompter.h"
#include "settingsdialog.h"

#include <QLocale>

using namespace Qt::StringLiterals;

WindowSession::WindowSession(
    MainWindow *window, Backend *backend, Prompter *prompter, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_backend(backend)
    , m_prompter(prompter)
    , m_devices(new DeviceController(backend, window->machines(), window->machineFilter(), this))
    , m_history(new HistoryController(backend, window->actions(), window->actionFilter(), this))
    , m_offboard(new OffboardController(backend, m_devices, m_history, window, this))
{
    connectWindow();
    updateAccount();
}

WindowSession::~WindowSession()
{
    // The window outlives this session, the backend may too: nothing of either reaches the
    // other once it is gone (the controllers emit while they are torn down, too).
    for (QObject *source :
        std::initializer_list<QObject *> {m_devices, m_history, m_offboard, m_backend.data()}) {
        if (source) {
            source->disconnect(m_window);
            source->disconnect(m_window->messageBar());
        }
    }
    m_window->disconnect(this);
    if (m_backend)
        m_window->disconnect(m_backend.data());
    m_window->historyDock()->disconnect(this);
    m_window->details()->disconnect(this);
    delete m_offboard;
    delete m_history;
    delete m_devices;
}

void WindowSession::connectWindow()
{
    MainWindow *w = m_window;
    MessageBar *bar = w->messageBar();
    connect(w, &MainWindow::signInRequested, m_backend, &Backend::signIn);
    connect(w, &MainWindow::signOutRequested, m_backend, &Backend::signOut);
    connect(w, &MainWindow::refreshRequested, this, &WindowSession::refresh);
    connect(w, &MainWindow::offboardRequested, this, &WindowSession::offboardSelected);
    connect(w, &MainWindow::settingsRequested, this, &WindowSession::showSettings);
    connect(w, &MainWindow::loadCancelRequested, m_devices, &DeviceController::cancel);
    connect(
        w->historyDock(), &HistoryDock::reloadRequested, m_history, &HistoryController::refresh);
    connect(w->historyDock(), &HistoryDock::cancelRequested, m_history,
        &HistoryController::cancelAction);
    connect(w->details(), &DetailsPanel::openInPortalRequested, this, &WindowSession::openInPortal);

    connect(m_backend, &Backend::signInChanged, this, &WindowSession::updateAccount);
    connect(m_backend, &Backend::auditOpened, this, &WindowSession::updateAccount);
    connect(m_backend, &Backend::signedIn, this, &WindowSession::refresh);
    connect(m_backend, &Backend::problem, bar, &MessageBar::showWarning);
    connect(m_backend, &Backend::auditReconciled, bar,
        [bar](int, int notSent, int left, const QString &summary) {
            if (summary.isEmpty())
                return;
            if (notSent > 0 || left > 0)
                bar->showWarning(summary);
            else
                bar->showInformation(summary);
        });

    connect(m_devices, &DeviceController::loadingChanged, w, &MainWindow::setLoading);
    connect(m_devices, &DeviceController::pageLoaded, this, &WindowSession::applyPendingOffboards);
    connect(m_devices, &DeviceController::loadFinished, w, [bar](const ApiError &error) {
        if (error.isError() && error.kind != ApiError::Kind::Cancelled)
            bar->showError(MainWindow::tr("Loading devices failed"), error);
    });
    connect(m_history, &HistoryController::actionChanged, this, [this](const MachineAction &a) {
        if (a.type.compare(u"Offboard"_s, Qt::CaseInsensitive) == 0)
            m_devices->model()->setPendingOffboard(a.machineId, !isFinal(a.status));
    });
    connect(m_history, &HistoryController::failed, bar,
        qOverload<const QString &, const ApiError &>(&MessageBar::showError));
    connect(m_offboard, &OffboardController::problem, bar,
        qOverload<const QString &, const ApiError &>(&MessageBar::showError));
    connect(m_offboard, &OffboardController::batchFinished, bar, [bar](int done, int failed) {
        if (failed > 0)
            bar->showWarning(
                MainWindow::tr("Offboarding requested: %1 accepted, %2 failed. See the results.")
                    .arg(QLocale().toString(done), QLocale().toString(failed)));
        else
            bar->showInformation(done == 1 ? MainWindow::tr("Offboarding requested for 1 device.")
                                           : MainWindow::tr("Offboarding requested for %1 devices.")
                                                 .arg(QLocale().toString(done)));
    });
}

void WindowSession::refresh()
{
    m_window->messageBar()->dismiss();
    m_devices->refresh(m_window->deviceView()->serverFilter());
    m_history->refresh();
}

OffboardDialog *WindowSession::offboardSelected()
{
    return m_offboard->openDialog(m_window->deviceView()->selectedSourceRows());
}

void WindowSession::showSettings()
{
    auto *dialog = new SettingsDialog(m_backend->settings(), m_prompter, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &SettingsDialog::settingsAccepted, this,
        [this](const AppSettings &settings, const QString &secret) {
            settings.save();
            QString error;
            const bool usable = m_backend->applySettings(settings, &error);
            updateAccount(); // the cloud may have changed
            if (!usable) {
                m_window->messageBar()->showError(
                    MainWindow::tr("The settings cannot be used: %1").arg(error));
                return;
            }
            m_devices->clear();
            m_window->details()->clear();
            m_backend->storeClientSecret(secret);
            m_backend->start();
        });
    dialog->open();
}

void WindowSession::updateAccount()
{
    if (!m_backend)
        return;
    AccountState state;
    state.signedIn = m_backend->isSignedIn();
    state.signingIn = m_backend->isSigningIn();
    state.canOffboard = m_backend->canOffboard();
    state.auditOpen = m_backend->audit() != nullptr;
    state.account = m_backend->account();
    state.tenant = m_backend->settings().tenant;
    state.cloud = m_backend->cloudText();
    state.permissions = m_backend->permissions();
    m_window->setAccountState(state);
}

void WindowSession::applyPendingOffboards()
{
    for (const QString &machineId : m_history->pendingMachineIds())
        m_devices->model()->setPendingOffboard(machineId, true);
}

void WindowSession::openInPortal(const QString &machineId)
{
    if (const auto endpoints = m_backend->settings().endpoints())
        m_prompter->openUrl(endpoints->portalMachineUrl(machineId));
}

#include "moc_windowsession.cpp"
