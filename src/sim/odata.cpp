// SPDX-License-Identifier: MIT
#include "odata.h"

#include <QJsonArray>
#include <QJsonValue>
#include <QUrl>

#include <utility>
#include <vector>

using namespace Qt::StringLiterals;

namespace {

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

bool test(Op op, const QJsonValue &value, const Literal &literal)
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

} // namespace

struct ODataFilter::Node
{
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

struct Token
{
    enum Type {
        End,
        Ident,
        String,
        Number,
        Instant,
        LParen,
        RParen,
        Comma,
        Colon,
        Slash
    } type
        = End;
    QString text;
    double number = 0;
    qint64 ticks = 0;
    qsizetype pos = 0;
};

using Node = ODataFilter::Node;

// Recursive descent over: or := and ("or" and)* ; and := unary ("and" unary)* ;
// unary := "not" unary | "(" or ")" | startswith(...) | field "/any(" [v ":" or] ")" |
// field op literal | field "in" "(" literal ("," literal)* ")".
class Parser
{
public:
    Parser(const QString &text, const QStringList &fields)
        : m_text(text)
        , m_fields(fields)
    { }

    std::unique_ptr<Node> parse(QString *error)
    {
        std::unique_ptr<Node> root;
        if (tokenize()) {
            root = parseOr();
            if (root && peek().type != Token::End)
                root = fail(u"unexpected '%1'"_s.arg(peek().text));
        }
        if (!root && error)
            *error = m_error;
        return root;
    }

private:
    static constexpr int kMaxDepth = 64;

    std::unique_ptr<Node> fail(const QString &what, qsizetype pos = -1)
    {
        if (m_error.isEmpty()) {
            m_error = u"Invalid $filter: %1 at position %2."_s.arg(what).arg(
                pos >= 0 ? pos : peek().pos);
        }
        return nullptr;
    }
    const Token &peek() const { return m_tokens[m_index]; }
    Token take() { return m_tokens[m_index < m_tokens.size() - 1 ? m_index++ : m_index]; }
    bool isWord(const char *word) const
    {
        return peek().type == Token::Ident
            && peek().text.compare(QLatin1String(word), Qt::CaseInsensitive) == 0;
    }
    bool expect(Token::Type type, const char *what)
    {
        if (peek().type == type) {
            take();
            return true;
        }
        fail(u"expected %1"_s.arg(QLatin1String(what)));
        return false;
    }

    bool tokenize()
    {
        const qsizetype n = m_text.size();
        for (qsizetype i = 0; i < n;) {
            const QChar c = m_text[i];
            Token token;
            token.pos = i;
            if (c.isSpace()) {
                ++i;
                continue;
            }
            if (c == u'\'') {
                token.type = Token::String;
                bool closed = false;
                for (++i; i < n; ++i) {
                    if (m_text[i] == u'\'') {
                        if (i + 1 < n && m_text[i + 1] == u'\'') {
                            token.text += u'\'';
                            ++i;
                            continue;
                        }
                        closed = true;
                        ++i;
                        break;
                    }
                    token.text += m_text[i];
                }
                if (!closed)
                    return bool(fail(u"unterminated string"_s, token.pos));
            } else if (c.isDigit() || (c == u'-' && i + 1 < n && m_text[i + 1].isDigit())) {
                const qsizetype used
                    = c.isDigit() ? scanInstant(QStringView(m_text).mid(i), &token.ticks) : 0;
                if (used > 0) {
                    token.type = Token::Instant;
                    token.text = m_text.mid(i, used);
                    i += used;
                } else {
                    qsizetype end = i + 1;
                    while (end < n && (m_text[end].isDigit() || m_text[end] == u'.'))
                        ++end;
                    if (end < n && (m_text[end].isLetter() || m_text[end] == u'-'))
                        return bool(fail(
                            u"invalid number or date '%1'"_s.arg(m_text.mid(i, end - i + 1)), i));
                    bool ok = false;
                    token.type = Token::Number;
                    token.text = m_text.mid(i, end - i);
                    token.number = token.text.toDouble(&ok);
                    if (!ok)
                        return bool(fail(u"invalid number '%1'"_s.arg(token.text), i));
                    i = end;
                }
            } else if (c.isLetter() || c == u'_' || c == u'$' || c == u'@') {
                qsizetype end = i + 1;
                while (end < n
                    && (m_text[end].isLetterOrNumber() || m_text[end] == u'_'
                        || m_text[end] == u'.'))
                    ++end;
                token.type = Token::Ident;
                token.text = m_text.mid(i, end - i);
                i = end;
            } else {
                static const QString punctuation = u"(),:/"_s;
                const qsizetype kind = punctuation.indexOf(c);
                if (kind < 0)
                    return bool(fail(u"unexpected character '%1'"_s.arg(c), i));
                token.type = Token::Type(Token::LParen + kind);
                token.text = c;
                ++i;
            }
            m_tokens.push_back(std::move(token));
        }
        Token end;
        end.pos = n;
        end.text = u"end of filter"_s;
        m_tokens.push_back(end);
        if (m_tokens.size() == 1)
            return bool(fail(u"empty filter"_s, 0));
        return true;
    }

    std::unique_ptr<Node> binary(
        Node::Kind kind, std::unique_ptr<Node> left, std::unique_ptr<Node> right)
    {
        if (!left || !right)
            return nullptr;
        auto node = std::make_unique<Node>();
        node->kind = kind;
        node->left = std::move(left);
        node->right = std::move(right);
        return node;
    }

    std::unique_ptr<Node> parseOr()
    {
        auto left = parseAnd();
        while (left && isWord("or")) {
            take();
            left = binary(Node::Or, std::move(left), parseAnd());
        }
        return left;
    }

