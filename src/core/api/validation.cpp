// SPDX-License-Identifier: MIT
#include "validation.h"

#include <QCoreApplication>
#include <QStringView>

namespace {

bool isHex(QChar c)
{
    return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F');
}

// Characters a comment must not carry. A comment lands in the service's audit trail and in our
// history, and this is a security tool: besides control characters (Cc), refuse the line and
// paragraph separators and the bidirectional embedding, override and isolate controls, which can
// make a text display differently from what it says ("Trojan Source").
bool isRefused(char32_t c)
{
    if (QChar::category(c) == QChar::Other_Control)
        return true;
    if (c == 0x2028 || c == 0x2029)
        return true;
    if (c >= 0x202A && c <= 0x202E)
        return true;
    if (c >= 0x2066 && c <= 0x2069)
        return true;
    return false;
}

} // namespace

namespace Validation {

bool isMachineId(const QString &id)
{
    if (id.size() != 40)
        return false;
    for (QChar c : id) {
        if (!isHex(c))
            return false;
    }
    return true;
}

bool isActionId(const QString &id)
{
    if (id.size() != 36)
        return false;
    for (qsizetype i = 0; i < id.size(); ++i) {
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? id.at(i) != u'-' : !isHex(id.at(i)))
            return false;
    }
    return true;
}

bool isComputerName(const QString &name)
{
    // DNS name characters (and '_', which Windows NetBIOS-derived names carry). A leading dot or
    // dash is refused, which also keeps "." and ".." out of URL paths.
    if (name.isEmpty() || name.size() > 255)
        return false;
    if (name.front() == u'.' || name.front() == u'-')
        return false;
    for (QChar c : name) {
        const bool ok = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z')
            || (c >= u'0' && c <= u'9') || c == u'-' || c == u'.' || c == u'_';
        if (!ok)
            return false;
    }
    return !name.contains(QStringView(u".."));
}

CommentProblem checkComment(const QString &comment)
{
    const QString text = comment.trimmed();
    if (text.isEmpty())
        return CommentProblem::Empty;
    int codePoints = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        char32_t ucs = c.unicode();
        if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            ucs = QChar::surrogateToUcs4(c, text.at(i + 1));
            ++i;
        } else if (c.isSurrogate()) {
            return CommentProblem::ControlCharacter; // a broken pair: not text
        }
        if (isRefused(ucs))
            return CommentProblem::ControlCharacter;
        ++codePoints;
    }
    if (codePoints > MaxCommentLength)
        return CommentProblem::TooLong;
    return CommentProblem::None;
}

QString commentProblemText(CommentProblem problem)
{
    switch (problem) {
    case CommentProblem::None:
        return {};
    case CommentProblem::Empty:
        return QCoreApplication::translate("Validation", "Enter a comment.");
    case CommentProblem::TooLong:
        return QCoreApplication::translate(
            "Validation", "The comment is longer than %1 characters.")
            .arg(MaxCommentLength);
    case CommentProblem::ControlCharacter:
        return QCoreApplication::translate("Validation",
            "The comment contains a line break, a control character or a text-direction "
            "character. Use a single line of plain text.");
    }
    return {};
}

} // namespace Validation
