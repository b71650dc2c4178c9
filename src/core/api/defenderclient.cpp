// SPDX-License-Identifier: MIT
// DefenderClient's calls: URLs, input checks, paging and decoding. The transport is in
// defenderclienttransport.cpp.
#include "defenderclient_p.h"
#include "validation.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QPointer>
#include <QThreadPool>
#include <QTimer>
#include <QUrlQuery>

#include <algorithm>
#include <functional>

using namespace Qt::StringLiterals;

namespace {

constexpr int MaxPageSize = 10000;
constexpr int MaxPages = 100000; // a service that never stops paging must not keep us forever
constexpr int FirstPageSize = 500; // a small first page puts rows on screen early
constexpr qsizetype SliceSize = 2000; // devices per pageReceived

struct ParsedPage
{
    std::optional<QList<Machine>> machines;
    std::optional<MachineBatch> batch;
    QString nextLink;
    QString error;
};

Q_GLOBAL_STATIC(QThreadPool, pagePool)

// Parses a page on DefenderClient::parsePool() so that a 10 MB page never blocks the caller's
// event loop, then runs `done` on the caller's thread, unless `call` is gone by then. The worker
// posts to a relay object that it keeps alive itself, so it never touches an object the caller's
// thread may be deleting. In compact form, `peek` runs on the caller's thread as soon as the
// page's size is known (before `done`).
void parsePageOffThread(ApiCall *call, const QByteArray &body,
    const std::shared_ptr<MachineParserPool> &compact, std::function<void(qsizetype, bool)> peek,
    std::function<void(ParsedPage &)> done)
{
    const std::shared_ptr<QObject> relay(new QObject, [](QObject *o) { o->deleteLater(); });
    const QPointer<ApiCall> guard(call);
    DefenderClient::parsePool()->start(
        [relay, guard, body, compact, peek = std::move(peek), done = std::move(done)] {
            auto parsed = std::make_shared<ParsedPage>();
            if (compact) {
                const auto post = [&](qsizetype count, bool hasLink) {
                    QMetaObject::invokeMethod(
                        relay.get(),
                        [guard, peek, count, hasLink] {
                            if (guard)
                                peek(count, hasLink);
                        },
                        Qt::QueuedConnection);
                };
                std::unique_ptr<MachinePageParser> parser = compact->take();
                parsed->batch = parser->parse(body, &parsed->nextLink, &parsed->error, post);
                compact->put(std::move(parser));
            } else {
                parsed->machines = parseMachinePage(body, &parsed->nextLink, &parsed->error);
            }
            QMetaObject::invokeMethod(
                relay.get(),
                [guard, parsed, done] {
                    if (guard)
                        done(*parsed);
                },
                Qt::QueuedConnection);
        });
}

QByteArray commentBody(const QString &comment)
{
    // The service's body parameters are case-sensitive: "Comment", not "comment".
    return QJsonDocument(QJsonObject {{u"Comment"_s, comment.trimmed()}})
        .toJson(QJsonDocument::Compact);
}

ApiError parseError(int status, const QString &detail)
{
    ApiError e;
    e.kind = ApiError::Kind::Parse;
    e.httpStatus = status;
    e.message = ApiError::tr("The service's answer could not be read: %1").arg(detail);
    return e;
}

int defaultPort(const QUrl &url)
{
    return url.scheme().compare(u"https"_s, Qt::CaseInsensitive) == 0 ? 443 : 80;
}

bool sameOrigin(const QUrl &a, const QUrl &b)
{
    return a.scheme().compare(b.scheme(), Qt::CaseInsensitive) == 0
        && a.host().compare(b.host(), Qt::CaseInsensitive) == 0
        && a.port(defaultPort(a)) == b.port(defaultPort(b));
}

void addQueryItem(QUrlQuery &query, const QString &key, const QString &value)
{
    // Pre-encode: QUrlQuery leaves '&', '=', '+' and '#' in values ambiguous otherwise.
    query.addQueryItem(key, QString::fromLatin1(QUrl::toPercentEncoding(value)));
}

// The page's address with its $top and $skip (any other query items kept).
QUrl withPaging(const QUrl &url, int top, qint64 skip)
{
    QUrl paged = url;
    QUrlQuery q(url);
    q.removeAllQueryItems(u"$top"_s);
    q.removeAllQueryItems(u"$skip"_s);
    q.addQueryItem(u"$top"_s, QString::number(top));
    q.addQueryItem(u"$skip"_s, QString::number(skip));
    paged.setQuery(q);
    return paged;
}

QString commentRefusal(const QString &comment)
{
    return Validation::commentProblemText(Validation::checkComment(comment));
}

} // namespace

