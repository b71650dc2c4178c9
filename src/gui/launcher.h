// SPDX-License-Identifier: MIT
#pragma once

#include "launchoptions.h"

#include <QObject>

#include <memory>

class Backend;
class MainWindow;
class Prompter;
class QApplication;

// Application start, shared by main.cpp and tests: identity and translations, then the backend
// and the window built from the saved settings plus the command-line overrides and shown. What
// the first frame does not need waits until the window has painted once (finishStart(), queued
// behind that paint): opening the audit log, reporting problems with the settings or the audit
// log in the message bar, then the silent sign-in. Until the audit log is open nothing can be
// offboarded. With --screenshot(-dialog) it saves a picture once the first page of devices is
// shown and quits the event loop (exit code 0, or 1 when loading failed or took too long). With
// --quit-after-show it quits (exit code 0) from the event loop right after the window is shown;
// the deferred start is then skipped (nothing is opened, so nothing is left half-done).
namespace Startup {
void setIdentity();
// AppStyle over the default style (or the one chosen with -style).
void installStyle();
// The app's catalogue (:/i18n/mde-offboard_<locale>.qm) and Qt's qtbase catalogue.
void installTranslations(QApplication &app);
} // namespace Startup

class Launcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Launcher)
public:
    explicit Launcher(LaunchOptions options, QObject *parent = nullptr);
    ~Launcher() override;

    // Builds and shows the window; false with *error when the options cannot be applied.
    bool start(QString *error = nullptr);
    MainWindow *window() const { return m_window.get(); }
    Backend *backend() const { return m_backend.get(); }
    bool isStartFinished() const { return m_startFinished; }

Q_SIGNALS:
    // The deferred part of the start ran: audit log opened (or its problem reported), sign-in
    // started.
    void startFinished();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void scheduleFinishStart();
    void finishStart();
    void takeScreenshots();
    void finishScreenshots(int exitCode, const QString &message);

    LaunchOptions m_options;
    std::unique_ptr<Prompter> m_prompter;
    std::unique_ptr<Backend> m_backend;
    std::unique_ptr<MainWindow> m_window;
    AppSettings m_settings;
    QString m_settingsProblem; // why the settings cannot be used
    bool m_settingsUsable = false;
    bool m_finishScheduled = false;
    bool m_startFinished = false;
    bool m_quitting = false;
    bool m_shotTaken = false;
};
