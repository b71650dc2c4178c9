// SPDX-License-Identifier: MIT
#include "mainwindow.h"

#include "actiontablemodel.h"
#include "backend.h"
#include "detailspanel.h"
#include "devicecontroller.h"
#include "deviceview.h"
#include "historycontroller.h"
#include "historydock.h"
#include "icons.h"
#include "machinefiltermodel.h"
#include "machinetablemodel.h"
#include "messagebar.h"
#include "offboardcontroller.h"
#include "prompter.h"
#include "settingsdialog.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QProgressBar>
#include <QSettings>
#include <QStatusBar>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

MainWindow::MainWindow(Backend *backend, Prompter *prompter, QWidget *parent)
    : QMainWindow(parent)
    , m_backend(backend)
    , m_prompter(prompter)
    , m_devices(new DeviceController(backend, this))
    , m_history(new HistoryController(backend, this))
    , m_offboard(new OffboardController(backend, m_devices, m_history, this, this))
    , m_messageBar(new MessageBar)
    , m_deviceView(new DeviceView(m_devices->filterModel()))
    , m_details(new DetailsPanel)
    , m_historyDock(new HistoryDock(m_history, prompter, this))
    , m_accountLabel(new QLabel)
    , m_countLabel(new QLabel)
    , m_loadProgress(new QProgressBar)
    , m_loadCancel(new QToolButton)
{
    setObjectName(u"mainWindow"_s);
    setWindowTitle(tr("MDE Offboard"));
    setWindowIcon(Icons::icon(Icons::Id::App));

    auto *central = new QWidget;
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(4, 4, 4, 0);
    layout->addWidget(m_messageBar);
    layout->addWidget(m_deviceView, 1);
    setCentralWidget(central);

    auto *detailsDock = new QDockWidget(tr("Device details"), this);
    detailsDock->setObjectName(u"detailsDock"_s);
    detailsDock->setWidget(m_details);
    addDockWidget(Qt::RightDockWidgetArea, detailsDock);
    addDockWidget(Qt::BottomDockWidgetArea, m_historyDock);

    createActions();
    createStatusBar();
    connectControllers();

    const QSettings settings(QString::fromLatin1(AppSettings::organization),
        QString::fromLatin1(AppSettings::application));
    if (!restoreGeometry(settings.value(u"view/geometry"_s).toByteArray()))
        resize(1400, 900);
    if (!restoreState(settings.value(u"view/windowState"_s).toByteArray())) {
        resizeDocks({detailsDock}, {380}, Qt::Horizontal);
        resizeDocks({m_historyDock}, {260}, Qt::Vertical);
    }
    updateAccount();
    updateCounts();
}

MainWindow::~MainWindow()
{
    // The controllers' models emit while they are torn down; by then this window would no
    // longer be a MainWindow. Cut those connections and drop the controllers first.
    for (QObject *source : std::initializer_list<QObject *> {m_devices, m_devices->filterModel(),
             m_devices->model(), m_history, m_offboard, m_backend})
        source->disconnect(this);
    // The views emit too (a selection model resets when its model goes): every child as well.
    const QList<QObject *> children = findChildren<QObject *>();
    for (QObject *child : children)
        child->disconnect(this);
    delete m_offboard;
    delete m_history;
    delete m_devices;
}

void MainWindow::createActions()
{
    const auto make = [this](Icons::Id icon, const QString &text, const QString &name) {
        auto *action = new QAction(Icons::icon(icon), text, this);
        action->setObjectName(name);
        return action;
    };
    m_signIn = make(Icons::Id::SignIn, tr("Sign &in"), u"signInAction"_s);
    m_signOut = make(Icons::Id::SignOut, tr("Sign &out"), u"signOutAction"_s);
    m_refresh = make(Icons::Id::Refresh, tr("&Refresh"), u"refreshAction"_s);
    m_refresh->setShortcuts(QKeySequence::Refresh);
    m_offboardAction = make(Icons::Id::Offboard, tr("&Offboard…"), u"offboardAction"_s);
    // Never a single key: offboarding is deliberate.
    m_offboardAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    auto *settingsAction = make(Icons::Id::Settings, tr("&Settings…"), u"settingsAction"_s);
    settingsAction->setShortcuts(QKeySequence::Preferences);
    auto *aboutAction = make(Icons::Id::About, tr("&About"), u"aboutAction"_s);
    auto *findAction = make(Icons::Id::Search, tr("&Find"), u"findAction"_s);
    findAction->setShortcut(QKeySequence::Find);
    auto *quitAction = new QAction(tr("&Quit"), this);
    quitAction->setShortcuts(QKeySequence::Quit);

    connect(m_signIn, &QAction::triggered, m_backend, &Backend::signIn);
    connect(m_signOut, &QAction::triggered, m_backend, &Backend::signOut);
    connect(m_refresh, &QAction::triggered, this, &MainWindow::refresh);
    connect(m_offboardAction, &QAction::triggered, this, &MainWindow::offboardSelected);
    connect(settingsAction, &QAction::triggered, this, &MainWindow::showSettings);
    connect(aboutAction, &QAction::triggered, this, &MainWindow::showAbout);
    connect(findAction, &QAction::triggered, m_deviceView, &DeviceView::focusSearch);
    connect(quitAction, &QAction::triggered, this, &QWidget::close);

    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addActions({m_signIn, m_signOut});
    file->addSeparator();
    file->addAction(settingsAction);
    file->addSeparator();
    file->addAction(quitAction);
    QMenu *devices = menuBar()->addMenu(tr("&Devices"));
    devices->addActions({m_refresh, findAction});
    devices->addSeparator();
    devices->addAction(m_offboardAction);
    QMenu *view = menuBar()->addMenu(tr("&View"));
    for (QDockWidget *dock : findChildren<QDockWidget *>())
        view->addAction(dock->toggleViewAction());
    menuBar()->addMenu(tr("&Help"))->addAction(aboutAction);

    QToolBar *toolBar = addToolBar(tr("Main"));
    toolBar->setObjectName(u"mainToolBar"_s);
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolBar->addActions({m_signIn, m_signOut});
    toolBar->addSeparator();
    toolBar->addActions({m_refresh, m_offboardAction});
    toolBar->addSeparator();
    toolBar->addActions({settingsAction, aboutAction});
    addAction(findAction);
}

