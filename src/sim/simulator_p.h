// SPDX-License-Identifier: MIT
// Internals of the Simulator, shared by simulator.cpp (transport, faults, log, admin),
// simapi.cpp and simactions.cpp (the /api resources, permissions, rate limits, action lifecycle)
// and simvisibility.cpp (device-group visibility of delegated callers).
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
#include <QSet>
#include <QUrlQuery>

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

// Which devices a caller may see (contract section 6): every device, or those of some groups.
struct SimVisibility
{
    bool all = true;
    QSet<int> groups; // rbacGroupIds, when !all

    bool sees(const QJsonObject &machine) const;
};

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
    SimResponse listMachines(
        const QHttpServerRequest &request, const SimRoute &route, const SimVisibility &seen);
    SimResponse getMachine(const SimRoute &route, const SimVisibility &seen);
    SimResponse offboard(const QHttpServerRequest &request, const SimRoute &route,
        const TokenClaims &claims, const SimVisibility &seen);
    SimResponse listActions(
        const QHttpServerRequest &request, const SimRoute &route, const SimVisibility &seen);
    SimResponse getAction(const SimRoute &route, const SimVisibility &seen);
    SimResponse cancelAction(const QHttpServerRequest &request, const SimRoute &route,
        const TokenClaims &claims, const SimVisibility &seen);
    // The "next page" link of a list without $top: the request's query with $skip = `to`.
    QString nextLink(
        const SimRoute &route, const QString &collection, QUrlQuery query, int to) const;
    std::optional<int> rateLimitRetryAfter(const QString &endpoint); // seconds, when limited
    QJsonObject actionJson(const SimAction &action) const;
    QString actionStatus(const SimAction &action, qint64 *lastUpdateMs = nullptr) const;
    void addSeededActions();

    // simvisibility.cpp
    SimVisibility visibility(const TokenClaims &claims) const;
    // The tenant index of the device idOrName when the caller may see it; -1 otherwise.
    int visibleIndex(const QString &idOrName, const SimVisibility &seen) const;
    bool seesAction(const SimAction &action, const SimVisibility &seen) const;
    SimResponse handleVisibilityAdmin(const QHttpServerRequest &request);

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
    QHash<QString, QSet<int>> deviceGroups; // lower-case UPN -> visible rbacGroupIds
    int offboardTotal = 0;
};
