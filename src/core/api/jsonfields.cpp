// SPDX-License-Identifier: MIT
#include "jsonfields.h"
#include "machine.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include <limits>

using namespace Qt::StringLiterals;

namespace {
constexpr qint64 NotAnInteger = std::numeric_limits<qint64>::min();

bool isNothing(const QJsonValue &v)
{
    return v.isNull() || v.isUndefined();
}
} // namespace

void JsonFields::fail(QStringView key, const QString &expected)
{
    failWith(tr("Field \"%1\" is not %2.").arg(key.toString(), expected));
}

void JsonFields::failWith(const QString &message)
{
    if (!m_ok)
        return; // the first problem is the one worth reporting
    m_ok = false;
    if (m_error)
        *m_error = message;
}

QString JsonFields::string(QStringView key)
{
    const QJsonValue v = value(key);
    if (isNothing(v))
        return {};
    if (!v.isString()) {
        fail(key, tr("a string"));
        return {};
    }
    return v.toString();
}

QString JsonFields::stringOrInteger(QStringView key)
{
    const QJsonValue v = value(key);
    if (isNothing(v))
        return {};
    if (v.isString())
        return v.toString();
    if (v.isDouble()) {
        const qint64 n = v.toInteger(NotAnInteger);
        if (n != NotAnInteger)
            return QString::number(n);
    }
    fail(key, tr("a string or an integer"));
    return {};
}

QStringList JsonFields::stringList(QStringView key)
{
    const QJsonValue v = value(key);
    if (isNothing(v))
        return {};
    if (!v.isArray()) {
        fail(key, tr("an array"));
        return {};
    }
    const QJsonArray array = v.toArray();
    QStringList result;
    result.reserve(array.size());
    for (const QJsonValue &entry : array) {
        if (entry.isNull())
            continue;
        if (!entry.isString()) {
            fail(key, tr("an array of strings"));
            return {};
        }
        result.append(entry.toString());
    }
    return result;
}

bool JsonFields::boolean(QStringView key)
{
    const QJsonValue v = value(key);
    if (isNothing(v))
        return false;
    if (!v.isBool()) {
        fail(key, tr("true or false"));
        return false;
    }
    return v.toBool();
}

std::optional<qint64> JsonFields::optionalInteger(QStringView key)
{
    const QJsonValue v = value(key);
    if (isNothing(v))
        return std::nullopt;
    const qint64 n = v.isDouble() ? v.toInteger(NotAnInteger) : NotAnInteger;
    if (n == NotAnInteger) {
        fail(key, tr("an integer"));
        return std::nullopt;
    }
    return n;
}

QDateTime JsonFields::timestamp(QStringView key)
{
    const QJsonValue v = value(key);
    if (isNothing(v))
        return {};
    if (!v.isString()) {
        fail(key, tr("a timestamp"));
        return {};
    }
    const QString text = v.toString();
    if (text.isEmpty())
        return {};
    QDateTime result = parseServiceTimestamp(text);
    if (!result.isValid())
        fail(key, tr("a timestamp"));
    return result;
}

bool readObject(const QByteArray &body, QJsonObject *object, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        if (error)
            *error = JsonFields::tr("The answer is not valid JSON (%1 at byte %2).")
                         .arg(parseError.errorString())
                         .arg(parseError.offset);
        return false;
    }
    if (!document.isObject()) {
        if (error)
            *error = JsonFields::tr("The answer is not a JSON object.");
        return false;
    }
    *object = document.object();
    return true;
}

bool readPage(const QByteArray &body, QJsonArray *values, QString *nextLink, QString *error)
{
    if (nextLink)
        nextLink->clear();
    QJsonObject object;
    if (!readObject(body, &object, error))
        return false;
    const QJsonValue value = object.value(u"value");
    if (!value.isArray()) {
        if (error)
            *error = JsonFields::tr("The answer has no \"value\" list.");
        return false;
    }
    const QJsonValue link = object.value(u"@odata.nextLink");
    if (!isNothing(link) && !link.isString()) {
        if (error)
            *error = JsonFields::tr("Field \"%1\" is not %2.")
                         .arg(u"@odata.nextLink"_s, JsonFields::tr("a string"));
        return false;
    }
    if (nextLink)
        *nextLink = link.toString();
    *values = value.toArray();
    return true;
}
