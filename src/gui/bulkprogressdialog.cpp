// SPDX-License-Identifier: MIT
#include "bulkprogressdialog.h"
#include "ui_bulkprogressdialog.h"

#include "bulkoffboard.h"
#include "widgetutil.h"

#include <QHeaderView>
#include <QLocale>
#include <QTimer>

BulkProgressDialog::BulkProgressDialog(BulkOffboard *job, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::BulkProgressDialog>())
    , m_job(job)
    , m_timer(new QTimer(this))
{
    m_ui->setupUi(this);
    QTableWidget *table = m_ui->resultTable;
    table->setColumnCount(4);
    table->setHorizontalHeaderLabels({tr("Device"), tr("Device id"), tr("Result"), tr("Message")});
    table->setRowCount(job->count());
    WidgetUtil::setUniformRows(table);
    for (int index = 0; index < job->count(); ++index)
        updateRow(index);
    table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_ui->progressBar->setRange(0, qMax(1, job->count()));

    connect(job, &BulkOffboard::deviceChanged, this, &BulkProgressDialog::updateRow);
    connect(job, &BulkOffboard::progressChanged, this, &BulkProgressDialog::updateSummary);
    connect(job, &BulkOffboard::finished, this, &BulkProgressDialog::updateSummary);
    connect(m_ui->cancelQueuedButton, &QPushButton::clicked, job, &BulkOffboard::cancel);
    connect(m_ui->closeButton, &QPushButton::clicked, this, &QDialog::accept);
    // The time left moves with the rate budget's windows, not only with progress.
    connect(m_timer, &QTimer::timeout, this, &BulkProgressDialog::updateSummary);
    m_timer->start(1000);
    updateSummary();
}

BulkProgressDialog::~BulkProgressDialog() = default;

QString BulkProgressDialog::stateText(int deviceState)
{
    switch (BulkOffboard::DeviceState(deviceState)) {
    case BulkOffboard::DeviceState::Queued:
        return tr("Queued");
    case BulkOffboard::DeviceState::Sending:
        return tr("Sending");
    case BulkOffboard::DeviceState::Done:
        return tr("Offboard requested");
    case BulkOffboard::DeviceState::Failed:
        return tr("Failed");
    case BulkOffboard::DeviceState::AlreadyPending:
        return tr("Already pending");
    case BulkOffboard::DeviceState::OutcomeUnknown:
        return tr("Outcome unknown");
    case BulkOffboard::DeviceState::NotSent:
        return tr("Not sent");
    }
    return {};
}

void BulkProgressDialog::updateRow(int index)
{
    if (!m_job || index < 0 || index >= m_job->count())
        return;
    const BulkOffboard::DeviceResult &result = m_job->result(index);
    QString message;
    if (result.error.isError())
        message = result.error.displayText();
    else if (!result.action.id.isEmpty())
        message = tr("Action %1 (%2)").arg(result.action.id, result.action.statusText);
    const QStringList cells = {result.target.computerDnsName, result.target.machineId,
        stateText(int(result.state)), message};
    for (int column = 0; column < cells.size(); ++column) {
        QTableWidgetItem *item = m_ui->resultTable->item(index, column);
        if (!item) {
            item = new QTableWidgetItem;
            m_ui->resultTable->setItem(index, column, item);
        }
        item->setText(cells.at(column));
        if (column == 3)
            item->setToolTip(message);
    }
}

void BulkProgressDialog::updateSummary()
{
    if (!m_job)
        return;
    using State = BulkOffboard::DeviceState;
    const int done = m_job->countIn(State::Done) + m_job->countIn(State::AlreadyPending);
    int failed = m_job->countIn(State::Failed);
    int queued = 0;
    for (const auto &result : m_job->results()) {
        if (result.state == State::OutcomeUnknown && result.isFinal)
            ++failed;
        else if (!result.isFinal)
            ++queued;
    }
    const int notSent = m_job->countIn(State::NotSent);
    const QLocale locale;
    QString summary
        = tr("Done: %1 · Failed: %2 · Queued: %3")
              .arg(locale.toString(done), locale.toString(failed), locale.toString(queued));
    if (notSent > 0)
        summary += tr(" · Not sent: %1").arg(locale.toString(notSent));
    m_ui->summaryLabel->setText(summary);
    m_ui->progressBar->setValue(m_job->count() - queued);

    const bool running = m_job->isRunning();
    m_ui->cancelQueuedButton->setEnabled(running && m_job->countIn(State::Queued) > 0);
    if (running) {
        const qint64 seconds = (m_job->estimatedTimeLeftMs() + 999) / 1000;
        m_ui->timeLeftLabel->setText(seconds <= 0
                ? tr("Sending…")
                : tr("About %1 left (the service allows 100 offboards a minute).")
                      .arg(seconds < 120
                              ? tr("%1 s").arg(QLocale().toString(seconds))
                              : tr("%1 min").arg(QLocale().toString((seconds + 59) / 60))));
    } else {
        m_timer->stop();
        m_ui->timeLeftLabel->setText(m_job->isCancelled() ? tr("Stopped.") : tr("Finished."));
    }
}

#include "moc_bulkprogressdialog.cpp"