void MainWindow::createStatusBar()
{
    m_accountLabel->setObjectName(u"accountLabel"_s);
    m_countLabel->setObjectName(u"countLabel"_s);
    m_loadProgress->setObjectName(u"loadProgress"_s);
    m_loadProgress->setRange(0, 0);
    m_loadProgress->setMaximumWidth(160);
    m_loadProgress->setTextVisible(false);
    m_loadProgress->setAccessibleName(tr("Loading devices"));
    m_loadProgress->hide();
    m_loadCancel->setObjectName(u"loadCancelButton"_s);
    m_loadCancel->setIcon(Icons::icon(Icons::Id::Cancel));
    m_loadCancel->setText(tr("Cancel"));
    m_loadCancel->setToolTip(tr("Stop loading devices"));
    m_loadCancel->setAutoRaise(true);
    m_loadCancel->hide();
    statusBar()->addWidget(m_countLabel, 1);
    statusBar()->addPermanentWidget(m_loadProgress);
    statusBar()->addPermanentWidget(m_loadCancel);
    statusBar()->addPermanentWidget(m_accountLabel);
    connect(m_loadCancel, &QToolButton::clicked, m_devices, &DeviceController::cancel);
}

void MainWindow::connectControllers()
{
    connect(m_backend, &Backend::signInChanged, this, &MainWindow::updateAccount);
    connect(m_backend, &Backend::auditOpened, this, &MainWindow::updateAccount);
    connect(m_backend, &Backend::signedIn, this, &MainWindow::refresh);
    connect(m_backend, &Backend::problem, m_messageBar, &MessageBar::showWarning);
    connect(m_backend, &Backend::auditReconciled, this,
        [this](int, int notSent, int left, const QString &summary) {
            if (summary.isEmpty())
                return;
            if (notSent > 0 || left > 0)
                m_messageBar->showWarning(summary);
            else
                m_messageBar->showInformation(summary);
        });

    connect(m_devices, &DeviceController::loadingChanged, this, [this](bool loading) {
        m_loadProgress->setVisible(loading);
        m_loadCancel->setVisible(loading);
        updateCounts();
    });
    connect(m_devices, &DeviceController::pageLoaded, this, &MainWindow::applyPendingOffboards);
    connect(m_devices, &DeviceController::loadFinished, this, [this](const ApiError &error) {
        if (error.isError() && error.kind != ApiError::Kind::Cancelled)
            m_messageBar->showError(tr("Loading devices failed"), error);
        updateCounts();
    });
    connect(m_devices->filterModel(), &MachineFilterModel::countsChanged, this,
        &MainWindow::updateCounts);
    connect(m_deviceView, &DeviceView::currentDeviceChanged, this, &MainWindow::showCurrentDevice);
    connect(m_deviceView, &DeviceView::selectionChanged, this, [this](int count) {
        m_selected = count;
        updateCounts();
        updateAccount();
    });
    connect(m_deviceView, &DeviceView::serverFilterSubmitted, this, &MainWindow::refresh);
    connect(m_details, &DetailsPanel::openInPortalRequested, this, &MainWindow::openInPortal);

    connect(m_history, &HistoryController::actionChanged, this, [this](const MachineAction &a) {
        if (a.type.compare(u"Offboard"_s, Qt::CaseInsensitive) == 0)
            m_devices->model()->setPendingOffboard(a.machineId, !isFinal(a.status));
    });
    connect(m_history, &HistoryController::failed, m_messageBar,
        qOverload<const QString &, const ApiError &>(&MessageBar::showError));
    connect(m_historyDock, &HistoryDock::exportFailed, m_messageBar, &MessageBar::showWarning);
    connect(m_offboard, &OffboardController::problem, m_messageBar,
        qOverload<const QString &, const ApiError &>(&MessageBar::showError));
    connect(m_offboard, &OffboardController::batchFinished, this, [this](int done, int failed) {
        if (failed > 0)
            m_messageBar->showWarning(
                tr("Offboarding requested: %1 accepted, %2 failed. See the results.")
                    .arg(QLocale().toString(done), QLocale().toString(failed)));
        else
            m_messageBar->showInformation(done == 1
                    ? tr("Offboarding requested for 1 device.")
                    : tr("Offboarding requested for %1 devices.").arg(QLocale().toString(done)));
    });
}

