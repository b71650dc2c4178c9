// SPDX-License-Identifier: MIT
#include "cancelactiondialog.h"
#include "ui_cancelactiondialog.h"

#include "validation.h"
#include "widgetutil.h"

#include <QLocale>

CancelActionDialog::CancelActionDialog(const MachineAction &action, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::CancelActionDialog>())
    , m_actionId(action.id)
{
    m_ui->setupUi(this);
    const QString device
        = action.computerDnsName.isEmpty() ? action.machineId : action.computerDnsName;
    m_ui->descriptionLabel->setText(
        tr("Cancel the %1 action for %2 (action id %3, requested by %4)? A device that has "
           "already picked it up may still complete it.")
            .arg(action.type, device, action.id, action.requestor));
    WidgetUtil::markAsErrorLabel(m_ui->commentProblemLabel);
    connect(m_ui->commentEdit, &QLineEdit::textChanged, this, &CancelActionDialog::updateState);
    connect(m_ui->confirmCancelButton, &QPushButton::clicked, this, &CancelActionDialog::confirm);
    connect(m_ui->keepButton, &QPushButton::clicked, this, &QDialog::reject);
    updateState();
}

CancelActionDialog::~CancelActionDialog() = default;

void CancelActionDialog::updateState()
{
    const QString text = m_ui->commentEdit->text();
    const auto problem = Validation::checkComment(text);
    m_ui->commentProblemLabel->setText(Validation::commentProblemText(problem));
    m_ui->commentCounter->setText(
        tr("%1 / %2").arg(QLocale().toString(int(text.trimmed().toUcs4().size())),
            QLocale().toString(Validation::MaxCommentLength)));
    m_ui->confirmCancelButton->setEnabled(!m_sent && problem == Validation::CommentProblem::None);
}

void CancelActionDialog::confirm()
{
    if (m_sent
        || Validation::checkComment(m_ui->commentEdit->text()) != Validation::CommentProblem::None)
        return;
    m_sent = true;
    m_ui->confirmCancelButton->setEnabled(false);
    Q_EMIT cancelRequested(m_actionId, m_ui->commentEdit->text().trimmed());
    accept();
}

#include "moc_cancelactiondialog.cpp"
