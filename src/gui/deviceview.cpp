// SPDX-License-Identifier: MIT
#include "deviceview.h"

#include "appsettings.h"
#include "icons.h"
#include "machinefiltermodel.h"
#include "machinetablemodel.h"
#include "widgetutil.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSettings>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>
#include <utility>

using namespace Qt::StringLiterals;

namespace {

QSettings viewSettings()
{
    return QSettings(QString::fromLatin1(AppSettings::organization),
        QString::fromLatin1(AppSettings::application));
}

QStringList checkedValues(const QMenu *menu)
{
    QStringList values;
    for (const QAction *action : menu->actions()) {
        if (action->isChecked())
            values.append(action->data().toString());
    }
    return values;
}

} // namespace

DeviceView::DeviceView(MachineFilterModel *filter, QWidget *parent)
    : QWidget(parent)
    , m_filter(filter)
    , m_search(new QLineEdit(this))
    , m_eligibleOnly(new QCheckBox(tr("Offboard-&eligible only"), this))
    , m_serverFilter(new QLineEdit(this))
    , m_table(WidgetUtil::newRowTable(this))
{
    m_search->setObjectName(u"searchEdit"_s);
    m_search->setPlaceholderText(tr("Find by name, id, IP, tag or group (Ctrl+F)"));
    m_search->setAccessibleName(tr("Find devices"));
    m_search->setClearButtonEnabled(true);
    m_search->addAction(Icons::icon(Icons::Id::Search), QLineEdit::LeadingPosition);
    m_platformButton = makeFilterButton(tr("&Platform"), u"platformFilterButton"_s);
    m_healthButton = makeFilterButton(tr("&Health"), u"healthFilterButton"_s);
    m_riskButton = makeFilterButton(tr("&Risk"), u"riskFilterButton"_s);
    m_eligibleOnly->setObjectName(u"eligibleOnlyCheck"_s);
    m_serverFilter->setObjectName(u"serverFilterEdit"_s);
    m_serverFilter->setPlaceholderText(
        tr("Server filter (OData), applied on Refresh, e.g. healthStatus eq 'Inactive'"));
    m_serverFilter->setAccessibleName(tr("Server-side OData filter"));
    m_serverFilter->setClearButtonEnabled(true);

    auto *serverLabel = new QLabel(tr("Ser&ver filter:"), this);
    serverLabel->setBuddy(m_serverFilter);
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_search, 3);
    bar->addWidget(m_platformButton);
    bar->addWidget(m_healthButton);
    bar->addWidget(m_riskButton);
    bar->addWidget(m_eligibleOnly);
    auto *serverBar = new QHBoxLayout;
    serverBar->addWidget(serverLabel);
    serverBar->addWidget(m_serverFilter, 1);

    m_table->setObjectName(u"deviceTable"_s);
    m_table->setAccessibleName(tr("Devices"));
    m_table->setModel(m_filter);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(-1, Qt::AscendingOrder);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setTabKeyNavigation(false);
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionsMovable(true);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setDefaultSectionSize(130);
    header->setStretchLastSection(true);
    // First-run widths in characters, so names and versions are readable at a glance; a saved
    // layout (restoreState below) wins.
    const int ch = m_table->fontMetrics().averageCharWidth();
    const std::pair<int, int> widths[]
        = {{MachineTableModel::NameColumn, 36}, {MachineTableModel::PlatformColumn, 34},
            {MachineTableModel::HealthColumn, 22}, {MachineTableModel::RiskColumn, 12},
            {MachineTableModel::ExposureColumn, 10}, {MachineTableModel::DeviceValueColumn, 9},
            {MachineTableModel::LastSeenColumn, 14}, {MachineTableModel::GroupColumn, 14},
            {MachineTableModel::TagsColumn, 18}, {MachineTableModel::LastIpColumn, 14}};
    for (const auto &[column, chars] : widths)
        header->resizeSection(column, chars * ch + 16);
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(header, &QHeaderView::customContextMenuRequested, this, &DeviceView::showHeaderMenu);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addLayout(serverBar);
    layout->addWidget(m_table, 1);

    connect(m_search, &QLineEdit::textChanged, m_filter, &MachineFilterModel::setSearchText);
    connect(m_eligibleOnly, &QCheckBox::toggled, m_filter, &MachineFilterModel::setEligibleOnly);
    connect(m_serverFilter, &QLineEdit::returnPressed, this, &DeviceView::serverFilterSubmitted);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        [this] { Q_EMIT currentDeviceChanged(currentSourceRow()); });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        [this] { Q_EMIT selectionChanged(int(m_table->selectionModel()->selectedRows().size())); });
    // Filtering and sorting are layout changes: the selection follows its rows.
    connect(m_filter, &MachineFilterModel::countsChanged, this,
        [this] { Q_EMIT selectionChanged(int(m_table->selectionModel()->selectedRows().size())); });
    connect(m_table, &QTableView::activated, this,
        [this](const QModelIndex &index) { Q_EMIT activated(m_filter->sourceRow(index.row())); });
    restoreState();
}

