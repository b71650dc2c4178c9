// SPDX-License-Identifier: MIT
#include "mainwindow.h"

#include "actiontablemodel.h"
#include "appsettings.h"
#include "detailspanel.h"
#include "deviceview.h"
#include "historydock.h"
#include "icons.h"
#include "machinefiltermodel.h"
#include "machinetablemodel.h"
#include "messagebar.h"
#include "prompter.h"

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

MainWindow::MainWindow(const AppSettings &settings, Prompter *prompter, QWidget *parent)
    : QMainWindow(parent)
    , m_prompter(prompter)
    , m_machines(new MachineTableModel(this))
    , m_machineFilter(new MachineFilterModel(this))
    , m_actions(new ActionTableModel(this))
    , m_actionFilter(new HistoryFilterModel(this))
    , m_messageBar(new MessageBar)
    , m_deviceView(nullptr)
    , m_details(new DetailsPanel)
    , m_historyDock(nullptr)
    , m_accountLabel(new QLabel)
    , m_countLabel(new QLabel)
    , m_loadProgress(new QProgressBar)
    , m_loadCancel(new QToolButton)
{
    setObjectName(u"mainWindow"_s);
    setWindowTitle(tr("MDE Offboard"));
    setWindowIcon(Icons::icon(Icons::Id::App));
    m_machineFilter->setSourceModel(m_machines);
    m_actionFilter->setSourceModel(m_actions);
    m_deviceView = new DeviceView(m_machineFilter);
    m_historyDock = new HistoryDock(m_actions, m_actionFilter, prompter, this);

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
    connectViews();

    const QSettings saved(QString::fromLatin1(AppSettings::organization),
        QString::fromLatin1(AppSettings::application));
    if (!restoreGeometry(saved.value(u"view/geometry"_s).toByteArray()))
        resize(1400, 900);
    if (!restoreState(saved.value(u"view/windowState"_s).toByteArray())) {
        resizeDocks({detailsDock}, {380}, Qt::Horizontal);
        resizeDocks({m_historyDock}, {260}, Qt::Vertical);
    }
    m_account.tenant = settings.tenant;
    m_account.cloud = settings.cloudText();
    updateAccount();
    updateCounts();
}

MainWindow::~MainWindow()
{
    // The models and views emit while they are torn down (a selection model resets when its
    // model goes); by then this window would no longer be a MainWindow. Cut those connections.
    const QList<QObject *> children = findChildren<QObject *>();
    for (QObject *child : children)
        child->disconnect(this);
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

    connect(m_signIn, &QAction::triggered, this, &MainWindow::signInRequested);
    connect(m_signOut, &QAction::triggered, this, &MainWindow::signOutRequested);
    connect(m_refresh, &QAction::triggered, this, &MainWindow::refreshRequested);
    connect(m_offboardAction, &QAction::triggered, this, &MainWindow::offboardRequested);
    connect(settingsAction, &QAction::triggered, this, &MainWindow::settingsRequested);
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
    connect(m_loadCancel, &QToolButton::clicked, this, &MainWindow::loadCancelRequested);
}

void MainWindow::connectViews()
{
    connect(m_machineFilter, &MachineFilterModel::countsChanged, this, &MainWindow::updateCounts);
    connect(m_deviceView, &DeviceView::currentDeviceChanged, this, &MainWindow::showCurrentDevice);
    connect(m_deviceView, &DeviceView::selectionChanged, this, [this](int count) {
        m_selected = count;
        updateCounts();
        updateAccount();
    });
    connect(m_deviceView, &DeviceView::serverFilterSubmitted, this, &MainWindow::refreshRequested);
    connect(m_historyDock, &HistoryDock::exportFailed, m_messageBar, &MessageBar::showWarning);
}

void MainWindow::setAccountState(const AccountState &state)
{
    m_account = state;
    updateAccount();
}

void MainWindow::setLoading(bool loading)
{
    m_loading = loading;
    m_loadProgress->setVisible(loading);
    m_loadCancel->setVisible(loading);
    updateCounts();
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
    const AccountState &a = m_account;
    m_accountLabel->setText(accountText());
    m_accountLabel->setToolTip(a.signedIn
            ? tr("Account: %1\nTenant: %2\nCloud: %3\nPermissions: %4")
                  .arg(a.account, a.tenant, a.cloud,
                      a.permissions.isEmpty() ? tr("none reported") : a.permissions.join(u", "))
            : QString());
    m_signIn->setEnabled(!a.signedIn);
    m_signOut->setEnabled(a.signedIn);
    m_refresh->setEnabled(a.signedIn);
    // Nothing is offboarded that the audit log cannot record (it opens once the window is up).
    m_offboardAction->setEnabled(a.signedIn && m_selected > 0 && a.auditOpen);
}

QString MainWindow::accountText() const
{
    const AccountState &a = m_account;
    if (a.signingIn)
        return tr("Signing in… finish in your browser · %1").arg(a.cloud);
    if (!a.signedIn)
        return tr("Not signed in · %1").arg(a.cloud);
    QString text = tr("%1 · %2").arg(a.account, a.cloud);
    if (!a.canOffboard)
        text += tr(" · read only (no Machine.Offboard permission)");
    return text;
}

QString MainWindow::countText() const
{
    const QLocale locale;
    QString text
        = tr("%1 of %2 shown · %3 selected")
              .arg(locale.toString(m_machineFilter->visibleCount()),
                  locale.toString(m_machineFilter->sourceCount()), locale.toString(m_selected));
    if (m_loading)
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
    m_details->setMachine(m_machines->machine(sourceRow), m_machines->eligibility(sourceRow));
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

#include "moc_mainwindow.cpp"
