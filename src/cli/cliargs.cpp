// SPDX-License-Identifier: MIT
#include "cliargs.h"

#include "appsettings.h"
#include "endpoints.h"
#include "validation.h"

#include <QHash>

using namespace Qt::StringLiterals;
using Command = CliOptions::Command;

namespace {

struct OptionSpec
{
    QString name;
    bool takesValue;
    QList<Command> commands; // empty: global (any command)
};

const QList<OptionSpec> &optionSpecs()
{
    static const QList<OptionSpec> specs = {
        {u"cloud"_s, true, {}},
        {u"region"_s, true, {}},
        {u"api-url"_s, true, {}},
        {u"login-url"_s, true, {}},
        {u"tenant"_s, true, {}},
        {u"client-id"_s, true, {}},
        {u"ca-file"_s, true, {}},
        {u"format"_s, true, {}},
        {u"filter"_s, true, {Command::Machines}},
        {u"search"_s, true, {Command::Machines}},
        {u"comment"_s, true, {Command::Offboard, Command::Cancel}},
        {u"dry-run"_s, false, {Command::Offboard}},
        {u"yes"_s, false, {Command::Offboard}},
        {u"from"_s, true, {Command::Offboard}},
        {u"machine"_s, true, {Command::Actions}},
        {u"status"_s, true, {Command::Actions}},
        {u"type"_s, true, {Command::Actions}},
    };
    return specs;
}

const OptionSpec *findSpec(const QString &name)
{
    for (const OptionSpec &spec : optionSpecs()) {
        if (spec.name == name)
            return &spec;
    }
    return nullptr;
}

std::optional<Command> commandFromName(const QString &name)
{
    if (name == u"machines"_s)
        return Command::Machines;
    if (name == u"offboard"_s)
        return Command::Offboard;
    if (name == u"actions"_s)
        return Command::Actions;
    if (name == u"cancel"_s)
        return Command::Cancel;
    return std::nullopt;
}

// The canonical spelling of value in allowed (compared case-insensitively), or empty.
QString canonical(const QString &value, const QStringList &allowed)
{
    for (const QString &candidate : allowed) {
        if (candidate.compare(value, Qt::CaseInsensitive) == 0)
            return candidate;
    }
    return {};
}

CliParseResult error(const QString &message)
{
    CliParseResult result;
    result.outcome = CliParseResult::Outcome::Error;
    result.error = message;
    return result;
}

} // namespace

QStringList CliArguments::optionNames()
{
    QStringList names;
    for (const OptionSpec &spec : optionSpecs())
        names.append(spec.name);
    return names + QStringList {u"help"_s, u"version"_s};
}

QStringList CliArguments::actionStatuses()
{
    return {
        u"Pending"_s, u"InProgress"_s, u"Succeeded"_s, u"Failed"_s, u"TimeOut"_s, u"Cancelled"_s};
}

QStringList CliArguments::actionTypes()
{
    return {u"RunAntiVirusScan"_s, u"Offboard"_s, u"LiveResponse"_s,
        u"CollectInvestigationPackage"_s, u"Isolate"_s, u"Unisolate"_s, u"StopAndQuarantineFile"_s,
        u"RestrictCodeExecution"_s, u"UnrestrictCodeExecution"_s};
}

QString CliArguments::commandName(Command command)
{
    switch (command) {
    case Command::Machines:
        return u"machines"_s;
    case Command::Offboard:
        return u"offboard"_s;
    case Command::Actions:
        return u"actions"_s;
    case Command::Cancel:
        return u"cancel"_s;
    case Command::None:
        break;
    }
    return {};
}

