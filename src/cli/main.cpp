// SPDX-License-Identifier: MIT
#include "cliapp.h"

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    return CliApp::run(app);
}
