// SPDX-License-Identifier: MIT
#pragma once

#include "apierror.h"
#include "machine.h"
#include "machineaction.h"
#include "machinebatch.h"
#include "ratebudget.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <functional>
#include <memory>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;
class QSslCertificate;
class AccessTokenProvider;
class DefenderClient;
class QThreadPool;

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
    // How many times the request went out (retries of a GET included; 0 if never sent).
    int attempts() const { return m_attempts; }
    // Finishes with Kind::Cancelled; a call still waiting in the rate budget leaves its queue.
    void abort();

Q_SIGNALS:
    void finished();

protected:
    explicit ApiCall(DefenderClient *client);
    void finish(const ApiError &error); // emits once, ignores later calls
    friend class DefenderClient;

    void leaveBudget();

    QPointer<QNetworkReply> m_reply;
    ApiError m_error;
    int m_httpStatus = 0;
    int m_attempts = 0;
    bool m_done = false;
    QPointer<RateBudget> m_waitBudget; // set while waiting for a slot
    RateBudget::Ticket m_waitTicket = 0;
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
// @odata.nextLink when the service gives one. Pages are delivered as they arrive, in order; the
// first asks for at most 500 devices so that rows show early. Pages are parsed on the global
// thread pool; pageReceived and finished are emitted on the client's thread. A page of more
// than 2,000 devices is delivered in slices of 2,000 (each pageReceived in its own event-loop
// turn).
//
// With MachineQuery::compact, each page instead arrives whole as one batchReceived, already in
// the device table's compact form, and the next page is asked for as soon as the worker has
// read this one's size (before its devices are built and delivered): the network and the
// simulator or service work while this side builds and merges. Never more than one page ahead,
// and never a request the paging would not make anyway.
class MachineListCall final : public ApiCall
{
    Q_OBJECT
public:
    using ApiCall::ApiCall;
    int receivedCount() const { return m_received; }

Q_SIGNALS:
    void pageReceived(const QList<Machine> &machines);
    void batchReceived(const MachineBatch &batch);

private:
    friend class DefenderClient;
    int m_received = 0;
};

struct MachineQuery
{
    QString filter; // OData $filter, passed as is (server validates)
    int pageSize = 10000; // $top per page, 1..10000
    bool compact = false; // batchReceived instead of pageReceived
};

struct ActionQuery
{
    QString filter; // OData $filter, e.g. "type eq 'Offboard'"
    int top = 10000; // at most this many (one page)
    QString orderBy; // e.g. "creationDateTimeUtc desc"
};

