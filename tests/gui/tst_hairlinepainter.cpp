// SPDX-License-Identifier: MIT
// HairlinePainter: the same pixels as painting on the target directly, with the semi-transparent
// hairlines along the pixel grid filled (so Qt 6.4 hands none of them to its global thread pool),
// and the target left in the state direct painting would have left it in.
#include "hairlinepainter.h"

#include "heldpool.h"

#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QPainterPath>
#include <QPicture>
#include <QTest>

#include <functional>

using namespace Qt::StringLiterals;

namespace {

using Paint = std::function<void(QPainter &)>;

struct Case
{
    const char *name;
    Paint prepare; // applied to the target before wrapping it
    Paint draw;
    bool fills; // whether some of it is filled rather than stroked
};

const QColor Shade(20, 40, 160, 90);

QBrush gradient(int top, int bottom)
{
    QLinearGradient g(0, top, 0, bottom);
    g.setColorAt(0, QColor(250, 240, 200, 200));
    g.setColorAt(1, QColor(30, 90, 60, 120));
    return g;
}

void none(QPainter &) { }

void shade(QPainter &p)
{
    p.setPen(Shade);
}

const Case cases[] = {
    {"horizontal line", shade, [](QPainter &p) { p.drawLine(10, 20, 300, 20); }, true},
    {"line drawn right to left", shade, [](QPainter &p) { p.drawLine(300, 30, 10, 30); }, true},
    {"vertical line", shade, [](QPainter &p) { p.drawLine(50, 200, 50, 5); }, true},
    {"crossing lines in one call", shade,
        [](QPainter &p) {
            const QLine lines[]
                = {QLine(5, 60, 200, 60), QLine(100, 10, 100, 150), QLine(5, 60, 200, 60)};
            p.drawLines(lines, 3);
        },
        true},
    {"line with whole coordinates", shade, [](QPainter &p) { p.drawLine(QLineF(5, 40, 250, 40)); },
        true},
    {"rectangle outline", shade, [](QPainter &p) { p.drawRect(20, 50, 200, 30); }, true},
    {"rectangle one pixel high", shade, [](QPainter &p) { p.drawRect(20, 90, 200, 1); }, true},
    {"rectangle with a gradient", shade,
        [](QPainter &p) {
            p.setBrush(gradient(100, 140));
            p.setBrushOrigin(3, 7);
            p.drawRect(QRectF(15, 100, 260, 40));
        },
        true},
    {"tall rectangle with a gradient", shade,
        [](QPainter &p) {
            p.setBrush(gradient(5, 230));
            p.drawRect(QRect(240, 5, 70, 225));
        },
        true},
    {"overlapping rectangles in one call", shade,
        [](QPainter &p) {
            p.setBrush(QColor(200, 0, 0, 70));
            const QRect rects[] = {QRect(10, 150, 120, 40), QRect(60, 170, 120, 40)};
            p.drawRects(rects, 2);
        },
        true},
    {"translated", shade,
        [](QPainter &p) {
            p.translate(7, 3);
            p.drawLine(0, 0, 280, 0);
            p.drawRect(4, 4, 100, 60);
        },
        true},
    {"target already translated and clipped",
        [](QPainter &p) {
            shade(p);
            p.translate(11, 5);
            p.setClipRect(QRect(20, 0, 150, 200));
        },
        [](QPainter &p) {
            p.drawLine(0, 10, 300, 10);
            p.drawRect(0, 20, 300, 20);
        },
        true},
    {"clip set and restored", shade,
        [](QPainter &p) {
            p.save();
            p.setClipRect(QRect(40, 0, 90, 300));
            p.drawLine(0, 70, 300, 70);
            p.setClipRect(QRect(0, 0, 100, 300), Qt::IntersectClip);
            p.drawLine(0, 80, 300, 80);
            p.restore();
            p.drawLine(0, 90, 300, 90);
            p.setClipRect(QRect(60, 0, 30, 300), Qt::IntersectClip);
            p.drawLine(0, 100, 300, 100);
            p.setClipping(false);
            p.drawLine(0, 110, 300, 110);
            p.setClipping(true);
            p.drawLine(0, 120, 300, 120);
        },
        true},
    {"tall fills", none,
        [](QPainter &p) {
            p.fillRect(QRect(5, 5, 300, 220), gradient(0, 220));
            p.setPen(Qt::NoPen);
            p.setBrush(QBrush(QColor(0, 90, 0, 70), Qt::Dense4Pattern));
            p.setBrushOrigin(1, 2);
            const QRectF rects[] = {QRectF(10, 10, 50, 200), QRectF(40, 20, 60, 210)};
            p.drawRects(rects, 2);
            p.fillRect(QRect(200, 0, 100, 240), QColor(90, 0, 0, 120));
        },
        false},
    {"everything else passed on", none,
        [](QPainter &p) {
            p.fillRect(QRectF(5.5, 5.25, 300, 220), gradient(0, 220));
            p.setPen(QColor(0, 0, 0, 200));
            p.setFont(QFont(u"DejaVu Sans"_s, 11));
            p.drawText(QRect(10, 10, 280, 40), Qt::AlignCenter, u"Offboard 3 devices"_s);
            QImage dot(9, 9, QImage::Format_ARGB32_Premultiplied);
            dot.fill(QColor(0, 120, 0, 128));
            p.drawImage(QPoint(30, 60), dot);
            p.drawPixmap(QRect(50, 60, 30, 20), QPixmap::fromImage(dot));
            p.drawTiledPixmap(QRect(90, 60, 40, 40), QPixmap::fromImage(dot), QPoint(2, 3));
            p.setRenderHint(QPainter::Antialiasing);
            p.setBrush(QColor(90, 0, 90, 100));
            p.drawEllipse(QRectF(150, 60, 60, 40));
            const QPoint triangle[] = {{20, 200}, {120, 120}, {200, 210}};
            p.drawPolygon(triangle, 3);
            QPainterPath path;
            path.addRoundedRect(QRectF(210, 110, 80, 60), 6, 6);
            p.drawPath(path);
            p.drawPoint(5, 215);
            p.setCompositionMode(QPainter::CompositionMode_Multiply);
            p.fillRect(QRect(100, 100, 50, 50), QColor(255, 0, 0, 100));
        },
        false},
    {"opaque line", [](QPainter &p) { p.setPen(Qt::darkBlue); },
        [](QPainter &p) { p.drawLine(10, 20, 300, 20); }, false},
    {"antialiased line", shade,
        [](QPainter &p) {
            p.setRenderHint(QPainter::Antialiasing);
            p.drawLine(10, 20, 300, 20);
        },
        false},
    {"diagonal line", shade, [](QPainter &p) { p.drawLine(10, 20, 300, 120); }, false},
    {"line between pixels", shade, [](QPainter &p) { p.drawLine(QLineF(10, 20.5, 300, 20.5)); },
        false},
    {"scaled", shade,
        [](QPainter &p) {
            p.scale(2, 1);
            p.drawLine(10, 20, 140, 20);
        },
        false},
    {"wide pen", [](QPainter &p) { p.setPen(QPen(Shade, 3)); },
        [](QPainter &p) { p.drawLine(10, 20, 300, 20); }, false},
    {"flat cap", [](QPainter &p) { p.setPen(QPen(Shade, 1, Qt::SolidLine, Qt::FlatCap)); },
        [](QPainter &p) { p.drawLine(10, 20, 300, 20); }, false},
    {"dashed", [](QPainter &p) { p.setPen(QPen(Shade, 1, Qt::DashLine)); },
        [](QPainter &p) { p.drawLine(10, 20, 300, 20); }, false},
    {"rectangle drawn inside out", shade,
        [](QPainter &p) { p.drawRect(QRect(200, 80, -100, -30)); }, false},
};

// A background that shows every blend: a gradient with a pattern over it.
QImage canvas()
{
    QImage image(320, 240, QImage::Format_RGB32);
    QPainter p(&image);
    QLinearGradient g(0, 0, 320, 240);
    g.setColorAt(0, QColor(240, 230, 210));
    g.setColorAt(1, QColor(60, 80, 120));
    p.fillRect(image.rect(), g);
    p.fillRect(image.rect(), QBrush(QColor(255, 255, 255, 60), Qt::DiagCrossPattern));
    return image;
}

struct Outcome
{
    QImage image;
    QPen pen;
    QBrush brush;
    QTransform transform;
    bool clipping = false;
    QRegion clip;
    int filled = -1;
};

Outcome paint(const Case &c, bool throughHairlines)
{
    Outcome out;
    out.image = canvas();
    QPainter target(&out.image);
    c.prepare(target);
    if (throughHairlines) {
        HairlinePainter hairlines(&target);
        c.draw(*hairlines.painter());
        out.filled = hairlines.filledCount();
    } else {
        c.draw(target);
    }
    out.pen = target.pen();
    out.brush = target.brush();
    out.transform = target.worldTransform();
    out.clipping = target.hasClipping();
    out.clip = target.clipRegion();
    return out;
}

} // namespace

