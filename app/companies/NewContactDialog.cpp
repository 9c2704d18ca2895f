#include "NewContactDialog.h"

#include "core/Clock.h"
#include "services/ContactService.h"
#include "widgets/ErrorLabel.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Gatehouse {

NewContactDialog::NewContactDialog(const ConsoleContext &context, const Company &company,
                                   QWidget *parent)
    : QDialog(parent)
    , m_context(context)
    , m_company(company)
    , m_name(new QLineEdit(this))
    , m_email(new QLineEdit(this))
    , m_error(new ErrorLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("New contact at %1").arg(company.name));
    setMinimumWidth(440);
    m_name->setObjectName(QStringLiteral("contactName"));
    m_email->setObjectName(QStringLiteral("contactEmail"));
    m_email->setPlaceholderText(tr("name@client.example"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Add contact"));

    auto *form = new QFormLayout;
    form->addRow(tr("Company:"), new QLabel(company.name, this));
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Email:"), m_email);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addStretch();
    layout->addWidget(m_buttons);

    connect(m_name, &QLineEdit::textChanged, this, &NewContactDialog::updateButtons);
    connect(m_email, &QLineEdit::textChanged, this, &NewContactDialog::updateButtons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &NewContactDialog::create);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    updateButtons();
}

QString NewContactDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void NewContactDialog::updateButtons()
{
    m_buttons->button(QDialogButtonBox::Ok)
        ->setEnabled(!m_name->text().trimmed().isEmpty() && !m_email->text().trimmed().isEmpty());
}

void NewContactDialog::create()
{
    ServiceError error;
    const qint64 id
        = ContactService(*m_context.db, *m_context.clock)
              .addContact(m_company.id, m_name->text(), m_email->text(), m_context.actor(), &error);
    if (id == 0) {
        m_error->showMessage(error.message.isEmpty() ? tr("The contact could not be added.")
                                                     : error.message);
        return;
    }
    Q_EMIT created(id);
    accept();
}

} // namespace Gatehouse