// The one owner of request policy: base URL, headers, time-outs, redirect policy, JSON decoding,
// error mapping, rate budget and retries. The QNetworkAccessManager and the RateBudget are
// injected and not owned. Lives on one thread.
//
// Rate budget (setRateBudget): every request takes a slot of its endpoint key (RateEndpoint) at a
// default priority (offboard and cancel UserAction, machine reads Refresh, action reads
// Background; PriorityOverride changes it for the calls made while it lives). A caller that
// already holds a slot and calls the client from inside its go callback takes no second slot (the
// budget's re-entrancy rule). The slot is settled when the answer arrives; a 429 pauses the
// endpoint for its Retry-After (1 s when absent).
//
// Retries: a GET is tried again after a network error, a time-out, a 5xx or a 429, at most
// RetryPolicy::maxAttempts times in all, with exponential backoff and jitter (a 429 waits for its
// Retry-After through the budget instead). A POST (offboard, cancel) is never resent by the
// client: after an ambiguous failure it finishes with OutcomeUnknown, after a definite answer
// (4xx) with that answer, and after a 429 (which the service did not act on) with the 429, so that
// the caller decides whether to queue it again (BulkOffboard does).
class DefenderClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DefenderClient)
public:
    DefenderClient(
        QNetworkAccessManager *network, AccessTokenProvider *tokens, QObject *parent = nullptr);
    ~DefenderClient() override;

    // The pool pages of devices are parsed on, shared by every client. Never Qt's global pool:
    // Qt's raster engine splits large fills across that one and waits for them, so a page
    // parsed there would hold up painting.
    static QThreadPool *parsePool();

    // Must pass checkServiceUrl(); "/api" is appended by the client.
    bool setApiBase(const QUrl &base, QString *error = nullptr);
    QUrl apiBase() const { return m_apiBase; }
    // Time without any progress after which a request is aborted (Kind::Timeout); 0 disables.
    void setTransferTimeout(int milliseconds) { m_timeoutMs = milliseconds; }
    int transferTimeout() const { return m_timeoutMs; }
    // Certificates trusted in addition to the system's (a company TLS proxy, a test server).
    // Certificate errors are never ignored.
    void setExtraCaCertificates(const QList<QSslCertificate> &certificates);

    // The shared quota keeper (not owned; may be null: no client-side limiting).
    void setRateBudget(RateBudget *budget) { m_budget = budget; }
    RateBudget *rateBudget() const { return m_budget; }

    struct RetryPolicy
    {
        int maxAttempts = 4; // tries in all for a GET; 1 = no retry
        int baseDelayMs = 500; // before the second try, then doubled each time
        double jitter = 0.2; // the delay varies by up to this share either way
        int maxDelayMs = 30000;
        int maxRetryAfterSeconds = 120; // a 429 asking for longer is not waited for
    };
    void setRetryPolicy(const RetryPolicy &policy) { m_retry = policy; }
    RetryPolicy retryPolicy() const { return m_retry; }
    // Uniform in [0, 1); for tests. Empty = QRandomGenerator::global().
    void setRandomSource(std::function<double()> random) { m_random = std::move(random); }
    // The delay before retry number `retry` (1 = before the second try): base * 2^(retry-1),
    // times 1 + jitter * (2 * random01 - 1), capped at maxDelayMs.
    static int backoffDelayMs(const RetryPolicy &policy, int retry, double random01);

    // Calls made while one of these lives use its priority in the budget.
    class PriorityOverride final
    {
        Q_DISABLE_COPY_MOVE(PriorityOverride)
    public:
        PriorityOverride(DefenderClient *client, RateBudget::Priority priority);
        ~PriorityOverride();

    private:
        QPointer<DefenderClient> m_client;
        std::optional<RateBudget::Priority> m_previous;
    };

    // An @odata.nextLink the client may follow: resolved against apiBase when relative, and with
    // the same scheme, host and port as apiBase (the bearer token goes only there). Otherwise
    // nullopt and *error says why.
    static std::optional<QUrl> checkNextLink(
        const QString &link, const QUrl &apiBase, QString *error = nullptr);

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
    struct SendState;
    using Done = std::function<void(const Response &)>;

    // The one funnel every request goes through (token, headers, time-out, 401 refresh, error
    // mapping). Rate limiting and retries belong here, around attempt(), and nowhere else.
    void send(ApiCall *call, const Request &request, Done done);
    void sendOnce(ApiCall *call, const std::shared_ptr<SendState> &state);
    void answered(ApiCall *call, const std::shared_ptr<SendState> &state, RateBudget::Ticket ticket,
        Response response);
    void attempt(ApiCall *call, const Request &request, Done done, bool afterUnauthorized);
    void transmit(ApiCall *call, const Request &request, const QString &token, Done done,
        bool afterUnauthorized);
    static Done actionHandler(ActionCall *call);
    QUrl apiUrl(const QString &path) const;
    bool refuseEarly(ApiCall *call, const QString &problem);
    void requestMachinePage(MachineListCall *call, const std::shared_ptr<PageState> &state,
        const QUrl &url, int top, qint64 skip);
    void deliverMachinePages(MachineListCall *call, const std::shared_ptr<PageState> &state);
    void prefetchAfter(MachineListCall *call, const std::shared_ptr<PageState> &state,
        const void *slot, qsizetype count, bool hasLink);
    static void dropPrefetch(MachineListCall *call, PageState &state);

    std::unique_ptr<Private> d;
    QNetworkAccessManager *m_network;
    AccessTokenProvider *m_tokens;
    QUrl m_apiBase;
    int m_timeoutMs = 30000;
    QPointer<RateBudget> m_budget;
    RetryPolicy m_retry;
    std::function<double()> m_random;
    std::optional<RateBudget::Priority> m_priorityOverride;
};
