// SPDX-License-Identifier: MIT
// DefenderClient's send funnel: the rate budget and the retry policy around attempt(). The
// transport (token, headers, time-out, error mapping) is in defenderclienttransport.cpp.
#include "defenderclient_p.h"

#include <QRandomGenerator>
#include <QTimer>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace {

RateBudget::Priority defaultPriority(const QString &endpoint)
{
    if (endpoint == RateEndpoint::Offboard || endpoint == RateEndpoint::Cancel)
        return RateBudget::Priority::UserAction;
    if (endpoint == RateEndpoint::Machines || endpoint == RateEndpoint::Machine)
        return RateBudget::Priority::Refresh;
    return RateBudget::Priority::Background;
}

// The permission an endpoint needs, named in a 403 when the service does not name one.
QString endpointPermission(const QString &endpoint)
{
    if (endpoint == RateEndpoint::Offboard || endpoint == RateEndpoint::Cancel)
        return u"Machine.Offboard"_s;
    return u"Machine.Read.All"_s; // delegated: Machine.Read
}

} // namespace

DefenderClient::PriorityOverride::PriorityOverride(
    DefenderClient *client, RateBudget::Priority priority)
    : m_client(client)
{
    if (!client)
        return;
    m_previous = client->m_priorityOverride;
    client->m_priorityOverride = priority;
}

DefenderClient::PriorityOverride::~PriorityOverride()
{
    if (m_client)
        m_client->m_priorityOverride = m_previous;
}

int DefenderClient::backoffDelayMs(const RetryPolicy &policy, int retry, double random01)
{
    const double base
        = std::max(0, policy.baseDelayMs) * std::ldexp(1.0, std::clamp(retry - 1, 0, 30));
    const double jitter = std::clamp(policy.jitter, 0.0, 1.0);
    const double factor = 1.0 + jitter * (2.0 * std::clamp(random01, 0.0, 1.0) - 1.0);
    return int(std::clamp(base * factor, 0.0, double(std::max(0, policy.maxDelayMs))));
}

void DefenderClient::send(ApiCall *call, const Request &request, Done done)
{
    auto state = std::make_shared<SendState>();
    state->request = request;
    state->done = std::move(done);
    state->priority = m_priorityOverride.value_or(defaultPriority(request.endpoint));
    sendOnce(call, state);
}

void DefenderClient::sendOnce(ApiCall *call, const std::shared_ptr<SendState> &state)
{
    // Filled in once acquire() returns; the answer always comes later (from the network).
    const auto ticket = std::make_shared<RateBudget::Ticket>(0);
    Done done
        = [this, call, state, ticket](const Response &r) { answered(call, state, *ticket, r); };
    RateBudget *budget = m_budget.data();
    if (!budget) {
        ++call->m_attempts;
        attempt(call, state->request, std::move(done), false);
        return;
    }
    // Inside a caller's own go callback for this endpoint, acquire() runs go at once and hands
    // back the caller's ticket: one slot per request, whoever asked for it first.
    const auto ran = std::make_shared<bool>(false);
    *ticket = budget->acquire(
        state->request.endpoint, state->priority, call, [this, call, state, done, ran] {
            *ran = true;
            call->m_waitBudget = nullptr; // the budget has already let go of it
            call->m_waitTicket = 0;
            if (call->m_done)
                return;
            ++call->m_attempts;
            attempt(call, state->request, done, false);
        });
    if (!*ran) {
        call->m_waitBudget = budget;
        call->m_waitTicket = *ticket;
    }
}

void DefenderClient::answered(ApiCall *call, const std::shared_ptr<SendState> &state,
    RateBudget::Ticket ticket, Response response)
{
    const QString &endpoint = state->request.endpoint;
    ApiError &error = response.error;
    if (RateBudget *budget = m_budget.data()) {
        budget->settle(ticket);
        if (response.status == 429)
            budget->pauseFor(endpoint, error.retryAfterSeconds > 0 ? error.retryAfterSeconds : 1);
    }
    if (response.status == 403)
        error = explainForbidden(error, endpointPermission(endpoint));

    // Only reads are tried again: a POST that failed ambiguously may have been acted on, and one
    // refused with 429 was not (the caller re-queues it after the pause; BulkOffboard does).
    const bool retriable = state->request.method == "GET" && error.isTransient()
        && call->m_attempts < m_retry.maxAttempts
        && (response.status != 429 || error.retryAfterSeconds <= m_retry.maxRetryAfterSeconds);
    if (retriable && !call->m_done) {
        int delay = 0;
        if (response.status == 429) {
            // With a budget, the paused endpoint holds the retry back; without one, we wait.
            if (!m_budget)
                delay = 1000 * std::max(1, error.retryAfterSeconds);
        } else {
            const double random
                = m_random ? m_random() : QRandomGenerator::global()->generateDouble();
            delay = backoffDelayMs(m_retry, call->m_attempts, random);
        }
        qCDebug(lcApi).noquote() << "retry" << state->request.url.path() << "in" << delay << "ms";
        QTimer::singleShot(delay, call, [this, call, state] {
            if (!call->m_done)
                sendOnce(call, state);
        });
        return;
    }
    if (error.isError() && call->m_attempts > 1)
        error.message = ApiError::tr("%1 Gave up after %2 attempts.")
                            .arg(error.message)
                            .arg(call->m_attempts);
    state->done(response);
}
