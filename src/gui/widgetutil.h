// SPDX-License-Identifier: MIT
#pragma once

class QLabel;
class QTableView;

namespace WidgetUtil {

// Shows a label's text in an error colour that stays readable on light and dark palettes.
void markAsErrorLabel(QLabel *label);
// Rows of one fixed height (fast with 100,000 rows) from the font, whole-row selection.
void setUniformRows(QTableView *view);

} // namespace WidgetUtil
