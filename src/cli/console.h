// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QString>

// The process's standard streams: results on stdout, messages and progress on stderr (so that
// json and csv output stays clean), and the terminal checks behind confirmation and progress.
class Console final
{
public:
    Console();
    Q_DISABLE_COPY_MOVE(Console)

    void out(const QString &text); // as is
    void err(const QString &line); // "mde-offboard-cli: " + line + newline
    void note(const QString &line); // line + newline, no prefix

    bool isStdinTerminal() const { return m_stdinTty; }
    bool isStderrTerminal() const { return m_stderrTty; }

    QByteArray readStdin(); // until end of file
    // Asks on stderr, reads one line from stdin; true for "y" or "yes" (case-insensitive).
    bool confirm(const QString &question);

    // A progress line that rewrites itself on a terminal stderr; nothing otherwise.
    void progress(const QString &line);
    void endProgress();

private:
    bool m_stdinTty;
    bool m_stderrTty;
    bool m_progressShown = false;
};
