// SPDX-License-Identifier: MIT
#include "launcher.h"

#include "appstyle.h"
#include "backend.h"
#include "devicecontroller.h"
#include "deviceview.h"
#include "machinetablemodel.h"
#include "mainwindow.h"
#include "offboarddialog.h"
#include "prompter.h"

#include <QApplication>
#include <QEvent>
#include <QLibraryInfo>
#include <QLineEdit>
#include <QLocale>
#include <QPixmap>
#include <QTimer>
#include <QTranslator>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace {
// finishStart() without a first paint (a window that is never exposed).
constexpr int FinishStartFallbackMs = 500;
} // namespace

namespace Startup {

void setIdentity()
{
    QCoreApplication::setOrganizationName(QString::fromLatin1(AppSettings::organization));
    QCoreApplication::setApplicationName(QString::fromLatin1(AppSettings::application));
    QCoreApplication::setApplicationVersion(u"0.1.0"_s);
    QGuiApplication::setDesktopFileName(u"mde-offboard"_s);
}

void installStyle()
{
    QApplication::setStyle(new AppStyle);
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
    m_settings = AppSettings::load();
    if (!m_options.applyTo(&m_settings, error))
        return false;
    Backend::Options backendOptions;
    backendOptions.openAuditLater = true; // finishStart(), once the window is up
    m_backend = std::make_unique<Backend>(backendOptions);
    m_window = std::make_unique<MainWindow>(m_backend.get(), m_prompter.get());
    m_settingsUsable = m_backend->applySettings(m_settings, &m_settingsProblem);
    if (m_options.wantsScreenshot())
        takeScreenshots();
    // The first paint of the window (it reaches the window before its children) queues the
    // rest of the start behind the frame; a window that is never exposed (minimised, or a
    // platform without expose events) gets it after a short wait all the same.
    m_window->installEventFilter(this);
    m_window->show();
    QTimer::singleShot(FinishStartFallbackMs, this, &Launcher::scheduleFinishStart);
    return true;
}

bool Launcher::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_window.get() && event->type() == QEvent::Paint)
        scheduleFinishStart();
    return QObject::eventFilter(watched, event);
}

void Launcher::scheduleFinishStart()
{
    if (m_finishScheduled)
        return;
    m_finishScheduled = true;
    if (m_window)
        m_window->removeEventFilter(this);
    if (m_options.quitAfterShow) {
        // The first frame is being painted: the window is shown. Queued behind that frame, so
        // the line goes out once the frame is painted and flushed (scripts/bench times it).
        m_quitting = true;
        QTimer::singleShot(0, this, [] {
            std::fputs("shown\n", stdout);
            std::fflush(stdout);
            QCoreApplication::exit(0);
        });
        return;
    }
    // Queued: runs on the next turn of the event loop, after the frame being painted now.
    QMetaObject::invokeMethod(this, &Launcher::finishStart, Qt::QueuedConnection);
}

void Launcher::finishStart()
{
    // --quit-after-show: the loop is ending; opening the log or starting a sign-in now would
    // only be undone again.
    if (m_quitting || m_startFinished)
        return;
    m_startFinished = true;
    m_backend->openAudit();
    QStringList problems;
    if (!m_settingsUsable)
        problems << tr("The connection settings cannot be used (%1). Open Settings.")
                        .arg(m_settingsProblem);
    if (!m_backend->auditError().isEmpty())
        problems << tr("The audit log cannot be used: %1").arg(m_backend->auditError());
    if (!problems.isEmpty())
        Q_EMIT m_backend->problem(problems.join(u' '));

    // A secret handed over by a script (scripts/demo) signs in app-only at once; it is kept in
    // the keychain like one typed into the settings, and never read from the command line.
    const QString secret = qEnvironmentVariable("MDE_CLIENT_SECRET");
    if (m_settingsUsable && m_settings.signInMode == SignInMode::AppOnly && !secret.isEmpty()) {
        m_backend->storeClientSecret(secret);
        m_backend->signIn();
    } else if (m_settingsUsable) {
        m_backend->start();
    }
    Q_EMIT startFinished();
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
