// SPDX-License-Identifier: MIT
#include "eligibility.h"
#include "machine.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestEligibility : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void policy_data();
    void policy();
    void verdictMatchesFullEvaluation();
    void reportsEveryReason();
    void policyStrings();
};

void TestEligibility::policy_data()
{
    QTest::addColumn<QString>("platform");
    QTest::addColumn<QString>("version");
    QTest::addColumn<QString>("osVersion");
    QTest::addColumn<qint64>("build"); // -1: none
    QTest::addColumn<QString>("health");
    QTest::addColumn<QString>("onboarding");
    QTest::addColumn<int>("policy");
    QTest::addColumn<bool>("canOffboard");
    QTest::addColumn<bool>("pending");
    QTest::addColumn<int>("verdict");
    QTest::addColumn<QString>("reason"); // a fragment of one reason; empty: no reasons

    const int y24 = int(OsPolicy::Rules2024);
    const int y26 = int(OsPolicy::Rules2026);
    const int ok = Eligibility::Eligible;
    const int warn = Eligibility::EligibleWithWarning;
    const int no = Eligibility::Refused;
    const QString A = u"Active"_s;
    const QString On = u"Onboarded"_s;
    auto row = [](const char *name) -> QTestData & { return QTest::newRow(name); };

    row("win11") << u"Windows11"_s << u""_s << u""_s << qint64(22631) << A << On << y24 << true
                 << false << ok << u""_s;
    row("win10 22H2") << u"Windows10"_s << u"22H2"_s << u""_s << qint64(19045) << A << On << y24
                      << true << false << ok << u""_s;
    row("win10 20H2") << u"Windows10"_s << u"20H2"_s << u""_s << qint64(-1) << A << On << y24
                      << true << false << ok << u""_s;
    row("win10 1703") << u"Windows10"_s << u"1703"_s << u""_s << qint64(-1) << A << On << y24
                      << true << false << ok << u""_s;
    row("win10 1709") << u"Windows10"_s << u"1709"_s << u""_s << qint64(-1) << A << On << y24
                      << true << false << ok << u""_s;
    row("win10 1607") << u"Windows10"_s << u"1607"_s << u""_s << qint64(14393) << A << On << y24
                      << true << false << no << u"1607"_s;
    row("win10 1511") << u"Windows10"_s << u"1511"_s << u""_s << qint64(-1) << A << On << y24
                      << true << false << no << u"1703"_s;
    row("win10 1507") << u"Windows10"_s << u"1507"_s << u""_s << qint64(-1) << A << On << y24
                      << true << false << no << u"1507"_s;
    row("win10 build 15063") << u"Windows10"_s << u""_s << u""_s << qint64(15063) << A << On << y24
                             << true << false << ok << u""_s;
    row("win10 build 14393") << u"Windows10"_s << u""_s << u""_s << qint64(14393) << A << On << y24
                             << true << false << no << u"14393"_s;
    row("win10 osVersion build") << u"Windows10"_s << u""_s << u"10.0.10586.0"_s << qint64(-1) << A
                                 << On << y24 << true << false << no << u"10586"_s;
    row("win10 unknown") << u"Windows10"_s << u"Other"_s << u""_s << qint64(-1) << A << On << y24
                         << true << false << warn << u"unknown"_s;
    row("server2019") << u"WindowsServer2019"_s << u""_s << u""_s << qint64(17763) << A << On << y24
                      << true << false << ok << u""_s;
    row("server2022") << u"WindowsServer2022"_s << u""_s << u""_s << qint64(-1) << A << On << y24
                      << true << false << ok << u""_s;
    row("server2025") << u"WindowsServer2025"_s << u""_s << u""_s << qint64(-1) << A << On << y24
                      << true << false << ok << u""_s;
    row("server2016") << u"WindowsServer2016"_s << u""_s << u""_s << qint64(-1) << A << On << y24
                      << true << false << warn << u"unified agent"_s;
    row("server2012R2") << u"WindowsServer2012R2"_s << u""_s << u""_s << qint64(-1) << A << On
                        << y24 << true << false << warn << u"2012 R2"_s;
    row("server2008R2") << u"WindowsServer2008R2"_s << u""_s << u""_s << qint64(-1) << A << On
                        << y24 << true << false << no << u"2008 R2"_s;
    row("macOS 2024") << u"macOS"_s << u""_s << u"14.2"_s << qint64(-1) << A << On << y24 << true
                      << false << no << u"2024 rules"_s;
    row("linux 2024") << u"Linux"_s << u""_s << u""_s << qint64(-1) << A << On << y24 << true
                      << false << no << u"2024 rules"_s;
    row("linux 2026") << u"Linux"_s << u""_s << u""_s << qint64(-1) << A << On << y26 << true
                      << false << ok << u""_s;
    row("ubuntu 2026") << u"Ubuntu"_s << u""_s << u""_s << qint64(-1) << A << On << y26 << true
                       << false << ok << u""_s;
    row("macOS 14 2026") << u"macOS"_s << u""_s << u"14.2.1"_s << qint64(-1) << A << On << y26
                         << true << false << ok << u""_s;
    row("macOS 15 by version") << u"macOS"_s << u"15.0"_s << u""_s << qint64(-1) << A << On << y26
                               << true << false << ok << u""_s;
    row("macOS 13 2026") << u"macOS"_s << u""_s << u"13.6"_s << qint64(-1) << A << On << y26 << true
                         << false << no << u"macOS 14"_s;
    row("macOS unknown 2026") << u"macOS"_s << u""_s << u""_s << qint64(-1) << A << On << y26
                              << true << false << warn << u"unknown"_s;
    row("iOS") << u"iOS"_s << u""_s << u"17"_s << qint64(-1) << A << On << y26 << true << false
               << no << u"iOS"_s;
    row("android") << u"Android"_s << u""_s << u""_s << qint64(-1) << A << On << y26 << true
                   << false << no << u"Android"_s;
    row("no platform") << u""_s << u""_s << u""_s << qint64(-1) << A << On << y24 << true << false
                       << no << u"platform"_s;
    row("pending") << u"Windows11"_s << u""_s << u""_s << qint64(-1) << A << On << y24 << true
                   << true << no << u"already pending"_s;
    row("inactive") << u"Windows11"_s << u""_s << u""_s << qint64(-1) << u"Inactive"_s << On << y24
                    << true << false << warn << u"inactive"_s;
    row("onboarded lowercase") << u"Windows11"_s << u""_s << u""_s << qint64(-1) << A
                               << u"onboarded"_s << y24 << true << false << ok << u""_s;
    row("can be onboarded") << u"Windows11"_s << u""_s << u""_s << qint64(-1) << A
                            << u"CanBeOnboarded"_s << y24 << true << false << no
                            << u"CanBeOnboarded"_s;
    row("no onboarding status") << u"Windows11"_s << u""_s << u""_s << qint64(-1) << A << u""_s
                                << y24 << true << false << no << u"not onboarded"_s;
    row("no permission") << u"Windows11"_s << u""_s << u""_s << qint64(-1) << A << On << y24
                         << false << false << no << u"Machine.Offboard"_s;
}