void MainWindow::refresh()
{
    m_messageBar->dismiss();
    m_devices->refresh(m_deviceView->serverFilter());
    m_history->refresh();
}

OffboardDialog *MainWindow::offboardSelected()
{
    return m_offboard->openDialog(m_deviceView->selectedSourceRows());
}

void MainWindow::showSettings()
{
    auto *dialog = new SettingsDialog(m_backend->settings(), m_prompter, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &SettingsDialog::settingsAccepted, this,
        [this](const AppSettings &settings, const QString &secret) {
            settings.save();
            QString error;
            if (!m_backend->applySettings(settings, &error)) {
                m_messageBar->showError(tr("The settings cannot be used: %1").arg(error));
                return;
            }
            m_devices->clear();
            m_details->clear();
            m_backend->storeClientSecret(secret);
            m_backend->start();
        });
    dialog->open();
}

void MainWindow::showAbout()
{
    m_prompter->about(this, tr("About MDE Offboard"),
        tr("<h3>MDE Offboard %1</h3><p>Offboards devices from Microsoft Defender for "
           "Endpoint, with a comment, a confirmation and an audit trail.</p><p>Built with "
           "Qt %2.</p>")
            .arg(QApplication::applicationVersion(), QString::fromLatin1(qVersion())));
}

void MainWindow::updateAccount()
{
    const bool signedIn = m_backend->isSignedIn();
    m_accountLabel->setText(accountText());
    const QStringList permissions = m_backend->permissions();
    m_accountLabel->setToolTip(signedIn
            ? tr("Account: %1\nTenant: %2\nCloud: %3\nPermissions: %4")
                  .arg(m_backend->account(), m_backend->settings().tenant, m_backend->cloudText(),
                      permissions.isEmpty() ? tr("none reported") : permissions.join(u", "))
            : QString());
    m_signIn->setEnabled(!signedIn);
    m_signOut->setEnabled(signedIn);
    m_refresh->setEnabled(signedIn);
    // Nothing is offboarded that the audit log cannot record (it opens once the window is up).
    m_offboardAction->setEnabled(signedIn && m_selected > 0 && m_backend->audit());
}

QString MainWindow::accountText() const
{
    if (m_backend->isSigningIn())
        return tr("Signing in… finish in your browser · %1").arg(m_backend->cloudText());
    if (!m_backend->isSignedIn())
        return tr("Not signed in · %1").arg(m_backend->cloudText());
    QString text = tr("%1 · %2").arg(m_backend->account(), m_backend->cloudText());
    if (!m_backend->canOffboard())
        text += tr(" · read only (no Machine.Offboard permission)");
    return text;
}

QString MainWindow::countText() const
{
    const QLocale locale;
    const MachineFilterModel *filter = m_devices->filterModel();
    QString text = tr("%1 of %2 shown · %3 selected")
                       .arg(locale.toString(filter->visibleCount()),
                           locale.toString(filter->sourceCount()), locale.toString(m_selected));
    if (m_devices->isLoading())
        text += tr(" · loading…");
    return text;
}

void MainWindow::updateCounts()
{
    m_countLabel->setText(countText());
}

void MainWindow::showCurrentDevice(int sourceRow)
{
    if (sourceRow < 0) {
        m_details->clear();
        return;
    }
    MachineTableModel *model = m_devices->model();
    m_details->setMachine(model->machine(sourceRow), model->eligibility(sourceRow));
}

void MainWindow::applyPendingOffboards()
{
    for (const QString &machineId : m_history->pendingMachineIds())
        m_devices->model()->setPendingOffboard(machineId, true);
}

void MainWindow::openInPortal(const QString &machineId)
{
    if (const auto endpoints = m_backend->settings().endpoints())
        m_prompter->openUrl(endpoints->portalMachineUrl(machineId));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings(QString::fromLatin1(AppSettings::organization),
        QString::fromLatin1(AppSettings::application));
    settings.setValue(u"view/geometry"_s, saveGeometry());
    settings.setValue(u"view/windowState"_s, saveState());
    m_deviceView->saveState();
    QMainWindow::closeEvent(event);
}
