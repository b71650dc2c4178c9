// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QUrl>

class QWidget;

// The seam between widgets and anything that would block or leave the process: message boxes,
// file pickers, the desktop browser. Widgets call this interface instead of static QMessageBox or
// QFileDialog functions, so tests inject a recorder and nothing modal ever blocks them.
class Prompter
{
public:
    virtual ~Prompter() = default;

    virtual void about(QWidget *parent, const QString &title, const QString &text) = 0;
    // Returns the chosen file, or an empty string when the user cancelled.
    virtual QString saveFileName(QWidget *parent, const QString &caption,
        const QString &suggestedName, const QString &filter)
        = 0;
    virtual QString openFileName(QWidget *parent, const QString &caption, const QString &filter)
        = 0;
    virtual void openUrl(const QUrl &url) = 0;
};

// The real thing: QMessageBox, QFileDialog, QDesktopServices.
class WidgetPrompter final : public Prompter
{
public:
    void about(QWidget *parent, const QString &title, const QString &text) override;
    QString saveFileName(QWidget *parent, const QString &caption, const QString &suggestedName,
        const QString &filter) override;
    QString openFileName(QWidget *parent, const QString &caption, const QString &filter) override;
    void openUrl(const QUrl &url) override;
};
