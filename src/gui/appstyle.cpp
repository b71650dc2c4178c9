// SPDX-License-Identifier: MIT
#include "appstyle.h"

#include "hairlinepainter.h"

#include <QApplication>
#include <QIconEngine>
#include <QLinearGradient>
#include <QPainter>
#include <QPointer>
#include <QStyleOption>
#include <QWidget>

using namespace Qt::StringLiterals;

namespace {

// Asks the base style for its icon (through the AppStyle that made it, which reads each icon
// once) the first time the icon is sized, painted or inspected.
class DeferredStandardIcon final : public QIconEngine
{
public:
    DeferredStandardIcon(
        const AppStyle *style, QStyle::StandardPixmap pixmap, Qt::LayoutDirection direction)
        : m_style(style)
        , m_pixmap(pixmap)
        , m_direction(direction)
    { }

    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State state) override
    {
        icon().paint(painter, rect, Qt::AlignCenter, mode, state);
    }
    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override
    {
        return icon().pixmap(size, mode, state);
    }
    QPixmap scaledPixmap(
        const QSize &size, QIcon::Mode mode, QIcon::State state, qreal scale) override
    {
        return icon().pixmap(size, scale, mode, state);
    }
    QSize actualSize(const QSize &size, QIcon::Mode mode, QIcon::State state) override
    {
        return icon().actualSize(size, mode, state);
    }
    QList<QSize> availableSizes(QIcon::Mode mode, QIcon::State state) override
    {
        return icon().availableSizes(mode, state);
    }
    bool isNull() override { return icon().isNull(); }
    QString iconName() override { return icon().name(); }
    QString key() const override { return u"mde-deferred-standard"_s; }
    QIconEngine *clone() const override
    {
        auto *copy = new DeferredStandardIcon(m_style, m_pixmap, m_direction);
        copy->m_icon = m_icon;
        copy->m_loaded = m_loaded;
        return copy;
    }

private:
    const QIcon &icon()
    {
        if (!m_loaded) {
            m_loaded = true;
            if (m_style) {
                m_icon = m_style->loadedStandardIcon(m_pixmap, m_direction);
            } else { // after a style change, from the style in use then
                QStyleOption option;
                option.direction = m_direction;
                m_icon = QApplication::style()->standardIcon(m_pixmap, &option);
            }
        }
        return m_icon;
    }

    QPointer<const AppStyle> m_style;
    QStyle::StandardPixmap m_pixmap;
    Qt::LayoutDirection m_direction;
    QIcon m_icon;
    bool m_loaded = false;
};

// A header section: flat in the button colour (darker while pressed, lighter under the mouse),
// a separator after it and a line under it, in the palette's mid colour. Rectangles only: no
// stroked line, so nothing goes to the global thread pool.
void paintHeaderSection(const QStyleOptionHeader &header, QPainter *painter)
{
    const QRect rect = header.rect;
    QColor fill = header.palette.color(QPalette::Button);
    if (header.state & QStyle::State_Sunken)
        fill = fill.darker(110);
    else if ((header.state & QStyle::State_MouseOver) && (header.state & QStyle::State_Enabled))
        fill = fill.lighter(104);
    painter->fillRect(rect, fill);
    const QColor line = header.palette.color(QPalette::Mid);
    const bool last = header.position == QStyleOptionHeader::End
        || header.position == QStyleOptionHeader::OnlyOneSection;
    if (header.orientation == Qt::Horizontal) {
        painter->fillRect(rect.left(), rect.bottom(), rect.width(), 1, line);
        // A separator a little shorter than the section, after every section but the last.
        if (!last && rect.height() > 8)
            painter->fillRect(rect.right(), rect.top() + 4, 1, rect.height() - 9, line);
    } else {
        painter->fillRect(rect.right(), rect.top(), 1, rect.height(), line);
        if (!last)
            painter->fillRect(rect.left(), rect.bottom(), rect.width() - 1, 1, line);
    }
}

// Fusion's outline colours, so that flat frames sit well beside what Fusion still draws (combo
// box arrows, spin boxes, group boxes).
QColor outlineColor(const QPalette &palette)
{
    return palette.color(QPalette::Window).darker(140);
}

