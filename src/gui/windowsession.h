// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QPointer>

class Backend;
class DeviceController;
class HistoryController;
class MainWindow;
class OffboardController;
class OffboardDialog;
class Prompter;

// The signed-in side of the main window: the device, history and offboard controllers over the
// window's models, wired to the window's requests (sign in and out, refresh, offboard,
// settings, cancel a load or an action, open in the portal) and to its message bar and status
// bar. It owns the controllers and no widgets. The app makes it in the mde-offboard-session
// module once the window has painted its first frame; it must be destroyed before the window.
class WindowSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WindowSession)
public:
    // None is owned; all must outlive the session.
    WindowSession(
        MainWindow *window, Backend *backend, Prompter *prompter, QObject *parent = nullptr);
    ~WindowSession() override;

    MainWindow *window() const { return m_window; }
    DeviceController *devices() const { return m_devices; }
    HistoryController *history() const { return m_history; }
    OffboardController *offboard() const { return m_offboard; }

    void refresh(); // devices (with the server filter) and history
    OffboardDialog *offboardSelected(); // opens the offboard dialog for the selection
    void showSettings();

private:
    void connectWindow();
    void updateAccount();
    void applyPendingOffboards();
    void openInPortal(const QString &machineId);

    MainWindow *m_window;
    QPointer<Backend> m_backend;
    Prompter *m_prompter;
    DeviceController *m_devices;
    HistoryController *m_history;
    OffboardController *m_offboard;
};
