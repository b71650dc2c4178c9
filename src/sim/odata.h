// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>
#include <QUrlQuery>

#include <memory>
#include <optional>

// The OData subset of contract section 2: $filter with eq ne gt ge lt le and or, in (…),
// startswith(field,'x'), parentheses, strings in single quotes ('' escapes a quote), numbers,
// true/false/null, unquoted datetimes (2026-01-01Z, 2026-01-01T10:00:00Z); any(…) on machineTags
// (machineTags/any(t: t eq 'x')) is accepted too. Field names are case-sensitive as documented;
// string comparison is case-insensitive like the service.
class ODataFilter final
{
public:
    ~ODataFilter();
    ODataFilter(ODataFilter &&) noexcept;
    ODataFilter &operator=(ODataFilter &&) noexcept;
    static std::optional<ODataFilter> parse(
        const QString &text, const QStringList &fields, QString *error);
    bool matches(const QJsonObject &object) const;

    struct Node;

private:
    ODataFilter();
    std::unique_ptr<Node> m_root;
};

struct ODataQuery
{
    std::optional<ODataFilter> filter;
    int top = -1; // -1: not given
    int skip = 0;
    QString orderByField; // empty: natural order
    bool orderDescending = false;
    bool count = false;

    // Reads $filter, $top (1..10000), $skip (>=0), $orderby ("field [asc|desc]"), $count.
    // Unknown $-options and bad values give std::nullopt and *error (answered 400 ODataError).
    // Values are form-decoded like ASP.NET does: '+' is a space, %2B a plus sign.
    static std::optional<ODataQuery> fromUrlQuery(
        const QUrlQuery &query, const QStringList &fields, QString *error);

    // Orders two property values the way $filter compares them ($orderby helper): numbers
    // numerically, strings case-insensitively, dates as instants, nulls first. -1, 0 or 1.
    static int compareValues(const QJsonValue &a, const QJsonValue &b);
};
