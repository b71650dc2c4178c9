// SPDX-License-Identifier: MIT
#include "mainwindow.h"

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent)
{
    setWindowTitle(tr("MDE Offboard"));
}

MainWindow::~MainWindow() = default;
