// SPDX-License-Identifier: MIT
// AppStyle: the standard icons Qt's widgets ask for while they are built are read only when
// painted, and are then the base style's own icons; every other standard icon comes from the
// base style at once. Scroll bars and tool bars are painted through a HairlinePainter and come
// out as the base style paints them. Over Fusion, header sections, line edit frames and button
// panels are painted by AppStyle itself, flat, with filled rectangles (push buttons, combo boxes
// and tool buttons included); over other styles they are left to the style.
#include "appstyle.h"

#include "heldpool.h"

#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QLineEdit>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QPainter>
#include <QPixmapCache>
#include <QPointer>
#include <QPushButton>
#include <QStyleFactory>
#include <QStyleOption>
#include <QTest>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

// Fusion, noting every standard icon asked of it.
class CountingStyle final : public QProxyStyle
{
public:
    CountingStyle()
        : QProxyStyle(QStyleFactory::create(u"Fusion"_s))
    { }
    QIcon standardIcon(StandardPixmap pixmap, const QStyleOption *option = nullptr,
        const QWidget *widget = nullptr) const override
    {
        requested.append(pixmap);
        return QProxyStyle::standardIcon(pixmap, option, widget);
    }
    void drawControl(ControlElement element, const QStyleOption *option, QPainter *painter,
        const QWidget *widget = nullptr) const override
    {
        drawn.append(element);
        QProxyStyle::drawControl(element, option, painter, widget);
    }
    void drawPrimitive(PrimitiveElement element, const QStyleOption *option, QPainter *painter,
        const QWidget *widget = nullptr) const override
    {
        primitives.append(element);
        QProxyStyle::drawPrimitive(element, option, painter, widget);
    }
    mutable QList<StandardPixmap> requested;
    mutable QList<ControlElement> drawn;
    mutable QList<PrimitiveElement> primitives;
};

QStyleOptionHeader headerOption(const QRect &rect, QStyleOptionHeader::SectionPosition position,
    Qt::Orientation orientation = Qt::Horizontal)
{
    QStyleOptionHeader header;
    header.rect = rect;
    header.palette = QApplication::palette();
    header.state = QStyle::State_Enabled | QStyle::State_Raised;
    if (orientation == Qt::Horizontal)
        header.state |= QStyle::State_Horizontal;
    header.orientation = orientation;
    header.position = position;
    return header;
}

// What `style` paints for `draw` on a window-coloured canvas (the pixmap cache emptied first, so
// nothing painted by another style is reused).
template<typename Draw>
QImage painted(const QSize &size, const QStyle *style, Draw draw, qreal pixelRatio = 1)
{
    QPixmapCache::clear();
    QImage image(size * pixelRatio, QImage::Format_RGB32);
    image.setDevicePixelRatio(pixelRatio);
    image.fill(QApplication::palette().window().color());
    QPainter painter(&image);
    draw(style, &painter);
    return image;
}

QStyleOptionFrame frameOption(const QRect &rect)
{
    QStyleOptionFrame frame;
    frame.rect = rect;
    frame.palette = QApplication::palette();
    frame.state = QStyle::State_Enabled;
    frame.lineWidth = 1;
    return frame;
}

QStyleOptionButton buttonOption(const QRect &rect)
{
    QStyleOptionButton button;
    button.rect = rect;
    button.palette = QApplication::palette();
    button.state = QStyle::State_Enabled | QStyle::State_Raised;
    return button;
}

// What the application's style paints for `draw`, painted with every thread of Qt's global pool
// held; a null image if painting waited for the pool.
template<typename Draw> QImage paintedWithPoolHeld(const QSize &size, Draw draw)
{
    QImage image;
    if (!ranWithGlobalPoolHeld([&] { image = painted(size, QApplication::style(), draw); }))
        return {};
    return image;
}

// `color` painted over the window colour, as the raster engine blends it.
QRgb over(const QColor &color)
{
    QImage image(1, 1, QImage::Format_RGB32);
    image.fill(QApplication::palette().window().color());
    QPainter(&image).fillRect(0, 0, 1, 1, color);
    return image.pixel(0, 0);
}

