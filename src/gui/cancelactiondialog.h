// SPDX-License-Identifier: MIT
#pragma once

#include "machineaction.h"

#include <QDialog>

#include <memory>

namespace Ui {
class CancelActionDialog;
}

// Asks why a pending or in-progress action is cancelled. Like the offboard dialog it sends
// nothing itself: a valid comment and the confirm button emit cancelRequested() once.
class CancelActionDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CancelActionDialog)
public:
    explicit CancelActionDialog(const MachineAction &action, QWidget *parent = nullptr);
    ~CancelActionDialog() override;

    QString actionId() const { return m_actionId; }

Q_SIGNALS:
    void cancelRequested(const QString &actionId, const QString &comment);

private:
    void updateState();
    void confirm();

    const std::unique_ptr<Ui::CancelActionDialog> m_ui;
    QString m_actionId;
    bool m_sent = false;
};
