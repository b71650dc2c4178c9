// SPDX-License-Identifier: MIT
#pragma once

#include <QPaintDevice>

#include <memory>

class QPainter;
class HairlineEngine;

// A painter that draws through to another, active painter and leaves the same pixels, except
// that semi-transparent one-pixel lines and rectangle outlines that run along the pixel grid are
// filled as one-pixel-wide rectangles, and rectangles are filled in bands of at most 64 rows.
//
// Why: Qt 6.4's raster engine draws such a line as one span per pixel and hands every batch of
// 96 or more spans to QThreadPool::globalInstance(), waiting for the parts to come back. The
// Fusion style draws its scroll bars and tool bars with them, and the first frame of the main
// window made about 200 such hand-offs. A filled rectangle is one span a row, and a fill of 96
// rows or more is handed over too, hence the bands.
//
// Everything else (paths, polygons, pixmaps, images, text, opaque or antialiased or transformed
// lines, other composition modes) is passed on unchanged, as is every change of state, so the
// target ends in the state it would have reached had it been painted on directly.
class HairlinePainter final : public QPaintDevice
{
public:
    // Whether `target` can be wrapped: an active raster painter on a device at a pixel ratio of 1.
    // (That is where the fills are avoided; at other ratios the state passed on would be scaled
    // twice.)
    static bool canWrap(const QPainter *target);

    // target: a painter canWrap() accepts; it must outlive this object.
    explicit HairlinePainter(QPainter *target);
    ~HairlinePainter() override;
    HairlinePainter(const HairlinePainter &) = delete;
    HairlinePainter &operator=(const HairlinePainter &) = delete;

    // The painter to draw with, set up like the target (pen, brush, font, transform, clip...).
    QPainter *painter() const { return m_painter.get(); }

    // How many lines or outline edges were filled instead of drawn (for tests).
    int filledCount() const;

    QPaintEngine *paintEngine() const override;

protected:
    int metric(PaintDeviceMetric metric) const override;

private:
    QPainter *m_target;
    std::unique_ptr<HairlineEngine> m_engine;
    std::unique_ptr<QPainter> m_painter;
};
