// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

// The cloud and region table of contract section 1, and the rule that plain http is accepted
// only for loopback hosts.
enum class Cloud { Commercial, Gcc, GccHigh, Dod };

struct Endpoints
{
    Cloud cloud = Cloud::Commercial;
    QUrl apiBase;       // e.g. https://api.security.microsoft.com
    QUrl authority;     // e.g. https://login.microsoftonline.com
    QString resource;   // token resource (App ID URI)
    QUrl portal;        // e.g. https://security.microsoft.com

    // Region: "" (global) or one of us, eu, uk, au, swa, ina (commercial only).
    static std::optional<Endpoints> forCloud(Cloud cloud, const QString &region = {},
                                             QString *error = nullptr);
    static QStringList regions();

    QUrl portalMachineUrl(const QString &machineId) const;
    // Scopes for delegated sign-in: Machine.Read, Machine.Offboard, offline_access, openid, profile.
    QStringList delegatedScopes() const;
    QString appOnlyScope() const; // {resource}/.default
};

QString cloudToString(Cloud cloud); // "commercial", "gcc", "gcc-high", "dod"
std::optional<Cloud> cloudFromString(const QString &text);

// Accepts https URLs, and http only when the host is loopback (127.0.0.0/8, ::1, localhost).
// Returns the normalised URL (no trailing slash, no query/fragment) or nullopt with *error.
std::optional<QUrl> checkServiceUrl(const QString &text, QString *error = nullptr);
// localhost, or an address in 127.0.0.0/8 or ::1 (also IPv4-mapped), in any notation QUrl reads.
bool isLoopbackHost(const QString &host);
