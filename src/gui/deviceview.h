// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

class MachineFilterModel;
class MachineTableModel;
class QCheckBox;
class QLineEdit;
class QMenu;
class QTableView;
class QToolButton;

// The device table with its filter bar: find as you type (name, id, IP, tag, group), quick
// filters (platform, health, risk, offboard-eligible only) and the server-side OData filter that
// the next refresh applies. The table sorts, resizes, keeps uniform row heights, selects whole
// rows (several at once) and lets the user hide columns from the header's context menu; the
// header layout is remembered between runs (QSettings, view state only).
class DeviceView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeviceView)
public:
    DeviceView(MachineFilterModel *filter, QWidget *parent = nullptr);
    ~DeviceView() override;

    QTableView *table() const { return m_table; }
    QString serverFilter() const;
    void focusSearch();

    QList<int> selectedSourceRows() const; // rows of the MachineTableModel, in view order
    int currentSourceRow() const; // -1 when none
    void selectSourceRows(const QList<int> &sourceRows);

    void saveState() const;
    void restoreState();

Q_SIGNALS:
    void currentDeviceChanged(int sourceRow);
    void selectionChanged(int selectedCount);
    void serverFilterSubmitted(); // Return in the server filter field
    void activated(int sourceRow); // double click / Return on a row

private:
    QToolButton *makeFilterButton(const QString &text, const QString &objectName);
    void fillMenu(QMenu *menu, const QStringList &values, const QStringList &checked,
        QString (*label)(const QString &));
    void applyQuickFilters();
    void showHeaderMenu(const QPoint &position);

    MachineFilterModel *m_filter;
    QLineEdit *m_search;
    QToolButton *m_platformButton;
    QToolButton *m_healthButton;
    QToolButton *m_riskButton;
    QCheckBox *m_eligibleOnly;
    QLineEdit *m_serverFilter;
    QTableView *m_table;
};
