// SPDX-License-Identifier: MIT
#include "detailspanel.h"

#include "icons.h"
#include "machinetablemodel.h"

#include <QClipboard>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

QString timeText(const QDateTime &time)
{
    if (!time.isValid())
        return {};
    return QLocale().toString(time.toLocalTime(), QLocale::LongFormat);
}

QString yesNo(bool value)
{
    return value ? DetailsPanel::tr("Yes") : DetailsPanel::tr("No");
}

} // namespace

DetailsPanel::DetailsPanel(QWidget *parent)
    : QWidget(parent)
    , m_form(new QFormLayout)
    , m_placeholder(new QLabel(tr("Select a device to see its details."), this))
    , m_copyId(new QPushButton(Icons::icon(Icons::Id::Copy), tr("&Copy id"), this))
    , m_openPortal(new QPushButton(
          Icons::icon(Icons::Id::OpenExternal), tr("Open in Defender &portal"), this))
{
    setObjectName(u"detailsPanel"_s);
    m_copyId->setObjectName(u"copyIdButton"_s);
    m_openPortal->setObjectName(u"openPortalButton"_s);
    m_placeholder->setWordWrap(true);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    auto *content = new QWidget;
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->addWidget(m_placeholder);
    contentLayout->addLayout(m_form);
    contentLayout->addStretch(1);
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setWidget(content);
    scroll->setFrameShape(QFrame::NoFrame);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_copyId);
    buttons->addWidget(m_openPortal);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(buttons);
    layout->addWidget(scroll, 1);

    connect(m_copyId, &QPushButton::clicked, this, [this] {
        if (!m_machineId.isEmpty())
            QGuiApplication::clipboard()->setText(m_machineId);
    });
    connect(m_openPortal, &QPushButton::clicked, this, [this] {
        if (!m_machineId.isEmpty())
            Q_EMIT openInPortalRequested(m_machineId);
    });
    clear();
}

DetailsPanel::~DetailsPanel() = default;

void DetailsPanel::addRow(const QString &label, const QString &value)
{
    auto *field = new QLabel(value.isEmpty() ? tr("—") : value);
    field->setTextFormat(Qt::PlainText);
    field->setWordWrap(true);
    field->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    field->setAccessibleName(label);
    m_form->addRow(label, field);
}

void DetailsPanel::clear()
{
    while (m_form->rowCount() > 0)
        m_form->removeRow(0);
    m_machineId.clear();
    m_placeholder->show();
    m_copyId->setEnabled(false);
    m_openPortal->setEnabled(false);
}

void DetailsPanel::setMachine(const Machine &m, const Eligibility &eligibility)
{
    clear();
    m_machineId = m.id;
    m_placeholder->hide();
    m_copyId->setEnabled(true);
    m_openPortal->setEnabled(true);

    QStringList addresses;
    for (const IpAddress &address : m.ipAddresses) {
        QString line = address.ipAddress;
        if (!address.macAddress.isEmpty())
            line += u" ("_s + address.macAddress + u')';
        if (!address.type.isEmpty())
            line += u' ' + address.type;
        addresses.append(line);
    }
    QString verdict = eligibilityVerdictText(eligibility.verdict);
    if (!eligibility.reasons.isEmpty())
        verdict += u'\n' + eligibility.reasons.join(u'\n');

    addRow(tr("Name"), m.computerDnsName);
    addRow(tr("Device id"), m.id);
    addRow(tr("Offboarding"), verdict);
    addRow(tr("Platform"), MachineTableModel::platformText(m.osPlatform));
    addRow(tr("Version"), m.version);
    addRow(tr("OS version"), m.osVersion);
    addRow(tr("OS build"), m.osBuild ? QString::number(*m.osBuild) : QString());
    addRow(tr("Processor"), m.osProcessor);
    addRow(tr("Architecture"), m.osArchitecture);
    addRow(tr("Agent version"), m.agentVersion);
    addRow(tr("Health"), MachineTableModel::healthText(m.healthStatus));
    addRow(tr("Onboarding status"), m.onboardingStatus);
    addRow(tr("Antivirus status"), m.defenderAvStatus);
    addRow(tr("Risk"), MachineTableModel::riskText(m.riskScore));
    addRow(tr("Exposure"), MachineTableModel::exposureText(m.exposureLevel));
    addRow(tr("Device value"), MachineTableModel::deviceValueText(m.deviceValue));
    addRow(tr("First seen"), timeText(m.firstSeen));
    addRow(tr("Last seen"), timeText(m.lastSeen));
    addRow(tr("Last IP address"), m.lastIpAddress);
    addRow(tr("External IP address"), m.lastExternalIpAddress);
    addRow(tr("IP addresses"), addresses.join(u'\n'));
    addRow(tr("Device group"),
        m.rbacGroupId.isEmpty() ? m.rbacGroupName
                                : tr("%1 (id %2)").arg(m.rbacGroupName, m.rbacGroupId));
    addRow(tr("Tags"), m.machineTags.join(u", "_s));
    addRow(tr("Entra device id"), m.aadDeviceId);
    addRow(tr("Entra joined"), yesNo(m.isAadJoined));
    addRow(tr("Managed by"),
        m.managedByStatus.isEmpty() ? m.managedBy
                                    : tr("%1 (%2)").arg(m.managedBy, m.managedByStatus));
    addRow(tr("Potential duplicate"), yesNo(m.isPotentialDuplication));
    addRow(tr("Merged into"), m.mergedIntoMachineId);
    addRow(tr("Excluded"), m.isExcluded ? tr("Yes: %1").arg(m.exclusionReason) : yesNo(false));
}

QString DetailsPanel::fieldText(const QString &label) const
{
    for (int row = 0; row < m_form->rowCount(); ++row) {
        auto *name = qobject_cast<QLabel *>(m_form->itemAt(row, QFormLayout::LabelRole)->widget());
        if (name && name->text() == label) {
            auto *value
                = qobject_cast<QLabel *>(m_form->itemAt(row, QFormLayout::FieldRole)->widget());
            return value ? value->text() : QString();
        }
    }
    return {};
}

#include "moc_detailspanel.cpp"
