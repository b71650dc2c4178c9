// SPDX-License-Identifier: MIT
#include "devicecontroller.h"

#include "backend.h"
#include "defenderclient.h"
#include "machinefiltermodel.h"
#include "machinetablemodel.h"

DeviceController::DeviceController(
    Backend *backend, MachineTableModel *model, MachineFilterModel *filter, QObject *parent)
    : QObject(parent)
    , m_backend(backend)
    , m_model(model)
    , m_filter(filter)
{
    connect(backend, &Backend::signInChanged, this, &DeviceController::updateEligibility);
    connect(backend, &Backend::clientChanged, this, &DeviceController::cancel);
    updateEligibility();
}

DeviceController::~DeviceController()
{
    if (m_call) {
        disconnect(m_call, nullptr, this, nullptr);
        delete m_call;
    }
}

void DeviceController::updateEligibility()
{
    if (m_backend)
        m_model->setEligibilityContext(m_backend->eligibilityContext());
}

void DeviceController::refresh(const QString &serverFilter)
{
    cancel();
    DefenderClient *client = m_backend ? m_backend->client() : nullptr;
    if (!client) {
        Q_EMIT loadFinished(
            ApiError::invalidInput(tr("The connection is not configured: open Settings.")));
        return;
    }
    m_model->clear();
    m_firstPageSeen = false;
    MachineQuery query;
    query.filter = serverFilter.trimmed();
    query.pageSize = m_pageSize;
    query.compact = true; // pages arrive in the table's own form, built off this thread
    m_call = client->listMachines(query);
    connect(m_call, &MachineListCall::batchReceived, this, [this](const MachineBatch &batch) {
        m_model->appendBatch(batch);
        Q_EMIT pageLoaded(m_model->rowCount());
        if (!m_firstPageSeen) {
            m_firstPageSeen = true;
            Q_EMIT firstPageLoaded();
        }
    });
    connect(m_call, &MachineListCall::finished, this, &DeviceController::onFinished);
    Q_EMIT loadingChanged(true);
}

void DeviceController::onFinished()
{
    MachineListCall *call = m_call;
    m_call = nullptr;
    if (!call)
        return;
    const ApiError error = call->error();
    call->deleteLater();
    Q_EMIT loadingChanged(false);
    // An empty tenant still counts as a loaded first page (the screenshot waits for it).
    if (!error.isError() && !m_firstPageSeen) {
        m_firstPageSeen = true;
        Q_EMIT firstPageLoaded();
    }
    Q_EMIT loadFinished(error);
}

void DeviceController::cancel()
{
    if (!m_call)
        return;
    MachineListCall *call = m_call;
    m_call = nullptr;
    disconnect(call, nullptr, this, nullptr);
    call->abort();
    call->deleteLater();
    Q_EMIT loadingChanged(false);
    ApiError cancelled;
    cancelled.kind = ApiError::Kind::Cancelled;
    cancelled.message = tr("Loading was cancelled.");
    Q_EMIT loadFinished(cancelled);
}

void DeviceController::clear()
{
    cancel();
    m_model->clear();
}

#include "moc_devicecontroller.cpp"
