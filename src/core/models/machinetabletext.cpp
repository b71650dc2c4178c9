// SPDX-License-Identifier: MIT
// MachineTableModel's display helpers, shared with the GUI and the CLI.
#include "machinestore_p.h"
#include "machinetablemodel.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

QString squeezedLower(const QString &text)
{
    QString out;
    for (QChar c : text) {
        if (c.isLetterOrNumber())
            out.append(c.toLower());
    }
    return out;
}

// Plural forms come from the catalogue; without one (English) "(s)" is resolved here.
QString plural(QString text, qint64 n)
{
    return text.replace(u"(s)"_s, n == 1 ? QString() : u"s"_s);
}

} // namespace

QString MachineTableModel::platformText(const QString &osPlatform)
{
    const QString p = squeezedLower(osPlatform);
    if (p == u"windows10")
        return u"Windows 10"_s;
    if (p == u"windows11")
        return u"Windows 11"_s;
    if (p.startsWith(u"windowsserver") && p.size() >= 17) {
        QString text = u"Windows Server "_s + p.mid(13, 4);
        if (p.endsWith(u"r2"))
            text += u" R2"_s;
        return text;
    }
    if (p == u"macos")
        return u"macOS"_s;
    if (p == u"linux")
        return u"Linux"_s;
    if (p == u"ios")
        return u"iOS"_s;
    if (p == u"android")
        return u"Android"_s;
    return osPlatform;
}

QString MachineTableModel::healthText(const QString &healthStatus)
{
    switch (MachineBatch::healthRank(healthStatus)) {
    case 1:
        return tr("Active");
    case 2:
        return tr("Impaired communication");
    case 3:
        return tr("No sensor data");
    case 4:
        return tr("No sensor data, impaired communication");
    case 5:
        return tr("Inactive");
    case 6:
        return tr("Unknown");
    }
    return healthStatus;
}

QString MachineTableModel::riskText(const QString &riskScore)
{
    switch (MachineBatch::riskRank(riskScore)) {
    case 1:
        return tr("None");
    case 2:
        return tr("Informational");
    case 3:
        return tr("Low");
    case 4:
        return tr("Medium");
    case 5:
        return tr("High");
    }
    return riskScore;
}

QString MachineTableModel::exposureText(const QString &exposureLevel)
{
    switch (MachineBatch::exposureRank(exposureLevel)) {
    case 1:
        return tr("None");
    case 2:
        return tr("Low");
    case 3:
        return tr("Medium");
    case 4:
        return tr("High");
    }
    return exposureLevel;
}

QString MachineTableModel::deviceValueText(const QString &deviceValue)
{
    switch (MachineBatch::valueRank(deviceValue)) {
    case 1:
        return tr("Low");
    case 2:
        return tr("Normal");
    case 3:
        return tr("High");
    }
    return deviceValue;
}

QString MachineTableModel::relativeTimeText(qint64 thenMs, qint64 nowMs)
{
    const qint64 seconds = (nowMs - thenMs) / 1000;
    if (seconds < 60)
        return tr("just now");
    const qint64 minutes = seconds / 60;
    if (minutes < 60)
        return plural(tr("%n minute(s) ago", nullptr, int(minutes)), minutes);
    const qint64 hours = minutes / 60;
    if (hours < 24)
        return plural(tr("%n hour(s) ago", nullptr, int(hours)), hours);
    const qint64 days = hours / 24;
    if (days < 60)
        return plural(tr("%n day(s) ago", nullptr, int(days)), days);
    if (days < 365)
        return plural(tr("%n month(s) ago", nullptr, int(days / 30)), days / 30);
    const qint64 years = std::min<qint64>(days / 365, 9999);
    return plural(tr("%n year(s) ago", nullptr, int(years)), years);
}

QStringList MachineTableModel::knownHealthStatuses()
{
    return {u"Active"_s, u"ImpairedCommunication"_s, u"NoSensorData"_s,
        u"NoSensorDataImpairedCommunication"_s, u"Inactive"_s, u"Unknown"_s};
}

QStringList MachineTableModel::knownRiskScores()
{
    return {u"None"_s, u"Informational"_s, u"Low"_s, u"Medium"_s, u"High"_s};
}
