// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>
#include <QPointer>

#include <memory>

namespace Ui {
class BulkProgressDialog;
}
class BulkOffboard;
class QTimer;

// Follows a running BulkOffboard: how many are done, failed and queued, the time left from the
// rate budget, and one row per device with its result and the service's message. "Cancel
// queued" stops what has not been sent; closing the window does not stop the batch.
class BulkProgressDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BulkProgressDialog)
public:
    explicit BulkProgressDialog(BulkOffboard *job, QWidget *parent = nullptr);
    ~BulkProgressDialog() override;

    static QString stateText(int deviceState); // BulkOffboard::DeviceState

private:
    void updateSummary();
    void updateRow(int index);

    const std::unique_ptr<Ui::BulkProgressDialog> m_ui;
    QPointer<BulkOffboard> m_job;
    QTimer *m_timer;
};
