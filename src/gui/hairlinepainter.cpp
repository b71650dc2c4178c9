// SPDX-License-Identifier: MIT
#include "hairlinepainter.h"

#include <QPaintEngine>
#include <QPainter>
#include <QPainterPath>
#include <QVarLengthArray>

#include <algorithm>
#include <cmath>

namespace {

bool isIntegral(qreal value)
{
    return std::isfinite(value) && std::floor(value) == value;
}

bool isIntegral(const QLineF &line)
{
    return isIntegral(line.x1()) && isIntegral(line.y1()) && isIntegral(line.x2())
        && isIntegral(line.y2());
}

bool isIntegral(const QRectF &rect)
{
    return isIntegral(rect.x()) && isIntegral(rect.y()) && isIntegral(rect.width())
        && isIntegral(rect.height());
}

Qt::FillRule fillRule(QPaintEngine::PolygonDrawMode mode)
{
    return mode == QPaintEngine::OddEvenMode ? Qt::OddEvenFill : Qt::WindingFill;
}

} // namespace

// Passes every change of state and every drawing on to the target painter, filling the
// hairlines HairlinePainter describes instead of stroking them.
class HairlineEngine final : public QPaintEngine
{
public:
    explicit HairlineEngine(QPainter *target)
        : QPaintEngine(AllFeatures)
        , m_target(target)
    { }

    // While false, changes of state are not passed on (they only copy the target's own).
    void setForwarding(bool forwarding) { m_forwarding = forwarding; }
    int filledCount() const { return m_filled; }

    bool begin(QPaintDevice *) override { return true; }
    bool end() override { return true; }
    Type type() const override { return User; }

    void updateState(const QPaintEngineState &state) override
    {
        if (!m_forwarding)
            return;
        const DirtyFlags dirty = state.state();
        // The transform first: a clip is given in the coordinates of the transform it was set
        // under, and QPainter hands each clip over as it is set.
        if (dirty & DirtyTransform)
            m_target->setWorldTransform(state.transform());
        if (dirty & DirtyPen)
            m_target->setPen(state.pen());
        if (dirty & DirtyBrush)
            m_target->setBrush(state.brush());
        if (dirty & DirtyBrushOrigin)
            m_target->setBrushOrigin(state.brushOrigin());
        if (dirty & DirtyFont)
            m_target->setFont(state.font());
        if (dirty & DirtyBackground)
            m_target->setBackground(state.backgroundBrush());
        if (dirty & DirtyBackgroundMode)
            m_target->setBackgroundMode(state.backgroundMode());
        if (dirty & DirtyHints) {
            m_target->setRenderHints(m_target->renderHints(), false);
            m_target->setRenderHints(state.renderHints(), true);
        }
        if (dirty & DirtyCompositionMode)
            m_target->setCompositionMode(state.compositionMode());
        if (dirty & DirtyOpacity)
            m_target->setOpacity(state.opacity());
        // QPainter::restore() hands a clip that was not there when saved over as "no clip".
        // Qt 6.4's raster engine would go on clipping semi-transparent hairlines after a NoClip
        // operation; switching clipping off is what restoring the target would have done.
        const bool noClip
            = (dirty & (DirtyClipRegion | DirtyClipPath)) && state.clipOperation() == Qt::NoClip;
        if (noClip)
            m_target->setClipping(false);
        else if (dirty & DirtyClipRegion)
            m_target->setClipRegion(state.clipRegion(), state.clipOperation());
        else if (dirty & DirtyClipPath)
            m_target->setClipPath(state.clipPath(), state.clipOperation());
        if ((dirty & DirtyClipEnabled) && !noClip)
            m_target->setClipping(state.isClipEnabled());
    }

    void drawLines(const QLine *lines, int count) override
    {
        if (!fillsHairlines())
            return m_target->drawLines(lines, count);
        for (int i = 0; i < count; ++i) {
            if (!fillHairline(lines[i]))
                m_target->drawLine(lines[i]);
        }
    }

    void drawLines(const QLineF *lines, int count) override
    {
        if (!fillsHairlines())
            return m_target->drawLines(lines, count);
        for (int i = 0; i < count; ++i) {
            if (!isIntegral(lines[i]) || !fillHairline(lines[i].toLine()))
                m_target->drawLine(lines[i]);
        }
    }

    void drawRects(const QRect *rects, int count) override
    {
        if (!std::all_of(rects, rects + count, [](const QRect &r) { return isOutlinable(r); })
            || !fillRects(rects, count))
            m_target->drawRects(rects, count);
    }

    void drawRects(const QRectF *rects, int count) override
    {
        if (!std::all_of(rects, rects + count, [](const QRectF &r) { return isOutlinable(r); }))
            return m_target->drawRects(rects, count);
        QVarLengthArray<QRect, 8> whole;
        for (int i = 0; i < count; ++i)
            whole.append(rects[i].toRect());
        if (!fillRects(whole.constData(), count))
            m_target->drawRects(rects, count);
    }

