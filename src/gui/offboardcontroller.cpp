// SPDX-License-Identifier: MIT
#include "offboardcontroller.h"

#include "backend.h"
#include "bulkoffboard.h"
#include "bulkprogressdialog.h"
#include "devicecontroller.h"
#include "historycontroller.h"
#include "machinetablemodel.h"
#include "offboarddialog.h"

#include <QWidget>

using namespace Qt::StringLiterals;

OffboardController::OffboardController(Backend *backend, DeviceController *devices,
    HistoryController *history, QWidget *window, QObject *parent)
    : QObject(parent)
    , m_backend(backend)
    , m_devices(devices)
    , m_history(history)
    , m_window(window)
{ }

OffboardController::~OffboardController() = default;

BulkOffboard *OffboardController::currentJob() const
{
    return m_job;
}

BulkProgressDialog *OffboardController::progressDialog() const
{
    return m_progress;
}

OffboardDialog *OffboardController::openDialog(const QList<int> &sourceRows)
{
    if (sourceRows.isEmpty())
        return nullptr;
    MachineTableModel *model = m_devices->model();
    QList<Machine> eligible;
    QList<ExcludedMachine> excluded;
    for (int row : sourceRows) {
        const Machine machine = model->machine(row);
        if (machine.id.isEmpty())
            continue;
        const Eligibility verdict = model->eligibility(row);
        if (verdict.isAllowed())
            eligible.append(machine);
        else
            excluded.append({machine, verdict.reasons.join(u' ')});
    }
    auto *dialog = new OffboardDialog(eligible, excluded, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &OffboardDialog::offboardRequested, this, &OffboardController::execute);
    dialog->open();
    return dialog;
}

void OffboardController::execute(const OffboardRequest &request)
{
    if (!m_backend || !m_backend->client()) {
        Q_EMIT problem(tr("Nothing was offboarded"),
            ApiError::invalidInput(tr("The connection is not configured.")));
        return;
    }
    QList<OffboardTarget> targets;
    for (int i = 0; i < request.machineIds.size(); ++i)
        targets.append({request.machineIds.at(i), request.machineNames.value(i)});

    if (m_job && m_job->isFinished())
        m_job->deleteLater();
    // The log even when it is not open (not yet, or unusable): the batch then refuses to send
    // what it could not record.
    auto *job
        = new BulkOffboard(m_backend->client(), m_backend->budget(), m_backend->auditLog(), this);
    connect(job, &BulkOffboard::deviceFinished, this,
        [this, job](int index) { onDeviceFinished(job, index); });
    // Its audit records (planned, sent, settled) show in the history as they change.
    connect(job, &BulkOffboard::deviceChanged, m_backend.data(), &Backend::notifyAuditChanged);
    connect(job, &BulkOffboard::finished, this, [this, job] {
        using State = BulkOffboard::DeviceState;
        const int done = job->countIn(State::Done) + job->countIn(State::AlreadyPending);
        const int failed = job->countIn(State::Failed) + job->countIn(State::OutcomeUnknown);
        Q_EMIT batchFinished(done, failed);
    });
    QString error;
    if (!job->start(targets, request.comment, m_backend->account(), &error)) {
        delete job;
        Q_EMIT problem(tr("Nothing was offboarded"), ApiError::invalidInput(error));
        return;
    }
    m_job = job;
    m_backend->notifyAuditChanged();
    auto *progress = new BulkProgressDialog(job, m_window);
    progress->setAttribute(Qt::WA_DeleteOnClose);
    m_progress = progress;
    progress->open();
}

void OffboardController::onDeviceFinished(BulkOffboard *job, int index)
{
    if (index < 0 || index >= job->count())
        return;
    const BulkOffboard::DeviceResult &result = job->result(index);
    using State = BulkOffboard::DeviceState;
    if (result.state == State::Done || result.state == State::AlreadyPending) {
        m_devices->model()->setPendingOffboard(result.target.machineId, true);
        if (!result.action.id.isEmpty())
            m_history->addAction(result.action, result.state == State::Done);
    }
}

#include "moc_offboardcontroller.cpp"
