// SPDX-License-Identifier: MIT
#include "odata.h"
#include "odata_p.h"

#include <QDate>
#include <QJsonArray>
#include <QJsonValue>
#include <QUrl>

#include <utility>
#include <vector>

using namespace Qt::StringLiterals;
using namespace odata_detail;

namespace {

int digitsAt(QStringView text, qsizetype pos, int count, int *value)
{
    int result = 0;
    for (int i = 0; i < count; ++i) {
        if (pos + i >= text.size() || !text[pos + i].isDigit())
            return -1;
        result = result * 10 + text[pos + i].digitValue();
    }
    *value = result;
    return 0;
}

qint64 daysFromCivil(int y, int m, int d)
{
    y -= m <= 2 ? 1 : 0;
    const qint64 era = (y >= 0 ? y : y - 399) / 400;
    const qint64 yoe = y - era * 400;
    const qint64 doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

} // namespace

namespace odata_detail {

// Reads an ISO 8601 instant at the start of text: 2026-01-01, optionally T10:00[:00[.fffffff]]
// and Z or ±hh:mm (none means UTC). Returns the characters consumed, 0 when there is none.
qsizetype scanInstant(QStringView text, qint64 *ticks)
{
    int y, mo, d, h = 0, mi = 0, s = 0, offsetMinutes = 0;
    qint64 fraction = 0;
    if (digitsAt(text, 0, 4, &y) || text.size() < 10 || text[4] != u'-' || digitsAt(text, 5, 2, &mo)
        || text[7] != u'-' || digitsAt(text, 8, 2, &d))
        return 0;
    qsizetype pos = 10;
    if (pos < text.size() && (text[pos] == u'T' || text[pos] == u't')) {
        if (digitsAt(text, pos + 1, 2, &h) || pos + 3 >= text.size() || text[pos + 3] != u':'
            || digitsAt(text, pos + 4, 2, &mi))
            return 0;
        pos += 6;
        if (pos < text.size() && text[pos] == u':') {
            if (digitsAt(text, pos + 1, 2, &s))
                return 0;
            pos += 3;
            if (pos < text.size() && text[pos] == u'.') {
                int digits = 0;
                for (++pos; pos < text.size() && text[pos].isDigit(); ++pos, ++digits) {
                    if (digits < 7)
                        fraction = fraction * 10 + text[pos].digitValue();
                }
                if (digits == 0)
                    return 0;
                for (; digits < 7; ++digits)
                    fraction *= 10;
            }
        }
    }
    if (pos < text.size() && (text[pos] == u'Z' || text[pos] == u'z')) {
        ++pos;
    } else if (pos < text.size() && (text[pos] == u'+' || text[pos] == u'-') && pos > 10) {
        int oh, om;
        if (digitsAt(text, pos + 1, 2, &oh) || pos + 3 >= text.size() || text[pos + 3] != u':'
            || digitsAt(text, pos + 4, 2, &om))
            return 0;
        offsetMinutes = (oh * 60 + om) * (text[pos] == u'-' ? -1 : 1);
        pos += 6;
    }
    static constexpr int monthDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (mo < 1 || mo > 12 || d < 1 || d > monthDays[mo - 1] || h > 23 || mi > 59 || s > 59
        || (mo == 2 && d == 29 && !QDate::isLeapYear(y)))
        return 0;
    const qint64 seconds
        = daysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s - offsetMinutes * 60;
    *ticks = seconds * 10000000 + fraction;
    return pos;
}

bool readInstant(const QString &text, qint64 *ticks)
{
    return !text.isEmpty() && text.front().isDigit() && scanInstant(text, ticks) == text.size();
}

} // namespace odata_detail

namespace {

// -1, 0, 1; or 2 when the two cannot be compared.
int order(const QJsonValue &value, const Literal &literal)
{
    const auto sign = [](auto a, auto b) { return a < b ? -1 : (b < a ? 1 : 0); };
    switch (literal.kind) {
    case Literal::Null:
        return 2;
    case Literal::Bool:
        if (value.isBool())
            return sign(int(value.toBool()), int(literal.boolean));
        if (value.isString())
            return value.toString().compare(
                       literal.boolean ? u"true"_s : u"false"_s, Qt::CaseInsensitive)
                    == 0
                ? 0
                : 2;
        return 2;
    case Literal::Number:
        if (value.isDouble())
            return sign(value.toDouble(), literal.number);
        if (value.isString()) {
            bool ok = false;
            const double number = value.toString().toDouble(&ok);
            return ok ? sign(number, literal.number) : 2;
        }
        return 2;
    case Literal::Instant: {
        qint64 ticks = 0;
        return value.isString() && readInstant(value.toString(), &ticks)
            ? sign(ticks, literal.ticks)
            : 2;
    }
    case Literal::String:
        if (value.isString()) {
            qint64 ticks = 0;
            if (literal.textIsInstant && readInstant(value.toString(), &ticks))
                return sign(ticks, literal.ticks);
            const int c = value.toString().compare(literal.text, Qt::CaseInsensitive);
            return sign(c, 0);
        }
        if (value.isDouble()) { // rbacGroupId eq '41': the service converts
            bool ok = false;
            const double number = literal.text.toDouble(&ok);
            return ok ? sign(value.toDouble(), number) : 2;
        }
        if (value.isBool())
            return literal.text.compare(
                       value.toBool() ? u"true"_s : u"false"_s, Qt::CaseInsensitive)
                    == 0
                ? 0
                : 2;
        return 2;
    }
    return 2;
}

} // namespace

bool odata_detail::test(Op op, const QJsonValue &value, const Literal &literal)
{
    const bool missing = value.isNull() || value.isUndefined();
    if (literal.kind == Literal::Null || missing) {
        const bool equal = missing && literal.kind == Literal::Null;
        return op == Op::Eq ? equal : (op == Op::Ne ? !equal : false);
    }
    const int c = order(value, literal);
    switch (op) {
    case Op::Eq:
        return c == 0;
    case Op::Ne:
        return c != 0;
    case Op::Gt:
        return c == 1;
    case Op::Ge:
        return c == 0 || c == 1;
    case Op::Lt:
        return c == -1;
    case Op::Le:
        return c == 0 || c == -1;
    }
    return false;
}

bool ODataFilter::Node::evaluate(const QJsonObject &object, const QJsonValue *element) const
{
    switch (kind) {
    case Or:
        return left->evaluate(object, element) || right->evaluate(object, element);
    case And:
        return left->evaluate(object, element) && right->evaluate(object, element);
    case Not:
        return !left->evaluate(object, element);
    case Any: {
        const QJsonArray array = object.value(field).toArray();
        if (!left)
            return !array.isEmpty();
        for (const QJsonValue &item : array) {
            if (left->evaluate(object, &item))
                return true;
        }
        return false;
    }
    case Compare:
    case In:
    case StartsWith:
        break;
    }
    const QJsonValue value = operand(object, element);
    if (!value.isArray())
        return testOne(value);
    // A collection (machineTags): "eq 'x'" means it contains x, "ne 'x'" that it does not.
    const QJsonArray array = value.toArray();
    if (kind == Compare && op == Op::Ne) {
        Literal literal = values.front();
        for (const QJsonValue &item : array) {
            if (test(Op::Eq, item, literal))
                return false;
        }
        return true;
    }
    for (const QJsonValue &item : array) {
        if (testOne(item))
            return true;
    }
    return false;
}

namespace {

// application/x-www-form-urlencoded decoding, as ASP.NET reads a query: '+' is a space and
// %2B a plus. QUrlQuery alone keeps '+' as it is.
QString formDecoded(QString encoded)
{
    encoded.replace(u'+', u' ');
    return QUrl::fromPercentEncoding(encoded.toUtf8());
}

} // namespace

ODataFilter::ODataFilter() = default;
ODataFilter::~ODataFilter() = default;
ODataFilter::ODataFilter(ODataFilter &&) noexcept = default;
ODataFilter &ODataFilter::operator=(ODataFilter &&) noexcept = default;

std::optional<ODataFilter> ODataFilter::parse(
    const QString &text, const QStringList &fields, QString *error)
{
    auto root = parseFilter(text, fields, error);
    if (!root)
        return std::nullopt;
    ODataFilter filter;
    filter.m_root = std::move(root);
    return filter;
}

bool ODataFilter::matches(const QJsonObject &object) const
{
    return m_root && m_root->evaluate(object, nullptr);
}

int ODataQuery::compareValues(const QJsonValue &a, const QJsonValue &b)
{
    const bool aMissing = a.isNull() || a.isUndefined();
    const bool bMissing = b.isNull() || b.isUndefined();
    if (aMissing || bMissing)
        return aMissing == bMissing ? 0 : (aMissing ? -1 : 1); // nulls first, as .NET sorts
    Literal literal;
    if (b.isDouble()) {
        literal.kind = Literal::Number;
        literal.number = b.toDouble();
    } else if (b.isBool()) {
        literal.kind = Literal::Bool;
        literal.boolean = b.toBool();
    } else {
        literal.kind = Literal::String;
        literal.text = b.toVariant().toString();
        literal.textIsInstant = readInstant(literal.text, &literal.ticks);
    }
    const int c = order(a, literal);
    return c == 2 ? 0 : c;
}

std::optional<ODataQuery> ODataQuery::fromUrlQuery(
    const QUrlQuery &query, const QStringList &fields, QString *error)
{
    const auto failWith = [error](const QString &message) {
        if (error)
            *error = message;
        return std::nullopt;
    };
    ODataQuery result;
    QStringList seen;
    const auto items = query.queryItems(QUrl::FullyEncoded);
    for (const auto &item : items) {
        const QString key = formDecoded(item.first);
        const QString value = formDecoded(item.second);
        if (!key.startsWith(u'$'))
            continue; // other parameters (api-version, …) are not OData's business
        const QString option = key.toLower();
        if (seen.contains(option))
            return failWith(u"Query option '%1' was specified more than once."_s.arg(key));
        seen.append(option);
        if (option == u"$filter"_s) {
            result.filter = ODataFilter::parse(value, fields, error);
            if (!result.filter)
                return std::nullopt;
        } else if (option == u"$top"_s || option == u"$skip"_s) {
            bool ok = false;
            const int number = value.trimmed().toInt(&ok);
            if (!ok || number < 0)
                return failWith(
                    u"Invalid value '%1' for %2: expected a non-negative integer."_s.arg(
                        value, key));
            if (option == u"$skip"_s) {
                result.skip = number;
            } else if (number < 1 || number > 10000) {
                return failWith(
                    u"The limit of '10000' for Top query has been exceeded. The value from the incoming request is '%1'."_s
                        .arg(value));
            } else {
                result.top = number;
            }
        } else if (option == u"$orderby"_s) {
            const QStringList parts = value.simplified().split(u' ');
            if (parts.size() > 2 || parts.first().isEmpty())
                return failWith(
                    u"Invalid $orderby '%1': expected 'property [asc|desc]'."_s.arg(value));
            if (!fields.contains(parts.first()))
                return failWith(u"Invalid $orderby: could not find a property named '%1'."_s.arg(
                    parts.first()));
            const QString direction = parts.size() == 2 ? parts.at(1).toLower() : u"asc"_s;
            if (direction != u"asc"_s && direction != u"desc"_s)
                return failWith(u"Invalid $orderby direction '%1'."_s.arg(parts.at(1)));
            result.orderByField = parts.first();
            result.orderDescending = direction == u"desc"_s;
        } else if (option == u"$count"_s) {
            const QString flag = value.trimmed().toLower();
            if (flag != u"true"_s && flag != u"false"_s)
                return failWith(
                    u"Invalid value '%1' for $count: expected true or false."_s.arg(value));
            result.count = flag == u"true"_s;
        } else {
            return failWith(u"The query parameter '%1' is not supported."_s.arg(key));
        }
    }
    return result;
}
