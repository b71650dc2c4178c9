// SPDX-License-Identifier: MIT
// Machine actions for the ActionTableModel tests: numbered, with ids and device ids that sort
// in the order of n.
#pragma once

#include "machineaction.h"

#include <QDateTime>
#include <QString>

namespace ActionTestData {

inline MachineAction makeAction(int n, ActionStatus status, qint64 createdSecs)
{
    using namespace Qt::StringLiterals;
    MachineAction a;
    a.id = u"7f3c2b1e-5a4d-4e6f-9a8b-%1"_s.arg(n, 12, 10, QLatin1Char('0'));
    a.type = u"Offboard"_s;
    a.status = status;
    a.statusText = actionStatusToString(status);
    a.machineId = u"%1"_s.arg(n, 40, 10, QLatin1Char('a'));
    a.computerDnsName = u"pc-%1.contoso.com"_s.arg(n);
    a.requestor = n % 2 ? u"analyst@contoso.com"_s : u"admin@contoso.com"_s;
    a.requestorComment = u"Offboard %1"_s.arg(n);
    a.creationDateTimeUtc = QDateTime::fromSecsSinceEpoch(createdSecs, Qt::UTC);
    a.lastUpdateDateTimeUtc = a.creationDateTimeUtc.addSecs(60);
    return a;
}

} // namespace ActionTestData
