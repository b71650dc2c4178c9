// SPDX-License-Identifier: MIT
#include "offboarddialog.h"
#include "ui_offboarddialog.h"

#include "machinetablemodel.h"
#include "validation.h"
#include "widgetutil.h"

#include <QHeaderView>
#include <QLocale>
#include <QPushButton>
#include <QTableWidgetItem>

using namespace Qt::StringLiterals;

namespace {

QString displayName(const Machine &machine)
{
    return machine.computerDnsName.isEmpty() ? machine.id : machine.computerDnsName;
}

QString groupText(const Machine &machine)
{
    return machine.rbacGroupName.isEmpty() ? machine.rbacGroupId : machine.rbacGroupName;
}

void setRow(QTableWidget *table, int row, const QStringList &cells)
{
    for (int column = 0; column < cells.size(); ++column)
        table->setItem(row, column, new QTableWidgetItem(cells.at(column)));
}

int codePointCount(const QString &text)
{
    return int(text.toUcs4().size());
}

} // namespace

OffboardDialog::OffboardDialog(
    const QList<Machine> &devices, const QList<ExcludedMachine> &excluded, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::OffboardDialog>())
    , m_devices(devices)
{
    m_ui->setupUi(this);
    const int count = int(m_devices.size());
    m_ui->introLabel->setText(count == 0 ? tr("None of the selected devices can be offboarded.")
            : count == 1
            ? tr("You are about to offboard this device from Microsoft Defender for Endpoint:")
            : tr("You are about to offboard these %1 devices from Microsoft Defender for "
                 "Endpoint:")
                  .arg(QLocale().toString(count)));
    m_ui->consequencesLabel->setText(
        tr("<p><b>Offboarding stops the Defender sensor</b> on the device: it no longer reports "
           "and is no longer protected by endpoint detection and response. On Windows the "
           "onboarding data stays in the registry. The device turns Inactive 7 days later "
           "and stays in the inventory for up to 180 days.</p><p><b>There is no undo from "
           "here:</b> to bring a device back, run the onboarding package on it again.</p>"));
    if (count == 1) {
        m_ui->confirmLabel->setText(tr("To confirm, type the device name <b>%1</b>:")
                                        .arg(displayName(m_devices.first()).toHtmlEscaped()));
    } else {
        m_ui->confirmLabel->setText(
            tr("To confirm, type the number of devices to offboard (<b>%1</b>):")
                .arg(QLocale().toString(count)));
    }
    m_ui->confirmEdit->setAccessibleDescription(m_ui->confirmLabel->text());
    m_ui->commentEdit->setEnabled(count > 0);
    m_ui->confirmEdit->setEnabled(count > 0);
    fillTables(excluded);
    WidgetUtil::markAsErrorLabel(m_ui->commentProblemLabel);

    connect(m_ui->commentEdit, &QLineEdit::textChanged, this, &OffboardDialog::updateState);
    connect(m_ui->confirmEdit, &QLineEdit::textChanged, this, &OffboardDialog::updateState);
    connect(m_ui->offboardButton, &QPushButton::clicked, this, &OffboardDialog::confirm);
    connect(m_ui->cancelButton, &QPushButton::clicked, this, &QDialog::reject);
    m_ui->commentEdit->setFocus();
    updateState();
}

OffboardDialog::~OffboardDialog() = default;

void OffboardDialog::fillTables(const QList<ExcludedMachine> &excluded)
{
    QTableWidget *table = m_ui->deviceTable;
    table->setColumnCount(5);
    table->setHorizontalHeaderLabels(
        {tr("Name"), tr("Device id"), tr("OS"), tr("Last seen"), tr("Device group")});
    table->setRowCount(int(m_devices.size()));
    const QLocale locale;
    for (int row = 0; row < m_devices.size(); ++row) {
        const Machine &machine = m_devices.at(row);
        const QString lastSeen = machine.lastSeen.isValid()
            ? locale.toString(machine.lastSeen.toLocalTime(), QLocale::ShortFormat)
            : tr("never");
        setRow(table, row,
            {displayName(machine), machine.id, MachineTableModel::platformText(machine.osPlatform),
                lastSeen, groupText(machine)});
    }
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    WidgetUtil::setUniformRows(table);

    const bool hasExcluded = !excluded.isEmpty();
    m_ui->excludedLabel->setVisible(hasExcluded);
    m_ui->excludedTable->setVisible(hasExcluded);
    m_ui->excludedLabel->setText(excluded.size() == 1
            ? tr("1 selected device will not be offboarded:")
            : tr("%1 selected devices will not be offboarded:")
                  .arg(QLocale().toString(int(excluded.size()))));
    QTableWidget *other = m_ui->excludedTable;
    other->setColumnCount(3);
    other->setHorizontalHeaderLabels({tr("Name"), tr("Device id"), tr("Reason")});
    other->setRowCount(int(excluded.size()));
    for (int row = 0; row < excluded.size(); ++row) {
        const ExcludedMachine &entry = excluded.at(row);
        setRow(other, row, {displayName(entry.machine), entry.machine.id, entry.reason});
    }
    other->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
}

QString OffboardDialog::expectedConfirmation() const
{
    if (m_devices.size() == 1)
        return displayName(m_devices.first());
    return QString::number(m_devices.size());
}

bool OffboardDialog::canOffboard() const
{
    if (m_devices.isEmpty() || m_sent)
        return false;
    if (Validation::checkComment(m_ui->commentEdit->text()) != Validation::CommentProblem::None)
        return false;
    const QString typed = m_ui->confirmEdit->text().trimmed();
    if (m_devices.size() == 1)
        return typed.compare(expectedConfirmation(), Qt::CaseInsensitive) == 0;
    bool ok = false;
    const qlonglong number = QLocale().toLongLong(typed, &ok);
    if (!ok)
        return typed == expectedConfirmation();
    return number == m_devices.size();
}

OffboardRequest OffboardDialog::request() const
{
    OffboardRequest request;
    for (const Machine &machine : m_devices) {
        request.machineIds.append(machine.id);
        request.machineNames.append(displayName(machine));
    }
    request.comment = m_ui->commentEdit->text().trimmed();
    return request;
}

void OffboardDialog::updateState()
{
    const QString comment = m_ui->commentEdit->text();
    const int length = codePointCount(comment.trimmed());
    m_ui->commentCounter->setText(tr("%1 / %2").arg(
        QLocale().toString(length), QLocale().toString(Validation::MaxCommentLength)));
    const auto problem = Validation::checkComment(comment);
    m_ui->commentProblemLabel->setText(Validation::commentProblemText(problem));
    m_ui->offboardButton->setEnabled(canOffboard());
}

void OffboardDialog::confirm()
{
    if (!canOffboard())
        return;
    const OffboardRequest sent = request();
    m_sent = true;
    m_ui->offboardButton->setEnabled(false);
    Q_EMIT offboardRequested(sent);
    accept();
}

#include "moc_offboarddialog.cpp"
