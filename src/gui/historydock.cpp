// SPDX-License-Identifier: MIT
#include "historydock.h"

#include "actiontablemodel.h"
#include "cancelactiondialog.h"
#include "icons.h"
#include "prompter.h"
#include "widgetutil.h"

#include <QClipboard>
#include <QComboBox>
#include <QFile>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QTableView>
#include <QVBoxLayout>
#include <utility>

using namespace Qt::StringLiterals;

HistoryFilterModel::~HistoryFilterModel() = default;

QVariant HistoryFilterModel::data(const QModelIndex &index, int role) const
{
    if (role == Qt::FontRole && index.data(ActionTableModel::SentByAppRole).toBool()) {
        QFont font;
        font.setBold(true);
        return font;
    }
    if (role == Qt::DecorationRole && index.column() == ActionTableModel::StatusColumn) {
        const auto status = ActionStatus(index.data(ActionTableModel::StatusRole).toInt());
        return Icons::statusIcon(status);
    }
    if (role == Qt::ToolTipRole && index.column() == ActionTableModel::DeviceColumn
        && index.data(ActionTableModel::SentByAppRole).toBool())
        return HistoryDock::tr("Sent from this app");
    return ActionFilterModel::data(index, role);
}

HistoryDock::HistoryDock(
    ActionTableModel *model, ActionFilterModel *filter, Prompter *prompter, QWidget *parent)
    : QDockWidget(tr("Action history"), parent)
    , m_model(model)
    , m_filter(filter)
    , m_prompter(prompter)
    , m_status(new QComboBox)
    , m_device(new QLineEdit)
    , m_requestor(new QLineEdit)
    , m_table(WidgetUtil::newRowTable())
    , m_cancel(new QPushButton(Icons::icon(Icons::Id::Cancel), tr("Cancel &action…")))
    , m_export(new QPushButton(Icons::icon(Icons::Id::Export), tr("E&xport CSV…")))
    , m_copy(new QPushButton(Icons::icon(Icons::Id::Copy), tr("Copy &row")))
    , m_refresh(new QPushButton(Icons::icon(Icons::Id::Refresh), tr("Re&load")))
{
    setObjectName(u"historyDock"_s);
    m_status->setObjectName(u"historyStatusFilter"_s);
    m_status->setAccessibleName(tr("Filter by status"));
    m_status->addItem(tr("All statuses"), -1);
    m_status->addItem(tr("Open (pending or in progress)"), -2);
    for (ActionStatus status :
        {ActionStatus::Pending, ActionStatus::InProgress, ActionStatus::Succeeded,
            ActionStatus::Failed, ActionStatus::TimeOut, ActionStatus::Cancelled})
        m_status->addItem(
            Icons::statusIcon(status), ActionTableModel::statusText(status), int(status));
    m_status->addItem(tr("Not sent or unknown (this app's log)"), -3);
    m_device->setObjectName(u"historyDeviceFilter"_s);
    m_device->setPlaceholderText(tr("Device"));
    m_device->setAccessibleName(tr("Filter by device"));
    m_device->setClearButtonEnabled(true);
    m_requestor->setObjectName(u"historyRequestorFilter"_s);
    m_requestor->setPlaceholderText(tr("Requestor"));
    m_requestor->setAccessibleName(tr("Filter by requestor"));
    m_requestor->setClearButtonEnabled(true);
    m_cancel->setObjectName(u"cancelActionButton"_s);
    m_export->setObjectName(u"exportCsvButton"_s);
    m_copy->setObjectName(u"copyRowButton"_s);
    m_refresh->setObjectName(u"reloadHistoryButton"_s);

    m_table->setObjectName(u"historyTable"_s);
    m_table->setAccessibleName(tr("Offboard actions"));
    m_table->setModel(filter);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setTabKeyNavigation(false);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(ActionTableModel::CreatedColumn, Qt::DescendingOrder);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setDefaultSectionSize(140);
    const int ch = m_table->fontMetrics().averageCharWidth();
    const std::pair<int, int> widths[] = {{ActionTableModel::DeviceColumn, 34},
        {ActionTableModel::StatusColumn, 14}, {ActionTableModel::RequestorColumn, 28},
        {ActionTableModel::CommentColumn, 34}, {ActionTableModel::CreatedColumn, 25},
        {ActionTableModel::UpdatedColumn, 25}, {ActionTableModel::ActionIdColumn, 44}};
    for (const auto &[column, chars] : widths)
        m_table->horizontalHeader()->resizeSection(column, chars * ch + 16);

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_status);
    filters->addWidget(m_device, 1);
    filters->addWidget(m_requestor, 1);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_copy);
    buttons->addWidget(m_export);
    buttons->addStretch(1);
    buttons->addWidget(m_refresh);
    auto *content = new QWidget;
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(filters);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);
    setWidget(content);

    connect(m_status, &QComboBox::currentIndexChanged, this, &HistoryDock::applyStatusFilter);
    connect(m_device, &QLineEdit::textChanged, filter, &ActionFilterModel::setDeviceText);
    connect(m_requestor, &QLineEdit::textChanged, filter, &ActionFilterModel::setRequestorText);
    connect(m_cancel, &QPushButton::clicked, this, &HistoryDock::cancelCurrentAction);
    connect(m_export, &QPushButton::clicked, this, &HistoryDock::exportCsv);
    connect(m_copy, &QPushButton::clicked, this, &HistoryDock::copyCurrentRow);
    connect(m_refresh, &QPushButton::clicked, this, &HistoryDock::reloadRequested);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        &HistoryDock::updateButtons);
    connect(filter, &QAbstractItemModel::dataChanged, this, &HistoryDock::updateButtons);
    connect(filter, &QAbstractItemModel::layoutChanged, this, &HistoryDock::updateButtons);
    updateButtons();
}

