// SPDX-License-Identifier: MIT
#include "allocatortuning.h"
#include "cliapp.h"

int main(int argc, char *argv[])
{
    limitAllocatorArenas(); // before any thread: see allocatortuning.h
    QCoreApplication app(argc, argv);
    return CliApp::run(app);
}