    std::unique_ptr<Node> parseAnd()
    {
        auto left = parseUnary();
        while (left && isWord("and")) {
            take();
            left = binary(Node::And, std::move(left), parseUnary());
        }
        return left;
    }

    std::unique_ptr<Node> parseUnary()
    {
        if (++m_depth > kMaxDepth)
            return fail(u"expression nested too deeply"_s);
        std::unique_ptr<Node> node;
        if (isWord("not")) {
            take();
            auto inner = parseUnary();
            if (inner) {
                node = std::make_unique<Node>();
                node->kind = Node::Not;
                node->left = std::move(inner);
            }
        } else if (peek().type == Token::LParen) {
            take();
            node = parseOr();
            if (node && !expect(Token::RParen, "')'"))
                node.reset();
        } else if (isWord("startswith")) {
            node = parseStartsWith();
        } else {
            node = parseComparison();
        }
        --m_depth;
        return node;
    }

    bool parseField(Node *node)
    {
        if (peek().type != Token::Ident) {
            fail(u"expected a property name"_s);
            return false;
        }
        const Token token = take();
        if (!m_lambda.isEmpty() && token.text == m_lambda) {
            node->lambdaVariable = true;
        } else if (!m_fields.contains(token.text)) {
            m_error = u"Invalid $filter: could not find a property named '%1'."_s.arg(token.text);
            return false;
        }
        node->field = token.text;
        return true;
    }

    std::optional<Literal> parseLiteral()
    {
        const Token token = take();
        Literal literal;
        switch (token.type) {
        case Token::String:
            literal.kind = Literal::String;
            literal.text = token.text;
            literal.textIsInstant = readInstant(token.text, &literal.ticks);
            return literal;
        case Token::Number:
            literal.kind = Literal::Number;
            literal.number = token.number;
            return literal;
        case Token::Instant:
            literal.kind = Literal::Instant;
            literal.ticks = token.ticks;
            return literal;
        case Token::Ident:
            if (token.text == u"null"_s)
                return literal;
            if (token.text == u"true"_s || token.text == u"false"_s) {
                literal.kind = Literal::Bool;
                literal.boolean = token.text == u"true"_s;
                return literal;
            }
            break;
        default:
            break;
        }
        fail(u"expected a value but found '%1'"_s.arg(token.text), token.pos);
        return std::nullopt;
    }

    std::unique_ptr<Node> parseStartsWith()
    {
        take();
        auto node = std::make_unique<Node>();
        node->kind = Node::StartsWith;
        if (!expect(Token::LParen, "'('") || !parseField(node.get())
            || !expect(Token::Comma, "','"))
            return nullptr;
        if (peek().type != Token::String)
            return fail(u"startswith needs a string in quotes"_s);
        node->values.push_back(*parseLiteral());
        if (!expect(Token::RParen, "')'"))
            return nullptr;
        // startswith(...) eq true / eq false, as OData also allows.
        if (isWord("eq") || isWord("ne")) {
            const bool ne = isWord("ne");
            take();
            const auto literal = parseLiteral();
            if (!literal)
                return nullptr;
            if (literal->kind != Literal::Bool)
                return fail(u"startswith can only be compared with true or false"_s);
            if (literal->boolean == ne) {
                auto negated = std::make_unique<Node>();
                negated->kind = Node::Not;
                negated->left = std::move(node);
                return negated;
            }
        }
        return node;
    }

    std::unique_ptr<Node> parseComparison()
    {
        auto node = std::make_unique<Node>();
        if (!parseField(node.get()))
            return nullptr;
        if (peek().type == Token::Slash)
            return parseAny(std::move(node));
        if (isWord("in")) {
            take();
            node->kind = Node::In;
            if (!expect(Token::LParen, "'('"))
                return nullptr;
            do {
                const auto literal = parseLiteral();
                if (!literal)
                    return nullptr;
                node->values.push_back(*literal);
            } while (peek().type == Token::Comma && (take(), true));
            return expect(Token::RParen, "')'") ? std::move(node) : nullptr;
        }
        static const char *const ops[] = {"eq", "ne", "gt", "ge", "lt", "le"};
        for (int i = 0; i < 6; ++i) {
            if (isWord(ops[i])) {
                take();
                node->kind = Node::Compare;
                node->op = Op(i);
                const auto literal = parseLiteral();
                if (!literal)
                    return nullptr;
                node->values.push_back(*literal);
                return node;
            }
        }
        return fail(
            u"expected an operator (eq, ne, gt, ge, lt, le, in) after '%1'"_s.arg(node->field));
    }

    std::unique_ptr<Node> parseAny(std::unique_ptr<Node> node)
    {
        take(); // '/'
        if (!isWord("any"))
            return fail(u"only any() may follow '/'"_s);
        take();
        if (node->lambdaVariable || !expect(Token::LParen, "'('"))
            return node->lambdaVariable ? fail(u"nested any() is not supported"_s) : nullptr;
        node->kind = Node::Any;
        if (peek().type == Token::RParen) {
            take();
            return node;
        }
        if (peek().type != Token::Ident || !m_lambda.isEmpty())
            return fail(u"expected a range variable"_s);
        m_lambda = take().text;
        if (!expect(Token::Colon, "':'"))
            return nullptr;
        node->left = parseOr();
        m_lambda.clear();
        if (!node->left || !expect(Token::RParen, "')'"))
            return nullptr;
        return node;
    }

    const QString &m_text;
    const QStringList &m_fields;
    std::vector<Token> m_tokens;
    size_t m_index = 0;
    int m_depth = 0;
    QString m_lambda;
    QString m_error;
};

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
    auto root = Parser(text, fields).parse(error);
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
