// SPDX-License-Identifier: MIT
#pragma once

#include "actiontablemodel.h"

#include <QDockWidget>

class Prompter;
class QComboBox;
class QLineEdit;
class QPushButton;
class QTableView;

// The history's filter model as the pane shows it: the actions this app sent in bold (and
// "Sent from this app" on the device), the status with its icon.
class HistoryFilterModel final : public ActionFilterModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryFilterModel)
public:
    using ActionFilterModel::ActionFilterModel;
    ~HistoryFilterModel() override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
};

// The history pane: the tenant's offboard actions newest first, the ones this app sent in bold,
// status with icon; filters by status, device and requestor; "Cancel action…" for open actions
// (asks a comment in a small dialog), "Export CSV…" and "Copy row". Rows update in place as the
// session's poller learns new states. Reloading and cancelling are requests (reloadRequested,
// cancelRequested) the window's session carries out.
class HistoryDock final : public QDockWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryDock)
public:
    // filter (over model) is what the table shows: a HistoryFilterModel for bold rows and icons.
    HistoryDock(ActionTableModel *model, ActionFilterModel *filter, Prompter *prompter,
        QWidget *parent = nullptr);
    ~HistoryDock() override;

    QTableView *table() const { return m_table; }
    void exportCsv();
    void copyCurrentRow();
    void cancelCurrentAction(); // opens the comment dialog (non-blocking)

Q_SIGNALS:
    void exportFailed(const QString &message);
    void exported(const QString &filePath);
    void reloadRequested();
    // The comment dialog was confirmed for this open action.
    void cancelRequested(const QString &actionId, const QString &comment);

private:
    void applyStatusFilter();
    void updateButtons();
    QString currentActionId() const;

    ActionTableModel *m_model;
    ActionFilterModel *m_filter;
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
