// SPDX-License-Identifier: MIT
// What the end-to-end test fixtures share: an in-process simulator with a DefenderClient signed
// in to it with an app token and a rate budget (SimClientFixture), and the mde-sim executable as
// a child process (SimProcess).
#pragma once

#include "accesstokenprovider.h"
#include "bulkoffboard.h"
#include "defenderclient.h"
#include "ratebudget.h"
#include "simulator.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QSet>
#include <QStringList>
#include <QUrl>

#include <memory>

class AuditLog;

struct SimClientFixture
{
    std::unique_ptr<Simulator> sim;
    std::unique_ptr<QNetworkAccessManager> network;
    std::unique_ptr<StaticTokenProvider> tokens;
    std::unique_ptr<DefenderClient> client;
    std::unique_ptr<RateBudget> budget;
    QSet<QString> pendingOffboards; // lower-case ids with an offboard pending in the seed
    bool skipSilentDevices = false; // eligibleTargets leaves out devices that never check in

    static QStringList allRoles(); // Machine.Read.All and Machine.Offboard
    static RateBudget::Limits limitsOf(const SimulatorOptions &options); // the simulator's windows

    // Starts the simulator (request log off) on a loopback port, a client (no proxy) signed in
    // with an app token of the roles, and a budget with the limits (not set on the client).
    bool start(
        SimulatorOptions options, const QStringList &roles, const RateBudget::Limits &limits);
    // Reads which devices already have an offboard pending, then clears the request log. A client
    // without a budget asks in a slot of the fixture's budget.
    bool readPendingOffboards();
    void reset();

    // Up to n healthy Windows 11 / Server 2019+ devices without an offboard pending.
    QList<OffboardTarget> eligibleTargets(int n) const;
    // Requests the simulator logged for the endpoint, with the status (any when < 0).
    int requests(const QString &endpoint, int status = -1) const;
    // A batch of the client, budget and audit log that looks a lost answer up twice, soon.
    std::unique_ptr<BulkOffboard> quickBatch(AuditLog *audit) const;
};

// The mde-sim executable ($MDE_SIM_BIN) as a child process, terminated when destroyed.
class SimProcess
{
public:
    SimProcess() = default;
    ~SimProcess();
    Q_DISABLE_COPY_MOVE(SimProcess)

    // Starts it with --port 0 --quiet plus extra and reads its address; false on failure.
    bool start(const QStringList &extra = {});
    void stop();
    QUrl url() const { return m_url; }

    QJsonArray requests() const; // GET /admin/requests
    void clearRequests() const; // DELETE /admin/requests
    void addFault(const QJsonObject &fault) const; // POST /admin/faults
    int countRequests(const QString &method, const QString &pathPart) const;

private:
    QProcess m_process;
    QUrl m_url;
};
