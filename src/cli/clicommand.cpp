// SPDX-License-Identifier: MIT
#include "clicommand.h"

#include "auditlog.h"
#include "clicontext.h"
#include "cliresult.h"
#include "console.h"
#include "defenderclient.h"
#include "offboardcommand.h"
#include "output.h"
#include "ratebudget.h"

using namespace Qt::StringLiterals;

namespace {
constexpr int Max429Retries = 5;

// A 429 was not acted on: wait as the service asks, then the caller tries again.
bool pauseAfter429(RateBudget *budget, const QString &endpoint, const ApiCall *call, int *retries)
{
    if (call->httpStatus() != 429 || *retries >= Max429Retries)
        return false;
    ++*retries;
    budget->pauseFor(endpoint, std::max(1, call->error().retryAfterSeconds));
    return true;
}
} // namespace

CliCommand::CliCommand(
    CliContext *context, Console *console, const CliOptions &options, QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_console(console)
    , m_options(options)
{ }

CliCommand::~CliCommand() = default;

CliCommand *CliCommand::create(
    CliContext *context, Console *console, const CliOptions &options, QObject *parent)
{
    switch (options.command) {
    case CliOptions::Command::Machines:
        return new MachinesCommand(context, console, options, parent);
    case CliOptions::Command::Offboard:
        return new OffboardCommand(context, console, options, parent);
    case CliOptions::Command::Actions:
        return new ActionsCommand(context, console, options, parent);
    case CliOptions::Command::Cancel:
        return new CancelCommand(context, console, options, parent);
    case CliOptions::Command::None:
        break;
    }
    return nullptr;
}

void CliCommand::finish(int code, const QString &message)
{
    if (m_finished)
        return;
    m_finished = true;
    m_exitCode = code;
    if (!message.isEmpty())
        m_console->err(message);
    m_context->stopReconciling([this, code] { Q_EMIT finished(code); });
}

void CliCommand::interrupt()
{
    finish(ExitFailed, tr("Interrupted."));
}

void CliCommand::signInThen(std::function<void()> next)
{
    m_context->signIn([this, next = std::move(next)](int code, const QString &message) {
        if (code != ExitOk)
            finish(code, message);
        else
            next();
    });
}

// ---- machines

void MachinesCommand::start()
{
    signInThen([this] { fetch(); });
}

void MachinesCommand::fetch()
{
    m_context->budget()->acquire(
        RateEndpoint::Machines, RateBudget::Priority::UserAction, this, [this] {
            MachineQuery query;
            query.filter = m_options.filter;
            MachineListCall *call = m_context->client()->listMachines(query);
            auto machines = std::make_shared<QList<Machine>>();
            connect(call, &MachineListCall::pageReceived, this,
                [this, machines](const QList<Machine> &page) {
                    for (const Machine &m : page) {
                        if (m_options.search.isEmpty()
                            || Output::matchesSearch(m, m_options.search))
                            machines->append(m);
                    }
                    m_console->progress(tr("Devices received: %1").arg(machines->size()));
                });
            connect(call, &ApiCall::finished, this, [this, call, machines] {
                call->deleteLater();
                if (pauseAfter429(m_context->budget(), RateEndpoint::Machines, call, &m_retries)) {
                    fetch();
                    return;
                }
                if (!call->isOk()) {
                    finish(CliContext::exitCodeFor(call->error()),
                        tr("Listing the devices failed: %1").arg(call->error().displayText()));
                    return;
                }
                const OutputFormat format = m_options.format;
                QList<QStringList> rows;
                QList<QJsonObject> objects;
                for (const Machine &m : std::as_const(*machines)) {
                    if (format == OutputFormat::Json)
                        objects.append(Output::machineToJson(m));
                    else
                        rows.append(Output::machineRow(m, format));
                }
                m_console->out(
                    Output::render(format, Output::machineHeaders(format), rows, objects));
                finish(ExitOk);
            });
        });
}

// ---- actions

QString ActionsCommand::filterFor(const CliOptions &options)
{
    // The values were checked against fixed lists (and the id is hex), so quoting is safe.
    QStringList parts;
    if (!options.machineId.isEmpty())
        parts.append(u"machineId eq '%1'"_s.arg(options.machineId));
    if (!options.status.isEmpty())
        parts.append(u"status eq '%1'"_s.arg(options.status));
    if (!options.type.isEmpty())
        parts.append(u"type eq '%1'"_s.arg(options.type));
    return parts.join(u" and "_s);
}

void ActionsCommand::start()
{
    signInThen([this] { fetch(); });
}

void ActionsCommand::fetch()
{
    m_context->budget()->acquire(
        RateEndpoint::Actions, RateBudget::Priority::UserAction, this, [this] {
            ActionQuery query;
            query.filter = filterFor(m_options);
            query.orderBy = u"creationDateTimeUtc desc"_s;
            ActionListCall *call = m_context->client()->machineActions(query);
            connect(call, &ApiCall::finished, this, [this, call] {
                call->deleteLater();
                if (pauseAfter429(m_context->budget(), RateEndpoint::Actions, call, &m_retries)) {
                    fetch();
                    return;
                }
                if (!call->isOk()) {
                    finish(CliContext::exitCodeFor(call->error()),
                        tr("Listing the machine actions failed: %1")
                            .arg(call->error().displayText()));
                    return;
                }
                const OutputFormat format = m_options.format;
                QList<QStringList> rows;
                QList<QJsonObject> objects;
                for (const MachineAction &a : call->actions()) {
                    rows.append(Output::actionRow(a, format));
                    objects.append(Output::actionToJson(a));
                }
                m_console->out(
                    Output::render(format, Output::actionHeaders(format), rows, objects));
                finish(ExitOk);
            });
        });
}

// ---- cancel

void CancelCommand::start()
{
    QString error;
    if (!m_context->openAudit(&error)) {
        finish(
            ExitFailed, tr("The audit log cannot be opened, so nothing was sent: %1").arg(error));
        return;
    }
    signInThen([this] {
        m_context->startReconciling();
        lookUp();
    });
}

void CancelCommand::interrupt()
{
    if (m_sending) {
        m_console->err(tr("Waiting for the answer to the cancel request already sent."));
        return;
    }
    finish(ExitFailed, tr("Interrupted; nothing was sent."));
}

void CancelCommand::lookUp()
{
    // The action's device goes into the audit record, and a final action is not sent at all.
    m_context->budget()->acquire(
        RateEndpoint::Action, RateBudget::Priority::UserAction, this, [this] {
            ActionCall *call = m_context->client()->machineAction(m_options.actionId);
            connect(call, &ApiCall::finished, this, [this, call] {
                call->deleteLater();
                if (isFinished())
                    return;
                if (pauseAfter429(m_context->budget(), RateEndpoint::Action, call, &m_retries)) {
                    lookUp();
                    return;
                }
                if (!call->isOk()) {
                    finish(CliContext::exitCodeFor(call->error()),
                        tr("The action %1 could not be read: %2")
                            .arg(m_options.actionId, call->error().displayText()));
                    return;
                }
                const MachineAction &action = call->action();
                m_machineId = action.machineId;
                m_machineName = action.computerDnsName;
                if (isFinal(action.status)) {
                    CliResult result;
                    result.machineId = m_machineId;
                    result.computerDnsName = m_machineName;
                    result.actionId = action.id;
                    result.status = action.statusText;
                    result.errorCode = u"ActionAlreadyFinal"_s;
                    result.errorMessage = tr("The action is already %1; there is nothing to "
                                             "cancel.")
                                              .arg(action.statusText);
                    m_console->out(CliResult::render(m_options.format, {result}));
                    finish(ExitFailed);
                    return;
                }
                m_retries = 0;
                send();
            });
        });
}

void CancelCommand::send()
{
    m_context->budget()->acquire(
        RateEndpoint::Cancel, RateBudget::Priority::UserAction, this, [this] {
            if (isFinished())
                return;
            QString error;
            AuditLog *audit = m_context->openAudit(&error);
            const qint64 auditId = audit->recordIntent(AuditRecord::Kind::Cancel, m_machineId,
                m_machineName, m_options.comment, m_context->requestor(), m_options.actionId);
            if (auditId < 0) {
                finish(ExitFailed,
                    tr("The audit log could not be written, so nothing was sent: %1")
                        .arg(audit->errorString()));
                return;
            }
            ActionCall *call
                = m_context->client()->cancelAction(m_options.actionId, m_options.comment);
            m_sending = true;
            audit->markSent(auditId);
            connect(call, &ApiCall::finished, this, [this, call, audit, auditId] {
                call->deleteLater();
                m_sending = false;
                const ApiError &error = call->error();
                if (error.kind == ApiError::Kind::OutcomeUnknown)
                    audit->markOutcomeUnknown(auditId, error);
                else if (error.isError())
                    audit->markOutcome(auditId, error);
                else
                    audit->markOutcome(auditId, call->action());
                if (pauseAfter429(m_context->budget(), RateEndpoint::Cancel, call, &m_retries)) {
                    send();
                    return;
                }
                CliResult result;
                result.machineId = m_machineId;
                result.computerDnsName = m_machineName;
                result.actionId = m_options.actionId;
                if (error.isError()) {
                    result.status = error.kind == ApiError::Kind::OutcomeUnknown
                        ? u"OutcomeUnknown"_s
                        : u"Failed"_s;
                    result.setError(error, result.status);
                } else {
                    result.ok = true;
                    result.status = call->action().statusText;
                }
                m_console->out(CliResult::render(m_options.format, {result}));
                finish(error.isError() ? std::max<int>(ExitFailed, CliContext::exitCodeFor(error))
                                       : ExitOk);
            });
        });
}
