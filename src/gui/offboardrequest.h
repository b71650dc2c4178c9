// SPDX-License-Identifier: MIT
#pragma once

#include "machine.h"

#include <QMetaType>
#include <QString>
#include <QStringList>

// What the offboard dialog hands over once the user has confirmed: the devices to offboard (ids
// and names in the same order) and the trimmed comment. Excluded devices are never in it.
struct OffboardRequest
{
    QStringList machineIds;
    QStringList machineNames;
    QString comment;
};

// A device the user selected that will not be offboarded, and why (from the eligibility rules).
struct ExcludedMachine
{
    Machine machine;
    QString reason;
};

Q_DECLARE_METATYPE(OffboardRequest)