    void drawEllipse(const QRectF &rect) override { m_target->drawEllipse(rect); }
    void drawEllipse(const QRect &rect) override { m_target->drawEllipse(rect); }
    void drawPath(const QPainterPath &path) override { m_target->drawPath(path); }
    void drawPoints(const QPointF *points, int count) override
    {
        m_target->drawPoints(points, count);
    }
    void drawPoints(const QPoint *points, int count) override
    {
        m_target->drawPoints(points, count);
    }

    void drawPolygon(const QPointF *points, int count, PolygonDrawMode mode) override
    {
        passPolygon(points, count, mode);
    }
    void drawPolygon(const QPoint *points, int count, PolygonDrawMode mode) override
    {
        passPolygon(points, count, mode);
    }

    void drawPixmap(const QRectF &rect, const QPixmap &pixmap, const QRectF &source) override
    {
        m_target->drawPixmap(rect, pixmap, source);
    }

    void drawTiledPixmap(const QRectF &rect, const QPixmap &pixmap, const QPointF &offset) override
    {
        m_target->drawTiledPixmap(rect, pixmap, offset);
    }

    void drawImage(const QRectF &rect, const QImage &image, const QRectF &source,
        Qt::ImageConversionFlags flags) override
    {
        m_target->drawImage(rect, image, source, flags);
    }

    void drawTextItem(const QPointF &position, const QTextItem &item) override
    {
        m_target->drawTextItem(position, item);
    }

private:
    template<typename Point> void passPolygon(const Point *points, int count, PolygonDrawMode mode)
    {
        if (mode == PolylineMode)
            m_target->drawPolyline(points, count);
        else if (mode == ConvexMode)
            m_target->drawConvexPolygon(points, count);
        else
            m_target->drawPolygon(points, count, fillRule(mode));
    }

    // Whether whole-pixel coordinates land on whole pixels, unsmoothed.
    bool isOnPixelGrid() const
    {
        if (m_target->testRenderHint(QPainter::Antialiasing))
            return false;
        const QTransform transform = m_target->deviceTransform();
        return transform.type() <= QTransform::TxTranslate && isIntegral(transform.dx())
            && isIntegral(transform.dy());
    }

    // Whether the target would stroke a line as single pixels blended one span each: a solid,
    // semi-transparent pen at most one pixel wide, blended over, on the pixel grid. Opaque
    // hairlines take the raster engine's own fast path already.
    bool fillsHairlines() const
    {
        const QPen pen = m_target->pen();
        if (pen.style() != Qt::SolidLine || pen.brush().style() != Qt::SolidPattern
            || pen.capStyle() != Qt::SquareCap || pen.widthF() > 1.0 || pen.color().alpha() == 255)
            return false;
        return m_target->compositionMode() == QPainter::CompositionMode_SourceOver
            && m_target->opacity() == 1.0 && isOnPixelGrid();
    }

    // Rectangles with a hairline outline, or only filled (QPainter::fillRect() comes here so),
    // on the pixel grid: filled in bands, outlines too. False when the target is to draw them.
    bool fillRects(const QRect *rects, int count)
    {
        if (fillsHairlines()) {
            fillOutlines(rects, count);
            return true;
        }
        if (m_target->pen().style() != Qt::NoPen || m_target->brush().style() == Qt::NoBrush
            || !isOnPixelGrid())
            return false;
        for (int i = 0; i < count; ++i)
            inBands(rects[i], [&](const QRect &band) { m_target->drawRect(band); });
        return true;
    }

    // A fill is blended one span a row, and 96 rows or more go to the pool again: tall ones are
    // filled in bands. Each pixel is still blended once, by the same function.
    template<typename Fill> static void inBands(const QRect &rect, Fill fill)
    {
        for (int top = rect.top(); top <= rect.bottom(); top += BandRows)
            fill(
                QRect(rect.left(), top, rect.width(), std::min(BandRows, rect.bottom() + 1 - top)));
    }

    void fill(const QRect &rect)
    {
        const QColor color = m_target->pen().color();
        inBands(rect, [&](const QRect &band) { m_target->fillRect(band, color); });
        ++m_filled;
    }

    // A horizontal or vertical line covers both of its end points.
    bool fillHairline(const QLine &line)
    {
        if (line.y1() == line.y2()) {
            fill(QRect(QPoint(std::min(line.x1(), line.x2()), line.y1()),
                QPoint(std::max(line.x1(), line.x2()), line.y1())));
            return true;
        }
        if (line.x1() == line.x2()) {
            fill(QRect(QPoint(line.x1(), std::min(line.y1(), line.y2())),
                QPoint(line.x1(), std::max(line.y1(), line.y2()))));
            return true;
        }
        return false;
    }

