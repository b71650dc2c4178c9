// SPDX-License-Identifier: MIT
#include "offboardcommand.h"

#include "auditlog.h"
#include "bulkoffboard.h"
#include "clicontext.h"
#include "console.h"
#include "defenderclient.h"
#include "eligibility.h"
#include "idinput.h"
#include "ratebudget.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace {
constexpr int Max429Retries = 5;

bool isUnreachable(const ApiError &error)
{
    return error.kind == ApiError::Kind::Network || error.kind == ApiError::Kind::Timeout
        || error.kind == ApiError::Kind::Tls;
}

QString seconds(qint64 ms)
{
    return QString::number((ms + 999) / 1000);
}
} // namespace

OffboardCommand::~OffboardCommand()
{
    for (const Device &device : std::as_const(m_devices)) {
        if (device.ticket)
            m_context->budget()->cancel(device.ticket);
    }
}

void OffboardCommand::start()
{
    if (!m_options.dryRun && !m_options.yes) {
        if (m_options.from == u"-"_s) {
            finish(ExitBadInput,
                tr("--from - reads the ids from standard input, which leaves nothing to "
                   "confirm with: add --yes (or use --dry-run). Nothing was sent."));
            return;
        }
        if (!m_console->isStdinTerminal()) {
            finish(ExitBadInput,
                tr("There is no terminal to confirm on: add --yes to offboard without asking, "
                   "or --dry-run to see what would be sent. Nothing was sent."));
            return;
        }
    }
    QString error;
    if (!readIds(&error)) {
        finish(ExitBadInput, tr("%1 Nothing was sent.").arg(error));
        return;
    }
    if (!m_options.dryRun) {
        m_audit = m_context->openAudit(&error);
        if (!m_audit) {
            finish(ExitFailed,
                tr("The audit log cannot be opened, so nothing was sent: %1").arg(error));
            return;
        }
    }
    signInThen([this] {
        m_context->startReconciling(); // only when the audit log is open (not for a dry run)
        m_lookUpsLeft = int(m_devices.size());
        for (int i = 0; i < m_devices.size(); ++i)
            lookUp(i);
    });
}

void OffboardCommand::interrupt()
{
    if (m_bulk && m_bulk->isRunning()) {
        // Queued devices are not sent; a POST on its way is awaited (its outcome is recorded).
        m_console->err(tr("Stopping: devices not sent yet are skipped; waiting for the answers "
                          "already on their way."));
        m_bulk->cancel();
        return;
    }
    if (m_bulk)
        return; // finishing already
    stopLookUps();
    finish(ExitFailed, tr("Interrupted; nothing was sent."));
}

bool OffboardCommand::readIds(QString *error)
{
    QStringList ids = m_options.ids;
    for (const QString &id : std::as_const(m_options.duplicateIds))
        m_console->err(tr("%1 is given more than once; offboarded once.").arg(id));
    if (!m_options.from.isEmpty()) {
        QByteArray data;
        const QString source = m_options.from == u"-"_s ? tr("standard input") : m_options.from;
        if (m_options.from == u"-"_s) {
            data = m_console->readStdin();
        } else {
            QFile file(m_options.from);
            if (!file.open(QIODevice::ReadOnly)) {
                *error = tr("Cannot read %1: %2").arg(m_options.from, file.errorString());
                return false;
            }
            data = file.readAll();
        }
        const IdInput input = IdInput::parse(data);
        if (!input.isOk()) {
            *error = tr("%1: %2").arg(source, input.error);
            return false;
        }
        for (const IdInput::Skipped &skipped : input.skipped)
            m_console->err(
                tr("%1, line %2 skipped: %3").arg(source).arg(skipped.line).arg(skipped.reason));
        ids = input.ids;
    }
    if (ids.isEmpty()) {
        *error = tr("No device ids were given.");
        return false;
    }
    for (const QString &id : std::as_const(ids)) {
        Device device;
        device.id = id;
        device.result.machineId = id;
        m_devices.append(device);
    }
    return true;
}

