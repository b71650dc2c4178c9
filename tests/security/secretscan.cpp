// SPDX-License-Identifier: MIT
#include "secretscan.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QUrlQuery>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace SecretScan {

namespace {
LogCapture *activeCapture = nullptr;
} // namespace

// --- LogCapture ------------------------------------------------------------------------------

LogCapture::LogCapture()
{
    activeCapture = this;
    m_previous = qInstallMessageHandler(&LogCapture::handler);
}

LogCapture::~LogCapture()
{
    qInstallMessageHandler(m_previous);
    activeCapture = nullptr;
}

void LogCapture::enableAllCategories()
{
    QLoggingCategory::setFilterRules(u"*.debug=true"_s);
}

QStringList LogCapture::lines() const
{
    const QMutexLocker lock(&m_mutex);
    return m_lines;
}

void LogCapture::clear()
{
    const QMutexLocker lock(&m_mutex);
    m_lines.clear();
}

void LogCapture::handler(QtMsgType type, const QMessageLogContext &context, const QString &text)
{
    LogCapture *self = activeCapture;
    if (!self)
        return;
    {
        const QMutexLocker lock(&self->m_mutex);
        self->m_lines.append(
            QString::fromUtf8(context.category ? context.category : "default") + u": "_s + text);
    }
    if (type != QtDebugMsg && type != QtInfoMsg && self->m_previous)
        self->m_previous(type, context, text);
}

// --- RecordingNetwork ------------------------------------------------------------------------

RecordingNetwork::RecordingNetwork(QObject *parent)
    : QNetworkAccessManager(parent)
{ }

RecordingNetwork::~RecordingNetwork() = default;

QNetworkReply *RecordingNetwork::createRequest(
    Operation op, const QNetworkRequest &request, QIODevice *outgoingData)
{
    const QByteArray authorization = request.rawHeader("Authorization");
    if (authorization.startsWith("Bearer ")) {
        ++m_bearerCalls;
        m_secrets[u"access_token"_s].insert(authorization.mid(7));
    }
    const bool tokenCall = request.url().path().endsWith(u"/oauth2/v2.0/token"_s);
    // Only random-access bodies can be peeked without disturbing the upload.
    if (tokenCall && outgoingData && !outgoingData->isSequential())
        addFormSecrets(outgoingData->peek(outgoingData->size()));
    QNetworkReply *reply = QNetworkAccessManager::createRequest(op, request, outgoingData);
    if (tokenCall) {
        ++m_tokenCalls;
        // Connected before the caller's own handler, so the body is still unread here.
        connect(reply, &QNetworkReply::finished, this,
            [this, reply] { addAnswerSecrets(reply->peek(reply->bytesAvailable())); });
    }
    return reply;
}

void RecordingNetwork::addFormSecrets(const QByteArray &form)
{
    static const QStringList secretFields
        = {u"code"_s, u"code_verifier"_s, u"refresh_token"_s, u"client_secret"_s};
    const QUrlQuery query(QString::fromUtf8(form).replace(u'+', u' '));
    for (const QString &field : secretFields) {
        const QString value = query.queryItemValue(field, QUrl::FullyDecoded);
        if (!value.isEmpty())
            m_secrets[field].insert(value.toUtf8());
    }
}

void RecordingNetwork::addAnswerSecrets(const QByteArray &json)
{
    const QJsonObject answer = QJsonDocument::fromJson(json).object();
    for (const QString &field : {u"access_token"_s, u"refresh_token"_s, u"id_token"_s}) {
        const QString value = answer.value(field).toString();
        if (!value.isEmpty())
            m_secrets[field].insert(value.toUtf8());
    }
}

// --- SimProcess ------------------------------------------------------------------------------

SimProcess::~SimProcess()
{
    if (m_process.state() != QProcess::NotRunning)
        stop();
}

bool SimProcess::start(const QStringList &extraArguments, QString *error)
{
    const QString program = qEnvironmentVariable("MDE_SIM_BIN");
    if (program.isEmpty()) {
        *error = u"MDE_SIM_BIN is not set"_s;
        return false;
    }
    m_process.setProgram(program);
    m_process.setArguments(QStringList {u"--port"_s, u"0"_s} + extraArguments);
    m_process.start();
    if (!m_process.waitForStarted(10000)) {
        *error = m_process.errorString();
        return false;
    }
    // The first line on stdout names the address.
    const QDeadlineTimer deadline(20000);
    while (!m_process.canReadLine() && !deadline.hasExpired()
        && m_process.state() == QProcess::Running)
        m_process.waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime())));
    const QString line = QString::fromUtf8(m_process.readLine()).trimmed();
    const auto match = QRegularExpression(u"^mde-sim listening on (\\S+)$"_s).match(line);
    if (!match.hasMatch()) {
        *error = u"mde-sim did not start: "_s + line;
        return false;
    }
    m_baseUrl = QUrl(match.captured(1));
    return true;
}

