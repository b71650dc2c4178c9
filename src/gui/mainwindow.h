// SPDX-License-Identifier: MIT
#pragma once

#include <QMainWindow>

class Backend;
class DetailsPanel;
class DeviceController;
class DeviceView;
class HistoryController;
class HistoryDock;
class MessageBar;
class OffboardController;
class OffboardDialog;
class Prompter;
class QLabel;
class QProgressBar;
class QToolButton;

// Wires the widgets (device view, details, history pane, message bar) to the controllers and
// the backend. It owns no business logic: loading, offboarding and history live in the
// controllers; talking to the service in the backend.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)
public:
    // backend and prompter are not owned and must outlive the window.
    MainWindow(Backend *backend, Prompter *prompter, QWidget *parent = nullptr);
    ~MainWindow() override;

    DeviceController *devices() const { return m_devices; }
    HistoryController *history() const { return m_history; }
    OffboardController *offboard() const { return m_offboard; }
    DeviceView *deviceView() const { return m_deviceView; }
    DetailsPanel *details() const { return m_details; }
    HistoryDock *historyDock() const { return m_historyDock; }
    MessageBar *messageBar() const { return m_messageBar; }
    QString countText() const;
    QString accountText() const;

    void refresh(); // devices (with the server filter) and history
    OffboardDialog *offboardSelected(); // opens the offboard dialog for the selection
    void showSettings();
    void showAbout();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createStatusBar();
    void connectControllers();
    void updateAccount();
    void updateCounts();
    void showCurrentDevice(int sourceRow);
    void applyPendingOffboards();
    void openInPortal(const QString &machineId);

    Backend *m_backend;
    Prompter *m_prompter;
    DeviceController *m_devices;
    HistoryController *m_history;
    OffboardController *m_offboard;
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
    int m_selected = 0;
};
