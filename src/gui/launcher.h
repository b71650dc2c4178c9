// SPDX-License-Identifier: MIT
#pragma once

#include "launchoptions.h"
#include "sessionstart.h"

#include <QObject>

#include <memory>

class MainWindow;
class Prompter;
class QApplication;

// Application start, shared by main.cpp and tests: identity and translations, then the window
// built from the saved settings plus the command-line overrides and shown. Everything that talks
// to the network, the keychain or the audit log comes after the window has painted once
// (finishStart(), queued behind that paint): the signed-in side is started then, from the
// mde-offboard-session module in the app (setSessionModule(); its libraries, QtNetwork among
// them, are not loaded before) or from a linked function in tests (setSessionFunction()). It
// opens the audit log, reports problems with the settings or the audit log in the message bar and
// starts the silent sign-in (AppSession); a module that cannot be loaded is reported there too.
// With --quit-after-show it quits (exit code 0) from the event loop right after the window is
// shown; the deferred start is then skipped (nothing is opened, so nothing is left half-done).
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

    // Where the signed-in side comes from (one of them, before start()).
    void setSessionModule(const QString &path) { m_modulePath = path; }
    void setSessionFunction(StartSessionFunction function) { m_startSession = function; }

    // Builds and shows the window; false with *error when the options cannot be applied.
    bool start(QString *error = nullptr);
    MainWindow *window() const { return m_window.get(); }
    // The signed-in side (an AppSession), null until the start has finished or when it failed.
    QObject *session() const { return m_session.get(); }
    bool isStartFinished() const { return m_startFinished; }

    // The session entry point of the module at path, loaded with every symbol resolved; null
    // with *error (translated) when it cannot be loaded. The module stays loaded.
    static StartSessionFunction loadSessionModule(const QString &path, QString *error = nullptr);

Q_SIGNALS:
    // The deferred part of the start ran: audit log opened (or its problem reported), sign-in
    // started, or why the signed-in side could not be started shown in the message bar.
    void startFinished();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void scheduleFinishStart();
    void finishStart();

    LaunchOptions m_options;
    std::unique_ptr<Prompter> m_prompter;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<QObject> m_session; // destroyed before the window
    AppSettings m_settings;
    QString m_modulePath;
    StartSessionFunction m_startSession = nullptr;
    bool m_finishScheduled = false;
    bool m_startFinished = false;
    bool m_quitting = false;
};