QColor withAlphaF(QColor color, float alpha)
{
    color.setAlphaF(alpha);
    return color;
}

// Fusion's outline colours, which AppStyle's flat frames use.
QColor outline()
{
    return QApplication::palette().color(QPalette::Window).darker(140);
}
QColor focusOutline()
{
    return QApplication::palette().color(QPalette::Highlight).darker(125);
}

// Whether the first outline in `image` (from the top) starts with a cut corner: its first
// pixel in the outline colour has the half-covered corner pixel before it and the left edge
// under that. Fusion's antialiased rounded corners have neither.
bool startsWithCutCorner(const QImage &image)
{
    const QRgb edge = outline().rgb(), corner = over(withAlphaF(outline(), 0.45f));
    for (int y = 0; y + 1 < image.height(); ++y) {
        for (int x = 1; x < image.width(); ++x) {
            if (image.pixel(x, y) == edge)
                return image.pixel(x - 1, y) == corner && image.pixel(x - 1, y + 1) == edge;
        }
    }
    return false;
}

QImage pixels(const QIcon &icon, int side)
{
    return icon.pixmap(QSize(side, side)).toImage().convertToFormat(QImage::Format_ARGB32);
}

} // namespace

class TestAppStyle final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_counting = new CountingStyle;
        QApplication::setStyle(new AppStyle(m_counting)); // owns m_counting
    }

    void buildingWidgetsReadsNoHiddenIcon()
    {
        QMainWindow window;
        window.menuBar()->addMenu(u"File"_s);
        window.addToolBar(u"Tools"_s)->addAction(u"Refresh"_s);
        auto *central = new QWidget;
        auto *edit = new QLineEdit;
        edit->setClearButtonEnabled(true);
        (new QVBoxLayout(central))->addWidget(edit);
        window.setCentralWidget(central);
        auto *dock = new QDockWidget(u"History"_s);
        dock->setWidget(new QWidget);
        window.addDockWidget(Qt::BottomDockWidgetArea, dock);
        window.resize(800, 600);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.grab(); // every visible widget painted

        // The empty field hides its clear button and the tool bar fits: neither icon was read.
        QVERIFY(!m_counting->requested.contains(QStyle::SP_LineEditClearButton));
        QVERIFY(!m_counting->requested.contains(QStyle::SP_ToolBarHorizontalExtensionButton));
        // The dock's title buttons are painted, so their icons were read.
        QVERIFY(m_counting->requested.contains(QStyle::SP_TitleBarCloseButton));

        // Text shows the clear button; painting it reads its icon.
        QTest::keyClicks(edit, u"wks"_s);
        window.grab();
        QVERIFY(m_counting->requested.contains(QStyle::SP_LineEditClearButton));
    }

    void deferredIconsAreReadOnce()
    {
        const QIcon first = QApplication::style()->standardIcon(QStyle::SP_TitleBarCloseButton);
        const QIcon second = QApplication::style()->standardIcon(QStyle::SP_TitleBarCloseButton);
        QVERIFY(!first.isNull());
        QVERIFY(!second.isNull());
        QCOMPARE(first.actualSize(QSize(16, 16)), second.actualSize(QSize(16, 16)));
        QCOMPARE(m_counting->requested.count(QStyle::SP_TitleBarCloseButton), 1);
        // Each direction is its own icon.
        QStyleOption rightToLeft;
        rightToLeft.direction = Qt::RightToLeft;
        QVERIFY(!QApplication::style()
                     ->standardIcon(QStyle::SP_TitleBarCloseButton, &rightToLeft)
                     .isNull());
        QCOMPARE(m_counting->requested.count(QStyle::SP_TitleBarCloseButton), 2);
    }

    void deferredIconsAreTheBaseStylesIcons_data()
    {
        QTest::addColumn<int>("pixmap");
        QTest::newRow("clear") << int(QStyle::SP_LineEditClearButton);
        QTest::newRow("extension") << int(QStyle::SP_ToolBarHorizontalExtensionButton);
        QTest::newRow("vertical extension") << int(QStyle::SP_ToolBarVerticalExtensionButton);
        QTest::newRow("close") << int(QStyle::SP_TitleBarCloseButton);
        QTest::newRow("float") << int(QStyle::SP_TitleBarNormalButton);
    }
    void deferredIconsAreTheBaseStylesIcons()
    {
        QFETCH(int, pixmap);
        const auto standard = QStyle::StandardPixmap(pixmap);
        QVERIFY(AppStyle::defersLoading(standard));
        const QIcon deferred = QApplication::style()->standardIcon(standard);
        QVERIFY(!m_counting->requested.contains(standard));
        const QIcon direct = m_counting->standardIcon(standard);
        QVERIFY(!deferred.isNull());
        QCOMPARE(deferred.availableSizes(), direct.availableSizes());
        for (int side : {16, 24})
            QCOMPARE(pixels(deferred, side), pixels(direct, side));
        // A copy painted later reads nothing again and gives the same pixels.
        const int reads = int(m_counting->requested.count(standard));
        const QIcon copy = deferred;
        QCOMPARE(pixels(copy, 16), pixels(direct, 16));
        QCOMPARE(int(m_counting->requested.count(standard)), reads);
    }

    void otherIconsComeAtOnce()
    {
        QVERIFY(!AppStyle::defersLoading(QStyle::SP_DialogOkButton));
        const QIcon ok = QApplication::style()->standardIcon(QStyle::SP_DialogOkButton);
        QCOMPARE(m_counting->requested, QList<QStyle::StandardPixmap>({QStyle::SP_DialogOkButton}));
        QCOMPARE(pixels(ok, 16), pixels(m_counting->standardIcon(QStyle::SP_DialogOkButton), 16));
    }

    void aDeferredIconOutlivingItsStyleComesFromTheStyleInUse()
    {
        const QIcon orphan = QApplication::style()->standardIcon(QStyle::SP_TitleBarCloseButton);
        QStyle *windows = QStyleFactory::create(u"Windows"_s);
        QApplication::setStyle(windows); // deletes AppStyle and its base
        const QImage expected = pixels(windows->standardIcon(QStyle::SP_TitleBarCloseButton), 16);
        QVERIFY(!expected.isNull());
        QCOMPARE(pixels(orphan, 16), expected);
    }

    void scrollBarsAsTheBaseStylePaintsThem_data()
    {
        QTest::addColumn<int>("orientation");
        QTest::addColumn<int>("state");
        QTest::addColumn<int>("active");
        const int on = int(QStyle::State_Enabled), hover = on | int(QStyle::State_MouseOver);
        QTest::newRow("horizontal") << int(Qt::Horizontal) << on << 0;
        QTest::newRow("horizontal, handle pressed")
            << int(Qt::Horizontal) << (on | int(QStyle::State_Sunken))
            << int(QStyle::SC_ScrollBarSlider);
        QTest::newRow("horizontal, hovered")
            << int(Qt::Horizontal) << hover << int(QStyle::SC_ScrollBarAddLine);
        QTest::newRow("horizontal, disabled") << int(Qt::Horizontal) << 0 << 0;
        QTest::newRow("vertical") << int(Qt::Vertical) << on << 0;
        QTest::newRow("vertical, hovered")
            << int(Qt::Vertical) << hover << int(QStyle::SC_ScrollBarSlider);
    }
    void scrollBarsAsTheBaseStylePaintsThem()
    {
        QFETCH(int, orientation);
        QFETCH(int, state);
        QFETCH(int, active);
        QStyleOptionSlider option;
        option.orientation = Qt::Orientation(orientation);
        option.state = QStyle::State(state)
            | (option.orientation == Qt::Horizontal ? QStyle::State_Horizontal
                                                    : QStyle::State_None);
        option.palette = QApplication::palette();
        option.rect
            = option.orientation == Qt::Horizontal ? QRect(3, 2, 1200, 16) : QRect(3, 2, 16, 700);
        option.subControls = QStyle::SC_All;
        option.activeSubControls = QStyle::SubControls(active);
        option.minimum = 0;
        option.maximum = 400;
        option.pageStep = 600;
        option.singleStep = 20;
        option.sliderPosition = option.sliderValue = 120;
        const QSize size(1210, 710);
        auto draw = [&](const QStyle *style, QPainter *painter) {
            style->drawComplexControl(QStyle::CC_ScrollBar, &option, painter);
        };
        QVERIFY(AppStyle::fillsHairlines(QStyle::CC_ScrollBar));
        QImage ours;
        QVERIFY2(ranWithGlobalPoolHeld([&] { ours = painted(size, QApplication::style(), draw); }),
            "painting waited for the held global thread pool");
        QCOMPARE(ours, painted(size, m_counting, draw));
        // At a pixel ratio of 2 the base style paints directly.
        QCOMPARE(painted(size, QApplication::style(), draw, 2), painted(size, m_counting, draw, 2));
    }

    void toolBarsAsTheBaseStylePaintsThem()
    {
        QStyleOptionToolBar bar;
        bar.rect = QRect(0, 0, 1400, 38);
        bar.palette = QApplication::palette();
        bar.state = QStyle::State_Enabled | QStyle::State_Horizontal;
        bar.toolBarArea = Qt::TopToolBarArea;
        auto drawBar = [&](const QStyle *style, QPainter *painter) {
            style->drawControl(QStyle::CE_ToolBar, &bar, painter);
        };
        QVERIFY(AppStyle::fillsHairlines(QStyle::CE_ToolBar));
        QImage ours;
        QVERIFY2(ranWithGlobalPoolHeld(
                     [&] { ours = painted(QSize(1400, 40), QApplication::style(), drawBar); }),
            "painting waited for the held global thread pool");
        QCOMPARE(ours, painted(QSize(1400, 40), m_counting, drawBar));
    }

    void headerSectionsPaintedFlatOverFusion()
    {
        auto *app = qobject_cast<AppStyle *>(QApplication::style());
        QVERIFY(app);
        QVERIFY(app->paintsFlatElements());
        const QPalette palette = QApplication::palette();
        const QColor button = palette.color(QPalette::Button);
        const QColor line = palette.color(QPalette::Mid);
        QVERIFY(button != line);
        QStyleOptionHeader header = headerOption(QRect(10, 0, 320, 24), QStyleOptionHeader::Middle);
        auto draw = [&](const QStyle *style, QPainter *painter) {
            style->drawControl(QStyle::CE_HeaderSection, &header, painter);
        };

        QImage image = paintedWithPoolHeld(QSize(340, 24), draw);
        QVERIFY2(!image.isNull(), "painting waited for the held global thread pool");
        // Painted here, not by Fusion (which would draw into a cached pixmap of its own).
        QVERIFY(!m_counting->drawn.contains(QStyle::CE_HeaderSection));
        QCOMPARE(image.pixel(100, 10), button.rgb()); // flat: no gradient
        QCOMPARE(image.pixel(100, 1), button.rgb());
        QCOMPARE(image.pixel(100, 22), button.rgb());
        QCOMPARE(image.pixel(100, 23), line.rgb()); // the line under it
        QCOMPARE(image.pixel(10, 23), line.rgb());
        QCOMPARE(image.pixel(329, 12), line.rgb()); // the separator after it
        QCOMPARE(image.pixel(329, 2), button.rgb()); // ... a little shorter than the section
        QCOMPARE(image.pixel(9, 12), palette.color(QPalette::Window).rgb()); // nothing outside
        QCOMPARE(image.pixel(330, 12), palette.color(QPalette::Window).rgb());

        // No separator after the last section.
        header.position = QStyleOptionHeader::End;
        QCOMPARE(painted(QSize(340, 24), QApplication::style(), draw).pixel(329, 12), button.rgb());
        // Pressed: darker; under the mouse: lighter.
        header.position = QStyleOptionHeader::Middle;
        header.state |= QStyle::State_Sunken;
        QCOMPARE(painted(QSize(340, 24), QApplication::style(), draw).pixel(100, 10),
            button.darker(110).rgb());
        header.state = (header.state & ~QStyle::State_Sunken) | QStyle::State_MouseOver;
        QCOMPARE(painted(QSize(340, 24), QApplication::style(), draw).pixel(100, 10),
            button.lighter(104).rgb());

        // A vertical header: the line beside it, the separator under it.
        header = headerOption(QRect(0, 5, 40, 20), QStyleOptionHeader::Middle, Qt::Vertical);
        image = painted(QSize(40, 30), QApplication::style(), draw);
        QCOMPARE(image.pixel(39, 10), line.rgb());
        QCOMPARE(image.pixel(10, 24), line.rgb());
        QCOMPARE(image.pixel(10, 10), button.rgb());
    }

    void lineEditFramesPaintedFlatOverFusion()
    {
        QStyleOptionFrame frame = frameOption(QRect(10, 4, 300, 24));
        auto draw = [&](const QStyle *style, QPainter *painter) {
            style->drawPrimitive(QStyle::PE_FrameLineEdit, &frame, painter);
        };
        QImage image = paintedWithPoolHeld(QSize(320, 32), draw);
        QVERIFY2(!image.isNull(), "painting waited for the held global thread pool");
        QVERIFY(!m_counting->primitives.contains(QStyle::PE_FrameLineEdit));
        const QRgb window = QApplication::palette().color(QPalette::Window).rgb();
        QCOMPARE(image.pixel(100, 4), outline().rgb()); // top
        QCOMPARE(image.pixel(100, 27), outline().rgb()); // bottom
        QCOMPARE(image.pixel(10, 15), outline().rgb()); // left
        QCOMPARE(image.pixel(309, 15), outline().rgb()); // right
        QCOMPARE(image.pixel(10, 4), over(withAlphaF(outline(), 0.45f))); // a cut corner
        QCOMPARE(image.pixel(100, 5), over(QColor(0, 0, 0, 18))); // the shadow under the top
        QCOMPARE(image.pixel(100, 15), window); // the inside is the base's (PE_PanelLineEdit)
        QCOMPARE(image.pixel(9, 15), window);
        QVERIFY(startsWithCutCorner(image));

        frame.state |= QStyle::State_HasFocus;
        image = painted(QSize(320, 32), QApplication::style(), draw);
        QCOMPARE(image.pixel(100, 4), focusOutline().rgb());
        QColor ring = focusOutline();
        ring.setAlpha(40);
        QCOMPARE(image.pixel(100, 5), over(ring));
    }

    void buttonPanelsPaintedFlatOverFusion()
    {
        QStyleOptionButton button = buttonOption(QRect(10, 4, 100, 26));
        auto draw = [&](const QStyle *style, QPainter *painter) {
            style->drawPrimitive(QStyle::PE_PanelButtonCommand, &button, painter);
        };
        QImage image = paintedWithPoolHeld(QSize(120, 34), draw);
        QVERIFY2(!image.isNull(), "painting waited for the held global thread pool");
        QVERIFY(!m_counting->primitives.contains(QStyle::PE_PanelButtonCommand));
        const QColor fill = QApplication::palette().color(QPalette::Button);
        QCOMPARE(image.pixel(50, 4), outline().rgb());
        QCOMPARE(image.pixel(10, 4), over(withAlphaF(outline(), 0.45f)));
        QCOMPARE(image.pixel(50, 5), fill.lighter(106).rgb()); // lighter at the top
        QCOMPARE(image.pixel(50, 28), fill.darker(101).rgb()); // the button colour at the bottom
        QVERIFY(startsWithCutCorner(image));

        button.state |= QStyle::State_Sunken; // down: flat and darker
        image = painted(QSize(120, 34), QApplication::style(), draw);
        QCOMPARE(image.pixel(50, 5), fill.darker(110).rgb());
        QCOMPARE(image.pixel(50, 28), fill.darker(110).rgb());

        button.state &= ~QStyle::State_Sunken;
        button.features = QStyleOptionButton::DefaultButton; // the highlight's outline
        QCOMPARE(painted(QSize(120, 34), QApplication::style(), draw).pixel(50, 4),
            focusOutline().rgb());

        button.features = QStyleOptionButton::None;
        button.state &= ~QStyle::State_Enabled; // fainter
        QColor faint = outline();
        faint.setAlpha(160);
        QCOMPARE(painted(QSize(120, 34), QApplication::style(), draw).pixel(50, 4), over(faint));

        // A flat button shows nothing until it is down.
        button.state |= QStyle::State_Enabled;
        button.features = QStyleOptionButton::Flat;
        QImage blank(QSize(120, 34), QImage::Format_RGB32);
        blank.fill(QApplication::palette().window().color());
        QCOMPARE(painted(QSize(120, 34), QApplication::style(), draw), blank);
    }

    void widgetsGetFlatPanelsOverFusion()
    {
        // As the app runs: AppStyle straight over Fusion, whose push buttons, combo boxes and
        // tool buttons ask their style (AppStyle) for the button panel.
        QApplication::setStyle(new AppStyle(QStyleFactory::create(u"Fusion"_s)));
        QWidget window;
        auto *layout = new QVBoxLayout(&window);
        auto *push = new QPushButton(u"Export CSV"_s);
        auto *combo = new QComboBox;
        combo->addItems({u"All statuses"_s, u"Pending"_s});
        auto *tool = new QToolButton;
        tool->setText(u"Platform"_s);
        tool->setPopupMode(QToolButton::InstantPopup);
        tool->setMenu(new QMenu(tool));
        auto *edit = new QLineEdit;
        for (QWidget *widget : {static_cast<QWidget *>(push), static_cast<QWidget *>(combo),
                 static_cast<QWidget *>(tool), static_cast<QWidget *>(edit)})
            layout->addWidget(widget);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        for (QWidget *widget : {static_cast<QWidget *>(push), static_cast<QWidget *>(combo),
                 static_cast<QWidget *>(tool), static_cast<QWidget *>(edit)})
            QVERIFY2(
                startsWithCutCorner(widget->grab().toImage()), widget->metaObject()->className());
    }

    void headerSectionsLeftToOtherStyles()
    {
        auto *windows = QStyleFactory::create(u"Windows"_s);
        QVERIFY(windows);
        QApplication::setStyle(new AppStyle(windows)); // owns windows
        auto *app = qobject_cast<AppStyle *>(QApplication::style());
        QVERIFY(app && !app->paintsFlatElements());
        const QStyleOptionHeader header
            = headerOption(QRect(10, 0, 320, 24), QStyleOptionHeader::Middle);
        auto draw = [&](const QStyle *style, QPainter *painter) {
            style->drawControl(QStyle::CE_HeaderSection, &header, painter);
        };
        QCOMPARE(painted(QSize(340, 24), app, draw), painted(QSize(340, 24), windows, draw));
        // So are line edit frames and button panels.
        const QStyleOptionButton button = buttonOption(QRect(10, 4, 100, 26));
        const QStyleOptionFrame frame = frameOption(button.rect);
        auto drawPanels = [&](const QStyle *style, QPainter *painter) {
            style->drawPrimitive(QStyle::PE_PanelButtonCommand, &button, painter);
            painter->translate(0, 40);
            style->drawPrimitive(QStyle::PE_FrameLineEdit, &frame, painter);
        };
        QCOMPARE(
            painted(QSize(120, 80), app, drawPanels), painted(QSize(120, 80), windows, drawPanels));
    }

private:
    CountingStyle *m_counting = nullptr; // owned by the application's AppStyle
};

QTEST_MAIN(TestAppStyle)
#include "tst_appstyle.moc"
