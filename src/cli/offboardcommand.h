// SPDX-License-Identifier: MIT
#pragma once

#include "clicommand.h"
#include "cliresult.h"
#include "machine.h"

#include <QList>

#include <optional>

class AuditLog;
class BulkOffboard;
class MachineCall;

// offboard: checks the input (nothing sent on bad input), looks every device up through the
// rate budget, refuses the ones the window's eligibility policy refuses, asks on a terminal
// unless --yes, then hands the eligible ones to BulkOffboard (rate budget, no resend after an
// ambiguous failure, reconciliation, audit intents). --dry-run stops before sending.
class OffboardCommand final : public CliCommand
{
    Q_OBJECT
public:
    using CliCommand::CliCommand;
    ~OffboardCommand() override;
    void start() override;
    void interrupt() override;

private:
    struct Device
    {
        QString id;
        std::optional<Machine> machine;
        CliResult result;
        bool settled = false; // refused or failed before sending
        int retries = 0;
        quint64 ticket = 0;
    };

    bool readIds(QString *error);
    void lookUp(int index);
    void onLookedUp(int index, MachineCall *call);
    void stopLookUps();
    void decide();
    void sendBatch(const QList<int> &indexes);
    void onBatchFinished();
    void report(int exitCode);

    QList<Device> m_devices;
    int m_lookUpsLeft = 0;
    AuditLog *m_audit = nullptr;
    BulkOffboard *m_bulk = nullptr;
    QList<int> m_batch; // device indexes, in the batch's order
};
