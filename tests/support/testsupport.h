// SPDX-License-Identifier: MIT
#pragma once

#include "simulator.h"

#include <memory>

// A simulator with the options (its request log off) listening on a free port of 127.0.0.1;
// null, with a warning that says why, when it cannot listen.
std::unique_ptr<Simulator> startLoopbackSimulator(SimulatorOptions options);
