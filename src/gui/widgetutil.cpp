// SPDX-License-Identifier: MIT
#include "widgetutil.h"

#include <QHeaderView>
#include <QLabel>
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

} // namespace WidgetUtil
