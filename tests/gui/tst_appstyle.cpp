// SPDX-License-Identifier: MIT
// AppStyle: the standard icons Qt's widgets ask for while they are built are read only when
// painted, and are then the base style's own icons; every other standard icon comes from the
// base style at once.
#include "appstyle.h"

#include <QApplication>
#include <QDockWidget>
#include <QLineEdit>
#include <QMainWindow>
#include <QMenuBar>
#include <QPointer>
#include <QStyleFactory>
#include <QTest>
#include <QToolBar>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

// Fusion, noting every standard icon asked of it.
class CountingStyle final : public QProxyStyle
{
public:
    CountingStyle()
        : QProxyStyle(QStyleFactory::create(u"Fusion"_s))
    { }
    QIcon standardIcon(StandardPixmap pixmap, const QStyleOption *option = nullptr,
        const QWidget *widget = nullptr) const override
    {
        requested.append(pixmap);
        return QProxyStyle::standardIcon(pixmap, option, widget);
    }
    mutable QList<StandardPixmap> requested;
};

QImage pixels(const QIcon &icon, int side)
{
    return icon.pixmap(QSize(side, side)).toImage().convertToFormat(QImage::Format_ARGB32);
}

} // namespace

class TestAppStyle final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_counting = new CountingStyle;
        QApplication::setStyle(new AppStyle(m_counting)); // owns m_counting
    }

    void buildingWidgetsReadsNoHiddenIcon()
    {
        QMainWindow window;
        window.menuBar()->addMenu(u"File"_s);
        window.addToolBar(u"Tools"_s)->addAction(u"Refresh"_s);
        auto *central = new QWidget;
        auto *edit = new QLineEdit;
        edit->setClearButtonEnabled(true);
        (new QVBoxLayout(central))->addWidget(edit);
        window.setCentralWidget(central);
        auto *dock = new QDockWidget(u"History"_s);
        dock->setWidget(new QWidget);
        window.addDockWidget(Qt::BottomDockWidgetArea, dock);
        window.resize(800, 600);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.grab(); // every visible widget painted

        // The empty field hides its clear button and the tool bar fits: neither icon was read.
        QVERIFY(!m_counting->requested.contains(QStyle::SP_LineEditClearButton));
        QVERIFY(!m_counting->requested.contains(QStyle::SP_ToolBarHorizontalExtensionButton));
        // The dock's title buttons are painted, so their icons were read.
        QVERIFY(m_counting->requested.contains(QStyle::SP_TitleBarCloseButton));

        // Text shows the clear button; painting it reads its icon.
        QTest::keyClicks(edit, u"wks"_s);
        window.grab();
        QVERIFY(m_counting->requested.contains(QStyle::SP_LineEditClearButton));
    }

    void deferredIconsAreTheBaseStylesIcons_data()
    {
        QTest::addColumn<int>("pixmap");
        QTest::newRow("clear") << int(QStyle::SP_LineEditClearButton);
        QTest::newRow("extension") << int(QStyle::SP_ToolBarHorizontalExtensionButton);
        QTest::newRow("vertical extension") << int(QStyle::SP_ToolBarVerticalExtensionButton);
        QTest::newRow("close") << int(QStyle::SP_TitleBarCloseButton);
        QTest::newRow("float") << int(QStyle::SP_TitleBarNormalButton);
    }
    void deferredIconsAreTheBaseStylesIcons()
    {
        QFETCH(int, pixmap);
        const auto standard = QStyle::StandardPixmap(pixmap);
        QVERIFY(AppStyle::defersLoading(standard));
        const QIcon deferred = QApplication::style()->standardIcon(standard);
        QVERIFY(!m_counting->requested.contains(standard));
        const QIcon direct = m_counting->standardIcon(standard);
        QVERIFY(!deferred.isNull());
        QCOMPARE(deferred.availableSizes(), direct.availableSizes());
        for (int side : {16, 24})
            QCOMPARE(pixels(deferred, side), pixels(direct, side));
        // A copy painted later reads nothing again and gives the same pixels.
        const int reads = int(m_counting->requested.count(standard));
        const QIcon copy = deferred;
        QCOMPARE(pixels(copy, 16), pixels(direct, 16));
        QCOMPARE(int(m_counting->requested.count(standard)), reads);
    }

    void otherIconsComeAtOnce()
    {
        QVERIFY(!AppStyle::defersLoading(QStyle::SP_DialogOkButton));
        const QIcon ok = QApplication::style()->standardIcon(QStyle::SP_DialogOkButton);
        QCOMPARE(m_counting->requested, QList<QStyle::StandardPixmap>({QStyle::SP_DialogOkButton}));
        QCOMPARE(pixels(ok, 16), pixels(m_counting->standardIcon(QStyle::SP_DialogOkButton), 16));
    }

    void aDeferredIconOutlivingItsStyleComesFromTheStyleInUse()
    {
        const QIcon orphan = QApplication::style()->standardIcon(QStyle::SP_TitleBarCloseButton);
        QStyle *windows = QStyleFactory::create(u"Windows"_s);
        QApplication::setStyle(windows); // deletes AppStyle and its base
        const QImage expected = pixels(windows->standardIcon(QStyle::SP_TitleBarCloseButton), 16);
        QVERIFY(!expected.isNull());
        QCOMPARE(pixels(orphan, 16), expected);
    }

private:
    CountingStyle *m_counting = nullptr; // owned by the application's AppStyle
};

QTEST_MAIN(TestAppStyle)
#include "tst_appstyle.moc"
