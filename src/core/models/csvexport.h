// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringList>

class QAbstractItemModel;

// CSV as RFC 4180 describes it (comma separated, CRLF line ends, fields with a comma, quote, CR
// or LF quoted and their quotes doubled) with spreadsheet formula injection neutralised: a field
// that starts with = + - @ TAB or CR gets a leading apostrophe (and is then quoted if needed).
namespace Csv {

QString field(const QString &text);
QString row(const QStringList &fields); // without the line end
// Header row (DisplayRole of the horizontal header) then every row of a flat model, each
// cell from `role` (falling back to DisplayRole where that is invalid); CRLF after every line.
QString fromModel(const QAbstractItemModel &model, int role);

} // namespace Csv
