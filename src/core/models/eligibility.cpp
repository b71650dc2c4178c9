// SPDX-License-Identifier: MIT
#include "eligibility.h"
#include "machine.h"

using namespace Qt::StringLiterals;

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(Eligibility)
};

enum class Family { Unknown, Windows10, Windows11, WindowsServer, MacOs, Linux, Other };

struct Platform
{
    Family family = Family::Unknown;
    int serverYear = 0; // WindowsServer: 2012, 2016, 2019, …
    bool serverR2 = false;
};

bool isDigits(QStringView text)
{
    if (text.isEmpty())
        return false;
    for (QChar c : text) {
        if (!c.isDigit())
            return false;
    }
    return true;
}

// Lowercase ASCII letters and digits only: "Windows Server 2012 R2" == "WindowsServer2012R2".
QString squeeze(QStringView text)
{
    QString out;
    out.reserve(text.size());
    for (QChar c : text) {
        if (c.isLetterOrNumber() || c == u'.')
            out.append(c.toLower());
    }
    return out;
}

Platform classify(QStringView osPlatform)
{
    const QString p = squeeze(osPlatform);
    Platform result;
    if (p.isEmpty())
        return result;
    if (p == u"windows10") {
        result.family = Family::Windows10;
    } else if (p == u"windows11") {
        result.family = Family::Windows11;
    } else if (p.startsWith(u"windowsserver")) {
        QStringView rest = QStringView(p).mid(13);
        result.serverR2 = rest.endsWith(u"r2");
        if (result.serverR2)
            rest.chop(2);
        if (isDigits(rest) && rest.size() == 4) {
            result.family = Family::WindowsServer;
            result.serverYear = rest.toInt();
        } else {
            result.family = Family::Other;
        }
    } else if (p == u"macos" || p == u"macosx" || p == u"osx" || p == u"mac") {
        result.family = Family::MacOs;
    } else if (p.contains(u"linux") || p == u"ubuntu" || p == u"debian" || p == u"centos"
        || p == u"suse" || p == u"sles" || p == u"fedora" || p == u"rhel"
        || p.startsWith(u"redhat")) {
        result.family = Family::Linux;
    } else {
        result.family = Family::Other;
    }
    return result;
}

// Windows 10 feature-update version -> true (1703+), false (older), nullopt (unreadable).
std::optional<bool> windows10VersionSupported(QStringView version)
{
    version = version.trimmed();
    if (version.size() == 4 && isDigits(version))
        return version.toInt() >= 1703;
    // "20H2", "21H1", "22H2": half-year releases started in 2020
    if (version.size() == 4 && isDigits(version.left(2)) && version.at(2).toUpper() == u'H'
        && (version.at(3) == u'1' || version.at(3) == u'2'))
        return version.left(2).toInt() >= 20;
    return std::nullopt;
}

// "10.0.19045.3086" -> 19045
std::optional<qint64> buildFromOsVersion(QStringView osVersion)
{
    const auto parts = osVersion.trimmed().split(u'.');
    if (parts.size() >= 3 && parts.at(0) == u"10" && isDigits(parts.at(2)))
        return parts.at(2).toLongLong();
    return std::nullopt;
}

// "14.2.1" -> 14; 0 when unreadable
int majorVersion(QStringView text)
{
    text = text.trimmed();
    qsizetype end = 0;
    while (end < text.size() && text.at(end).isDigit())
        ++end;
    if (end == 0 || end > 4)
        return 0;
    return text.left(end).toInt();
}

constexpr qint64 Windows10Build1703 = 15063;

