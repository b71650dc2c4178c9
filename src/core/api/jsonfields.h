// SPDX-License-Identifier: MIT
#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <optional>

// Private to the api folder: typed reads of an entity's fields with one rule. null or absent
// gives the empty value; a wrong type records the first error (naming the field) and the parser
// then returns nothing. Never throws, never asserts on the input.
class JsonFields final
{
    Q_DECLARE_TR_FUNCTIONS(JsonFields)
public:
    JsonFields(const QJsonObject &object, QString *error)
        : m_object(object)
        , m_error(error)
    { }

    bool ok() const { return m_ok; }
    QString string(QStringView key);
    QString stringOrInteger(QStringView key); // a number gives its integer text
    QStringList stringList(QStringView key); // null entries are skipped
    bool boolean(QStringView key);
    std::optional<qint64> optionalInteger(QStringView key);
    QDateTime timestamp(QStringView key); // parseServiceTimestamp; an unreadable text fails

    void fail(QStringView key, const QString &expected); // "Field "x" is not <expected>."
    void failWith(const QString &message);

private:
    QJsonValue value(QStringView key) const { return m_object.value(key); }
    const QJsonObject &m_object;
    QString *m_error;
    bool m_ok = true;
};

// {"value":[…], "@odata.nextLink":"…"}: the array and the link (cleared when none).
bool readPage(const QByteArray &body, QJsonArray *values, QString *nextLink, QString *error);
// The body as one JSON object.
bool readObject(const QByteArray &body, QJsonObject *object, QString *error);
