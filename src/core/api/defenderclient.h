// SPDX-License-Identifier: MIT
#pragma once

#include "apierror.h"
#include "machine.h"
#include "machineaction.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <functional>
#include <memory>

class QNetworkAccessManager;
class QNetworkReply;
class QSslCertificate;
class AccessTokenProvider;
class DefenderClient;

// One call to the service. Emits finished() exactly once (also on abort, with Kind::Cancelled)
// and aborts its network reply if destroyed early. The caller owns it (it is parented to the
// client; delete it with deleteLater() after finished()).
class ApiCall : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiCall)
public:
    ~ApiCall() override;
    const ApiError &error() const { return m_error; }
    bool isOk() const { return m_done && !m_error.isError(); }
    bool isFinished() const { return m_done; }
    int httpStatus() const { return m_httpStatus; }
    void abort();

Q_SIGNALS:
    void finished();

protected:
    explicit ApiCall(DefenderClient *client);
    void finish(const ApiError &error); // emits once, ignores later calls
    friend class DefenderClient;

    QPointer<QNetworkReply> m_reply;
    ApiError m_error;
    int m_httpStatus = 0;
    bool m_done = false;
};

class MachineCall final : public ApiCall
{
    Q_OBJECT
public:
    using ApiCall::ApiCall;
    const Machine &machine() const { return m_machine; }

private:
    friend class DefenderClient;
    Machine m_machine;
};

class ActionCall final : public ApiCall
{
    Q_OBJECT
public:
    using ApiCall::ApiCall;
    const MachineAction &action() const { return m_action; }

private:
    friend class DefenderClient;
    MachineAction m_action;
};

class ActionListCall final : public ApiCall
{
    Q_OBJECT
public:
    using ApiCall::ApiCall;
    const QList<MachineAction> &actions() const { return m_actions; }

private:
    friend class DefenderClient;
    QList<MachineAction> m_actions;
};

// Lists every machine: pages with $top+$skip and stops on a short page; follows an
// @odata.nextLink when the service gives one. Pages are delivered as they arrive.
class MachineListCall final : public ApiCall
{
    Q_OBJECT
public:
    using ApiCall::ApiCall;
    int receivedCount() const { return m_received; }

Q_SIGNALS:
    void pageReceived(const QList<Machine> &machines);

private:
    friend class DefenderClient;
    int m_received = 0;
};

struct MachineQuery
{
    QString filter;        // OData $filter, passed as is (server validates)
    int pageSize = 10000;  // $top per page, 1..10000
};

struct ActionQuery
{
    QString filter;  // OData $filter, e.g. "type eq 'Offboard'"
    int top = 10000; // at most this many (one page)
    QString orderBy; // e.g. "creationDateTimeUtc desc"
};

// The one owner of request policy: base URL, headers, time-outs, redirect policy, JSON decoding,
// error mapping. The QNetworkAccessManager is injected and not owned. Lives on one thread.
class DefenderClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DefenderClient)
public:
    DefenderClient(QNetworkAccessManager *network, AccessTokenProvider *tokens,
                   QObject *parent = nullptr);
    ~DefenderClient() override;

    // Must pass checkServiceUrl(); "/api" is appended by the client.
    bool setApiBase(const QUrl &base, QString *error = nullptr);
    QUrl apiBase() const { return m_apiBase; }
    // Time without any progress after which a request is aborted (Kind::Timeout); 0 disables.
    void setTransferTimeout(int milliseconds) { m_timeoutMs = milliseconds; }
    int transferTimeout() const { return m_timeoutMs; }
    // Certificates trusted in addition to the system's (a company TLS proxy, a test server).
    // Certificate errors are never ignored.
    void setExtraCaCertificates(const QList<QSslCertificate> &certificates);

    MachineListCall *listMachines(const MachineQuery &query = {});
    MachineCall *machine(const QString &idOrComputerName);
    ActionCall *offboard(const QString &machineId, const QString &comment);
    ActionListCall *machineActions(const ActionQuery &query = {});
    ActionCall *machineAction(const QString &actionId);
    ActionCall *cancelAction(const QString &actionId, const QString &comment);

private:
    friend class ApiCall;
    struct Private;
    struct Request;
    struct Response;
    struct PageState;
    using Done = std::function<void(const Response &)>;

    // The one funnel every request goes through (token, headers, time-out, 401 refresh, error
    // mapping). Rate limiting and retries belong here, around attempt(), and nowhere else.
    void send(ApiCall *call, const Request &request, Done done);
    void attempt(ApiCall *call, const Request &request, Done done, bool afterUnauthorized);
    void transmit(ApiCall *call, const Request &request, const QString &token, Done done,
                  bool afterUnauthorized);
    static Done actionHandler(ActionCall *call);
    QUrl apiUrl(const QString &path) const;
    bool refuseEarly(ApiCall *call, const QString &problem);
    void requestMachinePage(MachineListCall *call, const std::shared_ptr<PageState> &state,
                            const QUrl &url);

    std::unique_ptr<Private> d;
    QNetworkAccessManager *m_network;
    AccessTokenProvider *m_tokens;
    QUrl m_apiBase;
    int m_timeoutMs = 30000;
};