class TestHairlinePainter final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void samePixelsAsPaintingDirectly_data()
    {
        QTest::addColumn<int>("index");
        for (int i = 0; i < int(std::size(cases)); ++i)
            QTest::newRow(cases[i].name) << i;
    }
    void samePixelsAsPaintingDirectly()
    {
        QFETCH(int, index);
        const Case &c = cases[index];
        const Outcome direct = paint(c, false);
        const Outcome through = paint(c, true);
        QCOMPARE(through.image, direct.image);
        if (c.fills)
            QVERIFY(through.filled > 0);
        else
            QCOMPARE(through.filled, 0);
        // The target is left as painting on it directly would have left it.
        QCOMPARE(through.pen, direct.pen);
        QCOMPARE(through.brush, direct.brush);
        QCOMPARE(through.transform, direct.transform);
        QCOMPARE(through.clipping, direct.clipping);
        QCOMPARE(through.clip, direct.clip);
    }

    void wrapsOnlyRasterPaintersAtPixelRatioOne()
    {
        QImage image = canvas();
        QPainter painter(&image);
        QVERIFY(HairlinePainter::canWrap(&painter));
        painter.end();
        QVERIFY(!HairlinePainter::canWrap(&painter)); // not active
        image.setDevicePixelRatio(2);
        painter.begin(&image);
        QVERIFY(!HairlinePainter::canWrap(&painter));
        painter.end();
        QPicture picture;
        painter.begin(&picture);
        QVERIFY(!HairlinePainter::canWrap(&painter));
        painter.end();
        QVERIFY(!HairlinePainter::canWrap(nullptr));
    }

    void startsFromTheTargetsState()
    {
        QImage image = canvas();
        QPainter target(&image);
        target.setPen(Shade);
        target.setBrush(Qt::green);
        target.setFont(QFont(u"DejaVu Sans"_s, 13));
        target.translate(4, 9);
        target.setClipRect(QRect(0, 0, 100, 100));
        target.setRenderHint(QPainter::Antialiasing);
        const HairlinePainter hairlines(&target);
        const QPainter *p = hairlines.painter();
        QVERIFY(p->isActive());
        QCOMPARE(p->pen(), target.pen());
        QCOMPARE(p->brush(), target.brush());
        QCOMPARE(p->font(), target.font());
        QCOMPARE(p->worldTransform(), target.worldTransform());
        QVERIFY(p->hasClipping());
        QCOMPARE(p->clipBoundingRect(), target.clipBoundingRect());
        QCOMPARE(p->renderHints(), target.renderHints());
        QCOMPARE(hairlines.width(), image.width());
        QCOMPARE(hairlines.height(), image.height());
        QCOMPARE(hairlines.logicalDpiY(), image.logicalDpiY());
    }

    void paintsWithTheGlobalPoolHeld()
    {
        // Stroking a long semi-transparent line on the target would wait for the held pool;
        // through the hairline painter it does not.
        QImage image(1400, 300, QImage::Format_RGB32);
        image.fill(Qt::white);
        QVERIFY2(ranWithGlobalPoolHeld([&] {
            QPainter target(&image);
            target.setPen(Shade);
            target.setBrush(gradient(20, 270));
            const HairlinePainter hairlines(&target);
            hairlines.painter()->drawLine(0, 10, 1399, 10);
            hairlines.painter()->drawRect(5, 20, 1380, 250);
            // A tall fill is blended a row a span too.
            QLinearGradient across(0, 0, 300, 0);
            across.setColorAt(0, QColor(0, 0, 90, 60));
            across.setColorAt(1, QColor(90, 0, 0, 160));
            hairlines.painter()->fillRect(QRect(30, 30, 300, 230), across);
        }),
            "painting waited for the held global thread pool");
        QVERIFY(image.pixelColor(700, 10) != QColor(Qt::white));
        QCOMPARE(image.pixelColor(700, 10), image.pixelColor(600, 10)); // blended once along it
    }
};

QTEST_MAIN(TestHairlinePainter)
#include "tst_hairlinepainter.moc"