HistoryDock::~HistoryDock() = default;

void HistoryDock::applyStatusFilter()
{
    const int value = m_status->currentData().toInt();
    m_filter->setLocalOnly(value == -3);
    QList<ActionStatus> statuses;
    if (value == -2)
        statuses = {ActionStatus::Pending, ActionStatus::InProgress};
    else if (value >= 0)
        statuses = {ActionStatus(value)};
    m_filter->setStatusFilter(statuses);
}

QString HistoryDock::currentActionId() const
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    return current.isValid() ? current.data(ActionTableModel::ActionIdRole).toString() : QString();
}

void HistoryDock::updateButtons()
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    m_copy->setEnabled(current.isValid());
    m_cancel->setEnabled(
        current.isValid() && !current.data(ActionTableModel::IsFinalRole).toBool());
}

void HistoryDock::cancelCurrentAction()
{
    const int row = m_model->rowOfAction(currentActionId());
    if (row < 0 || isFinal(m_model->action(row).status))
        return;
    auto *dialog = new CancelActionDialog(m_model->action(row), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &CancelActionDialog::cancelRequested, this, &HistoryDock::cancelRequested);
    dialog->open();
}

void HistoryDock::copyCurrentRow()
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    if (!current.isValid())
        return;
    QStringList cells;
    const QAbstractItemModel *model = m_table->model();
    for (int column = 0; column < model->columnCount(); ++column)
        cells.append(model->index(current.row(), column).data().toString());
    QGuiApplication::clipboard()->setText(cells.join(u'\t'));
}

void HistoryDock::exportCsv()
{
    if (!m_prompter)
        return;
    const QString path = m_prompter->saveFileName(this, tr("Export action history"),
        u"offboard-actions.csv"_s, tr("CSV files (*.csv);;All files (*)"));
    if (path.isEmpty())
        return;
    QSaveFile file(path);
    const QByteArray csv = m_filter->toCsv().toUtf8();
    if (!file.open(QIODevice::WriteOnly) || file.write(csv) != csv.size() || !file.commit()) {
        Q_EMIT exportFailed(tr("Could not write %1: %2").arg(path, file.errorString()));
        return;
    }
    Q_EMIT exported(path);
}

#include "moc_historydock.cpp"
