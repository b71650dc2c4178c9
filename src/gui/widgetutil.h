// SPDX-License-Identifier: MIT
#pragma once

#include <QHeaderView>

class QLabel;
class QTableView;

namespace WidgetUtil {

// Shows a label's text in an error colour that stays readable on light and dark palettes.
void markAsErrorLabel(QLabel *label);
// Rows of one fixed height (fast with 100,000 rows) from the font, whole-row selection.
void setUniformRows(QTableView *view);

// The horizontal header of a table that selects whole rows. Every column of a selected row is
// selected, so highlighting the sections of selected columns would mark all of them alike: none
// is highlighted. As no section is then ever drawn in bold, sections are measured in the font
// they are drawn in; QHeaderView measures them in bold, which loads a second font face while
// the first window is built.
class RowTableHeader final : public QHeaderView
{
public:
    explicit RowTableHeader(QWidget *parent = nullptr);

protected:
    QSize sectionSizeFromContents(int logicalIndex) const override;
    bool event(QEvent *event) override;

private:
    struct Measured
    {
        QString text;
        QFont font;
        qint64 decoration = 0; // cacheKey() of the icon or pixmap; 0 for none
        QSize size; // what the style needs for them; invalid: not measured
        int margin = 0; // the style's header margin, for the sort arrow's room
    };
    mutable QHash<int, Measured> m_measured; // by logical index
};

// A table of uniform rows (setUniformRows) with a RowTableHeader.
QTableView *newRowTable(QWidget *parent = nullptr);

} // namespace WidgetUtil
