// SPDX-License-Identifier: MIT
#include "console.h"

#include <cstdio>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {
void write(std::FILE *stream, const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
    std::fflush(stream);
}
} // namespace

Console::Console()
    : m_stdinTty(::isatty(STDIN_FILENO) == 1)
    , m_stderrTty(::isatty(STDERR_FILENO) == 1)
{ }

void Console::out(const QString &text)
{
    endProgress();
    write(stdout, text);
}

void Console::err(const QString &line)
{
    endProgress();
    write(stderr, u"mde-offboard-cli: "_s + line + u'\n');
}

void Console::note(const QString &line)
{
    endProgress();
    write(stderr, line + u'\n');
}

QByteArray Console::readStdin()
{
    QByteArray data;
    char buffer[65536];
    size_t got = 0;
    while ((got = std::fread(buffer, 1, sizeof buffer, stdin)) > 0)
        data.append(buffer, qsizetype(got));
    return data;
}

bool Console::confirm(const QString &question)
{
    endProgress();
    write(stderr, question + u' ');
    char line[256] = {};
    if (!std::fgets(line, sizeof line, stdin))
        return false;
    const QString answer = QString::fromLocal8Bit(line).trimmed().toLower();
    return answer == u"y"_s || answer == u"yes"_s;
}

void Console::progress(const QString &line)
{
    if (!m_stderrTty)
        return;
    write(stderr, u"\r\x1b[K"_s + line);
    m_progressShown = true;
}

void Console::endProgress()
{
    if (!m_progressShown)
        return;
    m_progressShown = false;
    write(stderr, u"\r\x1b[K"_s);
}
