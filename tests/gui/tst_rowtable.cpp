// SPDX-License-Identifier: MIT
// WidgetUtil::newRowTable and RowTableHeader: a table of whole-row selection whose header never
// draws a section in bold, measures sections in the font they are drawn in, and measures a text
// once however often Qt asks.
#include "widgetutil.h"

#include <QApplication>
#include <QProxyStyle>
#include <QStandardItemModel>
#include <QStyleFactory>
#include <QTableView>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QString LongLabel = u"Offboarding eligibility verdict"_s;

// Fusion, counting the header sections it is asked to size.
class MeasuringStyle final : public QProxyStyle
{
public:
    MeasuringStyle()
        : QProxyStyle(QStyleFactory::create(u"Fusion"_s))
    { }
    QSize sizeFromContents(ContentsType type, const QStyleOption *option, const QSize &size,
        const QWidget *widget) const override
    {
        if (type == CT_HeaderSection)
            ++sections;
        return QProxyStyle::sizeFromContents(type, option, size, widget);
    }
    mutable int sections = 0;
};

std::unique_ptr<QStandardItemModel> model(int rows = 3)
{
    auto result = std::make_unique<QStandardItemModel>(rows, 3);
    result->setHorizontalHeaderLabels({LongLabel, u"Health"_s, u"Risk"_s});
    for (int row = 0; row < rows; ++row) {
        for (int column = 0; column < 3; ++column)
            result->setItem(row, column, new QStandardItem(u"r%1c%2"_s.arg(row).arg(column)));
    }
    return result;
}

// The header's pixels before and after selecting a whole row of `view`.
std::pair<QImage, QImage> headerAroundRowSelection(QTableView *view)
{
    view->resize(600, 200);
    view->show();
    if (!QTest::qWaitForWindowExposed(view))
        return {};
    QHeaderView *header = view->horizontalHeader();
    const QImage before = header->grab().toImage();
    view->selectRow(1);
    QCoreApplication::processEvents();
    return {before, header->grab().toImage()};
}

} // namespace

class TestRowTable final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tableForWholeRows()
    {
        const std::unique_ptr<QTableView> view(WidgetUtil::newRowTable());
        QVERIFY(dynamic_cast<WidgetUtil::RowTableHeader *>(view->horizontalHeader()));
        QVERIFY(view->horizontalHeader()->sectionsClickable());
        QVERIFY(!view->horizontalHeader()->highlightSections());
        QCOMPARE(view->selectionBehavior(), QAbstractItemView::SelectRows);
        QVERIFY(!view->wordWrap());
        QVERIFY(view->verticalHeader()->isHidden());
        QCOMPARE(view->verticalHeader()->sectionResizeMode(0), QHeaderView::Fixed);
    }

    void aClickOnASectionSorts()
    {
        const auto data = model();
        data->setItem(0, 1, new QStandardItem(u"zeta"_s));
        data->setItem(1, 1, new QStandardItem(u"alpha"_s));
        data->setItem(2, 1, new QStandardItem(u"mu"_s));
        const std::unique_ptr<QTableView> view(WidgetUtil::newRowTable());
        view->setModel(data.get());
        view->setSortingEnabled(true);
        view->sortByColumn(0, Qt::AscendingOrder);
        view->resize(600, 200);
        view->show();
        QVERIFY(QTest::qWaitForWindowExposed(view.get()));
        QHeaderView *header = view->horizontalHeader();
        const QPoint middle(
            header->sectionViewportPosition(1) + header->sectionSize(1) / 2, header->height() / 2);
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, middle);
        QCOMPARE(header->sortIndicatorSection(), 1);
        QCOMPARE(data->index(0, 1).data().toString(), u"alpha"_s);
        QCOMPARE(data->index(2, 1).data().toString(), u"zeta"_s);
    }

    void selectingARowLeavesTheHeaderAsItWas()
    {
        const auto data = model();
        const std::unique_ptr<QTableView> view(WidgetUtil::newRowTable());
        view->setModel(data.get());
        const auto [before, after] = headerAroundRowSelection(view.get());
        QVERIFY(!before.isNull());
        QCOMPARE(after, before);

        // The stock header draws every section of a selected row in bold: the check above can
        // tell.
        QTableView stock;
        stock.setSelectionBehavior(QAbstractItemView::SelectRows);
        stock.setModel(data.get());
        const auto [stockBefore, stockAfter] = headerAroundRowSelection(&stock);
        QVERIFY(!stockBefore.isNull());
        QVERIFY(stockAfter != stockBefore);
    }

    void sectionsAreMeasuredInTheFontTheyAreDrawnIn()
    {
        const auto data = model();
        WidgetUtil::RowTableHeader ours;
        ours.setModel(data.get());
        QHeaderView stock(Qt::Horizontal); // measures in bold
        stock.setModel(data.get());
        const int margin = ours.style()->pixelMetric(QStyle::PM_HeaderMargin, nullptr, &ours);
        const int regular = ours.fontMetrics().horizontalAdvance(LongLabel);
        QFont bold = ours.font();
        bold.setBold(true);
        QVERIFY(QFontMetrics(bold).horizontalAdvance(LongLabel) > regular);

        QVERIFY(ours.sectionSizeHint(0) >= regular + 2 * margin);
        QVERIFY(ours.sectionSizeHint(0) < stock.sectionSizeHint(0));
        QCOMPARE(ours.sizeHint().height(), stock.sizeHint().height());

        // With the sort arrow shown, every section has room for it.
        const int plain = ours.sectionSizeHint(1);
        ours.setSortIndicatorShown(true);
        ours.setSortIndicator(0, Qt::AscendingOrder);
        QVERIFY(ours.sectionSizeHint(1) > plain);
    }

    void aTextIsMeasuredOnce()
    {
        const auto data = model();
        MeasuringStyle first, second; // outlive the header
        MeasuringStyle *style = &first;
        WidgetUtil::RowTableHeader header;
        header.setStyle(style);
        header.setModel(data.get());
        for (int section = 0; section < 3; ++section)
            header.sectionSizeHint(section);
        const int measured = style->sections;
        QVERIFY(measured >= 3);
        for (int round = 0; round < 3; ++round) {
            for (int section = 0; section < 3; ++section)
                header.sectionSizeHint(section);
        }
        header.setSortIndicatorShown(true);
        header.sectionSizeHint(1);
        QCOMPARE(style->sections, measured);

        // A new text is measured again.
        const int narrow = header.sectionSizeHint(1);
        data->setHeaderData(1, Qt::Horizontal, u"Health and sensor state"_s);
        QVERIFY(header.sectionSizeHint(1) > narrow);
        QCOMPARE(style->sections, measured + 1);

        // A pixmap beside a text is measured with it, once.
        QPixmap square(16, 16);
        square.fill(Qt::red);
        const int plain = header.sectionSizeHint(2);
        data->setHeaderData(2, Qt::Horizontal, square, Qt::DecorationRole);
        QVERIFY(header.sectionSizeHint(2) > plain);
        header.sectionSizeHint(2);
        QCOMPARE(style->sections, measured + 2);

        // So is every text in a new font.
        const int height = header.sizeHint().height();
        QFont larger = header.font();
        larger.setPointSizeF(larger.pointSizeF() * 2);
        header.setFont(larger);
        QVERIFY(header.sizeHint().height() > height);
        QVERIFY(style->sections >= measured + 4);

        // And in a new style.
        header.setStyle(&second);
        header.sectionSizeHint(0);
        header.sectionSizeHint(0);
        QCOMPARE(second.sections, 1);
    }
};

QTEST_MAIN(TestRowTable)
#include "tst_rowtable.moc"
