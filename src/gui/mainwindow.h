// SPDX-License-Identifier: MIT
#pragma once

#include <QMainWindow>
#include <QStringList>

class ActionFilterModel;
class ActionTableModel;
class DetailsPanel;
class DeviceView;
class HistoryDock;
class MachineFilterModel;
class MachineTableModel;
class MessageBar;
class Prompter;
class QLabel;
class QProgressBar;
class QToolButton;
struct AppSettings;

// What the status bar and the actions show of the sign-in.
struct AccountState
{
    bool signedIn = false;
    bool signingIn = false; // waiting for the browser or the token endpoint
    bool canOffboard = false;
    bool auditOpen = false; // nothing is offboarded that the audit log cannot record
    QString account;
    QString tenant;
    QString cloud; // AppSettings::cloudText()
    QStringList permissions;
};

// The window side of the app: the device view, details, history pane, message bar, menus and
// status bar, and the models they show. It knows nothing of the network: the signed-in side
// (WindowSession, in the mde-offboard-session module the app loads once this window has painted
// its first frame) fills the models, answers the requests below and reports the account.
// Until then the window shows the saved connection, not signed in.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)
public:
    // prompter is not owned and must outlive the window.
    MainWindow(const AppSettings &settings, Prompter *prompter, QWidget *parent = nullptr);
    ~MainWindow() override;

    MachineTableModel *machines() const { return m_machines; }
    MachineFilterModel *machineFilter() const { return m_machineFilter; }
    ActionTableModel *actions() const { return m_actions; }
    ActionFilterModel *actionFilter() const { return m_actionFilter; }
    DeviceView *deviceView() const { return m_deviceView; }
    DetailsPanel *details() const { return m_details; }
    HistoryDock *historyDock() const { return m_historyDock; }
    MessageBar *messageBar() const { return m_messageBar; }
    QString countText() const;
    QString accountText() const;

    const AccountState &accountState() const { return m_account; }
    void setAccountState(const AccountState &state);
    bool isLoading() const { return m_loading; }
    void setLoading(bool loading); // devices are loading: progress and a cancel button
    void showAbout();

Q_SIGNALS:
    void signInRequested();
    void signOutRequested();
    void refreshRequested(); // devices (with the server filter) and history
    void offboardRequested(); // the offboard dialog for the selection
    void settingsRequested();
    void loadCancelRequested();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createStatusBar();
    void connectViews();
    void updateAccount();
    void updateCounts();
    void showCurrentDevice(int sourceRow);

    Prompter *m_prompter;
    MachineTableModel *m_machines;
    MachineFilterModel *m_machineFilter;
    ActionTableModel *m_actions;
    ActionFilterModel *m_actionFilter;
    MessageBar *m_messageBar;
    DeviceView *m_deviceView;
    DetailsPanel *m_details;
    HistoryDock *m_historyDock;
    QLabel *m_accountLabel;
    QLabel *m_countLabel;
    QProgressBar *m_loadProgress;
    QToolButton *m_loadCancel;
    QAction *m_signIn = nullptr;
    QAction *m_signOut = nullptr;
    QAction *m_refresh = nullptr;
    QAction *m_offboardAction = nullptr;
    AccountState m_account;
    int m_selected = 0;
    bool m_loading = false;
};
