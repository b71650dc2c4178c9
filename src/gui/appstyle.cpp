// SPDX-License-Identifier: MIT
#include "appstyle.h"

#include "hairlinepainter.h"

#include <QApplication>
#include <QIconEngine>
#include <QPainter>
#include <QPointer>
#include <QStyleOption>
#include <QWidget>

using namespace Qt::StringLiterals;

namespace {

// Asks the base style for its icon the first time the icon is sized, painted or inspected.
class DeferredStandardIcon final : public QIconEngine
{
public:
    DeferredStandardIcon(
        QStyle *style, QStyle::StandardPixmap pixmap, Qt::LayoutDirection direction)
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
            // After a style change the icon comes from the style in use then.
            QStyle *style = m_style ? m_style.data() : QApplication::style();
            QStyleOption option;
            option.direction = m_direction;
            m_icon = style->standardIcon(m_pixmap, &option);
        }
        return m_icon;
    }

    QPointer<QStyle> m_style; // the base style
    QStyle::StandardPixmap m_pixmap;
    Qt::LayoutDirection m_direction;
    QIcon m_icon;
    bool m_loaded = false;
};

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
    return QIcon(new DeferredStandardIcon(baseStyle(), standardIcon, direction));
}

bool AppStyle::fillsHairlines(ControlElement element)
{
    // Not CE_HeaderSection: Fusion draws a section into a cached pixmap with a painter of its
    // own, which a wrapper cannot reach; wrapping it would only cost a painter per section.
    return element == CE_ToolBar;
}

bool AppStyle::fillsHairlines(ComplexControl control)
{
    return control == CC_ScrollBar;
}

void AppStyle::drawControl(ControlElement element, const QStyleOption *option, QPainter *painter,
    const QWidget *widget) const
{
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
