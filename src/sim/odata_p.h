// SPDX-License-Identifier: MIT
#pragma once

// Internals shared by odata.cpp (values, evaluation, query options) and odataparser.cpp.

#include "odata.h"

#include <QJsonValue>
#include <QString>

#include <memory>
#include <vector>

namespace odata_detail {

enum class Op { Eq, Ne, Gt, Ge, Lt, Le };

struct Literal
{
    enum Kind { Null, Bool, Number, String, Instant } kind = Null;
    bool boolean = false;
    double number = 0;
    QString text;
    qint64 ticks = 0;
    bool textIsInstant = false; // a quoted string that reads as a date: compared as an instant
};

// Reads an ISO 8601 instant at the start of text (100-ns ticks since the epoch); returns the
// characters consumed, 0 when there is none.
qsizetype scanInstant(QStringView text, qint64 *ticks);
// The whole text is an instant.
bool readInstant(const QString &text, qint64 *ticks);
// value <op> literal, with the service's comparison rules (see odata.cpp).
bool test(Op op, const QJsonValue &value, const Literal &literal);

} // namespace odata_detail

struct ODataFilter::Node
{
    using Op = odata_detail::Op;
    using Literal = odata_detail::Literal;

    enum Kind { Or, And, Not, Compare, In, StartsWith, Any } kind = Compare;
    std::unique_ptr<Node> left, right; // Or/And: both; Not: left; Any: left (may be null)
    QString field;
    bool lambdaVariable = false; // the field is the any() variable
    Op op = Op::Eq;
    std::vector<Literal> values;

    bool evaluate(const QJsonObject &object, const QJsonValue *element) const;
    QJsonValue operand(const QJsonObject &object, const QJsonValue *element) const
    {
        return lambdaVariable && element ? *element : object.value(field);
    }
    bool testOne(const QJsonValue &value) const
    {
        switch (kind) {
        case Compare:
            return test(op, value, values.front());
        case In:
            for (const Literal &literal : values) {
                if (test(Op::Eq, value, literal))
                    return true;
            }
            return false;
        case StartsWith:
            return value.isString()
                && value.toString().startsWith(values.front().text, Qt::CaseInsensitive);
        default:
            return false;
        }
    }
};

namespace odata_detail {
// The $filter grammar; nullptr and *error on a syntax error or an unknown property.
std::unique_ptr<ODataFilter::Node> parseFilter(
    const QString &text, const QStringList &fields, QString *error);
} // namespace odata_detail