QThreadPool *DefenderClient::parsePool()
{
    return pagePool();
}

std::optional<QUrl> DefenderClient::checkNextLink(
    const QString &link, const QUrl &apiBase, QString *error)
{
    const auto refuse = [error](const QString &why) -> std::optional<QUrl> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    const QString text = link.trimmed();
    QUrl next(text, QUrl::StrictMode);
    if (text.isEmpty() || !next.isValid() || !apiBase.isValid())
        return refuse(ApiError::tr("the next-page link is not a valid address."));
    if (next.isRelative())
        next = apiBase.resolved(next);
    // The bearer token goes with the request: only to the API's own origin, and never with
    // credentials of its own in the link.
    if (!next.isValid() || next.host().isEmpty() || !next.userInfo().isEmpty()
        || !sameOrigin(next, apiBase))
        return refuse(ApiError::tr("the next-page link points to another server."));
    return next;
}

DefenderClient::Done DefenderClient::actionHandler(ActionCall *call)
{
    return [call](const Response &r) {
        if (r.error.isError()) {
            call->finish(r.error);
            return;
        }
        QString error;
        const std::optional<MachineAction> action = parseMachineActionBody(r.body, &error);
        if (!action) {
            call->finish(parseError(r.status, error));
            return;
        }
        call->m_action = *action;
        call->finish({});
    };
}

MachineListCall *DefenderClient::listMachines(const MachineQuery &query)
{
    auto *call = new MachineListCall(this);
    if (refuseEarly(call,
            query.pageSize < 1 || query.pageSize > MaxPageSize
                ? ApiError::tr("The page size must be 1 to %1.").arg(MaxPageSize)
                : QString()))
        return call;
    auto state = std::make_shared<PageState>();
    state->query = query;
    const int top = qMin(query.pageSize, FirstPageSize);
    QUrl url = apiUrl(u"machines"_s);
    QUrlQuery q;
    if (!query.filter.isEmpty())
        addQueryItem(q, u"$filter"_s, query.filter);
    url.setQuery(q);
    requestMachinePage(call, state, withPaging(url, top, 0), top, 0);
    return call;
}

void DefenderClient::requestMachinePage(MachineListCall *call,
    const std::shared_ptr<PageState> &state, const QUrl &url, int top, qint64 skip)
{
    auto slot = std::make_shared<PageState::Slot>();
    slot->url = url;
    slot->top = top;
    slot->skip = skip;
    state->slots.push_back(slot);
    const quint64 epoch = state->epoch;
    send(call, {"GET", url, {}, RateEndpoint::Machines},
        [this, call, state, slot, epoch](const Response &r) {
            if (call->m_done || state->epoch != epoch)
                return;
            slot->status = r.status;
            if (r.error.isError()) {
                slot->error = r.error;
                slot->ready = true;
                deliverMachinePages(call, state);
                return;
            }
            const auto peek = [this, call, state, slot, epoch](qsizetype count, bool hasLink) {
                if (!call->m_done && state->epoch == epoch)
                    prefetchAfter(call, state, slot.get(), count, hasLink);
            };
            const auto done = [this, call, state, slot, epoch](ParsedPage &parsed) {
                if (call->m_done || state->epoch != epoch)
                    return; // aborted, or the page was dropped while it was parsed
                slot->machines = std::move(parsed.machines);
                slot->batch = std::move(parsed.batch);
                slot->nextLink = parsed.nextLink;
                slot->parseError = parsed.error;
                slot->ready = true;
                deliverMachinePages(call, state);
            };
            parsePageOffThread(call, r.body,
                state->query.compact ? state->parsers : std::shared_ptr<MachineParserPool>(), peek,
                done);
        });
}