CliParseResult CliArguments::parse(const QStringList &arguments)
{
    CliOptions o;
    QHash<QString, QString> values; // option name -> value ("" for switches)
    QStringList positionals;
    bool optionsEnded = false;

    for (int i = 0; i < arguments.size(); ++i) {
        const QString &arg = arguments.at(i);
        if (optionsEnded || arg == u"-"_s || !arg.startsWith(u'-')) {
            if (o.command == Command::None && !optionsEnded) {
                const auto command = commandFromName(arg);
                if (!command)
                    return error(tr("Unknown command \"%1\". The commands are machines, "
                                    "offboard, actions and cancel.")
                                     .arg(arg));
                o.command = *command;
            } else {
                positionals.append(arg);
            }
            continue;
        }
        if (arg == u"--"_s) {
            optionsEnded = true;
            continue;
        }
        if (arg == u"-h"_s || arg == u"--help"_s) {
            CliParseResult result;
            result.outcome = CliParseResult::Outcome::Help;
            return result;
        }
        if (arg == u"--version"_s) {
            CliParseResult result;
            result.outcome = CliParseResult::Outcome::Version;
            return result;
        }
        const qsizetype equals = arg.indexOf(u'=');
        const QString name = arg.mid(2, equals < 0 ? -1 : equals - 2);
        const OptionSpec *spec = arg.startsWith(u"--"_s) ? findSpec(name) : nullptr;
        if (!spec)
            return error(
                tr("Unknown option %1 (see --help).").arg(arg.left(equals < 0 ? -1 : equals)));
        if (values.contains(name))
            return error(tr("--%1 is given more than once.").arg(name));
        QString value;
        if (spec->takesValue) {
            if (equals >= 0)
                value = arg.mid(equals + 1);
            else if (i + 1 < arguments.size())
                value = arguments.at(++i);
            else
                return error(tr("--%1 needs a value.").arg(name));
        } else if (equals >= 0) {
            return error(tr("--%1 takes no value.").arg(name));
        }
        values.insert(name, value);
    }

    if (o.command == Command::None)
        return error(tr("No command given. The commands are machines, offboard, actions and "
                        "cancel (see --help)."));
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        const OptionSpec *spec = findSpec(it.key());
        if (!spec->commands.isEmpty() && !spec->commands.contains(o.command))
            return error(tr("--%1 is not an option of the %2 command.")
                             .arg(it.key(), commandName(o.command)));
    }
    const auto opt = [&values](const QString &name) -> std::optional<QString> {
        const auto it = values.constFind(name);
        return it == values.cend() ? std::nullopt : std::optional<QString>(it.value());
    };

    // Global options.
    if (const auto format = opt(u"format"_s)) {
        const QString f = format->trimmed().toLower();
        if (f == u"table"_s)
            o.format = OutputFormat::Table;
        else if (f == u"json"_s)
            o.format = OutputFormat::Json;
        else if (f == u"csv"_s)
            o.format = OutputFormat::Csv;
        else
            return error(tr("--format is table, json or csv."));
    }
    o.cloud = opt(u"cloud"_s);
    if (o.cloud && !cloudFromString(*o.cloud))
        return error(tr("--cloud is commercial, gcc, gcc-high or dod."));
    o.region = opt(u"region"_s);
    if (o.region) {
        *o.region = o.region->trimmed().toLower();
        if (!o.region->isEmpty() && !Endpoints::regions().contains(*o.region))
            return error(tr("--region is one of %1.").arg(Endpoints::regions().join(u", "_s)));
    }
    for (const QString &name : {u"api-url"_s, u"login-url"_s}) {
        const auto url = opt(name);
        QString why;
        if (url && !checkServiceUrl(url->trimmed(), &why))
            return error(tr("--%1: %2").arg(name, why));
    }
    o.apiUrl = opt(u"api-url"_s);
    o.loginUrl = opt(u"login-url"_s);
    o.tenant = opt(u"tenant"_s);
    if (o.tenant && !isValidTenant(o.tenant->trimmed()))
        return error(tr("--tenant must be a directory id (GUID) or a domain such as "
                        "contoso.onmicrosoft.com."));
    o.clientId = opt(u"client-id"_s);
    if (o.clientId && !isValidClientId(o.clientId->trimmed()))
        return error(tr("--client-id must be the application (client) id, a GUID."));
    o.caFile = opt(u"ca-file"_s);
    if (o.caFile && o.caFile->isEmpty())
        return error(tr("--ca-file needs the path of a PEM file."));

    // The command's own options.
    const auto checkComment = [&]() -> QString {
        const auto comment = opt(u"comment"_s);
        if (!comment)
            return tr("%1 needs --comment TEXT: the reason, recorded with the action.")
                .arg(commandName(o.command));
        const auto problem = Validation::checkComment(*comment);
        if (problem != Validation::CommentProblem::None)
            return tr("--comment: %1").arg(Validation::commentProblemText(problem));
        o.comment = comment->trimmed();
        return {};
    };

    switch (o.command) {
    case Command::Machines:
        if (!positionals.isEmpty())
            return error(tr("machines takes no arguments; use --filter or --search."));
        o.filter = opt(u"filter"_s).value_or(QString()).trimmed();
        o.search = opt(u"search"_s).value_or(QString()).trimmed();
        break;
    case Command::Offboard: {
        if (const QString problem = checkComment(); !problem.isEmpty())
            return error(problem);
        o.dryRun = values.contains(u"dry-run"_s);
        o.yes = values.contains(u"yes"_s);
        o.from = opt(u"from"_s).value_or(QString());
        if (values.contains(u"from"_s) && o.from.isEmpty())
            return error(tr("--from needs a file name, or - for standard input."));
        if (!o.from.isEmpty() && !positionals.isEmpty())
            return error(tr("Give device ids either as arguments or with --from, not both."));
        if (o.from.isEmpty() && positionals.isEmpty())
            return error(tr("offboard needs device ids: as arguments or with --from FILE "
                            "(- for standard input)."));
        for (const QString &arg : std::as_const(positionals)) {
            const QString id = arg.trimmed().toLower();
            if (!Validation::isMachineId(id))
                return error(tr("\"%1\" is not a device id (40 hexadecimal characters).").arg(arg));
            if (o.ids.contains(id))
                o.duplicateIds.append(id);
            else
                o.ids.append(id);
        }
        break;
    }
    case Command::Actions:
        if (!positionals.isEmpty())
            return error(tr("actions takes no arguments; use --machine, --status or --type."));
        if (const auto machine = opt(u"machine"_s)) {
            o.machineId = machine->trimmed().toLower();
            if (!Validation::isMachineId(o.machineId))
                return error(tr("--machine wants a device id (40 hexadecimal characters)."));
        }
        if (const auto status = opt(u"status"_s)) {
            o.status = canonical(status->trimmed(), actionStatuses());
            if (o.status.isEmpty())
                return error(tr("--status is one of %1.").arg(actionStatuses().join(u", "_s)));
        }
        if (const auto type = opt(u"type"_s)) {
            o.type = canonical(type->trimmed(), actionTypes());
            if (o.type.isEmpty())
                return error(tr("--type is one of %1.").arg(actionTypes().join(u", "_s)));
        }
        break;
    case Command::Cancel:
        if (const QString problem = checkComment(); !problem.isEmpty())
            return error(problem);
        if (positionals.size() != 1)
            return error(tr("cancel needs exactly one action id."));
        o.actionId = positionals.first().trimmed().toLower();
        if (!Validation::isActionId(o.actionId))
            return error(tr("\"%1\" is not an action id (a GUID).").arg(positionals.first()));
        break;
    case Command::None:
        break;
    }

    CliParseResult result;
    result.outcome = CliParseResult::Outcome::Run;
    result.options = o;
    return result;
}
