// SPDX-License-Identifier: MIT
#include "appsession.h"

#include "backend.h"
#include "devicecontroller.h"
#include "deviceview.h"
#include "machinetablemodel.h"
#include "mainwindow.h"
#include "offboarddialog.h"
#include "windowsession.h"

#include <QCoreApplication>
#include <QLineEdit>
#include <QPixmap>
#include <QTimer>

#include <cstdio>

using namespace Qt::StringLiterals;

QObject *startAppSession(const SessionStart &start)
{
    return new AppSession(start);
}

AppSession::AppSession(const SessionStart &start, QObject *parent)
    : QObject(parent)
    , m_start(start)
    , m_backend(std::make_unique<Backend>(Backend::Options {}))
{
    QString settingsProblem;
    const bool settingsUsable = m_backend->applySettings(m_start.settings, &settingsProblem);
    m_session = std::make_unique<WindowSession>(m_start.window, m_backend.get(), m_start.prompter);
    if (m_start.options.wantsScreenshot())
        takeScreenshots();

    QStringList problems;
    if (!settingsUsable)
        problems << tr("The connection settings cannot be used (%1). Open Settings.")
                        .arg(settingsProblem);
    if (!m_backend->auditError().isEmpty())
        problems << tr("The audit log cannot be used: %1").arg(m_backend->auditError());
    if (!problems.isEmpty())
        Q_EMIT m_backend->problem(problems.join(u' '));

    // A secret handed over by a script (scripts/demo) signs in app-only at once; it is kept in
    // the keychain like one typed into the settings, and never read from the command line.
    const QString secret = qEnvironmentVariable("MDE_CLIENT_SECRET");
    if (settingsUsable && m_start.settings.signInMode == SignInMode::AppOnly && !secret.isEmpty()) {
        m_backend->storeClientSecret(secret);
        m_backend->signIn();
    } else if (settingsUsable) {
        m_backend->start();
    }
}

AppSession::~AppSession()
{
    m_session.reset(); // before the backend it talks to
    m_backend.reset();
}

void AppSession::takeScreenshots()
{
    MainWindow *window = m_start.window;
    DeviceController *devices = m_session->devices();
    connect(devices, &DeviceController::firstPageLoaded, this, [this, window] {
        // One turn of the event loop so layouts and the status bar settle before the picture.
        QTimer::singleShot(200, this, [this, window] {
            if (m_shotTaken)
                return;
            m_shotTaken = true;
            const LaunchOptions &options = m_start.options;
            if (!options.screenshot.isEmpty() && !window->grab().save(options.screenshot))
                return finishScreenshots(1, tr("Cannot write %1").arg(options.screenshot));
            if (options.screenshotDialog.isEmpty())
                return finishScreenshots(0, {});
            const MachineTableModel *model = window->machines();
            QList<int> rows;
            for (int row = 0; row < model->rowCount() && rows.size() < 3; ++row) {
                if (model->eligibilityVerdict(row) == Eligibility::Eligible)
                    rows.append(row);
            }
            window->deviceView()->selectSourceRows(rows);
            OffboardDialog *dialog = m_session->offboardSelected();
            if (!dialog)
                return finishScreenshots(1, tr("No eligible device to show in the dialog."));
            if (auto *comment = dialog->findChild<QLineEdit *>(u"commentEdit"_s))
                comment->setText(tr("Decommissioned hardware, ticket CHG-1042"));
            QTimer::singleShot(200, this, [this, dialog] {
                const QString &path = m_start.options.screenshotDialog;
                const bool saved = dialog->grab().save(path);
                dialog->reject();
                finishScreenshots(
                    saved ? 0 : 1, saved ? QString() : tr("Cannot write %1").arg(path));
            });
        });
    });
    connect(devices, &DeviceController::loadFinished, this, [this](const ApiError &error) {
        if (error.isError() && !m_shotTaken)
            finishScreenshots(1, error.displayText());
    });
    connect(m_backend.get(), &Backend::problem, this, [this](const QString &text) {
        if (!m_shotTaken)
            std::fprintf(stderr, "mde-offboard: %s\n", qPrintable(text));
    });
    QTimer::singleShot(120000, this, [this] {
        if (!m_shotTaken)
            finishScreenshots(1, tr("No devices were shown within two minutes."));
    });
}

void AppSession::finishScreenshots(int exitCode, const QString &message)
{
    m_shotTaken = true;
    if (!message.isEmpty())
        std::fprintf(stderr, "mde-offboard: %s\n", qPrintable(message));
    QCoreApplication::exit(exitCode);
}

#include "moc_appsession.cpp"
