// SPDX-License-Identifier: MIT
#pragma once

#include <QDockWidget>

class HistoryController;
class Prompter;
class QComboBox;
class QLineEdit;
class QPushButton;
class QTableView;

// The history pane: the tenant's offboard actions newest first, the ones this app sent in bold,
// status with icon; filters by status, device and requestor; "Cancel action…" for open actions
// (asks a comment in a small dialog), "Export CSV…" and "Copy row". Rows update in place as the
// controller's poller learns new states.
class HistoryDock final : public QDockWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryDock)
public:
    HistoryDock(HistoryController *controller, Prompter *prompter, QWidget *parent = nullptr);
    ~HistoryDock() override;

    QTableView *table() const { return m_table; }
    void exportCsv();
    void copyCurrentRow();
    void cancelCurrentAction(); // opens the comment dialog (non-blocking)

Q_SIGNALS:
    void exportFailed(const QString &message);
    void exported(const QString &filePath);

private:
    void applyStatusFilter();
    void updateButtons();
    QString currentActionId() const;

    HistoryController *m_controller;
    Prompter *m_prompter;
    QComboBox *m_status;
    QLineEdit *m_device;
    QLineEdit *m_requestor;
    QTableView *m_table;
    QPushButton *m_cancel;
    QPushButton *m_export;
    QPushButton *m_copy;
    QPushButton *m_refresh;
};
