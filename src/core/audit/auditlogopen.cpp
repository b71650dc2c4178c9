// SPDX-License-Identifier: MIT
// Opening the audit log: checks that refuse a damaged, foreign, newer or locked file without
// writing to it, then the schema.
#include "auditlog.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace {

// SQLite primary result codes (sqlite3.h), as QSqlError::nativeErrorCode() reports them.
constexpr int SqliteBusy = 5;
constexpr int SqliteLocked = 6;
constexpr int SqliteCorrupt = 11;
constexpr int SqliteNotADb = 26;

int nativeCode(const QSqlError &error)
{
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok);
    return ok ? (code & 0xff) : -1;
}

QSqlDatabase database(const QString &connection)
{
    return QSqlDatabase::database(connection, false);
}

} // namespace

bool AuditLog::isOpen() const
{
    return QSqlDatabase::contains(m_connection) && database(m_connection).isOpen();
}

void AuditLog::close()
{
    if (!QSqlDatabase::contains(m_connection))
        return;
    {
        QSqlDatabase db = database(m_connection);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
}

bool AuditLog::open(const QString &path, int busyTimeoutMs)
{
    close();
    m_path = path;
    m_error.clear();
    const QFileInfo info(path);
    if (path.isEmpty() || info.isDir())
        return fail(tr("The audit log path \"%1\" is not a file.").arg(path));
    if (!QDir().mkpath(info.absolutePath()))
        return fail(tr("Could not create the folder for the audit log \"%1\".").arg(path));

    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connection);
        db.setDatabaseName(path);
        db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=%1"_s.arg(std::max(0, busyTimeoutMs)));
        if (!db.open()) {
            fail(tr("Could not open the audit log \"%1\": %2").arg(path, db.lastError().text()));
        } else {
            ok = initialise(db);
        }
    }
    if (!ok)
        close();
    return ok;
}

bool AuditLog::initialise(QSqlDatabase &db)
{
    const auto sqlFailed = [this](const QSqlError &error) {
        const int code = nativeCode(error);
        if (code == SqliteNotADb || code == SqliteCorrupt) {
            return fail(tr("The audit log \"%1\" is damaged (%2). It was left as it is; move it "
                           "aside to start a new one.")
                            .arg(m_path, error.databaseText()));
        }
        if (code == SqliteBusy || code == SqliteLocked) {
            return fail(tr("The audit log \"%1\" is locked by another program (%2). Close the "
                           "other instance and try again.")
                            .arg(m_path, error.databaseText()));
        }
        return fail(tr("The audit log \"%1\" could not be used: %2").arg(m_path, error.text()));
    };

    // Read first, write nothing, until the file is known to be a healthy database of ours.
    QSqlQuery query(db);
    if (!query.exec(u"PRAGMA quick_check"_s))
        return sqlFailed(query.lastError());
    QStringList problems;
    while (query.next())
        problems.append(query.value(0).toString());
    if (problems != QStringList {u"ok"_s}) {
        return fail(tr("The audit log \"%1\" is damaged (%2). It was left as it is; move it "
                       "aside to start a new one.")
                        .arg(m_path, problems.mid(0, 3).join(u"; "_s)));
    }
    if (!query.exec(u"PRAGMA user_version"_s) || !query.next())
        return sqlFailed(query.lastError());
    const int version = query.value(0).toInt();
    if (version > SchemaVersion) {
        return fail(tr("The audit log \"%1\" was written by a newer version of this program "
                       "(format %2). It was left as it is.")
                        .arg(m_path)
                        .arg(version));
    }
    if (version == 0) {
        if (!query.exec(u"SELECT count(*) FROM sqlite_master"_s) || !query.next())
            return sqlFailed(query.lastError());
        if (query.value(0).toInt() > 0) {
            return fail(tr("The file \"%1\" is a database but not an audit log of this program. "
                           "It was left as it is.")
                            .arg(m_path));
        }
    }

    // WAL: a crash never loses a committed intent, readers never block the writer.
    if (!query.exec(u"PRAGMA journal_mode=WAL"_s) || !query.next())
        return sqlFailed(query.lastError());
    if (query.value(0).toString().compare(u"wal"_s, Qt::CaseInsensitive) != 0) {
        return fail(
            tr("The audit log \"%1\" could not be switched to write-ahead logging.").arg(m_path));
    }
    // FULL: every commit (each intent) is on disk before the request goes out.
    if (!query.exec(u"PRAGMA synchronous=FULL"_s))
        return sqlFailed(query.lastError());

    // Takes the write lock: fails clearly when another process holds the database.
    if (!query.exec(u"BEGIN IMMEDIATE"_s))
        return sqlFailed(query.lastError());
    if (version == 0) {
        const QString schema[] = {
            u"CREATE TABLE records (id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, "
            "machine_id TEXT NOT NULL, machine_name TEXT, comment TEXT, requestor TEXT, "
            "created_ms INTEGER NOT NULL, correlation_id TEXT NOT NULL, state TEXT NOT NULL, "
            "action_id TEXT, action_status TEXT, error_code TEXT, error_message TEXT, "
            "error_target TEXT, http_status INTEGER NOT NULL DEFAULT 0, "
            "updated_ms INTEGER NOT NULL)"_s,
            u"CREATE INDEX records_state ON records(state)"_s,
            u"CREATE INDEX records_created ON records(created_ms)"_s, u"PRAGMA user_version = 1"_s};
        for (const QString &statement : schema) {
            if (!query.exec(statement)) {
                const QSqlError error = query.lastError();
                query.exec(u"ROLLBACK"_s);
                return sqlFailed(error);
            }
        }
    }
    if (version < SchemaVersion && !migrate(query, std::max(version, 1))) {
        const QSqlError error = query.lastError();
        query.exec(u"ROLLBACK"_s);
        return sqlFailed(error);
    }
    if (!query.exec(u"COMMIT"_s)) {
        const QSqlError error = query.lastError();
        query.exec(u"ROLLBACK"_s);
        return sqlFailed(error);
    }
    return true;
}

// Brings a format-1 file (or the one just created) up to SchemaVersion inside the open
// transaction; old rows keep working (no batch, no intent time).
bool AuditLog::migrate(QSqlQuery &query, int fromVersion)
{
    if (fromVersion < 2) {
        const QString statements[] = {u"ALTER TABLE records ADD COLUMN batch_id TEXT"_s,
            u"ALTER TABLE records ADD COLUMN intent_ms INTEGER NOT NULL DEFAULT 0"_s,
            u"CREATE INDEX records_batch ON records(batch_id)"_s};
        for (const QString &statement : statements) {
            if (!query.exec(statement))
                return false;
        }
    }
    return query.exec(u"PRAGMA user_version = %1"_s.arg(SchemaVersion));
}