void TestEligibility::policy()
{
    QFETCH(QString, platform);
    QFETCH(QString, version);
    QFETCH(QString, osVersion);
    QFETCH(qint64, build);
    QFETCH(QString, health);
    QFETCH(QString, onboarding);
    QFETCH(int, policy);
    QFETCH(bool, canOffboard);
    QFETCH(bool, pending);
    QFETCH(int, verdict);
    QFETCH(QString, reason);

    Machine m;
    m.id = u"0123456789abcdef0123456789abcdef01234567"_s;
    m.osPlatform = platform;
    m.version = version;
    m.osVersion = osVersion;
    if (build >= 0)
        m.osBuild = build;
    m.healthStatus = health;
    m.onboardingStatus = onboarding;
    const EligibilityContext context {OsPolicy(policy), canOffboard, pending};

    const Eligibility result = evaluateEligibility(m, context);
    QCOMPARE(int(result.verdict), verdict);
    QCOMPARE(result.isAllowed(), verdict != Eligibility::Refused);
    if (reason.isEmpty()) {
        QVERIFY2(result.reasons.isEmpty(), qPrintable(result.reasons.join(u" | ")));
    } else {
        QVERIFY2(result.reasons.join(u" | ").contains(reason, Qt::CaseInsensitive),
            qPrintable(result.reasons.join(u" | ")));
    }
    for (const QString &sentence : result.reasons)
        QVERIFY(sentence.endsWith(u'.'));
    QCOMPARE(int(eligibilityVerdict(EligibilityFacts::fromMachine(m), context)), verdict);
}

void TestEligibility::verdictMatchesFullEvaluation()
{
    // The fast path and the full one must never disagree, whatever the combination.
    const QStringList platforms = {u"Windows10"_s, u"Windows11"_s, u"WindowsServer2016"_s,
        u"macOS"_s, u"Linux"_s, u"Android"_s};
    const QStringList versions = {u""_s, u"1607"_s, u"22H2"_s, u"13.1"_s, u"14.1"_s};
    for (const QString &platform : platforms) {
        for (const QString &version : versions) {
            for (int flags = 0; flags < 16; ++flags) {
                Machine m;
                m.osPlatform = platform;
                m.version = version;
                m.healthStatus = (flags & 1) ? u"Inactive"_s : u"Active"_s;
                m.onboardingStatus = (flags & 2) ? u"Onboarded"_s : u"Unsupported"_s;
                const EligibilityContext context {
                    (flags & 4) ? OsPolicy::Rules2026 : OsPolicy::Rules2024, bool(flags & 8),
                    false};
                QCOMPARE(eligibilityVerdict(EligibilityFacts::fromMachine(m), context),
                    evaluateEligibility(m, context).verdict);
            }
        }
    }
}

void TestEligibility::reportsEveryReason()
{
    Machine m;
    m.osPlatform = u"Windows10"_s;
    m.version = u"1607"_s;
    m.healthStatus = u"Inactive"_s;
    m.onboardingStatus = u"Offboarded"_s;
    const Eligibility result = evaluateEligibility(m, {OsPolicy::Rules2024, false, true});
    QCOMPARE(result.verdict, Eligibility::Refused);
    QCOMPARE(result.reasons.size(), 5); // permission, pending, onboarding, version, inactive
}

void TestEligibility::policyStrings()
{
    QCOMPARE(osPolicyFromString(u"2024"), OsPolicy::Rules2024);
    QCOMPARE(osPolicyFromString(u" Rules2026 "), OsPolicy::Rules2026);
    QVERIFY(!osPolicyFromString(u"2025").has_value());
    QCOMPARE(osPolicyToString(OsPolicy::Rules2026), u"2026"_s);
    QCOMPARE(osPolicyFromString(osPolicyToString(OsPolicy::Rules2024)), OsPolicy::Rules2024);
    QVERIFY(!eligibilityVerdictText(Eligibility::Refused).isEmpty());
}

QTEST_GUILESS_MAIN(TestEligibility)
#include "tst_eligibility.moc"
