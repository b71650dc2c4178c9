// SPDX-License-Identifier: MIT
#pragma once

#include "apierror.h"
#include "offboardrequest.h"

#include <QObject>
#include <QPointer>

class Backend;
class BulkOffboard;
class BulkProgressDialog;
class DeviceController;
class HistoryController;
class OffboardDialog;
class QWidget;

// From a selection to sent offboards: splits the selected devices into eligible and excluded
// (with the eligibility reasons), opens the offboard dialog (window-modal, never blocking the
// event loop), runs the confirmed request as a BulkOffboard and shows its progress. Accepted
// actions go to the history (marked as sent by this app) and mark their devices pending.
class OffboardController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OffboardController)
public:
    OffboardController(Backend *backend, DeviceController *devices, HistoryController *history,
        QWidget *window, QObject *parent = nullptr);
    ~OffboardController() override;

    // Opens the dialog for these rows of the device model. Returns it (it deletes itself when
    // closed), or null when nothing was selected.
    OffboardDialog *openDialog(const QList<int> &sourceRows);
    // Sends a confirmed request (the dialog calls this; tests may too).
    void execute(const OffboardRequest &request);

    BulkOffboard *currentJob() const;
    BulkProgressDialog *progressDialog() const;

Q_SIGNALS:
    void problem(const QString &context, const ApiError &error);
    void batchFinished(int done, int failed);

private:
    void onDeviceFinished(BulkOffboard *job, int index);

    QPointer<Backend> m_backend;
    DeviceController *m_devices;
    HistoryController *m_history;
    QPointer<QWidget> m_window;
    QPointer<BulkOffboard> m_job;
    QPointer<BulkProgressDialog> m_progress;
};