void DefenderClient::prefetchAfter(MachineListCall *call, const std::shared_ptr<PageState> &state,
    const void *slot, qsizetype count, bool hasLink)
{
    // Only the request the paging below would make next anyway: a full page without a link,
    // the one page in flight, $top/$skip paging.
    if (hasLink || state->followingLinks || state->slots.size() != 1
        || state->slots.front().get() != slot || state->page + 1 >= MaxPages)
        return;
    const PageState::Slot &current = *state->slots.front();
    if (count < current.top)
        return;
    const int nextTop = state->query.pageSize;
    const qint64 nextSkip = current.skip + current.top;
    requestMachinePage(call, state, withPaging(current.url, nextTop, nextSkip), nextTop, nextSkip);
}

void DefenderClient::dropPrefetch(MachineListCall *call, PageState &state)
{
    if (state.slots.empty())
        return;
    state.slots.clear();
    ++state.epoch;
    call->leaveBudget();
    if (QNetworkReply *reply = call->m_reply.data()) {
        call->m_reply = nullptr;
        reply->disconnect(call);
        reply->abort();
        reply->deleteLater();
    }
}

void DefenderClient::deliverMachinePages(
    MachineListCall *call, const std::shared_ptr<PageState> &state)
{
    const auto finish = [&](const ApiError &error) {
        state->parsers.reset(); // the parse buffers go with the listing's last page
        call->finish(error);
    };
    while (!call->m_done && !state->slots.empty() && state->slots.front()->ready) {
        const std::shared_ptr<PageState::Slot> slot = state->slots.front();
        if (!slot->error.isError() && slot->batch && !slot->batchDelivered) {
            // A batch is merged quickly: it goes out whole (an empty one not at all), and its
            // memory is freed after.
            const MachineBatch batch = std::move(*slot->batch);
            slot->batchDelivered = true;
            slot->delivered = batch.size();
            call->m_received += batch.size();
            const QPointer<MachineListCall> guard(call);
            if (batch.size() > 0)
                Q_EMIT call->batchReceived(batch);
            if (!guard || call->m_done)
                return; // a receiver aborted or deleted the call
        } else if (!slot->error.isError() && slot->machines) {
            // A large page goes to the receivers in slices, each in its own turn of the event
            // loop, so that a 10,000-device page never blocks the caller's thread for long.
            QList<Machine> &all = *slot->machines; // not shared: moved out of the parse
            const qsizetype n = std::min<qsizetype>(all.size() - slot->delivered, SliceSize);
            QList<Machine> slice;
            if (n == all.size()) {
                slice = all;
            } else {
                // Moved out, so that each slice's devices are freed after their own turn.
                slice.reserve(n);
                for (qsizetype i = 0; i < n; ++i)
                    slice.append(std::move(all[slot->delivered + i]));
            }
            slot->delivered += n;
            call->m_received += int(n);
            const QPointer<MachineListCall> guard(call);
            Q_EMIT call->pageReceived(slice);
            if (!guard || call->m_done)
                return; // a receiver aborted or deleted the call
            if (slot->delivered < all.size()) {
                QTimer::singleShot(
                    0, call, [this, call, state] { deliverMachinePages(call, state); });
                return;
            }
        }
        state->slots.pop_front();
        if (slot->error.isError()) {
            dropPrefetch(call, *state);
            finish(slot->error);
            return;
        }
        if (!slot->machines && !slot->batch) {
            dropPrefetch(call, *state);
            finish(parseError(slot->status, slot->parseError));
            return;
        }
        const qsizetype count = slot->machines ? slot->machines->size() : slot->delivered;
        ++state->page;
        if (!slot->nextLink.isEmpty()) {
            // Follow the service's own link exactly, only to where the token may go.
            dropPrefetch(call, *state);
            QString why;
            const std::optional<QUrl> checked = checkNextLink(slot->nextLink, m_apiBase, &why);
            if (!checked) {
                finish(parseError(slot->status, why));
                return;
            }
            const QUrl next = *checked;
            if (next == slot->url || state->page >= MaxPages) {
                finish(parseError(slot->status, ApiError::tr("the paging does not end.")));
                return;
            }
            state->followingLinks = true;
            requestMachinePage(call, state, next, slot->top, 0);
            return;
        }
        // A page shorter than the $top it was asked with is the last one.
        if (state->followingLinks || count < slot->top || state->page >= MaxPages) {
            dropPrefetch(call, *state);
            finish({});
            return;
        }
        if (state->slots.empty()) {
            const int nextTop = state->query.pageSize;
            const qint64 nextSkip = slot->skip + slot->top;
            requestMachinePage(
                call, state, withPaging(slot->url, nextTop, nextSkip), nextTop, nextSkip);
            return;
        }
    }
}