QByteArray SimProcess::stop()
{
    m_process.terminate();
    if (!m_process.waitForFinished(10000)) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
    return m_process.readAllStandardError();
}

// --- scanning --------------------------------------------------------------------------------

QList<QPair<QString, QByteArray>> encodedForms(const QByteArray &secret)
{
    QList<QPair<QString, QByteArray>> forms;
    const auto add = [&forms](const QString &label, const QByteArray &form) {
        for (const auto &known : std::as_const(forms)) {
            if (known.second == form)
                return;
        }
        forms.append({label, form});
    };
    add(u"raw"_s, secret);
    add(u"percent-encoded"_s, QUrl::toPercentEncoding(QString::fromUtf8(secret)));
    add(u"base64"_s, secret.toBase64(QByteArray::OmitTrailingEquals));
    add(u"base64url"_s,
        secret.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    const QString text = QString::fromUtf8(secret);
    add(u"UTF-16"_s, QByteArray(reinterpret_cast<const char *>(text.utf16()), text.size() * 2));
    const QList<QByteArray> parts = secret.split('.');
    if (parts.size() == 3 && parts.at(2).size() >= 16)
        add(u"JWT signature"_s, parts.at(2));
    return forms;
}

namespace {
void scanBytes(
    const Secrets &secrets, const QByteArray &data, const QString &place, QList<Finding> *findings)
{
    for (auto it = secrets.cbegin(); it != secrets.cend(); ++it) {
        for (const QByteArray &secret : it.value()) {
            const auto forms = encodedForms(secret);
            for (const auto &[label, form] : forms) {
                if (data.contains(form))
                    findings->append({it.key() + u" ("_s + label + u')', place});
            }
        }
    }
}
} // namespace

ScanResult scan(const Secrets &secrets, const QStringList &folders, const QStringList &logLines,
    const QByteArray &extraLog)
{
    ScanResult result;
    for (const QString &folder : folders) {
        QDirIterator it(folder, QDir::Files | QDir::Hidden | QDir::System | QDir::NoSymLinks,
            QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly)) {
                result.findings.append({u"unreadable file"_s, path});
                continue;
            }
            const QByteArray data = file.readAll();
            ++result.files;
            result.bytes += data.size();
            if (path.endsWith(u"-wal"_s))
                ++result.walFiles;
            scanBytes(secrets, data, path, &result.findings);
        }
    }
    result.logLines = int(logLines.size());
    scanBytes(secrets, logLines.join(u'\n').toUtf8(), u"captured Qt log"_s, &result.findings);
    scanBytes(secrets, extraLog, u"simulator stderr"_s, &result.findings);
    return result;
}

QString ScanResult::describe() const
{
    QStringList out;
    for (const Finding &f : findings)
        out.append(f.kind + u" in "_s + f.place);
    return u"%1 file(s), %2 byte(s), %3 log line(s); findings: %4"_s.arg(files)
        .arg(bytes)
        .arg(logLines)
        .arg(out.isEmpty() ? u"none"_s : out.join(u"; "_s));
}

QStringList xdgFolders()
{
    return {qEnvironmentVariable("XDG_CONFIG_HOME"), qEnvironmentVariable("XDG_DATA_HOME"),
        qEnvironmentVariable("XDG_CACHE_HOME")};
}

int rerunInKeyringSession(int argc, char **argv)
{
    if (!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        return -1;
    if (!qEnvironmentVariableIsEmpty("MDE_SECRETSCAN_CHILD")) {
        std::fputs("no D-Bus session even inside dbus-run-session\n", stderr);
        return 1;
    }
    QCoreApplication app(argc, argv);
    // with-keyring unsets XDG_DATA_HOME after starting the keyring: hand ours through again.
    QStringList arguments
        = {u"--"_s, u"bash"_s, QStringLiteral(MDE_SOURCE_DIR "/scripts/with-keyring"), u"env"_s,
            u"XDG_DATA_HOME="_s + qEnvironmentVariable("XDG_DATA_HOME"),
            QCoreApplication::applicationFilePath()};
    arguments += QCoreApplication::arguments().mid(1);
    QProcess child;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"MDE_SECRETSCAN_CHILD"_s, u"1"_s);
    child.setProcessEnvironment(environment);
    child.setProcessChannelMode(QProcess::ForwardedChannels);
    child.start(u"dbus-run-session"_s, arguments);
    if (!child.waitForStarted(10000)) {
        std::fprintf(stderr, "cannot run dbus-run-session: %s\n", qPrintable(child.errorString()));
        return 1;
    }
    if (!child.waitForFinished(170000)) {
        child.kill();
        child.waitForFinished(5000);
        return 1;
    }
    return child.exitStatus() == QProcess::NormalExit ? child.exitCode() : 1;
}

} // namespace SecretScan
