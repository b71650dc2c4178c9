// SPDX-License-Identifier: MIT
#pragma once

#include "appsettings.h"

#include <QDialog>

#include <memory>

namespace Ui {
class SettingsDialog;
}
class Prompter;

// Edits the connection settings. Custom URLs are checked as they are typed (plain http only for
// loopback hosts) and the error is shown next to the field. The app-only client secret is never
// part of AppSettings: it is handed over separately (clientSecret()) so the caller can put it
// straight into the keychain. OK is refused while a field is invalid.
class SettingsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsDialog)
public:
    SettingsDialog(const AppSettings &settings, Prompter *prompter, QWidget *parent = nullptr);
    ~SettingsDialog() override;

    AppSettings settings() const;
    // The secret typed in this time (app-only mode), empty when left unchanged.
    QString clientSecret() const;
    // Checks every field, shows the problems inline, returns true when all are acceptable.
    bool validate();

    void accept() override;

Q_SIGNALS:
    void settingsAccepted(const AppSettings &settings, const QString &clientSecret);

private:
    void updateEnabled();
    bool checkUrlField(const QString &text, class QLabel *errorLabel) const;
    void browseCaFile();

    const std::unique_ptr<Ui::SettingsDialog> m_ui;
    Prompter *m_prompter;
    AppSettings m_original;
};