QColor focusOutlineColor(const QPalette &palette)
{
    return palette.color(QPalette::Highlight).darker(125);
}

// A one-pixel outline just inside `rect`, its corner pixels left out and painted half-covered
// instead: a rounded corner of radius one, from five rectangles.
void paintOutline(QPainter *painter, const QRect &rect, const QColor &color)
{
    if (rect.width() < 3 || rect.height() < 3)
        return painter->fillRect(rect, color);
    painter->fillRect(rect.left() + 1, rect.top(), rect.width() - 2, 1, color);
    painter->fillRect(rect.left() + 1, rect.bottom(), rect.width() - 2, 1, color);
    painter->fillRect(rect.left(), rect.top() + 1, 1, rect.height() - 2, color);
    painter->fillRect(rect.right(), rect.top() + 1, 1, rect.height() - 2, color);
    QColor corner = color;
    corner.setAlphaF(color.alphaF() * 0.45f);
    for (const QPoint &point :
        {rect.topLeft(), rect.topRight(), rect.bottomLeft(), rect.bottomRight()})
        painter->fillRect(point.x(), point.y(), 1, 1, corner);
}

// PE_FrameLineEdit: the outline (the highlight's while focused, with a soft ring inside it) and
// a faint shadow under its top edge. The base inside is QCommonStyle's PE_PanelLineEdit.
void paintLineEditFrame(const QStyleOption &option, QPainter *painter)
{
    const QRect rect = option.rect;
    const bool focused = option.state & QStyle::State_HasFocus;
    paintOutline(
        painter, rect, focused ? focusOutlineColor(option.palette) : outlineColor(option.palette));
    if (focused) {
        QColor ring = focusOutlineColor(option.palette);
        ring.setAlpha(40);
        paintOutline(painter, rect.adjusted(1, 1, -1, -1), ring);
    } else if (rect.width() > 4 && rect.height() > 4) {
        painter->fillRect(
            rect.left() + 2, rect.top() + 1, rect.width() - 4, 1, QColor(0, 0, 0, 18));
    }
}

// PE_PanelButtonCommand: a fill fading from a little lighter than the button colour at the top
// to the button colour at the bottom (flat and darker while down, lighter under the mouse,
// tinted for the default button) inside the outline (the highlight's for the default button
// and for keyboard focus, fainter when disabled). A flat button shows only while down.
void paintButtonPanel(const QStyleOption &option, QPainter *painter)
{
    const auto *button = qstyleoption_cast<const QStyleOptionButton *>(&option);
    const bool enabled = option.state & QStyle::State_Enabled;
    const bool down = option.state & (QStyle::State_Sunken | QStyle::State_On);
    const bool isDefault
        = enabled && button && (button->features & QStyleOptionButton::DefaultButton);
    const bool flat = button && (button->features & QStyleOptionButton::Flat);
    const bool keyboardFocus = (option.state & QStyle::State_HasFocus)
        && (option.state & QStyle::State_KeyboardFocusChange);
    if (flat && !down)
        return;
    const QRect rect = option.rect;
    QColor fill = option.palette.color(QPalette::Button);
    if (isDefault) {
        const QColor tint = option.palette.color(QPalette::Highlight);
        fill = QColor::fromRgbF(fill.redF() * 0.9f + tint.redF() * 0.1f,
            fill.greenF() * 0.9f + tint.greenF() * 0.1f, fill.blueF() * 0.9f + tint.blueF() * 0.1f);
    }
    const QRect inside = rect.adjusted(1, 1, -1, -1);
    if (down) {
        painter->fillRect(inside, fill.darker(110));
    } else {
        if ((option.state & QStyle::State_MouseOver) && enabled)
            fill = fill.lighter(103);
        QLinearGradient gradient(inside.topLeft(), inside.bottomLeft());
        gradient.setColorAt(0, fill.lighter(106));
        gradient.setColorAt(1, fill.darker(101));
        painter->fillRect(inside, gradient);
    }
    QColor outline = (isDefault || keyboardFocus) ? focusOutlineColor(option.palette)
                                                  : outlineColor(option.palette);
    if (!enabled)
        outline.setAlpha(160);
    paintOutline(painter, rect, outline);
}

} // namespace

