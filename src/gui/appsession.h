// SPDX-License-Identifier: MIT
#pragma once

#include "sessionstart.h"

#include <QObject>

#include <memory>

class Backend;
class WindowSession;

// The signed-in side of the app, started behind the window's first frame: the backend from the
// settings (its audit log opened at once), the window's session, problems with the settings or
// the audit log in the message bar, then the silent sign-in (or an app-only sign-in with a
// secret handed over in MDE_CLIENT_SECRET). With --screenshot(-dialog) it saves a picture once
// the first page of devices is shown and quits the event loop (exit code 0, or 1 when loading
// failed or took too long).
class AppSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AppSession)
public:
    explicit AppSession(const SessionStart &start, QObject *parent = nullptr);
    ~AppSession() override;

    Backend *backend() const { return m_backend.get(); }
    WindowSession *windowSession() const { return m_session.get(); }

private:
    void takeScreenshots();
    void finishScreenshots(int exitCode, const QString &message);

    SessionStart m_start;
    std::unique_ptr<Backend> m_backend;
    std::unique_ptr<WindowSession> m_session;
    bool m_shotTaken = false;
};

// StartSessionFunction: a new AppSession.
QObject *startAppSession(const SessionStart &start);
