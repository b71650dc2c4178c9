// SPDX-License-Identifier: MIT
// The full interactive sign-in with a real browser: headless Chromium driven through
// chromedriver's WebDriver HTTP API on loopback clicks "accept" on the simulator's page.
#include "authtest.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <memory>
#include <optional>

using namespace Qt::StringLiterals;
using namespace AuthTest;

namespace {
const QString chromium = u"/usr/bin/chromium"_s;

// A minimal asynchronous WebDriver client: each command's answer goes to a callback.
class WebDriver final
{
public:
    using Done = std::function<void(const QJsonValue &value, const QString &error)>;
    QUrl base;
    QString session;

    void command(const QByteArray &verb, const QString &path, const QJsonObject &body, Done done)
    {
        QNetworkRequest request(QUrl(base.toString() + path));
        request.setHeader(
            QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        request.setTransferTimeout(60000);
        const QByteArray data = QJsonDocument(body).toJson(QJsonDocument::Compact);
        QNetworkReply *reply
            = m_network.sendCustomRequest(request, verb, verb == "GET" ? QByteArray() : data);
        QObject::connect(reply, &QNetworkReply::finished, &m_context, [reply, done] {
            reply->deleteLater();
            const QJsonObject answer = QJsonDocument::fromJson(reply->readAll()).object();
            const QJsonValue value = answer.value(u"value"_s);
            QString error = value.toObject().value(u"message"_s).toString();
            if (error.isEmpty() && reply->error() != QNetworkReply::NoError)
                error = reply->errorString();
            done(value, error);
        });
    }

private:
    QNetworkAccessManager m_network;
    QObject m_context;
};
} // namespace

class TestChromiumSignIn final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void signInWithChromium();
    void cleanupTestCase();

private:
    QProcess m_driverProcess;
    WebDriver m_driver;
    QTemporaryDir m_profile;
    QString m_step; // how far the browser got, for failure messages
};

void TestChromiumSignIn::initTestCase()
{
    if (!QFileInfo::exists(chromium))
        QSKIP("Chromium is not installed (/usr/bin/chromium)");
    const QString driver = QStandardPaths::findExecutable(u"chromedriver"_s);
    if (driver.isEmpty())
        QSKIP("chromedriver is not installed (package chromium-driver)");
    m_driverProcess.setProcessChannelMode(QProcess::MergedChannels);
    m_driverProcess.start(driver, {u"--port=0"_s});
    QVERIFY(m_driverProcess.waitForStarted(30000));
    const QRegularExpression started(u"started successfully on port (\\d+)"_s);
    QString output;
    QTRY_VERIFY_WITH_TIMEOUT(
        started.match(output += QString::fromUtf8(m_driverProcess.readAll())).hasMatch(), 30000);
    m_driver.base = QUrl(u"http://127.0.0.1:%1"_s.arg(started.match(output).captured(1)));

    const QJsonArray args = {u"--headless"_s, u"--no-sandbox"_s, u"--disable-gpu"_s,
        u"--disable-background-networking"_s, u"--disable-component-update"_s, u"--disable-sync"_s,
        u"--no-first-run"_s, u"--disable-quic"_s, u"--user-data-dir="_s + m_profile.path()};
    const QJsonObject capabilities {{u"alwaysMatch"_s,
        QJsonObject {{u"browserName"_s, u"chrome"_s},
            {u"goog:chromeOptions"_s, QJsonObject {{u"binary"_s, chromium}, {u"args"_s, args}}}}}};
    auto error = std::make_shared<std::optional<QString>>();
    m_driver.command("POST", u"/session"_s, {{u"capabilities"_s, capabilities}},
        [this, error](const QJsonValue &value, const QString &e) {
            m_driver.session = value.toObject().value(u"sessionId"_s).toString();
            *error = e;
        });
    QTRY_VERIFY_WITH_TIMEOUT(error->has_value(), 60000);
    QVERIFY2(!m_driver.session.isEmpty(), qPrintable(error->value()));
}

void TestChromiumSignIn::signInWithChromium()
{
    SessionRig rig;
    QVERIFY(rig.start());
    SignInSession &session = *rig.session;
    session.setRememberAccount(false);
    const QString prefix = u"/session/"_s + m_driver.session;
    m_step = u"not opened"_s;
    // The opener navigates the browser, finds the accept button and clicks it.
    session.setBrowserOpener([this, prefix](const QUrl &url) {
        m_step = u"navigate"_s;
        m_driver.command("POST", prefix + u"/url"_s, {{u"url"_s, url.toString(QUrl::FullyEncoded)}},
            [this, prefix](const QJsonValue &, const QString &error) {
                if (!error.isEmpty())
                    return void(m_step = u"navigate failed: "_s + error);
                m_step = u"find"_s;
                m_driver.command("POST", prefix + u"/element"_s,
                    {{u"using"_s, u"css selector"_s},
                        {u"value"_s, u"[name=consent][value=accept]"_s}},
                    [this, prefix](const QJsonValue &element, const QString &error) {
                        const QString id = element.toObject().begin() != element.toObject().end()
                            ? element.toObject().begin().value().toString()
                            : QString();
                        if (id.isEmpty())
                            return void(m_step = u"no accept button: "_s + error);
                        m_step = u"click"_s;
                        m_driver.command("POST", prefix + u"/element/"_s + id + u"/click"_s, {},
                            [this](const QJsonValue &, const QString &error) {
                                m_step
                                    = error.isEmpty() ? u"clicked"_s : u"click failed: "_s + error;
                            });
                    });
            });
    });
    QSignalSpy signedIn(&session, &SignInSession::signedIn);
    QSignalSpy failed(&session, &SignInSession::signInFailed);
    session.signIn();
    QTRY_VERIFY2_WITH_TIMEOUT(
        signedIn.count() == 1 || failed.count() > 0, qPrintable(m_step), 90000);
    QVERIFY2(failed.isEmpty(),
        qPrintable(failed.isEmpty() ? QString() : failed.first().first().toString()));
    QCOMPARE(session.account(), rig.s.sim->options().userUpn);
    QVERIFY(session.canOffboard());

    // The browser now shows our "finished" page from the loopback listener.
    QTRY_VERIFY_WITH_TIMEOUT(m_step == u"clicked"_s, 60000);
    auto source = std::make_shared<std::optional<QString>>();
    m_driver.command("GET", prefix + u"/source"_s, {},
        [source](const QJsonValue &value, const QString &) { *source = value.toString(); });
    QTRY_VERIFY_WITH_TIMEOUT(source->has_value(), 60000);
    QVERIFY2(source->value().contains(u"close this tab"_s), qPrintable(source->value().left(500)));
}

void TestChromiumSignIn::cleanupTestCase()
{
    if (!m_driver.session.isEmpty()) {
        auto done = std::make_shared<bool>(false);
        m_driver.command("DELETE", u"/session/"_s + m_driver.session, {},
            [done](const QJsonValue &, const QString &) { *done = true; });
        if (!QTest::qWaitFor([done] { return *done; }, 30000))
            qWarning("chromedriver did not close its session");
    }
    if (m_driverProcess.state() != QProcess::NotRunning) {
        m_driverProcess.terminate();
        if (!m_driverProcess.waitForFinished(10000))
            m_driverProcess.kill();
        m_driverProcess.waitForFinished(5000);
    }
}

QTEST_GUILESS_MAIN(TestChromiumSignIn)
#include "tst_chromiumsignin.moc"
