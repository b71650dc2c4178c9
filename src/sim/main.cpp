// SPDX-License-Identifier: MIT
// mde-sim: the Defender for Endpoint simulator as a process (same options as Simulator).
#include "simulator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSocketNotifier>

#include <csignal>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

int signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(signalPipe[1], &byte, 1);
}

QString tr(const char *text)
{
    return QCoreApplication::translate("mde-sim", text);
}

void printLine(const QString &line, FILE *stream = stdout)
{
    std::fputs((line + u'\n').toLocal8Bit().constData(), stream);
    std::fflush(stream);
}

[[noreturn]] void fail(const QString &message)
{
    printLine(u"mde-sim: "_s + message, stderr);
    std::exit(2);
}

int intOption(const QCommandLineParser &parser, const QString &name, int min, int max)
{
    bool ok = false;
    const int value = parser.value(name).toInt(&ok);
    if (!ok || value < min || value > max)
        fail(tr("--%1 wants a whole number from %2 to %3.").arg(name).arg(min).arg(max));
    return value;
}

QStringList listOption(const QCommandLineParser &parser, const QString &name)
{
    return parser.value(name).split(QRegularExpression(u"[ ,]+"_s), Qt::SkipEmptyParts);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    // Before anything can log: QtHttpServer's debug lines would carry Authorization headers.
    Simulator::installLogFilter();
    QCoreApplication::setApplicationName(u"mde-sim"_s);
    const SimulatorOptions defaults;

    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Simulates the Microsoft Defender for Endpoint API and the Microsoft identity platform "
           "on a loopback address, for demos and tests."));
    parser.addHelpOption();
    const auto num = [](int value) { return QString::number(value); };
    QList<QCommandLineOption> options = {
        {u"port"_s, tr("TCP port to listen on; 0 picks a free one."), u"port"_s, u"0"_s},
        {u"host"_s, tr("Loopback address to listen on."), u"address"_s, u"127.0.0.1"_s},
        {u"devices"_s, tr("Number of devices in the tenant (1 to 200000)."), u"n"_s,
            num(defaults.devices)},
        {u"seed"_s, tr("Seed of the generated tenant and of random faults."), u"n"_s,
            QString::number(defaults.seed)},
        {u"tenant"_s, tr("Tenant id (GUID)."), u"guid"_s, defaults.tenant},
        {u"client-id"_s, tr("Client id of the public (interactive) app."), u"guid"_s,
            defaults.clientId},
        {u"app-client-id"_s, tr("Client id of the confidential (app-only) app."), u"guid"_s,
            defaults.appClientId},
        {u"client-secret"_s, tr("Client secret of the confidential app (a demo value)."),
            u"secret"_s, defaults.clientSecret},
        {u"user"_s, tr("UPN of the user who signs in."), u"upn"_s, defaults.userUpn},
        {u"user-scopes"_s, tr("Delegated permissions the user may consent to (comma list)."),
            u"list"_s, defaults.userScopes.join(u',')},
        {u"user-device-groups"_s,
            tr("Device groups (rbacGroupId, comma list) the user may see; \"all\" or \"none\"."),
            u"list"_s, u"all"_s},
        {u"app-roles"_s, tr("Application roles granted to the confidential app (comma list)."),
            u"list"_s, defaults.appRoles.join(u',')},
        {u"token-lifetime"_s, tr("Access token lifetime in seconds."), u"s"_s,
            num(defaults.tokenLifetimeSeconds)},
        {u"rate-per-minute"_s, tr("Calls per endpoint per minute window (0: unlimited)."), u"n"_s,
            num(defaults.perMinute)},
        {u"rate-per-hour"_s, tr("Calls per endpoint per hour window (0: unlimited)."), u"n"_s,
            num(defaults.perHour)},
        {u"minute-window-ms"_s, tr("Length of the \"minute\" rate window in ms."), u"ms"_s,
            num(defaults.minuteWindowMs)},
        {u"hour-window-ms"_s, tr("Length of the \"hour\" rate window in ms."), u"ms"_s,
            num(defaults.hourWindowMs)},
        {u"pending-ms"_s, tr("Time an action stays Pending before InProgress."), u"ms"_s,
            num(defaults.pendingMs)},
        {u"in-progress-ms"_s, tr("Time an action stays InProgress before Succeeded."), u"ms"_s,
            num(defaults.inProgressMs)},
        {u"timeout-ms"_s, tr("Time until an action on a device that never checks in times out."),
            u"ms"_s, num(defaults.timeoutMs)},
        {u"os-policy"_s,
            tr("Offboarding OS policy: 2024 (Windows only) or 2026 (adds macOS 14+ "
               "and Linux)."),
            u"year"_s, defaults.osPolicy},
        {u"offboard-status"_s, tr("HTTP status of an accepted offboard: 200 or 201."), u"code"_s,
            num(defaults.offboardStatus)},
        {u"tls-cert"_s, tr("PEM certificate; with --tls-key serves HTTPS."), u"file"_s},
        {u"tls-key"_s, tr("PEM private key for --tls-cert."), u"file"_s},
        {u"fault"_s,
            tr("A fault as JSON, e.g. {\"endpoint\":\"offboard\",\"resetBefore\":1}; "
               "repeatable. Faults can also be set at run time with POST /admin/faults."),
            u"json"_s},
        {u"quiet"_s, tr("Do not log requests on stderr.")},
    };
    for (auto &option : options) {
        if (!option.defaultValues().isEmpty())
            option.setDescription(
                tr("%1 Default: %2.").arg(option.description(), option.defaultValues().join(u',')));
    }
    parser.addOptions(options);
    parser.process(app);

    SimulatorOptions o;
    o.devices = intOption(parser, u"devices"_s, 1, 200000);
    bool seedOk = false;
    o.seed = parser.value(u"seed"_s).toUInt(&seedOk);
    if (!seedOk)
        fail(tr("--seed wants a whole number."));
    o.tenant = parser.value(u"tenant"_s);
    o.clientId = parser.value(u"client-id"_s);
    o.appClientId = parser.value(u"app-client-id"_s);
    o.clientSecret = parser.value(u"client-secret"_s);
    o.userUpn = parser.value(u"user"_s);
    o.userScopes = listOption(parser, u"user-scopes"_s);
    o.appRoles = listOption(parser, u"app-roles"_s);
    const QString groupsText = parser.value(u"user-device-groups"_s).trimmed();
    if (groupsText.compare(u"all"_s, Qt::CaseInsensitive) != 0) {
        QList<int> groups;
        if (groupsText.compare(u"none"_s, Qt::CaseInsensitive) != 0) {
            const QStringList items = listOption(parser, u"user-device-groups"_s);
            for (const QString &item : items) {
                bool ok = false;
                const int group = item.toInt(&ok);
                if (!ok || group < 0)
                    fail(tr("--user-device-groups wants rbacGroupIds, \"all\" or \"none\"."));
                groups.append(group);
            }
        }
        o.userDeviceGroups.insert(o.userUpn, groups);
    }
    o.tokenLifetimeSeconds = intOption(parser, u"token-lifetime"_s, 1, 86400 * 30);
    o.perMinute = intOption(parser, u"rate-per-minute"_s, 0, 1000000);
    o.perHour = intOption(parser, u"rate-per-hour"_s, 0, 100000000);
    o.minuteWindowMs = intOption(parser, u"minute-window-ms"_s, 1, 86400000);
    o.hourWindowMs = intOption(parser, u"hour-window-ms"_s, 1, 86400000 * 7);
    o.pendingMs = intOption(parser, u"pending-ms"_s, 0, 86400000 * 7);
    o.inProgressMs = intOption(parser, u"in-progress-ms"_s, 0, 86400000 * 7);
    o.timeoutMs = intOption(parser, u"timeout-ms"_s, 0, 86400000 * 7);
    o.osPolicy = parser.value(u"os-policy"_s);
    if (o.osPolicy != u"2024"_s && o.osPolicy != u"2026"_s)
        fail(tr("--os-policy is 2024 or 2026."));
    o.offboardStatus = intOption(parser, u"offboard-status"_s, 200, 201);
    o.tlsCertFile = parser.value(u"tls-cert"_s);
    o.tlsKeyFile = parser.value(u"tls-key"_s);
    if (o.tlsCertFile.isEmpty() != o.tlsKeyFile.isEmpty())
        fail(tr("--tls-cert and --tls-key go together."));
    o.logRequests = !parser.isSet(u"quiet"_s);

    QHostAddress host;
    const QString hostText = parser.value(u"host"_s);
    if (hostText.compare(u"localhost"_s, Qt::CaseInsensitive) == 0)
        host = QHostAddress::LocalHost;
    else if (!host.setAddress(hostText) || !host.isLoopback())
        fail(tr("--host must be a loopback address such as 127.0.0.1."));
    const quint16 port = quint16(intOption(parser, u"port"_s, 0, 65535));

    Simulator simulator(o);
    const QStringList faults = parser.values(u"fault"_s);
    for (const QString &text : faults) {
        QJsonParseError error {};
        const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject())
            fail(tr("--fault wants a JSON object: %1").arg(text));
        simulator.addFault(FaultSpec::fromJson(doc.object()));
    }
    QString error;
    if (!simulator.listen(host, port, &error))
        fail(error);

    // Scripts read this first line to find the port: keep its form.
    printLine(u"mde-sim listening on %1"_s.arg(simulator.baseUrl().toString()));
    printLine(tr("  devices:        %1 (seed %2)").arg(simulator.deviceCount()).arg(o.seed));
    printLine(tr("  tenant:         %1").arg(o.tenant));
    printLine(tr("  client id:      %1 (public app, sign-in with PKCE)").arg(o.clientId));
    printLine(tr("  app client id:  %1 (confidential app, roles %2)")
                  .arg(o.appClientId, o.appRoles.join(u", "_s)));
    printLine(tr("  demo secret:    %1 (the simulator's own demo secret, not a real one)")
                  .arg(o.clientSecret));
    printLine(tr("  user:           %1 (scopes %2)").arg(o.userUpn, o.userScopes.join(u", "_s)));
    if (o.userDeviceGroups.contains(o.userUpn)) {
        QStringList groups;
        for (const int group : o.userDeviceGroups.value(o.userUpn))
            groups.append(QString::number(group));
        printLine(tr("  device groups:  %1 (the user sees only these)")
                      .arg(groups.isEmpty() ? tr("none") : groups.join(u", "_s)));
    }
    printLine(tr("  authority:      %1/%2").arg(simulator.baseUrl().toString(), o.tenant));

    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, signalPipe) == 0) {
        auto *notifier = new QSocketNotifier(signalPipe[0], QSocketNotifier::Read, &app);
        QObject::connect(notifier, &QSocketNotifier::activated, &app, [] {
            char byte = 0;
            [[maybe_unused]] const auto got = ::read(signalPipe[0], &byte, 1);
            QCoreApplication::quit();
        });
        std::signal(SIGINT, onSignal);
        std::signal(SIGTERM, onSignal);
    }
    return QCoreApplication::exec();
}
