// SPDX-License-Identifier: MIT
#include "prompter.h"

#include <QDesktopServices>
#include <QFileDialog>
#include <QMessageBox>

void WidgetPrompter::about(QWidget *parent, const QString &title, const QString &text)
{
    QMessageBox::about(parent, title, text);
}

QString WidgetPrompter::saveFileName(
    QWidget *parent, const QString &caption, const QString &suggestedName, const QString &filter)
{
    return QFileDialog::getSaveFileName(parent, caption, suggestedName, filter);
}

QString WidgetPrompter::openFileName(QWidget *parent, const QString &caption, const QString &filter)
{
    return QFileDialog::getOpenFileName(parent, caption, {}, filter);
}

void WidgetPrompter::openUrl(const QUrl &url)
{
    QDesktopServices::openUrl(url);
}
