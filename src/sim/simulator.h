// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QHostAddress>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <memory>
#include <optional>

// mde-sim: a faithful simulator of the Defender for Endpoint API and of the Microsoft identity
// platform (contract sections 2 to 8). It is the demo backend and the test backend; tests start
// it in-process (Simulator) or as a process (the mde-sim executable, same options).
// Lives on the thread that created it.
//
// Routes: /api/… and /api/v1.0/… (machines, machines/{id|name}, machines/{id}/offboard,
// machineactions, machineactions/{id}, machineactions/{id}/cancel); the identity platform under
// /{tenant}/…; and, for loopback peers only, an admin interface for scripts:
//   GET|POST|DELETE /admin/faults   list / add (a FaultSpec object or an array) / clear;
//                                   answers {"faults":[…]}
//   GET|DELETE /admin/requests      the request log {"requests":[{method,path,status,elapsedMs,
//                                   endpoint}]} (DELETE clears it first); admin calls not logged
//   POST /admin/clock               {"advanceMs":N} moves the clock; answers {"nowMs":…}
//   GET|POST|DELETE /admin/visibility  device groups of delegated users: list / set one user
//                                   ({"user":UPN,"deviceGroups":[ids] or null for all}) / clear
//                                   all; answers {"users":{UPN:[ids]}} (unlisted users see all)
// Order per request: faults that replace the answer (reset, stall, redirect, 429 burst, HTML,
// 5xx), then 401, then the rate limit (only /api), then 403, then the resource; truncate and
// malformed damage the answer the resource gave. Note that QNetworkAccessManager resends a
// request once when the connection closes before any answer (POST included), so resetBefore:1
// is invisible to it and resetAfterOffboard:1 surfaces as ActiveRequestAlreadyExists.

struct SimulatorOptions
{
    // Tenant
    int devices = 2000; // 1 .. 200000
    quint32 seed = 1;
    QString tenant = QStringLiteral("11111111-2222-3333-4444-555555555555");
    // Identity: the public (interactive) app, the confidential (app-only) app and the user.
    QString clientId = QStringLiteral("aaaaaaaa-bbbb-cccc-dddd-000000000001");
    QString appClientId = QStringLiteral("aaaaaaaa-bbbb-cccc-dddd-000000000002");
    QString clientSecret = QStringLiteral("sim-secret");
    QStringList appRoles = {QStringLiteral("Machine.Read.All"), QStringLiteral("Machine.Offboard")};
    QString userUpn = QStringLiteral("analyst@contoso.example");
    QStringList userScopes = {QStringLiteral("Machine.Read"), QStringLiteral("Machine.Offboard")};
    int tokenLifetimeSeconds = 3600;
    // Device-group visibility of delegated callers (contract section 6): UPN (any case) -> the
    // rbacGroupIds the user may see. A user not listed sees every group (the default); app-only
    // tokens always see everything. Devices outside the groups are left out of lists, their
    // actions too, and answer 404 ResourceNotFound exactly like a device that does not exist.
    QHash<QString, QList<int>> userDeviceGroups;
    // Rate limits, per endpoint
    int perMinute = 100;
    int perHour = 1500;
    int minuteWindowMs = 60000;
    int hourWindowMs = 3600000;
    // Action lifecycle: Pending -> InProgress after pendingMs, -> Succeeded after another
    // inProgressMs; devices that never check in stay Pending and end in TimeOut after timeoutMs.
    int pendingMs = 3000;
    int inProgressMs = 3000;
    int timeoutMs = 60000;
    QString osPolicy = QStringLiteral("2024"); // or "2026"
    int offboardStatus = 200; // or 201
    // Transport
    QString tlsCertFile; // PEM; both set -> HTTPS
    QString tlsKeyFile;
    bool logRequests = true; // one line per request on stderr, tokens redacted
};

// A fault for one endpoint (or all, endpoint "*"). Endpoint names: "machines", "machine",
// "offboard", "actions", "action", "cancel", "token", "authorize".
struct FaultSpec
{
    QString endpoint = QStringLiteral("*");
    int latencyMs = 0; // added before answering
    double errorRatio = 0.0; // share of requests answered 500/503
    int errorStatus = 500;
    int tooManyBurst = 0; // the next N requests get 429
    int retryAfterSeconds = 1;
    int resetBefore = 0; // the next N requests: connection reset before any answer
    int resetAfterOffboard = 0; // the next N offboards are accepted, then the connection reset
    int truncate = 0; // the next N answers cut in the middle of the body
    int malformed = 0; // the next N answers with broken JSON and status 200
    int stall = 0; // the next N requests never get an answer
    int htmlError = 0; // the next N answers: 502 with an HTML proxy page
    int redirectToHttp = 0; // the next N answers: 307 to a plain-http URL (another port)

    static FaultSpec fromJson(const QJsonObject &object);
    QJsonObject toJson() const;
};

struct RequestLogEntry
{
    QString method;
    QString path; // with query
    int status = 0; // 0 when no answer (reset/stall)
    qint64 elapsedMs = 0;
    QString endpoint;
};

class Simulator final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Simulator)
public:
    explicit Simulator(const SimulatorOptions &options = {}, QObject *parent = nullptr);
    ~Simulator() override;

    // Keeps Qt's own qt.httpserver* logging categories at warnings and above whatever the
    // logging rules say: at debug level QtHttpServer 6.4 prints every request with its headers,
    // Authorization included. Chains to the filter installed before; idempotent; the
    // constructor calls it, mde-sim's main() too before anything else.
    static void installLogFilter();

    // Listens on address:port (0 = any free port). Returns false with *error.
    bool listen(const QHostAddress &address = QHostAddress::LocalHost, quint16 port = 0,
        QString *error = nullptr);
    quint16 port() const;
    QUrl baseUrl() const; // http(s)://127.0.0.1:PORT
    const SimulatorOptions &options() const;

    // Faults, also settable through POST /admin/faults (loopback only).
    void addFault(const FaultSpec &fault);
    void clearFaults();

    // Test inspection.
    QList<RequestLogEntry> requestLog() const;
    void clearRequestLog();
    int offboardRequestCount(const QString &machineId = {}) const; // accepted offboards
    QJsonObject machineJson(int index) const; // as the API would show it
    int deviceCount() const;
    // True for devices that never check in (their offboard ends in TimeOut).
    bool neverChecksIn(int index) const;
    // Mints a token directly (tests that do not exercise the sign-in).
    QString issueAppToken(const QStringList &roles, int lifetimeSeconds = -1) const;
    QString issueUserToken(const QStringList &scopes, int lifetimeSeconds = -1) const;
    // Device-group visibility at run time (also POST /admin/visibility): the rbacGroupIds the
    // delegated user `upn` may see; std::nullopt lifts the restriction (every group).
    void setUserDeviceGroups(const QString &upn, const std::optional<QList<int>> &groups);
    // Moves the simulator's clock forward (action lifecycle, token expiry, rate windows).
    void advanceClock(qint64 milliseconds);

private:
    struct Private;
    std::unique_ptr<Private> d;
};
