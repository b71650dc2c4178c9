// SPDX-License-Identifier: MIT
#include "widgetutil.h"

#include <QEvent>
#include <QIcon>
#include <QLabel>
#include <QPixmap>
#include <QStyleOptionHeader>
#include <QTableView>

namespace WidgetUtil {

void markAsErrorLabel(QLabel *label)
{
    QPalette palette = label->palette();
    const bool dark = palette.color(QPalette::Window).lightness() < 128;
    palette.setColor(
        QPalette::WindowText, dark ? QColor(0xff, 0x8a, 0x80) : QColor(0xb0, 0x00, 0x20));
    label->setPalette(palette);
}

void setUniformRows(QTableView *view)
{
    QHeaderView *rows = view->verticalHeader();
    rows->setSectionResizeMode(QHeaderView::Fixed);
    rows->setDefaultSectionSize(view->fontMetrics().height() + 8);
    rows->hide();
    view->setWordWrap(false);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
}

RowTableHeader::RowTableHeader(QWidget *parent)
    : QHeaderView(Qt::Horizontal, parent)
{
    setSectionsClickable(true); // as QTableView's own header: a click sorts
    setHighlightSections(false);
}

QSize RowTableHeader::sectionSizeFromContents(int logicalIndex) const
{
    // Bold is drawn only for highlighted sections: with highlighting turned back on, measure as
    // QHeaderView does.
    if (highlightSections() || !model())
        return QHeaderView::sectionSizeFromContents(logicalIndex);
    ensurePolished();
    const Qt::Orientation along = orientation();
    const QVariant hint = model()->headerData(logicalIndex, along, Qt::SizeHintRole);
    if (hint.isValid())
        return hint.toSize();

    // The font paintSection() draws the section in.
    const QVariant sectionFont = model()->headerData(logicalIndex, along, Qt::FontRole);
    const QFont drawnIn = sectionFont.canConvert<QFont>() ? sectionFont.value<QFont>() : font();
    const QString text = model()->headerData(logicalIndex, along, Qt::DisplayRole).toString();
    const QVariant decoration = model()->headerData(logicalIndex, along, Qt::DecorationRole);
    const QIcon icon = decoration.value<QIcon>();
    const QPixmap pixmap = icon.isNull() ? decoration.value<QPixmap>() : QPixmap();
    const qint64 decorationKey = icon.isNull() ? pixmap.cacheKey() : icon.cacheKey();
    // QHeaderView asks again for every section each time its size hint is invalidated, several
    // times while a window is first laid out: measure a text once.
    Measured &measured = m_measured[logicalIndex];
    if (!measured.size.isValid() || measured.text != text || measured.font != drawnIn
        || measured.decoration != decorationKey) {
        QStyleOptionHeader option;
        initStyleOption(&option);
        option.section = logicalIndex;
        option.text = text;
        option.icon = icon.isNull() ? QIcon(pixmap) : icon;
        option.fontMetrics = QFontMetrics(drawnIn);
        measured = {text, drawnIn, decorationKey,
            style()->sizeFromContents(QStyle::CT_HeaderSection, &option, QSize(), this),
            style()->pixelMetric(QStyle::PM_HeaderMargin, &option, this)};
    }
    QSize size = measured.size;
    // Room for the sort arrow in every section: a click on any of them moves it there.
    if (isSortIndicatorShown()) {
        if (along == Qt::Horizontal)
            size.rwidth() += size.height() + measured.margin;
        else
            size.rheight() += size.width() + measured.margin;
    }
    return size;
}

bool RowTableHeader::event(QEvent *event)
{
    // The style's margins go into every measurement (the font is compared with each).
    if (event->type() == QEvent::StyleChange)
        m_measured.clear();
    return QHeaderView::event(event);
}

QTableView *newRowTable(QWidget *parent)
{
    auto *view = new QTableView(parent);
    view->setHorizontalHeader(new RowTableHeader(view));
    setUniformRows(view);
    return view;
}

} // namespace WidgetUtil