void OffboardCommand::lookUp(int index)
{
    m_devices[index].ticket = m_context->budget()->acquire(
        RateEndpoint::Machine, RateBudget::Priority::UserAction, this, [this, index] {
            MachineCall *call = m_context->client()->machine(m_devices.at(index).id);
            connect(
                call, &ApiCall::finished, this, [this, index, call] { onLookedUp(index, call); });
        });
}

void OffboardCommand::onLookedUp(int index, MachineCall *call)
{
    call->deleteLater();
    Device &device = m_devices[index];
    m_context->budget()->settle(device.ticket);
    device.ticket = 0;
    if (isFinished())
        return;
    const ApiError &error = call->error();
    if (call->httpStatus() == 429 && device.retries < Max429Retries) {
        ++device.retries;
        m_context->budget()->pauseFor(RateEndpoint::Machine, std::max(1, error.retryAfterSeconds));
        lookUp(index);
        return;
    }
    if (isUnreachable(error) || error.kind == ApiError::Kind::Auth || error.httpStatus == 401) {
        // Nothing has been sent yet: stop here rather than offboard a partial list.
        stopLookUps();
        finish(CliContext::exitCodeFor(error),
            tr("Looking up %1 failed: %2 Nothing was sent.").arg(device.id, error.displayText()));
        return;
    }
    if (error.isError()) {
        device.settled = true;
        device.result.status = error.httpStatus == 404 ? u"Refused"_s : u"Failed"_s;
        device.result.setError(
            error, error.httpStatus == 404 ? u"ResourceNotFound"_s : u"LookupFailed"_s);
        if (error.httpStatus == 404 && device.result.errorMessage.isEmpty())
            device.result.errorMessage = tr("No device with this id.");
    } else {
        device.machine = call->machine();
        device.result.computerDnsName = device.machine->computerDnsName;
    }
    --m_lookUpsLeft;
    const int total = int(m_devices.size());
    m_console->progress(tr("Looking up devices: %1/%2").arg(total - m_lookUpsLeft).arg(total));
    if (m_lookUpsLeft == 0)
        decide();
}

void OffboardCommand::stopLookUps()
{
    for (Device &device : m_devices) {
        if (device.ticket)
            m_context->budget()->cancel(device.ticket);
        device.ticket = 0;
    }
}

void OffboardCommand::decide()
{
    EligibilityContext policy;
    policy.osPolicy = m_context->osPolicy();
    policy.canOffboard = m_context->canOffboard();
    QList<int> eligible;
    for (int i = 0; i < m_devices.size(); ++i) {
        Device &device = m_devices[i];
        if (device.settled || !device.machine)
            continue;
        const Eligibility verdict = evaluateEligibility(*device.machine, policy);
        if (!verdict.isAllowed()) {
            device.settled = true;
            device.result.status = u"Refused"_s;
            device.result.errorCode = u"NotEligible"_s;
            device.result.errorMessage = verdict.reasons.join(u' ');
            continue;
        }
        for (const QString &reason : verdict.reasons)
            m_console->err(tr("Warning for %1 (%2): %3")
                               .arg(device.result.computerDnsName, device.id, reason));
        eligible.append(i);
    }

    if (m_options.dryRun) {
        const QByteArray body = QJsonDocument(
            QJsonObject {{u"Comment"_s,
                m_options.comment}}).toJson(QJsonDocument::Compact);
        for (const int i : std::as_const(eligible)) {
            Device &device = m_devices[i];
            device.result.ok = true;
            device.result.status = u"DryRun"_s;
            m_console->err(tr("Dry run, not sent: POST %1/api/machines/%2/offboard %3")
                               .arg(m_context->client()->apiBase().toString(), device.id,
                                   QString::fromUtf8(body)));
        }
        report(eligible.size() == m_devices.size() ? ExitOk : ExitFailed);
        return;
    }
    if (eligible.isEmpty()) {
        report(ExitFailed);
        return;
    }
    if (!m_options.yes) {
        m_console->note(tr("About to offboard %n device(s):", nullptr, int(eligible.size())));
        for (const int i : std::as_const(eligible)) {
            const Device &d = m_devices.at(i);
            m_console->note(
                u"  %1  %2  %3"_s.arg(d.id, d.machine->computerDnsName, d.machine->osPlatform));
        }
        const qsizetype refused = m_devices.size() - eligible.size();
        if (refused > 0)
            m_console->note(
                tr("%n device(s) refused or not found will be skipped.", nullptr, int(refused)));
        m_console->note(tr("Offboarding stops the sensor; it cannot be undone from here (the "
                           "device needs its onboarding package again)."));
        if (!m_console->confirm(tr("Offboard these devices? [y/N]"))) {
            finish(ExitFailed, tr("Not confirmed; nothing was sent."));
            return;
        }
    }
    sendBatch(eligible);
}

