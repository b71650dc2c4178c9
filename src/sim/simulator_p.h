// SPDX-License-Identifier: MIT
// Internals of the Simulator, shared by simulator.cpp (transport, faults, log, admin) and
// simapi.cpp (the /api resources, permissions, rate limits, action lifecycle).
#pragma once

#include "identity.h"
#include "simresponse.h"
#include "simulator.h"
#include "tenant.h"

#include <QAbstractHttpServer>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QRandomGenerator>

#include <deque>
#include <optional>

class QTcpSocket;

// Which resource a request is for; endpoint names match FaultSpec's.
struct SimRoute
{
    QString endpoint; // "machines", "machine", "offboard", "actions", "action", "cancel", "token",
                      // "authorize", "metadata", "api" (unknown /api path), "admin", "other"
    QString id; // machine id/name or action id
    QString prefix; // "/api" or "/api/v1.0"
    bool isApi = false;
    bool methodAllowed = true;

    static SimRoute classify(const QString &method, const QString &path);
};

// Offboarding policy of contract section 6 ("2024" or "2026").
bool offboardSupported(const QJsonObject &machine, const QString &policy);

struct SimAction
{
    QJsonObject base; // every field but the lifecycle ones
    qint64 createdMs = 0;
    qint64 lifecycleStartMs = 0;
    int sequence = 0;
    bool silent = false; // the device never checks in: Pending, then TimeOut
    QString fixedStatus; // set: not driven by the lifecycle
    qint64 cancelledMs = -1; // >= 0: Cancelled
    QString cancellationRequestor;
    QString cancellationComment;
};

struct Simulator::Private
{
    class Server final : public QAbstractHttpServer
    {
    public:
        explicit Server(Private *d)
            : m_d(d)
        { }

    protected:
        bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
        void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

    private:
        Private *m_d;
    };

    Private(Simulator *q, const SimulatorOptions &options);

    qint64 nowMs() const; // epoch milliseconds on the simulator's clock
    QString timestamp(qint64 ms, int sequence) const; // ISO 8601, 7 fractional digits

    // simulator.cpp
    void dispatch(const QHttpServerRequest &request, QTcpSocket *socket);
    SimResponse handleAdmin(const QHttpServerRequest &request);
    bool takeFault(int FaultSpec::*counter, const QString &endpoint, FaultSpec *which = nullptr);
    void deliver(QTcpSocket *socket, const SimResponse &response, bool truncate, bool reset,
        int latencyMs, const RequestLogEntry &entry, qint64 startedMs);
    void record(RequestLogEntry entry, bool inMemory);

    // simapi.cpp
    SimResponse handleApi(const QHttpServerRequest &request, const SimRoute &route);
    SimResponse listMachines(const QHttpServerRequest &request, const SimRoute &route);
    SimResponse getMachine(const SimRoute &route);
    SimResponse offboard(
        const QHttpServerRequest &request, const SimRoute &route, const TokenClaims &claims);
    SimResponse listActions(const QHttpServerRequest &request, const SimRoute &route);
    SimResponse getAction(const SimRoute &route);
    SimResponse cancelAction(
        const QHttpServerRequest &request, const SimRoute &route, const TokenClaims &claims);
    std::optional<int> rateLimitRetryAfter(const QString &endpoint); // seconds, when limited
    QJsonObject actionJson(const SimAction &action) const;
    QString actionStatus(const SimAction &action, qint64 *lastUpdateMs = nullptr) const;
    void addSeededActions();

    Simulator *q;
    SimulatorOptions options;
    qint64 startEpochMs = 0;
    QElapsedTimer clock;
    qint64 clockOffsetMs = 0;
    Tenant tenant;
    IdentityProvider identity;
    Server server;
    quint16 port = 0;
    bool tls = false;
    QHostAddress address;

    QList<FaultSpec> faults;
    QRandomGenerator rng;
    QList<RequestLogEntry> log;
    QHash<QString, std::deque<qint64>> calls; // endpoint -> accepted call times (rate limits)

    QList<SimAction> actions; // in creation order
    QHash<QString, int> actionIndex; // lower-case id -> index in actions
    QHash<QString, int> offboardCounts; // lower-case machine id -> accepted offboards
    int offboardTotal = 0;
};