    static bool isOutlinable(const QRect &rect) { return rect.width() > 0 && rect.height() > 0; }
    static bool isOutlinable(const QRectF &rect)
    {
        return isIntegral(rect) && rect.width() > 0 && rect.height() > 0;
    }

    // As the raster engine does it: every rectangle filled with the brush first, then every
    // outline. A stroked rectangle is one pixel larger than the rectangle each way, and each of
    // its pixels is blended once, the corners too.
    void fillOutlines(const QRect *rects, int count)
    {
        if (m_target->brush().style() != Qt::NoBrush) {
            const QPen pen = m_target->pen();
            m_target->setPen(Qt::NoPen);
            for (int i = 0; i < count; ++i)
                inBands(rects[i], [&](const QRect &band) { m_target->drawRect(band); });
            m_target->setPen(pen);
        }
        for (int i = 0; i < count; ++i) {
            const QRect &rect = rects[i];
            const int left = rect.left(), top = rect.top();
            const int right = left + rect.width(), bottom = top + rect.height();
            fill(QRect(QPoint(left, top), QPoint(right, top)));
            fill(QRect(QPoint(left, bottom), QPoint(right, bottom)));
            if (bottom - top > 1) {
                fill(QRect(QPoint(left, top + 1), QPoint(left, bottom - 1)));
                fill(QRect(QPoint(right, top + 1), QPoint(right, bottom - 1)));
            }
        }
    }

    static constexpr int BandRows = 64;

    QPainter *m_target;
    bool m_forwarding = false;
    int m_filled = 0;
};

bool HairlinePainter::canWrap(const QPainter *target)
{
    return target && target->isActive() && target->paintEngine()
        && target->paintEngine()->type() == QPaintEngine::Raster && target->device()
        && target->device()->devicePixelRatio() == 1.0;
}

HairlinePainter::HairlinePainter(QPainter *target)
    : m_target(target)
    , m_engine(std::make_unique<HairlineEngine>(target))
    , m_painter(std::make_unique<QPainter>(this))
{
    // Start from the target's state; these changes are the target's own and are not passed back.
    QPainter *painter = m_painter.get();
    painter->setLayoutDirection(target->layoutDirection());
    painter->setRenderHints(target->renderHints());
    painter->setCompositionMode(target->compositionMode());
    painter->setOpacity(target->opacity());
    painter->setFont(target->font());
    painter->setPen(target->pen());
    painter->setBrush(target->brush());
    painter->setBrushOrigin(target->brushOrigin());
    painter->setBackground(target->background());
    painter->setBackgroundMode(target->backgroundMode());
    painter->setWorldTransform(target->worldTransform());
    if (target->hasClipping())
        painter->setClipPath(target->clipPath());
    m_engine->setForwarding(true);
}

HairlinePainter::~HairlinePainter()
{
    // QPainter hands most changes over only with the next drawing (a clip at once): the last
    // ones reach the target here, so it ends as painting on it directly would have left it.
    const QPainter *painter = m_painter.get();
    m_target->setWorldTransform(painter->worldTransform());
    m_target->setPen(painter->pen());
    m_target->setBrush(painter->brush());
    m_target->setBrushOrigin(painter->brushOrigin());
    m_target->setFont(painter->font());
    m_target->setBackground(painter->background());
    m_target->setBackgroundMode(painter->backgroundMode());
    m_target->setRenderHints(m_target->renderHints(), false);
    m_target->setRenderHints(painter->renderHints(), true);
    m_target->setCompositionMode(painter->compositionMode());
    m_target->setOpacity(painter->opacity());
    m_engine->setForwarding(false);
    m_painter->end();
}

int HairlinePainter::filledCount() const
{
    return m_engine->filledCount();
}

QPaintEngine *HairlinePainter::paintEngine() const
{
    return m_engine.get();
}

int HairlinePainter::metric(PaintDeviceMetric metric) const
{
    const QPaintDevice *device = m_target->device();
    switch (metric) {
    case PdmWidth:
        return device->width();
    case PdmHeight:
        return device->height();
    case PdmWidthMM:
        return device->widthMM();
    case PdmHeightMM:
        return device->heightMM();
    case PdmNumColors:
        return device->colorCount();
    case PdmDepth:
        return device->depth();
    case PdmDpiX:
        return device->logicalDpiX();
    case PdmDpiY:
        return device->logicalDpiY();
    case PdmPhysicalDpiX:
        return device->physicalDpiX();
    case PdmPhysicalDpiY:
        return device->physicalDpiY();
    case PdmDevicePixelRatio:
        return int(device->devicePixelRatio());
    case PdmDevicePixelRatioScaled:
        return int(std::lround(device->devicePixelRatio() * devicePixelRatioFScale()));
    }
    return QPaintDevice::metric(metric);
}
