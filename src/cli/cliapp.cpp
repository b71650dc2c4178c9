// SPDX-License-Identifier: MIT
#include "cliapp.h"

#include "appsettings.h"
#include "cliargs.h"
#include "clicommand.h"
#include "clicontext.h"
#include "console.h"

#include <QLoggingCategory>
#include <QSocketNotifier>
#include <QTimer>

#include <csignal>
#include <memory>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {
int signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(signalPipe[1], &byte, 1);
}

// Ctrl-C and SIGTERM reach the event loop as an interrupt of the command; a second one ends
// the process at once.
void routeSignals(CliCommand *command)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, signalPipe) != 0)
        return;
    auto *notifier = new QSocketNotifier(signalPipe[0], QSocketNotifier::Read, command);
    QObject::connect(notifier, &QSocketNotifier::activated, command, [command] {
        char byte = 0;
        [[maybe_unused]] const auto got = ::read(signalPipe[0], &byte, 1);
        static int count = 0;
        if (++count > 1)
            QCoreApplication::exit(ExitFailed);
        else
            command->interrupt();
    });
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
}
} // namespace

int CliApp::run(QCoreApplication &app)
{
    QCoreApplication::setOrganizationName(QString::fromLatin1(AppSettings::organization));
    QCoreApplication::setApplicationName(QString::fromLatin1(AppSettings::application));
    QCoreApplication::setApplicationVersion(QStringLiteral(MDE_VERSION));

    // Debug lines of the libraries would mix into the output; QT_LOGGING_RULES still wins.
    QLoggingCategory::setFilterRules(u"*.debug=false"_s);

    Console console;
    const CliParseResult parsed = CliArguments::parse(app.arguments().mid(1));
    switch (parsed.outcome) {
    case CliParseResult::Outcome::Help:
        console.out(CliArguments::helpText());
        return ExitOk;
    case CliParseResult::Outcome::Version:
        console.out(u"mde-offboard-cli %1\n"_s.arg(QCoreApplication::applicationVersion()));
        return ExitOk;
    case CliParseResult::Outcome::Error:
        console.err(parsed.error);
        console.note(tr("Try mde-offboard-cli --help."));
        return ExitBadInput;
    case CliParseResult::Outcome::Run:
        break;
    }

    CliContext context(parsed.options);
    QString error;
    if (!context.configure(&error)) {
        console.err(tr("%1 Nothing was sent.").arg(error));
        return ExitBadInput;
    }
    // Declared after the context, so destroyed first: it holds tickets of the context's budget.
    const std::unique_ptr<CliCommand> command(
        CliCommand::create(&context, &console, parsed.options));
    QObject::connect(
        command.get(), &CliCommand::finished, &app, [](int code) { QCoreApplication::exit(code); });
    routeSignals(command.get());
    QTimer::singleShot(0, command.get(), &CliCommand::start);
    return QCoreApplication::exec();
}
