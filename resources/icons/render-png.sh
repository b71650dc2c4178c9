#!/bin/bash
# SPDX-License-Identifier: MIT
# Renders every SVG here to png/<name>-<size>.png (the sizes in src/gui/icons.cpp, PngSizes)
# with Qt's own SVG icon engine, so the app needs neither it nor QtSvg to build its window.
# Run it after changing an SVG, and commit the PNGs with it.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cat > "$work/render.cpp" <<'CPP'
#include <QDir>
#include <QGuiApplication>
#include <QIcon>
#include <QImage>
#include <QPainter>
#include <cstdio>
int main(int argc, char **argv)
{
    QGuiApplication app(argc, argv);
    const QDir in(QString::fromLocal8Bit(argv[1]));
    const QDir out(QString::fromLocal8Bit(argv[2]));
    for (const QString &file : in.entryList({QStringLiteral("*.svg")})) {
        const QIcon icon(in.filePath(file));
        for (int side : {16, 24, 32, 48}) {
            QImage image(side, side, QImage::Format_ARGB32_Premultiplied);
            image.fill(Qt::transparent);
            QPainter painter(&image);
            icon.paint(&painter, QRect(0, 0, side, side));
            painter.end();
            const QString name = file.chopped(4) + QStringLiteral("-%1.png").arg(side);
            if (!image.save(out.filePath(name))) {
                std::fprintf(stderr, "cannot write %s\n", qPrintable(out.filePath(name)));
                return 1;
            }
        }
    }
    return 0;
}
CPP
c++ -std=c++17 -O2 -fPIC "$work/render.cpp" -o "$work/render" $(pkg-config --cflags --libs Qt6Gui)
mkdir -p "$here/png"
QT_QPA_PLATFORM=offscreen "$work/render" "$here" "$here/png"
