// SPDX-License-Identifier: MIT
#pragma once

#include <QImage>
#include <QStringView>

#include <iterator>

// The bundled icons at the sizes the window paints when it opens, as premultiplied ARGB32
// pixels compiled in (made at build time by mde-iconpack from resources/icons/png), so that
// painting them decodes no PNG. Other sizes are read from the PNGs.
namespace IconPixels {

struct Entry
{
    const char16_t *name; // the file name without size, e.g. u"sign-in"
    int side;
    const quint32 *pixels; // side * side, row by row
};

const Entry *begin();
const Entry *end();

// The icon `name` at `side` pixels square over the compiled-in pixels (read-only, no copy);
// null when there is none at that size.
inline QImage find(QStringView name, int side)
{
    for (const Entry *entry = begin(); entry != end(); ++entry) {
        if (entry->side == side && name == QStringView(entry->name))
            return QImage(reinterpret_cast<const uchar *>(entry->pixels), side, side,
                side * int(sizeof(quint32)), QImage::Format_ARGB32_Premultiplied);
    }
    return {};
}

} // namespace IconPixels