AppStyle::AppStyle(QStyle *base)
    : QProxyStyle(base)
{ }

bool AppStyle::defersLoading(StandardPixmap pixmap)
{
    switch (pixmap) {
    case SP_LineEditClearButton:
    case SP_ToolBarHorizontalExtensionButton:
    case SP_ToolBarVerticalExtensionButton:
    case SP_TitleBarCloseButton:
    case SP_TitleBarNormalButton:
    case SP_TitleBarMinButton:
    case SP_TitleBarMaxButton:
        return true;
    default:
        return false;
    }
}

QIcon AppStyle::standardIcon(
    StandardPixmap standardIcon, const QStyleOption *option, const QWidget *widget) const
{
    if (!defersLoading(standardIcon))
        return QProxyStyle::standardIcon(standardIcon, option, widget);
    const Qt::LayoutDirection direction = option ? option->direction
        : widget                                 ? widget->layoutDirection()
                                                 : QApplication::layoutDirection();
    return QIcon(new DeferredStandardIcon(this, standardIcon, direction));
}

QIcon AppStyle::loadedStandardIcon(StandardPixmap pixmap, Qt::LayoutDirection direction) const
{
    // Fusion decodes an XPM image for every call; two docks' title buttons asked four times.
    const int key = int(pixmap) * 2 + (direction == Qt::RightToLeft ? 1 : 0);
    auto found = m_loaded.constFind(key);
    if (found == m_loaded.constEnd()) {
        QStyleOption option;
        option.direction = direction;
        found = m_loaded.insert(key, baseStyle()->standardIcon(pixmap, &option));
    }
    return *found;
}

bool AppStyle::paintsFlatElements() const
{
    // The style that draws in the end, through any proxies (-style fusion, or a test's wrapper).
    const QStyle *base = baseStyle();
    while (const auto *proxy = qobject_cast<const QProxyStyle *>(base))
        base = proxy->baseStyle();
    return base->name().compare(u"fusion"_s, Qt::CaseInsensitive) == 0;
}

bool AppStyle::fillsHairlines(ControlElement element)
{
    // Not CE_HeaderSection: over Fusion this style paints it itself (see paintsFlatElements);
    // over other styles the section goes into a cached pixmap no wrapper reaches.
    return element == CE_ToolBar;
}

bool AppStyle::fillsHairlines(ComplexControl control)
{
    return control == CC_ScrollBar;
}

void AppStyle::drawPrimitive(PrimitiveElement element, const QStyleOption *option,
    QPainter *painter, const QWidget *widget) const
{
    if (option && (element == PE_FrameLineEdit || element == PE_PanelButtonCommand)
        && paintsFlatElements()) {
        return element == PE_FrameLineEdit ? paintLineEditFrame(*option, painter)
                                           : paintButtonPanel(*option, painter);
    }
    QProxyStyle::drawPrimitive(element, option, painter, widget);
}

void AppStyle::drawControl(ControlElement element, const QStyleOption *option, QPainter *painter,
    const QWidget *widget) const
{
    if (element == CE_HeaderSection && paintsFlatElements()) {
        if (const auto *header = qstyleoption_cast<const QStyleOptionHeader *>(option))
            return paintHeaderSection(*header, painter);
    }
    if (!fillsHairlines(element) || !HairlinePainter::canWrap(painter))
        return QProxyStyle::drawControl(element, option, painter, widget);
    const HairlinePainter hairlines(painter);
    QProxyStyle::drawControl(element, option, hairlines.painter(), widget);
}

void AppStyle::drawComplexControl(ComplexControl control, const QStyleOptionComplex *option,
    QPainter *painter, const QWidget *widget) const
{
    if (!fillsHairlines(control) || !HairlinePainter::canWrap(painter))
        return QProxyStyle::drawComplexControl(control, option, painter, widget);
    const HairlinePainter hairlines(painter);
    QProxyStyle::drawComplexControl(control, option, hairlines.painter(), widget);
}

#include "moc_appstyle.cpp"
