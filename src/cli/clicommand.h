// SPDX-License-Identifier: MIT
#pragma once

#include "cliargs.h"

#include <QObject>

#include <functional>

class CliContext;
class Console;

// One run of a command. start() once; finished(exitCode) is emitted exactly once, always from
// the event loop (never inside start()).
class CliCommand : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CliCommand)
public:
    CliCommand(CliContext *context, Console *console, const CliOptions &options,
        QObject *parent = nullptr);
    ~CliCommand() override;

    virtual void start() = 0;
    // Ctrl-C or SIGTERM: stop what has not been sent; answers already on their way are
    // awaited where they decide an outcome. Default: finish at once.
    virtual void interrupt();
    bool isFinished() const { return m_finished; }
    int exitCode() const { return m_exitCode; }

    // The command for options.command (nullptr for none).
    static CliCommand *create(CliContext *context, Console *console, const CliOptions &options,
        QObject *parent = nullptr);

Q_SIGNALS:
    void finished(int exitCode);

protected:
    // Prints message (if any) as an error and finishes with code.
    void finish(int code, const QString &message = {});
    // Signs in, then runs next; on failure finishes with the sign-in's code.
    void signInThen(std::function<void()> next);

    CliContext *m_context;
    Console *m_console;
    CliOptions m_options;

private:
    bool m_finished = false;
    int m_exitCode = ExitOk;
};

// machines
class MachinesCommand final : public CliCommand
{
    Q_OBJECT
public:
    using CliCommand::CliCommand;
    void start() override;

private:
    void fetch();
    int m_retries = 0;
};

// actions
class ActionsCommand final : public CliCommand
{
    Q_OBJECT
public:
    using CliCommand::CliCommand;
    void start() override;
    // The $filter for --machine, --status and --type (values are checked by the parser).
    static QString filterFor(const CliOptions &options);

private:
    void fetch();
    int m_retries = 0;
};

// cancel
class CancelCommand final : public CliCommand
{
    Q_OBJECT
public:
    using CliCommand::CliCommand;
    void start() override;

    void interrupt() override;

private:
    void lookUp();
    void send();
    int m_retries = 0;
    bool m_sending = false;
    QString m_machineId;
    QString m_machineName;
};
