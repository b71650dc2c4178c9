// SPDX-License-Identifier: MIT
#include "settingsdialog.h"
#include "ui_settingsdialog.h"

#include "cacertificates.h"
#include "prompter.h"
#include "widgetutil.h"

#include <QPushButton>

using namespace Qt::StringLiterals;

SettingsDialog::SettingsDialog(const AppSettings &settings, Prompter *prompter, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::SettingsDialog>())
    , m_prompter(prompter)
    , m_original(settings)
{
    m_ui->setupUi(this);
    m_ui->cloudCombo->addItem(tr("Commercial"), int(Cloud::Commercial));
    m_ui->cloudCombo->addItem(tr("GCC"), int(Cloud::Gcc));
    m_ui->cloudCombo->addItem(tr("GCC High"), int(Cloud::GccHigh));
    m_ui->cloudCombo->addItem(tr("DoD"), int(Cloud::Dod));
    m_ui->regionCombo->addItem(tr("Global"), QString());
    for (const QString &region : Endpoints::regions())
        m_ui->regionCombo->addItem(region.toUpper(), region);
    m_ui->signInModeCombo->addItem(
        tr("Interactive (signed-in user, browser)"), int(SignInMode::Interactive));
    m_ui->signInModeCombo->addItem(tr("App-only (client secret)"), int(SignInMode::AppOnly));
    m_ui->osPolicyCombo->addItem(tr("2024: Windows only"), u"2024"_s);
    m_ui->osPolicyCombo->addItem(tr("2026: Windows, macOS 14 and later, Linux"), u"2026"_s);

    m_ui->cloudCombo->setCurrentIndex(m_ui->cloudCombo->findData(int(settings.cloud)));
    m_ui->regionCombo->setCurrentIndex(qMax(0, m_ui->regionCombo->findData(settings.region)));
    m_ui->tenantEdit->setText(settings.tenant);
    m_ui->clientIdEdit->setText(settings.clientId);
    m_ui->signInModeCombo->setCurrentIndex(
        m_ui->signInModeCombo->findData(int(settings.signInMode)));
    m_ui->apiUrlEdit->setText(settings.apiUrl);
    m_ui->loginUrlEdit->setText(settings.loginUrl);
    m_ui->resourceEdit->setText(settings.resource);
    m_ui->caFileEdit->setText(settings.caFile);
    m_ui->osPolicyCombo->setCurrentIndex(qMax(0, m_ui->osPolicyCombo->findData(settings.osPolicy)));

    for (QLabel *label :
        {m_ui->apiUrlError, m_ui->loginUrlError, m_ui->caFileError, m_ui->problemLabel}) {
        WidgetUtil::markAsErrorLabel(label);
        label->hide();
    }

    connect(
        m_ui->cloudCombo, &QComboBox::currentIndexChanged, this, &SettingsDialog::updateEnabled);
    connect(m_ui->signInModeCombo, &QComboBox::currentIndexChanged, this,
        &SettingsDialog::updateEnabled);
    connect(m_ui->apiUrlEdit, &QLineEdit::textChanged, this,
        [this](const QString &text) { checkUrlField(text, m_ui->apiUrlError); });
    connect(m_ui->loginUrlEdit, &QLineEdit::textChanged, this,
        [this](const QString &text) { checkUrlField(text, m_ui->loginUrlError); });
    connect(m_ui->caBrowseButton, &QPushButton::clicked, this, &SettingsDialog::browseCaFile);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    updateEnabled();
}

SettingsDialog::~SettingsDialog()
{
    m_ui->secretEdit->clear();
}

void SettingsDialog::updateEnabled()
{
    const bool commercial = m_ui->cloudCombo->currentData().toInt() == int(Cloud::Commercial);
    m_ui->regionCombo->setEnabled(commercial);
    if (!commercial)
        m_ui->regionCombo->setCurrentIndex(0);
    const bool appOnly = m_ui->signInModeCombo->currentData().toInt() == int(SignInMode::AppOnly);
    m_ui->secretEdit->setEnabled(appOnly);
    m_ui->secretLabel->setEnabled(appOnly);
    m_ui->secretHint->setEnabled(appOnly);
    if (!appOnly)
        m_ui->secretEdit->clear();
}

bool SettingsDialog::checkUrlField(const QString &text, QLabel *errorLabel) const
{
    QString error;
    const bool ok = text.trimmed().isEmpty() || checkServiceUrl(text.trimmed(), &error);
    errorLabel->setText(error);
    errorLabel->setVisible(!ok);
    return ok;
}

void SettingsDialog::browseCaFile()
{
    if (!m_prompter)
        return;
    const QString file = m_prompter->openFileName(
        this, tr("Extra CA certificates"), tr("PEM certificates (*.pem *.crt);;All files (*)"));
    if (!file.isEmpty())
        m_ui->caFileEdit->setText(file);
}

AppSettings SettingsDialog::settings() const
{
    AppSettings result = m_original;
    result.cloud = Cloud(m_ui->cloudCombo->currentData().toInt());
    result.region = m_ui->regionCombo->currentData().toString();
    result.tenant = m_ui->tenantEdit->text().trimmed();
    result.clientId = m_ui->clientIdEdit->text().trimmed();
    result.signInMode = SignInMode(m_ui->signInModeCombo->currentData().toInt());
    result.apiUrl = m_ui->apiUrlEdit->text().trimmed();
    result.loginUrl = m_ui->loginUrlEdit->text().trimmed();
    result.resource = m_ui->resourceEdit->text().trimmed();
    result.caFile = m_ui->caFileEdit->text().trimmed();
    result.osPolicy = m_ui->osPolicyCombo->currentData().toString();
    return result;
}

QString SettingsDialog::clientSecret() const
{
    if (SignInMode(m_ui->signInModeCombo->currentData().toInt()) != SignInMode::AppOnly)
        return {};
    return m_ui->secretEdit->text().trimmed();
}

bool SettingsDialog::validate()
{
    bool ok = checkUrlField(m_ui->apiUrlEdit->text(), m_ui->apiUrlError);
    ok = checkUrlField(m_ui->loginUrlEdit->text(), m_ui->loginUrlError) && ok;

    QString caError;
    const bool caOk = loadCaCertificates(m_ui->caFileEdit->text().trimmed(), &caError).has_value();
    m_ui->caFileError->setText(caError);
    m_ui->caFileError->setVisible(!caOk);
    ok = caOk && ok;

    QStringList problems;
    const AppSettings values = settings();
    if (!values.tenant.isEmpty() && !isValidTenant(values.tenant))
        problems << tr("The tenant must be a tenant id (GUID) or a domain name.");
    if (!values.clientId.isEmpty() && !isValidClientId(values.clientId))
        problems << tr("The client id must be a GUID.");
    m_ui->problemLabel->setText(problems.join(u'\n'));
    m_ui->problemLabel->setVisible(!problems.isEmpty());
    return ok && problems.isEmpty();
}

void SettingsDialog::accept()
{
    if (!validate())
        return;
    Q_EMIT settingsAccepted(settings(), clientSecret());
    QDialog::accept();
}

#include "moc_settingsdialog.cpp"
