// SPDX-License-Identifier: MIT
// Helpers shared by the audit log tests.
#pragma once

#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QUuid>

namespace AuditTest {

inline const QString MachineA = QStringLiteral("1111111111111111111111111111111111111111");
inline const QString MachineB = QStringLiteral("2222222222222222222222222222222222222222");

inline QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

inline void writeAll(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(file.write(bytes), bytes.size());
}

// A plain second connection, as another reader (or another process) would have.
class OtherConnection
{
public:
    explicit OtherConnection(const QString &path)
        : m_name(QStringLiteral("other-") + QUuid::createUuid().toString())
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        db.open();
    }
    ~OtherConnection()
    {
        QSqlDatabase::database(m_name, false).close();
        QSqlDatabase::removeDatabase(m_name);
    }
    QSqlQuery exec(const QString &sql)
    {
        QSqlQuery query(QSqlDatabase::database(m_name, false));
        query.exec(sql);
        return query;
    }

private:
    QString m_name;
};

} // namespace AuditTest
