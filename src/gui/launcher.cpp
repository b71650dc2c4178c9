// SPDX-License-Identifier: MIT
#include "launcher.h"

#include "backend.h"
#include "devicecontroller.h"
#include "deviceview.h"
#include "machinetablemodel.h"
#include "mainwindow.h"
#include "offboarddialog.h"
#include "prompter.h"

#include <QApplication>
#include <QLibraryInfo>
#include <QLineEdit>
#include <QLocale>
#include <QPixmap>
#include <QTimer>
#include <QTranslator>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace Startup {

void setIdentity()
{
    QCoreApplication::setOrganizationName(QString::fromLatin1(AppSettings::organization));
    QCoreApplication::setApplicationName(QString::fromLatin1(AppSettings::application));
    QCoreApplication::setApplicationVersion(u"0.1.0"_s);
    QGuiApplication::setDesktopFileName(u"mde-offboard"_s);
}

void installTranslations(QApplication &app)
{
    auto *own = new QTranslator(&app);
    if (own->load(QLocale(), u"mde-offboard"_s, u"_"_s, u":/i18n"_s))
        QCoreApplication::installTranslator(own);
    auto *qt = new QTranslator(&app);
    if (qt->load(
            QLocale(), u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
}

} // namespace Startup

Launcher::Launcher(LaunchOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_prompter(std::make_unique<WidgetPrompter>())
{ }

Launcher::~Launcher()
{
    m_window.reset();
    m_backend.reset();
}

bool Launcher::start(QString *error)
{
    AppSettings settings = AppSettings::load();
    if (!m_options.applyTo(&settings, error))
        return false;
    m_backend = std::make_unique<Backend>(Backend::Options {});
    m_window = std::make_unique<MainWindow>(m_backend.get(), m_prompter.get());
    QString reason;
    const bool usable = m_backend->applySettings(settings, &reason);
    QStringList problems;
    if (!usable)
        problems << tr("The connection settings cannot be used (%1). Open Settings.").arg(reason);
    if (!m_backend->auditError().isEmpty())
        problems << tr("The audit log cannot be used: %1").arg(m_backend->auditError());
    const QString problem = problems.join(u' ');
    if (m_options.wantsScreenshot())
        takeScreenshots();
    m_window->show();
    if (!problem.isEmpty())
        Q_EMIT m_backend->problem(problem);
    if (m_options.quitAfterShow) {
        // Queued after the show and its first events: the window is up when the loop runs this.
        QTimer::singleShot(0, this, [] { QCoreApplication::exit(0); });
    }

    // A secret handed over by a script (scripts/demo) signs in app-only at once; it is kept in
    // the keychain like one typed into the settings, and never read from the command line.
    const QString secret = qEnvironmentVariable("MDE_CLIENT_SECRET");
    if (usable && settings.signInMode == SignInMode::AppOnly && !secret.isEmpty()) {
        m_backend->storeClientSecret(secret);
        m_backend->signIn();
    } else if (usable) {
        m_backend->start();
    }
    return true;
}

void Launcher::takeScreenshots()
{
    connect(m_window->devices(), &DeviceController::firstPageLoaded, this, [this] {
        // One turn of the event loop so layouts and the status bar settle before the picture.
        QTimer::singleShot(200, this, [this] {
            if (m_shotTaken)
                return;
            m_shotTaken = true;
            if (!m_options.screenshot.isEmpty() && !m_window->grab().save(m_options.screenshot))
                return finishScreenshots(1, tr("Cannot write %1").arg(m_options.screenshot));
            if (m_options.screenshotDialog.isEmpty())
                return finishScreenshots(0, {});
            const MachineTableModel *model = m_window->devices()->model();
            QList<int> rows;
            for (int row = 0; row < model->rowCount() && rows.size() < 3; ++row) {
                if (model->eligibilityVerdict(row) == Eligibility::Eligible)
                    rows.append(row);
            }
            m_window->deviceView()->selectSourceRows(rows);
            OffboardDialog *dialog = m_window->offboardSelected();
            if (!dialog)
                return finishScreenshots(1, tr("No eligible device to show in the dialog."));
            if (auto *comment = dialog->findChild<QLineEdit *>(u"commentEdit"_s))
                comment->setText(tr("Decommissioned hardware, ticket CHG-1042"));
            QTimer::singleShot(200, this, [this, dialog] {
                const bool saved = dialog->grab().save(m_options.screenshotDialog);
                dialog->reject();
                finishScreenshots(saved ? 0 : 1,
                    saved ? QString() : tr("Cannot write %1").arg(m_options.screenshotDialog));
            });
        });
    });
    connect(
        m_window->devices(), &DeviceController::loadFinished, this, [this](const ApiError &error) {
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

void Launcher::finishScreenshots(int exitCode, const QString &message)
{
    m_shotTaken = true;
    if (!message.isEmpty())
        std::fprintf(stderr, "mde-offboard: %s\n", qPrintable(message));
    QCoreApplication::exit(exitCode);
}
