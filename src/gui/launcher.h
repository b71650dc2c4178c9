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
// and the window built from the saved settings plus the command-line overrides, then the silent
// sign-in. With --screenshot(-dialog) it saves a picture once the first page of devices is shown
// and quits the event loop (exit code 0, or 1 when loading failed or took too long). With
// --quit-after-show it quits (exit code 0) from the event loop right after the window is shown.
namespace Startup {
void setIdentity();
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

private:
    void takeScreenshots();
    void finishScreenshots(int exitCode, const QString &message);

    LaunchOptions m_options;
    std::unique_ptr<Prompter> m_prompter;
    std::unique_ptr<Backend> m_backend;
    std::unique_ptr<MainWindow> m_window;
    bool m_shotTaken = false;
};
