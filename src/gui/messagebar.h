// SPDX-License-Identifier: MIT
#pragma once

#include <QFrame>

struct ApiError;
class QLabel;
class QToolButton;

// An inline, closable bar at the top of the window for errors, warnings and notices. It never
// blocks: a new message replaces the previous one. Errors from the service show its message,
// code and correlation id (ApiError::displayText) so a user can quote them.
class MessageBar final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MessageBar)
public:
    enum class Level { Information, Warning, Error };
    Q_ENUM(Level)

    explicit MessageBar(QWidget *parent = nullptr);
    ~MessageBar() override;

    void showMessage(Level level, const QString &text);
    void showError(const QString &context, const ApiError &error);
    void showError(const QString &text) { showMessage(Level::Error, text); }
    void showWarning(const QString &text) { showMessage(Level::Warning, text); }
    void showInformation(const QString &text) { showMessage(Level::Information, text); }
    void dismiss();

    QString text() const;
    Level level() const { return m_level; }

Q_SIGNALS:
    void dismissed();
    void messageShown(MessageBar::Level level, const QString &text); // each, as it is shown

private:
    QLabel *m_icon;
    QLabel *m_text;
    QToolButton *m_close;
    Level m_level = Level::Information;
};
