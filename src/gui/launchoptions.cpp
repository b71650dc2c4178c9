// SPDX-License-Identifier: MIT
#include "launchoptions.h"

#include "endpoints.h"

#include <QCommandLineParser>

using namespace Qt::StringLiterals;

std::optional<LaunchOptions> LaunchOptions::parse(const QStringList &arguments, QString *error)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Offboard devices from Microsoft Defender for Endpoint, safely."));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    const QCommandLineOption apiUrl(u"api-url"_s, tr("API base URL for this run."), tr("url"));
    const QCommandLineOption loginUrl(
        u"login-url"_s, tr("Sign-in authority URL for this run."), tr("url"));
    const QCommandLineOption tenant(
        u"tenant"_s, tr("Tenant id or domain for this run."), tr("tenant"));
    const QCommandLineOption clientId(
        u"client-id"_s, tr("Client (application) id for this run."), tr("id"));
    const QCommandLineOption appClientId(
        u"app-client-id"_s, tr("Client id used when signing in app-only."), tr("id"));
    const QCommandLineOption cloud(
        u"cloud"_s, tr("Cloud: commercial, gcc, gcc-high or dod."), tr("cloud"));
    const QCommandLineOption signIn(u"sign-in"_s,
        tr("Sign-in mode: interactive, or app-only (the client secret comes from the keychain "
           "or the MDE_CLIENT_SECRET environment variable)."),
        tr("mode"));
    const QCommandLineOption screenshot(u"screenshot"_s,
        tr("Save a picture of the window once the first devices are shown, then quit."),
        tr("file"));
    const QCommandLineOption screenshotDialog(u"screenshot-dialog"_s,
        tr("Save a picture of the offboard dialog for three eligible devices, then quit."),
        tr("file"));
    const QCommandLineOption quitAfterShow(u"quit-after-show"_s,
        tr("Print \"shown\" once the window's first frame is painted, then quit (to measure "
           "the start-up time)."));
    parser.addOptions({apiUrl, loginUrl, tenant, clientId, appClientId, cloud, signIn, screenshot,
        screenshotDialog, quitAfterShow});

    if (!parser.parse(arguments)) {
        if (error)
            *error = parser.errorText();
        return std::nullopt;
    }
    if (!parser.positionalArguments().isEmpty()) {
        if (error)
            *error = tr("Unexpected argument: %1").arg(parser.positionalArguments().first());
        return std::nullopt;
    }
    LaunchOptions options;
    options.showHelp = parser.isSet(help);
    options.showVersion = parser.isSet(version);
    options.helpText = parser.helpText();
    options.apiUrl = parser.value(apiUrl);
    options.loginUrl = parser.value(loginUrl);
    options.tenant = parser.value(tenant);
    options.clientId = parser.value(clientId);
    options.appClientId = parser.value(appClientId);
    options.cloud = parser.value(cloud);
    options.signIn = parser.value(signIn);
    options.screenshot = parser.value(screenshot);
    options.screenshotDialog = parser.value(screenshotDialog);
    options.quitAfterShow = parser.isSet(quitAfterShow);
    return options;
}

bool LaunchOptions::applyTo(AppSettings *settings, QString *error) const
{
    const auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    AppSettings result = *settings;
    if (!cloud.isEmpty()) {
        const auto value = cloudFromString(cloud);
        if (!value)
            return fail(
                tr("Unknown cloud \"%1\": use commercial, gcc, gcc-high or dod.").arg(cloud));
        result.cloud = *value;
        if (result.cloud != Cloud::Commercial)
            result.region.clear();
    }
    if (!signIn.isEmpty()) {
        const auto mode = signInModeFromString(signIn);
        if (!mode)
            return fail(
                tr("Unknown sign-in mode \"%1\": use interactive or app-only.").arg(signIn));
        result.signInMode = *mode;
    }
    QString problem;
    for (const QString &url : {apiUrl, loginUrl}) {
        if (!url.isEmpty() && !checkServiceUrl(url, &problem))
            return fail(problem);
    }
    if (!apiUrl.isEmpty())
        result.apiUrl = apiUrl;
    if (!loginUrl.isEmpty())
        result.loginUrl = loginUrl;
    if (!tenant.isEmpty()) {
        if (!isValidTenant(tenant))
            return fail(tr("The tenant must be a tenant id (GUID) or a domain name."));
        result.tenant = tenant;
    }
    const QString id = result.signInMode == SignInMode::AppOnly && !appClientId.isEmpty()
        ? appClientId
        : clientId;
    if (!id.isEmpty()) {
        if (!isValidClientId(id))
            return fail(tr("The client id must be a GUID."));
        result.clientId = id;
    }
    *settings = result;
    return true;
}