MachineCall *DefenderClient::machine(const QString &idOrComputerName)
{
    auto *call = new MachineCall(this);
    const bool valid
        = Validation::isMachineId(idOrComputerName) || Validation::isComputerName(idOrComputerName);
    if (refuseEarly(call,
            valid ? QString() : ApiError::tr("That is neither a device id nor a computer name.")))
        return call;
    send(call, {"GET", apiUrl(u"machines/"_s + idOrComputerName), {}, RateEndpoint::Machine},
        [call](const Response &r) {
            if (r.error.isError()) {
                call->finish(r.error);
                return;
            }
            QString error;
            std::optional<Machine> machine = parseMachineBody(r.body, &error);
            if (!machine) {
                call->finish(parseError(r.status, error));
                return;
            }
            call->m_machine = std::move(*machine);
            call->finish({});
        });
    return call;
}

ActionCall *DefenderClient::offboard(const QString &machineId, const QString &comment)
{
    auto *call = new ActionCall(this);
    if (refuseEarly(call,
            !Validation::isMachineId(machineId) ? ApiError::tr("That is not a device id.")
                                                : commentRefusal(comment)))
        return call;
    const Request request {"POST", apiUrl(u"machines/%1/offboard"_s.arg(machineId)),
        commentBody(comment), RateEndpoint::Offboard};
    send(call, request, actionHandler(call));
    return call;
}

ActionListCall *DefenderClient::machineActions(const ActionQuery &query)
{
    auto *call = new ActionListCall(this);
    if (refuseEarly(call,
            query.top < 1 || query.top > MaxPageSize
                ? ApiError::tr("The number of actions must be 1 to %1.").arg(MaxPageSize)
                : QString()))
        return call;
    QUrl url = apiUrl(u"machineactions"_s);
    QUrlQuery q;
    if (!query.filter.isEmpty())
        addQueryItem(q, u"$filter"_s, query.filter);
    q.addQueryItem(u"$top"_s, QString::number(query.top));
    if (!query.orderBy.isEmpty())
        addQueryItem(q, u"$orderby"_s, query.orderBy);
    url.setQuery(q);
    send(call, {"GET", url, {}, RateEndpoint::Actions}, [call](const Response &r) {
        if (r.error.isError()) {
            call->finish(r.error);
            return;
        }
        QString error;
        const std::optional<QList<MachineAction>> page
            = parseMachineActionPage(r.body, nullptr, &error);
        if (!page) {
            call->finish(parseError(r.status, error));
            return;
        }
        call->m_actions = *page;
        call->finish({});
    });
    return call;
}

ActionCall *DefenderClient::machineAction(const QString &actionId)
{
    auto *call = new ActionCall(this);
    if (refuseEarly(call,
            Validation::isActionId(actionId) ? QString()
                                             : ApiError::tr("That is not an action id.")))
        return call;
    send(call, {"GET", apiUrl(u"machineactions/"_s + actionId), {}, RateEndpoint::Action},
        actionHandler(call));
    return call;
}

ActionCall *DefenderClient::cancelAction(const QString &actionId, const QString &comment)
{
    auto *call = new ActionCall(this);
    if (refuseEarly(call,
            !Validation::isActionId(actionId) ? ApiError::tr("That is not an action id.")
                                              : commentRefusal(comment)))
        return call;
    const Request request {"POST", apiUrl(u"machineactions/%1/cancel"_s.arg(actionId)),
        commentBody(comment), RateEndpoint::Cancel};
    send(call, request, actionHandler(call));
    return call;
}

#include "moc_defenderclient.cpp"
