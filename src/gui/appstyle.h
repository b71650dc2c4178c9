// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QIcon>
#include <QProxyStyle>

// The application style: the platform's style (or the one chosen with -style), except that the
// standard icons Qt's own widgets ask for while they are built come back unloaded and are read
// only when first painted. A line edit with a clear button, a menu bar, a tool bar and a dock
// widget each ask for one or two standard icons in their constructors; with the stock styles
// every such call reads and decodes PNG files, most of them for buttons that stay hidden (the
// clear button of an empty field, the extension button of a tool bar that fits).
//
// It also paints scroll bars and tool bars through a HairlinePainter, which
// leaves the same pixels without handing Qt 6.4's line fills to the global thread pool (see
// hairlinepainter.h).
//
// Over Fusion it paints some elements itself, flat, with filled rectangles only:
// - table header sections, in the palette's button colour with one-pixel separators, straight
//   onto the header's painter. Fusion draws every section size into a pixmap of its own first,
//   with a painter of its own, and strokes a translucent line across it that Qt 6.4 hands to
//   the global thread pool: two tables' headers cost the first frame about twenty pixmaps and
//   painters, and the pool's start;
// - the frames of line edits and the panels of push buttons (and of the tool buttons and combo
//   boxes Fusion draws as push buttons): a one-pixel outline with cut corners around a flat
//   fill. Fusion strokes an antialiased rounded rectangle for each, and Qt 6.4 blends such a
//   stroke one pixel at a time: a wide line edit's frame cost more than its text.
class AppStyle final : public QProxyStyle
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AppStyle)
public:
    // base: the style to wrap (taken over); nullptr for the application's default.
    explicit AppStyle(QStyle *base = nullptr);

    QIcon standardIcon(StandardPixmap standardIcon, const QStyleOption *option = nullptr,
        const QWidget *widget = nullptr) const override;

    // Whether standardIcon() defers loading `pixmap` (the icons Qt's widgets ask for when built).
    static bool defersLoading(StandardPixmap pixmap);
    // The base style's icon, read from it once (the deferred icons load through this).
    QIcon loadedStandardIcon(StandardPixmap pixmap, Qt::LayoutDirection direction) const;

    void drawControl(ControlElement element, const QStyleOption *option, QPainter *painter,
        const QWidget *widget = nullptr) const override;
    void drawComplexControl(ComplexControl control, const QStyleOptionComplex *option,
        QPainter *painter, const QWidget *widget = nullptr) const override;

    void drawPrimitive(PrimitiveElement element, const QStyleOption *option, QPainter *painter,
        const QWidget *widget = nullptr) const override;

    // Whether header sections, line edit frames and button panels are painted flat by this
    // style (over Fusion) rather than by the base style.
    bool paintsFlatElements() const;

    // Whether the element or control is painted through a HairlinePainter.
    static bool fillsHairlines(ControlElement element);
    static bool fillsHairlines(ComplexControl control);

private:
    mutable QHash<int, QIcon> m_loaded; // loadedStandardIcon(), by pixmap and direction
};
