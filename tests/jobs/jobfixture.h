// SPDX-License-Identifier: MIT
// An in-process simulator, a client signed in with an app token and a rate budget, for the
// end-to-end tests of the jobs.
#pragma once

#include "simclientfixture.h"

#include <QSignalSpy>
#include <QTest>

struct JobFixture : SimClientFixture
{
    // Same windows for the simulator and the budget. Returns false on failure (QVERIFY'd).
    bool setUp(const SimulatorOptions &options)
    {
        if (!start(options, allRoles(), limitsOf(options)))
            return false;
        client->setTransferTimeout(10000);
        return readPendingOffboards(); // the tenant seeds a few
    }
};
