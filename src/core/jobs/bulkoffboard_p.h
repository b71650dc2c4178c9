// SPDX-License-Identifier: MIT
// Per-device bookkeeping of a BulkOffboard, shared by its two source files.
#pragma once

#include "bulkoffboard.h"

#include <QPointer>
#include <QTimer>

struct BulkOffboard::Work
{
    RateBudget::Ticket ticket = 0; // the POST's slot (or the look-up's while one waits)
    bool inBudget = false; // waiting in the budget
    bool inFlight = false; // a call is out
    bool lookingForPending = false;
    qint64 sentUtcMs = 0;
    int checks = 0;
    int retries429 = 0;
    QPointer<QTimer> checkTimer;
};