// The one implementation: with reasons == nullptr it returns at the first refusal and builds no
// text (the models evaluate 100,000 rows at a time).
Eligibility::Verdict evaluate(
    const EligibilityFacts &facts, const EligibilityContext &context, QStringList *reasons)
{
    bool refused = false;
    bool warned = false;
    auto refuse = [&](auto makeText) {
        refused = true;
        if (reasons)
            reasons->append(makeText());
        return reasons == nullptr;
    };
    auto warn = [&](auto makeText) {
        warned = true;
        if (reasons)
            reasons->append(makeText());
    };

    if (!context.canOffboard && refuse([] {
            return Text::tr("Your sign-in does not have the Machine.Offboard permission.");
        }))
        return Eligibility::Refused;

    if (context.hasPendingOffboard
        && refuse([] { return Text::tr("An offboard is already pending for this device."); }))
        return Eligibility::Refused;

    if (facts.onboardingStatus.compare(u"Onboarded", Qt::CaseInsensitive) != 0 && refuse([&] {
            return facts.onboardingStatus.isEmpty()
                ? Text::tr("The device is not onboarded (its onboarding status is unknown).")
                : Text::tr("The device is not onboarded (onboarding status: %1).")
                      .arg(facts.onboardingStatus);
        }))
        return Eligibility::Refused;

    const Platform platform = classify(facts.osPlatform);
    switch (platform.family) {
    case Family::Windows11:
        break;
    case Family::Windows10: {
        std::optional<bool> supported = windows10VersionSupported(facts.version);
        if (supported.has_value()) {
            if (!*supported && refuse([&] {
                    return Text::tr("Windows 10 version %1 cannot be offboarded: version "
                                    "1703 or later is required.")
                        .arg(facts.version.trimmed());
                }))
                return Eligibility::Refused;
            break;
        }
        std::optional<qint64> build = facts.osBuild;
        if (!build)
            build = buildFromOsVersion(facts.osVersion);
        if (build) {
            if (*build < Windows10Build1703 && refuse([&] {
                    return Text::tr("Windows 10 build %1 cannot be offboarded: version 1703 "
                                    "(build 15063) or later is required.")
                        .arg(*build);
                }))
                return Eligibility::Refused;
            break;
        }
        warn([] {
            return Text::tr("The Windows 10 version is unknown; only version 1703 and later "
                            "can be offboarded.");
        });
        break;
    }
    case Family::WindowsServer:
        if (platform.serverYear >= 2019)
            break;
        if (platform.serverYear == 2016 || (platform.serverYear == 2012 && platform.serverR2)) {
            warn([&] {
                return Text::tr("Windows Server %1 requires the unified agent to be offboarded.")
                    .arg(platform.serverR2 ? u"%1 R2"_s.arg(platform.serverYear)
                                           : QString::number(platform.serverYear));
            });
            break;
        }
        if (refuse([&] {
                return Text::tr("Windows Server %1 cannot be offboarded.")
                    .arg(platform.serverR2 ? u"%1 R2"_s.arg(platform.serverYear)
                                           : QString::number(platform.serverYear));
            }))
            return Eligibility::Refused;
        break;
    case Family::MacOs:
    case Family::Linux: {
        const bool mac = platform.family == Family::MacOs;
        if (context.osPolicy == OsPolicy::Rules2024) {
            if (refuse([&] {
                    return mac ? Text::tr("macOS devices are not supported under the 2024 rules.")
                               : Text::tr("Linux devices are not supported under the 2024 rules.");
                }))
                return Eligibility::Refused;
            break;
        }
        if (!mac)
            break;
        int major = majorVersion(facts.osVersion);
        if (major == 0)
            major = majorVersion(facts.version);
        if (major == 0) {
            warn([] {
                return Text::tr("The macOS version is unknown; only macOS 14 and later can be "
                                "offboarded.");
            });
        } else if (major < 14 && refuse([&] {
                       return Text::tr("macOS %1 cannot be offboarded: macOS 14 or later is "
                                       "required.")
                           .arg(major);
                   })) {
            return Eligibility::Refused;
        }
        break;
    }
    case Family::Unknown:
        if (refuse([] { return Text::tr("The device's platform is unknown."); }))
            return Eligibility::Refused;
        break;
    case Family::Other:
        if (refuse([&] {
                return Text::tr("Devices running %1 cannot be offboarded.").arg(facts.osPlatform);
            }))
            return Eligibility::Refused;
        break;
    }

    if (facts.healthStatus.compare(u"Inactive", Qt::CaseInsensitive) == 0) {
        warn([] {
            return Text::tr("The device is inactive: it receives the offboard only when it next "
                            "checks in, which may be never.");
        });
    }

    if (refused)
        return Eligibility::Refused;
    return warned ? Eligibility::EligibleWithWarning : Eligibility::Eligible;
}

} // namespace

std::optional<OsPolicy> osPolicyFromString(QStringView text)
{
    const QString t = text.trimmed().toString().toLower();
    if (t == u"2024" || t == u"rules2024")
        return OsPolicy::Rules2024;
    if (t == u"2026" || t == u"rules2026")
        return OsPolicy::Rules2026;
    return std::nullopt;
}

QString osPolicyToString(OsPolicy policy)
{
    return policy == OsPolicy::Rules2026 ? u"2026"_s : u"2024"_s;
}

EligibilityFacts EligibilityFacts::fromMachine(const Machine &machine)
{
    EligibilityFacts facts;
    facts.osPlatform = machine.osPlatform;
    facts.version = machine.version;
    facts.osVersion = machine.osVersion;
    facts.osBuild = machine.osBuild;
    facts.healthStatus = machine.healthStatus;
    facts.onboardingStatus = machine.onboardingStatus;
    return facts;
}

Eligibility evaluateEligibility(const Machine &machine, const EligibilityContext &context)
{
    return evaluateEligibility(EligibilityFacts::fromMachine(machine), context);
}

Eligibility evaluateEligibility(const EligibilityFacts &facts, const EligibilityContext &context)
{
    Eligibility result;
    result.verdict = evaluate(facts, context, &result.reasons);
    return result;
}

Eligibility::Verdict eligibilityVerdict(
    const EligibilityFacts &facts, const EligibilityContext &context)
{
    return evaluate(facts, context, nullptr);
}

QString eligibilityVerdictText(Eligibility::Verdict verdict)
{
    switch (verdict) {
    case Eligibility::Eligible:
        return Text::tr("Eligible");
    case Eligibility::EligibleWithWarning:
        return Text::tr("Eligible with warning");
    case Eligibility::Refused:
        break;
    }
    return Text::tr("Not eligible");
}
