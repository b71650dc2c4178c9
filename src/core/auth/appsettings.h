// SPDX-License-Identifier: MIT
#pragma once

#include "endpoints.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

class QSettings;

enum class SignInMode {
    Interactive, // delegated: authorization code with PKCE through the system browser
    AppOnly // client credentials with a client secret kept in the keychain
};

QString signInModeToString(SignInMode mode); // "interactive", "app-only"
std::optional<SignInMode> signInModeFromString(const QString &text);

// The user's connection settings. Plain values only: NO secrets (the refresh token and the client
// secret live in the TokenStore). Stored with QSettings under organisation and application
// "mde-offboard" (group "connection"); unknown or invalid stored values fall back to defaults.
struct AppSettings
{
    Q_DECLARE_TR_FUNCTIONS(AppSettings)
public:
    Cloud cloud = Cloud::Commercial;
    QString region; // "" (global) or Endpoints::regions() (commercial only)
    QString tenant; // tenant id (GUID) or verified domain, e.g. contoso.onmicrosoft.com
    QString clientId; // the app registration's application (client) id
    SignInMode signInMode = SignInMode::Interactive;
    QString apiUrl; // custom API base URL (optional; e.g. the simulator)
    QString loginUrl; // custom sign-in authority (optional; e.g. the simulator)
    QString resource; // custom token resource / App ID URI (optional; default per cloud)
    QString caFile; // extra CA certificates (PEM) for TLS-inspecting proxies (optional)
    QString osPolicy = QStringLiteral("2024"); // "2024" or "2026" (contract section 6)
    QString loginHint; // the last signed-in account (UPN); not a secret

    static constexpr const char *organization = "mde-offboard";
    static constexpr const char *application = "mde-offboard";

    // From/to QSettings(organization, application).
    static AppSettings load();
    void save() const;
    // From/to any QSettings (tests, portable setups).
    static AppSettings load(QSettings &settings);
    void save(QSettings &settings) const;
    // Writes only the login hint (the session remembers the signed-in account this way).
    static void saveLoginHint(const QString &loginHint);

    // Tenant and client id are present and well-formed, the mode needs nothing else. On false,
    // *error says what is missing (translated).
    bool isComplete(QString *error = nullptr) const;

    // The effective endpoints: the cloud/region table, with apiUrl/loginUrl/resource overriding
    // when set. Custom URLs must pass checkServiceUrl (https, or http to loopback only).
    std::optional<Endpoints> endpoints(QString *error = nullptr) const;

    // The cloud as the status bar names it ("Commercial (EU)", "GCC High"), translated.
    QString cloudText() const;

    bool operator==(const AppSettings &other) const;
    bool operator!=(const AppSettings &other) const { return !(*this == other); }
};

// A tenant id is a GUID or a DNS domain name; a client id is a GUID.
bool isValidTenant(const QString &tenant);
bool isValidClientId(const QString &clientId);
