// SPDX-License-Identifier: MIT
#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <optional>

struct Machine;

// The offboarding policy of contract section 6, shared by the GUI, the CLI and the models.
// Pure functions, no state, callable from any thread. The service stays the authority: a verdict
// here only decides what we offer and what we warn about before sending.

// Which published rules to apply. Rules2024 (the default) allows Windows only; Rules2026 adds
// macOS 14 and later and Linux.
enum class OsPolicy { Rules2024, Rules2026 };

// "2024" / "2026" (also "rules2024", case-insensitive) -> policy; anything else: nullopt.
std::optional<OsPolicy> osPolicyFromString(QStringView text);
QString osPolicyToString(OsPolicy policy); // "2024" / "2026"

struct EligibilityContext
{
    OsPolicy osPolicy = OsPolicy::Rules2024;
    bool canOffboard = false; // the token carries Machine.Offboard
    bool hasPendingOffboard = false; // this device has a Pending/InProgress Offboard action
};

struct Eligibility
{
    enum Verdict { Eligible, EligibleWithWarning, Refused };

    Verdict verdict = Refused;
    QStringList reasons; // translated sentences: every refusal and warning that applies

    bool isAllowed() const { return verdict != Refused; }
    bool hasWarning() const { return verdict == EligibleWithWarning; }
};

// The fields of a Machine the policy reads, as views (the item model keeps devices compactly
// and evaluates without building a Machine). The views must outlive the call.
struct EligibilityFacts
{
    QStringView osPlatform;
    QStringView version; // "1607", "21H2", …
    QStringView osVersion;
    std::optional<qint64> osBuild;
    QStringView healthStatus;
    QStringView onboardingStatus;

    static EligibilityFacts fromMachine(const Machine &machine);
};

// Rules (all that apply are reported; any refusal makes the verdict Refused):
// - no Machine.Offboard permission: refused;
// - a pending or in-progress offboard: refused;
// - onboardingStatus other than "Onboarded" (case-insensitive): refused;
// - Windows 11: ok. Windows 10: version 1703 and later ok, 1507/1511/1607 refused; an unknown
//   version falls back to osBuild (< 15063 refused); with neither: allowed with a warning;
// - Windows Server 2019, 2022, 2025 and later: ok; 2012 R2 and 2016: warning (unified agent);
//   2008 R2 / 2012: refused;
// - macOS / Linux: refused under Rules2024; under Rules2026 Linux ok, macOS 14+ ok (by osVersion,
//   else version major), older refused, unknown version: warning;
// - iOS, Android and anything else: refused;
// - healthStatus Inactive: warning (the device may never pick the offboard up).
Eligibility evaluateEligibility(const Machine &machine, const EligibilityContext &context);
Eligibility evaluateEligibility(const EligibilityFacts &facts, const EligibilityContext &context);

// The verdict alone, without building the translated reasons (fast: used over 100,000 rows).
Eligibility::Verdict eligibilityVerdict(
    const EligibilityFacts &facts, const EligibilityContext &context);

// Translated short text for a verdict: "Eligible", "Eligible with warning", "Not eligible".
QString eligibilityVerdictText(Eligibility::Verdict verdict);
