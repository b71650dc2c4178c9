// SPDX-License-Identifier: MIT
#pragma once

#include "eligibility.h"
#include "machine.h"

#include <QWidget>

class QFormLayout;
class QLabel;
class QPushButton;

// Every field of the current device, selectable for copying, with "Copy id" and "Open in
// Defender portal". It only shows: opening the portal is a request the owner carries out.
class DetailsPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DetailsPanel)
public:
    explicit DetailsPanel(QWidget *parent = nullptr);
    ~DetailsPanel() override;

    void setMachine(const Machine &machine, const Eligibility &eligibility);
    void clear();
    QString machineId() const { return m_machineId; }
    // The text shown for a field label (tests), empty when absent.
    QString fieldText(const QString &label) const;

Q_SIGNALS:
    void openInPortalRequested(const QString &machineId);

private:
    void addRow(const QString &label, const QString &value);

    QFormLayout *m_form;
    QLabel *m_placeholder;
    QPushButton *m_copyId;
    QPushButton *m_openPortal;
    QString m_machineId;
};
