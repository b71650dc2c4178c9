// SPDX-License-Identifier: MIT
#include "csvexport.h"

#include <QAbstractItemModel>

using namespace Qt::StringLiterals;

namespace Csv {

QString field(const QString &text)
{
    QString value = text;
    // A spreadsheet would run "=HYPERLINK(…)" or "@SUM(…)": make it text.
    if (!value.isEmpty()) {
        const QChar first = value.at(0);
        if (first == u'=' || first == u'+' || first == u'-' || first == u'@' || first == u'\t'
            || first == u'\r')
            value.prepend(u'\'');
    }
    if (value.contains(u',') || value.contains(u'"') || value.contains(u'\r')
        || value.contains(u'\n')) {
        value.replace(u"\""_s, u"\"\""_s);
        value = u'"' + value + u'"';
    }
    return value;
}

QString row(const QStringList &fields)
{
    QString line;
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (i > 0)
            line.append(u',');
        line.append(field(fields.at(i)));
    }
    return line;
}

QString fromModel(const QAbstractItemModel &model, int role)
{
    const int columns = model.columnCount();
    const int rows = model.rowCount();
    QString out;
    QStringList fields;
    for (int column = 0; column < columns; ++column)
        fields.append(model.headerData(column, Qt::Horizontal, Qt::DisplayRole).toString());
    out += row(fields) + u"\r\n"_s;
    for (int r = 0; r < rows; ++r) {
        fields.clear();
        for (int column = 0; column < columns; ++column) {
            const QModelIndex index = model.index(r, column);
            QVariant value = model.data(index, role);
            if (!value.isValid())
                value = model.data(index, Qt::DisplayRole);
            fields.append(value.toString());
        }
        out += row(fields) + u"\r\n"_s;
    }
    return out;
}

} // namespace Csv
