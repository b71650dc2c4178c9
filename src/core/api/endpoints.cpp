// SPDX-License-Identifier: MIT
#include "endpoints.h"

#include <QCoreApplication>

#include <array>
#include <optional>

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

namespace {

// One decimal part of a dotted quad: 1-3 digits, no leading zero, at most 255.
std::optional<int> dottedPart(QStringView part)
{
    if (part.isEmpty() || part.size() > 3 || (part.size() > 1 && part.front() == u'0'))
        return std::nullopt;
    int value = 0;
    for (QChar c : part) {
        if (c < u'0' || c > u'9')
            return std::nullopt;
        value = value * 10 + (c.unicode() - u'0');
    }
    return value <= 255 ? std::optional<int>(value) : std::nullopt;
}

// a.b.c.d in decimal, as QUrl writes an IPv4 host.
std::optional<std::array<int, 4>> parseDottedQuad(QStringView text)
{
    std::array<int, 4> parts {};
    qsizetype n = 0;
    for (QStringView part : text.tokenize(u'.')) {
        if (n == 4)
            return std::nullopt;
        const auto value = dottedPart(part);
        if (!value)
            return std::nullopt;
        parts[n++] = *value;
    }
    return n == 4 ? std::optional<std::array<int, 4>>(parts) : std::nullopt;
}

// RFC 4291 text: up to eight groups of 1-4 hex digits, one "::", an optional dotted-quad tail
// for the last 32 bits. A zone ("%eth0") is not accepted.
std::optional<std::array<quint16, 8>> parseIpv6(QStringView text)
{
    std::array<quint16, 8> head {}, tail {};
    int headCount = 0, tailCount = 0;
    bool compressed = false;
    const qsizetype gap = text.indexOf(u"::");
    if (gap >= 0) {
        if (text.indexOf(u"::", gap + 1) >= 0)
            return std::nullopt;
        compressed = true;
    }
    const auto parseGroups
        = [](QStringView part, std::array<quint16, 8> &out, int &count, bool mayEndWithQuad) {
              if (part.isEmpty())
                  return true;
              const QList<QStringView> groups = part.split(u':');
              for (qsizetype i = 0; i < groups.size(); ++i) {
                  const QStringView group = groups.at(i);
                  if (mayEndWithQuad && i == groups.size() - 1 && group.contains(u'.')) {
                      const auto quad = parseDottedQuad(group);
                      if (!quad || count > 6)
                          return false;
                      out[count++] = quint16((*quad)[0] << 8 | (*quad)[1]);
                      out[count++] = quint16((*quad)[2] << 8 | (*quad)[3]);
                      continue;
                  }
                  if (group.isEmpty() || group.size() > 4 || count == 8)
                      return false;
                  bool ok = false;
                  const uint value = group.toUInt(&ok, 16);
                  // toUInt accepts a sign or "0x"; a group is hex digits only.
                  for (QChar c : group) {
                      if (!c.isDigit() && !(c >= u'a' && c <= u'f') && !(c >= u'A' && c <= u'F'))
                          return false;
                  }
                  if (!ok)
                      return false;
                  out[count++] = quint16(value);
              }
              return true;
          };
    if (compressed) {
        if (!parseGroups(text.first(gap), head, headCount, false)
            || !parseGroups(text.sliced(gap + 2), tail, tailCount, true)
            || headCount + tailCount > 7)
            return std::nullopt;
    } else if (!parseGroups(text, head, headCount, true) || headCount != 8) {
        return std::nullopt;
    }
    std::array<quint16, 8> address {};
    for (int i = 0; i < headCount; ++i)
        address[i] = head[i];
    for (int i = 0; i < tailCount; ++i)
        address[8 - tailCount + i] = tail[i];
    return address;
}

} // namespace

// Without QtNetwork (the window side of the app must not load it before its first frame; see
// docs/performance.md): canonical notations only, which is what QUrl::host() gives. Shorthand
// IPv4 forms ("127.1", octal, hex) are not taken as loopback, so plain http to them is refused.
bool isLoopbackHost(const QString &host)
{
    QString h = host.trimmed().toLower();
    if (h.startsWith(u'[') && h.endsWith(u']'))
        h = h.mid(1, h.size() - 2);
    if (h.endsWith(u'.'))
        h.chop(1);
    if (h == u"localhost")
        return true;
    if (h.contains(u':')) {
        const auto a = parseIpv6(h);
        if (!a)
            return false;
        const bool zeroHead
            = (*a)[0] == 0 && (*a)[1] == 0 && (*a)[2] == 0 && (*a)[3] == 0 && (*a)[4] == 0;
        if (zeroHead && (*a)[5] == 0 && (*a)[6] == 0 && (*a)[7] == 1)
            return true; // ::1
        return zeroHead && (*a)[5] == 0xffff && ((*a)[6] >> 8) == 127; // ::ffff:127.x.y.z
    }
    const auto quad = parseDottedQuad(h);
    return quad && (*quad)[0] == 127;
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
