#include "NewOnboardingDialog.h"

#include "services/TaskSetupService.h"
#include "storage/DirectoryRepository.h"
#include "storage/TemplateRepository.h"
#include "widgets/ErrorLabel.h"

#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Gatehouse {

NewOnboardingDialog::NewOnboardingDialog(const ConsoleContext &context, QWidget *parent)
    : QDialog(parent)
    , m_context(context)
    , m_company(new QComboBox(this))
    , m_template(new QComboBox(this))
    , m_name(new QLineEdit(this))
    , m_startDate(new QDateEdit(QDate::currentDate(), this))
    , m_error(new ErrorLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("New onboarding"));
    setMinimumWidth(460);

    m_company->setObjectName(QStringLiteral("company"));
    m_template->setObjectName(QStringLiteral("template"));
    m_name->setObjectName(QStringLiteral("name"));
    m_name->setMaxLength(400); // longer than allowed, so the service explains the limit
    m_startDate->setObjectName(QStringLiteral("startDate"));
    m_startDate->setCalendarPopup(true);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Create onboarding"));

    auto *form = new QFormLayout;
    form->addRow(tr("&Company:"), m_company);
    form->addRow(tr("&Template:"), m_template);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Start date:"), m_startDate);

    auto *intro = new QLabel(tr("The onboarding gets the template's phases and tasks; due dates "
                                "count from the start date."),
                             this);
    intro->setWordWrap(true);
    intro->setForegroundRole(QPalette::PlaceholderText);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addStretch();
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &NewOnboardingDialog::create);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_company, &QComboBox::currentIndexChanged, this,
            &NewOnboardingDialog::updateSuggestedName);
    connect(m_company, &QComboBox::currentIndexChanged, this, &NewOnboardingDialog::updateButtons);
    connect(m_template, &QComboBox::currentIndexChanged, this, &NewOnboardingDialog::updateButtons);
    connect(m_name, &QLineEdit::textEdited, this, [this] { m_nameEdited = true; });

    load();
}

void NewOnboardingDialog::load()
{
    QString error;
    const QList<Company> companies
        = DirectoryRepository(*m_context.db).companies(m_context.workspace.id, &error);
    for (const Company &company : companies) {
        m_company->addItem(company.name, company.id);
    }
    const QList<OnboardingTemplate> templates
        = TemplateRepository(*m_context.db).list(m_context.workspace.id, &error);
    for (const OnboardingTemplate &tmpl : templates) {
        m_template->addItem(tmpl.name, tmpl.id);
    }
    if (!error.isEmpty()) {
        m_error->showMessage(tr("Companies and templates could not be read: %1").arg(error));
    } else if (companies.isEmpty()) {
        m_error->showMessage(tr("There are no companies yet. Add one under Companies & "
                                "contacts first."));
    } else if (templates.isEmpty()) {
        m_error->showMessage(tr("There are no templates yet."));
    }
    updateSuggestedName();
    updateButtons();
}

void NewOnboardingDialog::selectCompany(qint64 companyId)
{
    const int index = m_company->findData(companyId);
    if (index >= 0) {
        m_company->setCurrentIndex(index);
    }
}

QString NewOnboardingDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void NewOnboardingDialog::updateSuggestedName()
{
    if (!m_nameEdited && m_company->currentIndex() >= 0) {
        m_name->setText(tr("Onboarding %1").arg(m_company->currentText()));
    }
}

void NewOnboardingDialog::updateButtons()
{
    m_buttons->button(QDialogButtonBox::Ok)
        ->setEnabled(m_company->currentIndex() >= 0 && m_template->currentIndex() >= 0);
}

void NewOnboardingDialog::create()
{
    ServiceError error;
    const qint64 id = TaskSetupService(*m_context.db, *m_context.clock, m_context.publicUrl)
                          .startOnboarding(m_company->currentData().toLongLong(),
                                           m_template->currentData().toLongLong(), m_name->text(),
                                           m_startDate->date(), m_context.actor(), &error);
    if (id == 0) {
        m_error->showMessage(error.message.isEmpty() ? tr("The onboarding could not be created.")
                                                     : error.message);
        return;
    }
    m_createdId = id;
    Q_EMIT created(id);
    accept();
}

} // namespace Gatehouse
