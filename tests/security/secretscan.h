// SPDX-License-Identifier: MIT
#pragma once

// Helpers of the secret-leak tests: a log capture for every Qt message, a network manager that
// records the secrets it carries (bearer tokens, token-endpoint forms and answers), the mde-sim
// executable with its stderr request log, and a scanner that looks for every secret (and its
// encoded forms) in files and text. Findings name the kind of secret and the place, never the
// value.

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QMutex>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace SecretScan {

// Every message of every logging category (debug included, see enableAllCategories()) while
// alive; warnings and worse also go on to the previous handler. One at a time.
class LogCapture final
{
    Q_DISABLE_COPY_MOVE(LogCapture)
public:
    LogCapture();
    ~LogCapture();
    static void enableAllCategories(); // "*.debug=true"
    QStringList lines() const;
    void clear();

private:
    static void handler(QtMsgType type, const QMessageLogContext &context, const QString &text);
    QtMessageHandler m_previous = nullptr;
    mutable QMutex m_mutex;
    QStringList m_lines;
};

// Records the secrets that pass through it; behaves like a plain QNetworkAccessManager.
class RecordingNetwork final : public QNetworkAccessManager
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RecordingNetwork)
public:
    explicit RecordingNetwork(QObject *parent = nullptr);
    ~RecordingNetwork() override;

    // kind ("access_token", "refresh_token", "id_token", "code", "code_verifier",
    // "client_secret") -> values seen.
    QHash<QString, QSet<QByteArray>> secrets() const { return m_secrets; }
    int tokenCalls() const { return m_tokenCalls; }
    int bearerCalls() const { return m_bearerCalls; }

protected:
    QNetworkReply *createRequest(
        Operation op, const QNetworkRequest &request, QIODevice *outgoingData) override;

private:
    void addFormSecrets(const QByteArray &form);
    void addAnswerSecrets(const QByteArray &json);
    QHash<QString, QSet<QByteArray>> m_secrets;
    int m_tokenCalls = 0;
    int m_bearerCalls = 0;
};

// The mde-sim executable (MDE_SIM_BIN) with its request log (stderr) captured.
class SimProcess final
{
    Q_DISABLE_COPY_MOVE(SimProcess)
public:
    SimProcess() = default;
    ~SimProcess();
    bool start(const QStringList &extraArguments, QString *error);
    QUrl baseUrl() const { return m_baseUrl; }
    // Stops the process (SIGTERM) and returns everything it wrote on stderr.
    QByteArray stop();

private:
    QProcess m_process;
    QUrl m_baseUrl;
};

struct Finding
{
    QString kind; // "refresh_token (base64)"
    QString place; // a file path or "log"
};

struct ScanResult
{
    int files = 0;
    int walFiles = 0; // SQLite write-ahead logs among them
    qint64 bytes = 0;
    int logLines = 0;
    QList<Finding> findings;
    QString describe() const; // for failure messages: kinds and places only
};

using Secrets = QHash<QString, QSet<QByteArray>>;

// The forms a secret could take in a file or a log: raw UTF-8, percent-encoded, base64 (plain
// and URL-safe), UTF-16LE, and the signature part of a JWT. Labelled for findings.
QList<QPair<QString, QByteArray>> encodedForms(const QByteArray &secret);

// Looks for every form of every secret in every regular file under the folders (recursively,
// hidden files included) and in the text blocks.
ScanResult scan(const Secrets &secrets, const QStringList &folders, const QStringList &logLines,
    const QByteArray &extraLog);

// The test's XDG_CONFIG_HOME, XDG_DATA_HOME and XDG_CACHE_HOME (set by mde_add_test).
QStringList xdgFolders();

// Tests that need the Secret Service: when there is no D-Bus session, runs this executable again
// inside dbus-run-session with an unlocked throwaway gnome-keyring (scripts/with-keyring) and
// returns its exit code; returns -1 when the current process already has a session.
int rerunInKeyringSession(int argc, char **argv);

} // namespace SecretScan