DeviceView::~DeviceView() = default;

QToolButton *DeviceView::makeFilterButton(const QString &text, const QString &objectName)
{
    auto *button = new QToolButton(this);
    button->setObjectName(objectName);
    button->setText(text);
    button->setPopupMode(QToolButton::InstantPopup);
    button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    auto *menu = new QMenu(button);
    button->setMenu(menu);
    connect(menu, &QMenu::aboutToShow, this, [this, button, menu] {
        const auto *model = m_filter->machineModel();
        if (!model)
            return;
        if (button == m_platformButton)
            fillMenu(menu, model->platforms(), m_filter->platformFilter(),
                &MachineTableModel::platformText);
        else if (button == m_healthButton)
            fillMenu(menu, MachineTableModel::knownHealthStatuses(), m_filter->healthFilter(),
                &MachineTableModel::healthText);
        else
            fillMenu(menu, MachineTableModel::knownRiskScores(), m_filter->riskFilter(),
                &MachineTableModel::riskText);
    });
    return button;
}

void DeviceView::fillMenu(QMenu *menu, const QStringList &values, const QStringList &checked,
    QString (*label)(const QString &))
{
    menu->clear();
    QAction *all = menu->addAction(tr("All"));
    connect(all, &QAction::triggered, this, [this, menu] {
        for (QAction *action : menu->actions())
            action->setChecked(false);
        applyQuickFilters();
    });
    menu->addSeparator();
    for (const QString &value : values) {
        QAction *action = menu->addAction(label(value));
        action->setData(value);
        action->setCheckable(true);
        action->setChecked(checked.contains(value, Qt::CaseInsensitive));
        connect(action, &QAction::toggled, this, &DeviceView::applyQuickFilters);
    }
}

void DeviceView::applyQuickFilters()
{
    const QStringList platforms = checkedValues(m_platformButton->menu());
    const QStringList health = checkedValues(m_healthButton->menu());
    const QStringList risk = checkedValues(m_riskButton->menu());
    m_filter->setPlatformFilter(platforms);
    m_filter->setHealthFilter(health);
    m_filter->setRiskFilter(risk);
    const auto mark = [](QToolButton *button, const QString &text, int count) {
        button->setText(count == 0 ? text : tr("%1 (%2)").arg(text).arg(count));
    };
    mark(m_platformButton, tr("&Platform"), int(platforms.size()));
    mark(m_healthButton, tr("&Health"), int(health.size()));
    mark(m_riskButton, tr("&Risk"), int(risk.size()));
}

void DeviceView::showHeaderMenu(const QPoint &position)
{
    QHeaderView *header = m_table->horizontalHeader();
    QMenu menu(this);
    const int columns = m_filter->columnCount();
    int visible = 0;
    for (int column = 0; column < columns; ++column)
        visible += header->isSectionHidden(column) ? 0 : 1;
    for (int column = 0; column < columns; ++column) {
        QAction *action = menu.addAction(
            m_filter->headerData(column, Qt::Horizontal, Qt::DisplayRole).toString());
        action->setCheckable(true);
        action->setChecked(!header->isSectionHidden(column));
        // The last visible column cannot be hidden: the table would have nothing to show.
        action->setEnabled(header->isSectionHidden(column) || visible > 1);
        connect(action, &QAction::toggled, this, [this, header, column](bool shown) {
            header->setSectionHidden(column, !shown);
            saveState();
        });
    }
    menu.exec(header->mapToGlobal(position));
}

QString DeviceView::serverFilter() const
{
    return m_serverFilter->text().trimmed();
}

void DeviceView::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

QList<int> DeviceView::selectedSourceRows() const
{
    QList<int> rows;
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows()) {
        const int row = m_filter->sourceRow(index.row());
        if (row >= 0)
            rows.append(row);
    }
    return rows;
}

int DeviceView::currentSourceRow() const
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    return current.isValid() ? m_filter->sourceRow(current.row()) : -1;
}

void DeviceView::selectSourceRows(const QList<int> &sourceRows)
{
    QItemSelection selection;
    for (int sourceRow : sourceRows) {
        const int row = m_filter->proxyRow(sourceRow);
        if (row >= 0)
            selection.select(
                m_filter->index(row, 0), m_filter->index(row, m_filter->columnCount() - 1));
    }
    auto *selectionModel = m_table->selectionModel();
    selectionModel->select(selection, QItemSelectionModel::ClearAndSelect);
    if (!selection.isEmpty())
        selectionModel->setCurrentIndex(selection.first().topLeft(), QItemSelectionModel::NoUpdate);
}

void DeviceView::saveState() const
{
    QSettings settings = viewSettings();
    settings.setValue(u"view/deviceHeader"_s, m_table->horizontalHeader()->saveState());
}

void DeviceView::restoreState()
{
    const QByteArray state = viewSettings().value(u"view/deviceHeader"_s).toByteArray();
    if (!state.isEmpty())
        m_table->horizontalHeader()->restoreState(state);
}

#include "moc_deviceview.cpp"
