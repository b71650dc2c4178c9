// SPDX-License-Identifier: MIT
#include "appsettings.h"

#include <QRegularExpression>
#include <QSettings>

using namespace Qt::StringLiterals;

namespace {
const auto group = u"connection"_s;

QString defaultResourceFor(const Endpoints &endpoints)
{
    return endpoints.resource;
}
} // namespace

QString signInModeToString(SignInMode mode)
{
    return mode == SignInMode::AppOnly ? u"app-only"_s : u"interactive"_s;
}

std::optional<SignInMode> signInModeFromString(const QString &text)
{
    const QString t = text.trimmed().toLower();
    if (t == u"interactive"_s)
        return SignInMode::Interactive;
    if (t == u"app-only"_s)
        return SignInMode::AppOnly;
    return std::nullopt;
}

bool isValidClientId(const QString &clientId)
{
    static const QRegularExpression guid(
        u"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"_s);
    return guid.match(clientId).hasMatch();
}

bool isValidTenant(const QString &tenant)
{
    if (isValidClientId(tenant))
        return true;
    // A verified domain: DNS labels, at least two of them. Nothing else may reach a URL path.
    static const QRegularExpression domain(
        u"^(?=.{4,253}$)([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\\.)+[a-zA-Z]{2,63}$"_s);
    return domain.match(tenant).hasMatch();
}

AppSettings AppSettings::load()
{
    QSettings settings(QString::fromLatin1(organization), QString::fromLatin1(application));
    return load(settings);
}

void AppSettings::save() const
{
    QSettings settings(QString::fromLatin1(organization), QString::fromLatin1(application));
    save(settings);
}

AppSettings AppSettings::load(QSettings &settings)
{
    AppSettings s;
    settings.beginGroup(group);
    s.cloud = cloudFromString(settings.value(u"cloud"_s).toString()).value_or(Cloud::Commercial);
    s.region = settings.value(u"region"_s).toString().trimmed().toLower();
    if (!s.region.isEmpty() && !Endpoints::regions().contains(s.region))
        s.region.clear();
    s.tenant = settings.value(u"tenant"_s).toString().trimmed();
    s.clientId = settings.value(u"clientId"_s).toString().trimmed();
    s.signInMode = signInModeFromString(settings.value(u"signInMode"_s).toString())
                       .value_or(SignInMode::Interactive);
    s.apiUrl = settings.value(u"apiUrl"_s).toString().trimmed();
    s.loginUrl = settings.value(u"loginUrl"_s).toString().trimmed();
    s.resource = settings.value(u"resource"_s).toString().trimmed();
    s.caFile = settings.value(u"caFile"_s).toString();
    const QString policy = settings.value(u"osPolicy"_s).toString();
    s.osPolicy = policy == u"2026"_s ? policy : u"2024"_s;
    s.loginHint = settings.value(u"loginHint"_s).toString().trimmed();
    settings.endGroup();
    return s;
}

void AppSettings::save(QSettings &settings) const
{
    settings.beginGroup(group);
    settings.setValue(u"cloud"_s, cloudToString(cloud));
    settings.setValue(u"region"_s, region);
    settings.setValue(u"tenant"_s, tenant);
    settings.setValue(u"clientId"_s, clientId);
    settings.setValue(u"signInMode"_s, signInModeToString(signInMode));
    settings.setValue(u"apiUrl"_s, apiUrl);
    settings.setValue(u"loginUrl"_s, loginUrl);
    settings.setValue(u"resource"_s, resource);
    settings.setValue(u"caFile"_s, caFile);
    settings.setValue(u"osPolicy"_s, osPolicy);
    settings.setValue(u"loginHint"_s, loginHint);
    settings.endGroup();
    settings.sync();
}

void AppSettings::saveLoginHint(const QString &loginHint)
{
    QSettings settings(QString::fromLatin1(organization), QString::fromLatin1(application));
    settings.beginGroup(group);
    settings.setValue(u"loginHint"_s, loginHint);
    settings.endGroup();
    settings.sync();
}

bool AppSettings::isComplete(QString *error) const
{
    QString message;
    if (tenant.isEmpty())
        message = tr("Enter the tenant (directory) id.");
    else if (!isValidTenant(tenant))
        message = tr("The tenant must be a directory id (GUID) or a domain such as "
                     "contoso.onmicrosoft.com.");
    else if (clientId.isEmpty())
        message = tr("Enter the application (client) id of the app registration.");
    else if (!isValidClientId(clientId))
        message = tr("The application (client) id must be a GUID.");
    if (error)
        *error = message;
    return message.isEmpty();
}

std::optional<Endpoints> AppSettings::endpoints(QString *error) const
{
    QString why;
    auto result = Endpoints::forCloud(cloud, region, &why);
    if (!result) {
        if (error)
            *error = why;
        return std::nullopt;
    }
    if (!apiUrl.isEmpty()) {
        const auto url = checkServiceUrl(apiUrl, &why);
        if (!url) {
            if (error)
                *error = tr("API URL: %1").arg(why);
            return std::nullopt;
        }
        result->apiBase = *url;
    }
    if (!loginUrl.isEmpty()) {
        const auto url = checkServiceUrl(loginUrl, &why);
        if (!url) {
            if (error)
                *error = tr("Sign-in URL: %1").arg(why);
            return std::nullopt;
        }
        result->authority = *url;
    }
    if (!resource.isEmpty()) {
        if (resource.contains(QRegularExpression(u"[\\s\"<>]"_s))) {
            if (error)
                *error = tr("The token resource must not contain spaces or quotes.");
            return std::nullopt;
        }
        result->resource = resource;
    } else {
        result->resource = defaultResourceFor(*result);
    }
    return result;
}

QString AppSettings::cloudText() const
{
    // In the "Backend" context, where these texts were first translated.
    const auto text
        = [](const char *source) { return QCoreApplication::translate("Backend", source); };
    switch (cloud) {
    case Cloud::Commercial:
        return region.isEmpty()
            ? text(QT_TRANSLATE_NOOP("Backend", "Commercial"))
            : text(QT_TRANSLATE_NOOP("Backend", "Commercial (%1)")).arg(region.toUpper());
    case Cloud::Gcc:
        return text(QT_TRANSLATE_NOOP("Backend", "GCC"));
    case Cloud::GccHigh:
        return text(QT_TRANSLATE_NOOP("Backend", "GCC High"));
    case Cloud::Dod:
        return text(QT_TRANSLATE_NOOP("Backend", "DoD"));
    }
    return {};
}

bool AppSettings::operator==(const AppSettings &o) const
{
    return cloud == o.cloud && region == o.region && tenant == o.tenant && clientId == o.clientId
        && signInMode == o.signInMode && apiUrl == o.apiUrl && loginUrl == o.loginUrl
        && resource == o.resource && caFile == o.caFile && osPolicy == o.osPolicy
        && loginHint == o.loginHint;
}