void OffboardCommand::sendBatch(const QList<int> &indexes)
{
    m_batch = indexes;
    QList<OffboardTarget> targets;
    for (const int i : indexes)
        targets.append({m_devices.at(i).id, m_devices.at(i).result.computerDnsName});
    m_bulk = new BulkOffboard(m_context->client(), m_context->budget(), m_audit, this);
    const int total = int(targets.size());
    connect(m_bulk, &BulkOffboard::progressChanged, this, [this, total](int done, int failed, int) {
        const qint64 left = m_bulk->estimatedTimeLeftMs();
        const QString line = tr("Offboarding: %1/%2 done").arg(done + failed).arg(total);
        m_console->progress(left > 0
                ? tr("%1, about %2 s left by the rate limits").arg(line, seconds(left))
                : line);
    });
    connect(m_bulk, &BulkOffboard::finished, this, &OffboardCommand::onBatchFinished);
    QString error;
    if (!m_bulk->start(targets, m_options.comment, m_context->requestor(), &error))
        finish(ExitFailed, tr("%1 Nothing was sent.").arg(error));
}

void OffboardCommand::onBatchFinished()
{
    using State = BulkOffboard::DeviceState;
    bool anyDone = false;
    bool allUnreachable = true;
    for (int k = 0; k < m_bulk->count() && k < m_batch.size(); ++k) {
        const BulkOffboard::DeviceResult &r = m_bulk->result(k);
        CliResult &result = m_devices[m_batch.at(k)].result;
        result.actionId = r.action.id;
        switch (r.state) {
        case State::Done:
            result.ok = true;
            result.status = r.action.statusText.isEmpty() ? actionStatusToString(r.action.status)
                                                          : r.action.statusText;
            break;
        case State::AlreadyPending:
            result.status
                = r.action.statusText.isEmpty() ? u"AlreadyPending"_s : r.action.statusText;
            result.setError(r.error, u"ActiveRequestAlreadyExists"_s);
            break;
        case State::OutcomeUnknown:
            result.status = u"OutcomeUnknown"_s;
            result.setError(r.error, u"OutcomeUnknown"_s);
            break;
        case State::NotSent:
            result.status = u"NotSent"_s;
            result.errorCode = u"NotSent"_s;
            result.errorMessage = tr("Not sent: the batch was stopped.");
            break;
        default:
            result.status = u"Failed"_s;
            result.setError(r.error, u"Failed"_s);
            break;
        }
        anyDone = anyDone || result.ok;
        allUnreachable = allUnreachable && !result.ok && isUnreachable(r.error);
    }
    const bool allOk = std::all_of(
        m_devices.cbegin(), m_devices.cend(), [](const Device &d) { return d.result.ok; });
    report(allOk ? ExitOk : (!anyDone && allUnreachable ? ExitUnreachable : ExitFailed));
}

void OffboardCommand::report(int exitCode)
{
    QList<CliResult> results;
    for (const Device &device : std::as_const(m_devices))
        results.append(device.result);
    m_console->out(CliResult::render(m_options.format, results));
    finish(exitCode);
}
