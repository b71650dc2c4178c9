// SPDX-License-Identifier: MIT
#pragma once

#include "apierror.h"
#include "machineaction.h"

#include <QObject>
#include <QPointer>

class ActionFilterModel;
class ActionTableModel;
class Backend;
class QTimer;

// The tenant's offboard actions: loads them (newest first), follows the open ones through the
// backend's ActionPoller so rows update in place, records the actions this app sent, and
// cancels an action (through the rate budget, with an audit record). This app's audit log is
// merged in (ActionTableModel::upsertLocalRecord) at start and whenever the backend says it
// changed (coalesced), so devices not sent or with an unknown outcome show too.
class HistoryController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryController)
public:
    // The models are not owned (the window's); filter shows model.
    HistoryController(Backend *backend, ActionTableModel *model, ActionFilterModel *filter,
        QObject *parent = nullptr);
    ~HistoryController() override;

    ActionTableModel *model() const { return m_model; }
    ActionFilterModel *filterModel() const { return m_filter; }

    void refresh();
    bool isLoading() const { return m_loading; }
    // An action learnt outside the list (e.g. from an offboard answer), followed until final;
    // sentByThisApp marks it as created by this app.
    void addAction(const MachineAction &action, bool sentByThisApp);
    // Sends a cancel for the action (comment checked first; refused ones send nothing).
    void cancelAction(const QString &actionId, const QString &comment);
    // Machines with a Pending or InProgress offboard.
    QStringList pendingMachineIds() const;
    // Reads the audit log again and merges it (normally on Backend::auditChanged, coalesced).
    void reloadLocalRecords();

Q_SIGNALS:
    void actionChanged(const MachineAction &action);
    void loaded(int count);
    void failed(const QString &context, const ApiError &error);
    void cancelFinished(const QString &actionId, bool ok);

private:
    void attachPoller();
    void update(const MachineAction &action, bool sentByApp);
    void watchOpenActions();

    QPointer<Backend> m_backend;
    ActionTableModel *m_model;
    ActionFilterModel *m_filter;
    QTimer *m_reloadTimer;
    qint64 m_localSeenMs = -1; // newest audit update merged (-1: nothing read yet)
    bool m_loading = false;
    int m_generation = 0;
};
