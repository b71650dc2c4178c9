// SPDX-License-Identifier: MIT
#pragma once

// Shared by the auth tests: an in-process simulator with matching settings, and a scripted
// "browser" that completes the simulator's sign-in page over plain HTTP.

#include "appsettings.h"
#include "memorytokenstore.h"
#include "signinsession.h"
#include "simulator.h"
#include "testsupport.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QTest>
#include <QUrlQuery>

#include <memory>

namespace AuthTest {
using namespace Qt::StringLiterals;

struct SimSetup
{
    std::unique_ptr<Simulator> sim;
    AppSettings settings;
    Endpoints endpoints;
};

// Starts a simulator on 127.0.0.1 and returns settings pointing at it (empty sim on failure).
inline SimSetup startSimulator(
    SimulatorOptions options = {}, SignInMode mode = SignInMode::Interactive)
{
    SimSetup s;
    options.devices = qMin(options.devices, 20);
    s.sim = startLoopbackSimulator(options);
    if (!s.sim)
        return s;
    QString error;
    s.settings.tenant = options.tenant;
    s.settings.signInMode = mode;
    s.settings.clientId = mode == SignInMode::AppOnly ? options.appClientId : options.clientId;
    s.settings.apiUrl = s.sim->baseUrl().toString();
    s.settings.loginUrl = s.sim->baseUrl().toString();
    s.endpoints = s.settings.endpoints(&error).value_or(Endpoints {});
    if (!error.isEmpty())
        qWarning("endpoints: %s", qPrintable(error));
    return s;
}

// A sign-in session against a fresh simulator, with the network and an in-memory token store
// it uses. start() is false when the simulator cannot start.
struct SessionRig
{
    SimSetup s;
    QNetworkAccessManager network;
    MemoryTokenStore store;
    std::unique_ptr<SignInSession> session;

    bool start(const QString &loginHint = {})
    {
        s = startSimulator();
        if (!s.sim)
            return false;
        s.settings.loginHint = loginHint;
        session = std::make_unique<SignInSession>(s.settings, s.endpoints, &network, &store);
        return true;
    }
};

// Number of token-endpoint calls the simulator saw.
inline int tokenCalls(const Simulator &sim)
{
    int n = 0;
    const auto log = sim.requestLog();
    for (const RequestLogEntry &e : log)
        n += e.endpoint == u"token"_s ? 1 : 0;
    return n;
}

// What a browser does with the simulator's sign-in page, step by step over HTTP.
class ScriptedBrowser final
{
public:
    enum class Action {
        Accept, // click "accept" and follow the redirect
        Decline, // click "decline" and follow the redirect
        WrongState, // accept, but deliver the redirect with another state
        BadCode, // accept, but deliver the redirect with a made-up code
        Ignore // load the page and never come back
    };
    Action action = Action::Accept;
    QUrl authorizeUrl; // what the session asked to open
    QUrl callbackUrl; // where the browser was sent back
    int callbackStatus = 0;
    QByteArray callbackPage;
    QString failure; // a step that went wrong
    bool finished = false;

    SignInSession::BrowserOpener opener()
    {
        return [this](const QUrl &url) { open(url); };
    }

    void open(const QUrl &url)
    {
        authorizeUrl = url;
        finished = false;
        QNetworkRequest request(url);
        request.setAttribute(
            QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        QNetworkReply *reply = m_network.get(request);
        QObject::connect(reply, &QNetworkReply::finished, &m_context, [this, reply, url] {
            reply->deleteLater();
            const QByteArray page = reply->readAll();
            if (reply->error() != QNetworkReply::NoError)
                return fail(u"authorize page: "_s + reply->errorString());
            if (action == Action::Ignore)
                return;
            submit(url, page);
        });
    }

    // The hidden inputs and action of the page's first form.
    static QPair<QUrl, QUrlQuery> parseForm(const QUrl &pageUrl, const QByteArray &page)
    {
        const QString html = QString::fromUtf8(page);
        const auto form
            = QRegularExpression(u"<form[^>]*>"_s, QRegularExpression::CaseInsensitiveOption)
                  .match(html);
        QUrl target = pageUrl;
        const auto action
            = QRegularExpression(u"action\\s*=\\s*[\"']([^\"']*)[\"']"_s).match(form.captured(0));
        if (action.hasMatch() && !action.captured(1).isEmpty())
            target = pageUrl.resolved(QUrl(unescape(action.captured(1))));
        QUrlQuery fields;
        const QRegularExpression input(
            u"<input[^>]*>"_s, QRegularExpression::CaseInsensitiveOption);
        const QRegularExpression name(u"name\\s*=\\s*[\"']([^\"']*)[\"']"_s);
        const QRegularExpression value(u"value\\s*=\\s*[\"']([^\"']*)[\"']"_s);
        auto it = input.globalMatch(html);
        while (it.hasNext()) {
            const QString tag = it.next().captured(0);
            if (!tag.contains(u"hidden"_s, Qt::CaseInsensitive))
                continue;
            fields.addQueryItem(
                name.match(tag).captured(1), unescape(value.match(tag).captured(1)));
        }
        return {target, fields};
    }

private:
    static QString unescape(QString text)
    {
        return text.replace(u"&quot;"_s, u"\""_s)
            .replace(u"&#39;"_s, u"'"_s)
            .replace(u"&lt;"_s, u"<"_s)
            .replace(u"&gt;"_s, u">"_s)
            .replace(u"&amp;"_s, u"&"_s);
    }

    void fail(const QString &why)
    {
        failure = why;
        finished = true;
    }

    void submit(const QUrl &pageUrl, const QByteArray &page)
    {
        auto [target, fields] = parseForm(pageUrl, page);
        fields.addQueryItem(u"consent"_s, action == Action::Decline ? u"decline"_s : u"accept"_s);
        QNetworkRequest request(target);
        request.setHeader(QNetworkRequest::ContentTypeHeader,
            QByteArrayLiteral("application/x-www-form-urlencoded"));
        request.setAttribute(
            QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        QNetworkReply *reply
            = m_network.post(request, fields.toString(QUrl::FullyEncoded).toUtf8());
        QObject::connect(reply, &QNetworkReply::finished, &m_context, [this, reply] {
            reply->deleteLater();
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            const QUrl location = reply->header(QNetworkRequest::LocationHeader).toUrl();
            if (status != 302 || !location.isValid())
                return fail(u"consent answered %1 without a redirect"_s.arg(status));
            followRedirect(reply->url().resolved(location));
        });
    }

    void followRedirect(QUrl location)
    {
        QUrlQuery query(location);
        if (action == Action::WrongState || action == Action::BadCode) {
            const QString item = action == Action::WrongState ? u"state"_s : u"code"_s;
            query.removeQueryItem(item);
            query.addQueryItem(item, u"forged-value"_s);
            location.setQuery(query);
        }
        callbackUrl = location;
        QNetworkReply *reply = m_network.get(QNetworkRequest(location));
        QObject::connect(reply, &QNetworkReply::finished, &m_context, [this, reply] {
            reply->deleteLater();
            callbackStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            callbackPage = reply->readAll();
            finished = true;
        });
    }

    QNetworkAccessManager m_network;
    QObject m_context;
};

} // namespace AuthTest
