// SPDX-License-Identifier: MIT
#include "endpoints.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace {

const QString CommercialResource = u"https://api.securitycenter.microsoft.com"_s;

} // namespace

std::optional<Endpoints> Endpoints::forCloud(Cloud cloud, const QString &region, QString *error)
{
    const QString r = region.trimmed().toLower();
    Endpoints e;
    e.cloud = cloud;
    switch (cloud) {
    case Cloud::Commercial:
        if (r.isEmpty()) {
            e.apiBase = QUrl(u"https://api.security.microsoft.com"_s);
        } else if (regions().contains(r)) {
            e.apiBase = QUrl(u"https://%1.api.security.microsoft.com"_s.arg(r));
        } else {
            if (error)
                *error = QCoreApplication::translate(
                    "Endpoints", "Unknown region \"%1\". Known regions: %2.")
                             .arg(region, regions().join(u", "));
            return std::nullopt;
        }
        e.authority = QUrl(u"https://login.microsoftonline.com"_s);
        e.resource = CommercialResource;
        e.portal = QUrl(u"https://security.microsoft.com"_s);
        return e;
    case Cloud::Gcc:
        e.apiBase = QUrl(u"https://api-gcc.securitycenter.microsoft.us"_s);
        e.authority = QUrl(u"https://login.microsoftonline.com"_s);
        e.portal = QUrl(u"https://security.microsoft.com"_s);
        break;
    case Cloud::GccHigh:
        e.apiBase = QUrl(u"https://api-gov.securitycenter.microsoft.us"_s);
        e.authority = QUrl(u"https://login.microsoftonline.us"_s);
        e.portal = QUrl(u"https://security.microsoft.us"_s);
        break;
    case Cloud::Dod:
        e.apiBase = QUrl(u"https://api-gov.securitycenter.microsoft.us"_s);
        e.authority = QUrl(u"https://login.microsoftonline.us"_s);
        e.portal = QUrl(u"https://security.apps.mil"_s);
        break;
    }
    if (!r.isEmpty()) {
        if (error)
            *error = QCoreApplication::translate(
                "Endpoints", "Regions exist only in the commercial cloud.");
        return std::nullopt;
    }
    // Not documented for the government clouds: default to the cloud's API host (a setting).
    e.resource = e.apiBase.toString();
    return e;
}

QStringList Endpoints::regions()
{
    return {u"us"_s, u"eu"_s, u"uk"_s, u"au"_s, u"swa"_s, u"ina"_s};
}

QUrl Endpoints::portalMachineUrl(const QString &machineId) const
{
    QUrl url = portal;
    QString path = url.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    url.setPath(path + u"/machines/"_s + machineId);
    return url;
}

QStringList Endpoints::delegatedScopes() const
{
    QString base = resource;
    while (base.endsWith(u'/'))
        base.chop(1);
    return {base + u"/Machine.Read"_s, base + u"/Machine.Offboard"_s, u"offline_access"_s,
        u"openid"_s, u"profile"_s};
}

QString Endpoints::appOnlyScope() const
{
    QString base = resource;
    while (base.endsWith(u'/'))
        base.chop(1);
    return base + u"/.default"_s;
}

QString cloudToString(Cloud cloud)
{
    switch (cloud) {
    case Cloud::Commercial:
        return u"commercial"_s;
    case Cloud::Gcc:
        return u"gcc"_s;
    case Cloud::GccHigh:
        return u"gcc-high"_s;
    case Cloud::Dod:
        return u"dod"_s;
    }
    return u"commercial"_s;
}

std::optional<Cloud> cloudFromString(const QString &text)
{
    const QString t = text.trimmed().toLower();
    for (Cloud c : {Cloud::Commercial, Cloud::Gcc, Cloud::GccHigh, Cloud::Dod}) {
        if (t == cloudToString(c))
            return c;
    }
    return std::nullopt;
}

// Without QHostAddress (the window side of the app links no QtNetwork): QUrl, in QtCore, parses a
// host with the same address parser and writes an address in one canonical form ("127.1" and
// "0x7f.0.0.1" become 127.0.0.1, "0:0::1" becomes ::1, "::ffff:7f00:1" ::ffff:127.0.0.1), and
// leaves a name as it is.
bool isLoopbackHost(const QString &host)
{
    QString h = host.trimmed();
    if (h.startsWith(u'[') && h.endsWith(u']'))
        h = h.mid(1, h.size() - 2);
    if (h.endsWith(u'.'))
        h.chop(1);
    if (h.compare(u"localhost", Qt::CaseInsensitive) == 0)
        return true;
    QUrl url;
    url.setHost(h);
    const QString canonical = url.host();
    if (canonical.isEmpty())
        return false;
    if (canonical == u"::1")
        return true;
    QStringView ipv4 = canonical;
    if (ipv4.startsWith(u"::ffff:"))
        ipv4 = ipv4.sliced(7); // an IPv4-mapped address
    else if (ipv4.contains(u':'))
        return false;
    // 127.0.0.0/8 as QUrl writes an address: four numbers of 0-255 without leading zeros. A name
    // that only looks like one ("127.0.0.256") is left as it is, and is not an address.
    const QList<QStringView> parts = ipv4.split(u'.');
    if (parts.size() != 4)
        return false;
    for (QStringView part : parts) {
        bool ok = false;
        const uint value = part.toUInt(&ok);
        if (!ok || value > 255 || QString::number(value) != part)
            return false;
    }
    return parts.constFirst() == u"127";
}

std::optional<QUrl> checkServiceUrl(const QString &text, QString *error)
{
    const auto refuse = [error](const QString &message) -> std::optional<QUrl> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return refuse(QCoreApplication::translate("Endpoints", "Enter the service address."));
    QUrl url(trimmed, QUrl::StrictMode);
    if (!url.isValid() || url.isRelative() || url.host().isEmpty())
        return refuse(QCoreApplication::translate("Endpoints",
            "\"%1\" is not a complete web address (for example "
            "https://api.security.microsoft.com).")
                          .arg(trimmed));
    const QString scheme = url.scheme().toLower();
    if (scheme != u"https" && scheme != u"http")
        return refuse(QCoreApplication::translate(
            "Endpoints", "The service address must start with https://."));
    if (!url.userInfo().isEmpty())
        return refuse(QCoreApplication::translate(
            "Endpoints", "The service address must not contain a user name or password."));
    if (scheme == u"http" && !isLoopbackHost(url.host()))
        return refuse(QCoreApplication::translate("Endpoints",
            "Plain http is allowed only for this computer (127.0.0.1, ::1, "
            "localhost); use https://."));
    url.setScheme(scheme);
    url = url.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment);
    QString path = url.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    url.setPath(path);
    return url;
}
