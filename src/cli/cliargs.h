// SPDX-License-Identifier: MIT
#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <optional>

// The command line of mde-offboard-cli (issue 6), parsed and checked without any I/O: every
// refusal here is "bad input" (exit 2) and happens before anything is read or sent.
//
//   mde-offboard-cli [--cloud C] [--region R] [--api-url URL] [--login-url URL] [--tenant ID]
//                    [--client-id ID] [--ca-file PEM] [--format table|json|csv] COMMAND ...
//     machines [--filter ODATA] [--search TEXT]
//     offboard --comment TEXT [--dry-run] [--yes] (ID ... | --from FILE|-)
//     actions  [--machine ID] [--status S] [--type T]
//     cancel   --comment TEXT ACTION-ID
//
// Options take their value as "--name value" or "--name=value"; global options may also follow
// the command. "--" ends the options.

// The process exit codes (other tools rely on them).
enum ExitCode : int {
    ExitOk = 0, // everything done
    ExitFailed = 1, // some devices failed or were refused, or the service refused the call
    ExitBadInput = 2, // bad input: nothing was sent
    ExitSignIn = 3, // sign-in failed
    ExitUnreachable = 4 // the service or the network could not be reached
};

enum class OutputFormat { Table, Json, Csv };

struct CliOptions
{
    enum class Command { None, Machines, Offboard, Actions, Cancel };

    Command command = Command::None;
    OutputFormat format = OutputFormat::Table;
    // Global overrides of the window's saved settings (unset: the saved value).
    std::optional<QString> cloud;
    std::optional<QString> region;
    std::optional<QString> apiUrl;
    std::optional<QString> loginUrl;
    std::optional<QString> tenant;
    std::optional<QString> clientId;
    std::optional<QString> caFile;
    // machines
    QString filter;
    QString search;
    // offboard / cancel
    QString comment; // trimmed
    bool dryRun = false;
    bool yes = false;
    QStringList ids; // offboard: lowercased device ids from the command line, in order
    QStringList duplicateIds; // offboard: ids given more than once (skipped)
    QString from; // offboard: file to read ids from, "-" for standard input
    // actions
    QString machineId;
    QString status;
    QString type;
    // cancel
    QString actionId;
};

struct CliParseResult
{
    enum class Outcome { Run, Help, Version, Error };
    Outcome outcome = Outcome::Error;
    CliOptions options;
    QString error; // translated, for Outcome::Error
};

struct CliArguments
{
    Q_DECLARE_TR_FUNCTIONS(CliArguments)
public:
    // arguments without the program name.
    static CliParseResult parse(const QStringList &arguments);
    static QString helpText();
    static QStringList optionNames(); // every long option, without the dashes
    static QStringList actionStatuses(); // values accepted by actions --status
    static QStringList actionTypes(); // values accepted by actions --type
    static QString commandName(CliOptions::Command command);
};
