// SPDX-License-Identifier: MIT
#pragma once

#include "offboardrequest.h"

#include <QDialog>

#include <memory>

namespace Ui {
class OffboardDialog;
}

// Shows what will be offboarded and what will not (with the reason), says plainly what
// offboarding does, and asks for a comment and a typed confirmation: the device's name for one
// device, the number of devices for several. It never touches the network: on confirmation it
// emits offboardRequested() exactly once and closes; Cancel or Esc emit nothing.
class OffboardDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OffboardDialog)
public:
    OffboardDialog(const QList<Machine> &devices, const QList<ExcludedMachine> &excluded,
        QWidget *parent = nullptr);
    ~OffboardDialog() override;

    // True when the comment is acceptable and the confirmation matches.
    bool canOffboard() const;
    // The request the dialog would send now (the comment trimmed).
    OffboardRequest request() const;
    // What the user must type to confirm.
    QString expectedConfirmation() const;

Q_SIGNALS:
    void offboardRequested(const OffboardRequest &request);

private:
    void updateState();
    void fillTables(const QList<ExcludedMachine> &excluded);
    void confirm();

    const std::unique_ptr<Ui::OffboardDialog> m_ui;
    QList<Machine> m_devices;
    bool m_sent = false;
};
