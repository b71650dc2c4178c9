// SPDX-License-Identifier: MIT
#include "launcher.h"

#include "appstyle.h"
#include "mainwindow.h"
#include "messagebar.h"
#include "prompter.h"

#include <QApplication>
#include <QEvent>
#include <QLibrary>
#include <QLibraryInfo>
#include <QLocale>
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
    m_session.reset();
    m_window.reset();
}

StartSessionFunction Launcher::loadSessionModule(const QString &path, QString *error)
{
    QLibrary module(path);
    // Every symbol now: a module that does not fit this executable fails here, not mid-session.
    module.setLoadHints(QLibrary::ResolveAllSymbolsHint);
    const auto function
        = reinterpret_cast<StartSessionFunction>(module.resolve(StartSessionSymbol));
    if (!function && error)
        *error = tr("Cannot load %1: %2").arg(path, module.errorString());
    return function;
}

bool Launcher::start(QString *error)
{
    m_settings = AppSettings::load();
    if (!m_options.applyTo(&m_settings, error))
        return false;
    m_window = std::make_unique<MainWindow>(m_settings, m_prompter.get());
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
    QString error;
    StartSessionFunction startSession = m_startSession;
    if (!startSession && !m_modulePath.isEmpty())
        startSession = loadSessionModule(m_modulePath, &error);
    if (!startSession) {
        const QString why = error.isEmpty() ? tr("no session module was given") : error;
        std::fprintf(stderr, "mde-offboard: %s\n", qPrintable(why));
        m_window->messageBar()->showError(
            tr("Signing in, loading devices and offboarding are not available: %1").arg(why));
        // A screenshot run waits for devices that will never come: fail it now.
        if (m_options.wantsScreenshot())
            QCoreApplication::exit(1);
        Q_EMIT startFinished();
        return;
    }
    m_session.reset(startSession({m_window.get(), m_prompter.get(), m_settings, m_options}));
    Q_EMIT startFinished();
}

#include "moc_launcher.cpp"
