// SPDX-License-Identifier: MIT
// Icons: the sizes the window paints at start-up come compiled in, pixel for pixel the bundled
// PNGs, and are painted without reading any resource; other sizes come from the PNGs.
#include "iconpixels.h"
#include "icons.h"

#include <QApplication>
#include <QDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

QImage pngPixels(const QString &name, int side)
{
    return QImage(u":/icons/png/%1-%2.png"_s.arg(name).arg(side), "png")
        .convertToFormat(QImage::Format_ARGB32_Premultiplied);
}

QImage painted(const QIcon &icon, int side)
{
    return icon.pixmap(QSize(side, side))
        .toImage()
        .convertToFormat(QImage::Format_ARGB32_Premultiplied);
}

// The bundled file name of an icon: ":/icons/<name>.svg".
QString fileName(Icons::Id id)
{
    return Icons::resourcePath(id).section(u'/', -1).chopped(4);
}

const QList<Icons::Id> everyIcon = [] {
    QList<Icons::Id> ids;
    for (int id = int(Icons::Id::App); id <= int(Icons::Id::StatusCancelled); ++id)
        ids.append(Icons::Id(id));
    return ids;
}();

} // namespace

class TestIcons final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // No desktop theme: the bundled icons are what is painted.
        QIcon::setThemeName(QString());
        QVERIFY(!Icons::icon(Icons::Id::App).isNull()); // registers the resources
    }

    void packedPixelsAreThePngs()
    {
        int packed = 0;
        for (const IconPixels::Entry *e = IconPixels::begin(); e != IconPixels::end(); ++e) {
            const QString name = QString::fromUtf16(e->name);
            QCOMPARE(IconPixels::find(name, e->side), pngPixels(name, e->side));
            ++packed;
        }
        // Every 16 and 24 pixel PNG is packed.
        QCOMPARE(
            packed, int(QDir(u":/icons/png"_s).entryList({u"*-16.png"_s, u"*-24.png"_s}).size()));
        QVERIFY(packed > 0);
        QVERIFY(IconPixels::find(u"sign-in", 17).isNull());
        QVERIFY(IconPixels::find(u"no-such-icon", 16).isNull());
    }

    void iconsPaintThePngsPixels()
    {
        for (Icons::Id id : everyIcon) {
            const QIcon icon = Icons::icon(id);
            for (int side : {16, 24, 32, 48})
                QCOMPARE(painted(icon, side), pngPixels(fileName(id), side));
        }
    }

    void startUpSizesNeedNoResource()
    {
        QList<QImage> expected;
        for (Icons::Id id : everyIcon)
            expected << pngPixels(fileName(id), 16) << pngPixels(fileName(id), 24);
        // Without the resources, nothing could be read: the start-up sizes are still painted,
        // other sizes are not.
        Q_CLEANUP_RESOURCE(resources);
        const auto restore = qScopeGuard([] { Q_INIT_RESOURCE(resources); });
        QVERIFY(pngPixels(u"copy"_s, 16).isNull());
        int i = 0;
        for (Icons::Id id : everyIcon) {
            const QIcon icon = Icons::icon(id);
            QCOMPARE(painted(icon, 16), expected.at(i++));
            QCOMPARE(painted(icon, 24), expected.at(i++));
            QVERIFY(icon.pixmap(QSize(48, 48)).isNull());
        }
    }
};

QTEST_MAIN(TestIcons)
#include "tst_icons.moc"
