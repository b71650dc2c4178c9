// SPDX-License-Identifier: MIT
// The $filter grammar: a tokenizer and a recursive-descent parser building ODataFilter::Node.
#include "odata_p.h"

#include <optional>
#include <utility>

using namespace Qt::StringLiterals;
using namespace odata_detail;

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

} // namespace

std::unique_ptr<ODataFilter::Node> odata_detail::parseFilter(
    const QString &text, const QStringList &fields, QString *error)
{
    return Parser(text, fields).parse(error);
}
