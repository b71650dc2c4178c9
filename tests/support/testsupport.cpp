// SPDX-License-Identifier: MIT
#include "testsupport.h"

#include <QHostAddress>

std::unique_ptr<Simulator> startLoopbackSimulator(SimulatorOptions options)
{
    options.logRequests = false;
    auto sim = std::make_unique<Simulator>(options);
    QString error;
    if (!sim->listen(QHostAddress::LocalHost, 0, &error)) {
        qWarning("simulator: %s", qPrintable(error));
        return nullptr;
    }
    return sim;
}
