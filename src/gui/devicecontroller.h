// SPDX-License-Identifier: MIT
#pragma once

#include "apierror.h"

#include <QObject>
#include <QPointer>

class Backend;
class MachineFilterModel;
class MachineListCall;
class MachineTableModel;

// Loads the device inventory into the table model page by page (the first page shows while the
// later ones arrive) and keeps the eligibility context in step with the sign-in. One load at a
// time: a new refresh() or cancel() abandons the running one.
class DeviceController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeviceController)
public:
    // The models are not owned (the window's); filter shows model.
    DeviceController(Backend *backend, MachineTableModel *model, MachineFilterModel *filter,
        QObject *parent = nullptr);
    ~DeviceController() override;

    MachineTableModel *model() const { return m_model; }
    MachineFilterModel *filterModel() const { return m_filter; }

    // serverFilter: an OData $filter passed to the service as is (empty = every device).
    void refresh(const QString &serverFilter = {});
    void cancel();
    void clear();
    bool isLoading() const { return m_call != nullptr; }
    void updateEligibility();
    // Devices per request (1..10,000; the service's maximum by default).
    void setPageSize(int pageSize) { m_pageSize = qBound(1, pageSize, 10000); }

Q_SIGNALS:
    void loadingChanged(bool loading);
    void pageLoaded(int devicesSoFar);
    void firstPageLoaded();
    // Once per refresh; error.kind None on success, Cancelled after cancel().
    void loadFinished(const ApiError &error);

private:
    void onFinished();

    QPointer<Backend> m_backend;
    MachineTableModel *m_model;
    MachineFilterModel *m_filter;
    MachineListCall *m_call = nullptr;
    bool m_firstPageSeen = false;
    int m_pageSize = 10000;
};
