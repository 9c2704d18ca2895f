#include "NewCompanyDialog.h"

#include "core/Clock.h"
#include "services/ContactService.h"
#include "widgets/ErrorLabel.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Gatehouse {

NewCompanyDialog::NewCompanyDialog(const ConsoleContext &context, QWidget *parent)
    : QDialog(parent)
    , m_context(context)
    , m_name(new QLineEdit(this))
    , m_error(new ErrorLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("New company"));
    setMinimumWidth(420);
    m_name->setObjectName(QStringLiteral("companyName"));
    m_name->setPlaceholderText(tr("e.g. Example Dental Ltd"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Add company"));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);

    auto *form = new QFormLayout;
    form->addRow(tr("Company &name:"), m_name);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addStretch();
    layout->addWidget(m_buttons);

    connect(m_name, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!text.trimmed().isEmpty());
    });
    connect(m_buttons, &QDialogButtonBox::accepted, this, &NewCompanyDialog::create);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

QString NewCompanyDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void NewCompanyDialog::create()
{
    ServiceError error;
    const qint64 id = ContactService(*m_context.db, *m_context.clock)
                          .addCompany(m_name->text(), m_context.actor(), &error);
    if (id == 0) {
        m_error->showMessage(error.message.isEmpty() ? tr("The company could not be added.")
                                                     : error.message);
        m_name->setFocus();
        return;
    }
    Q_EMIT created(id);
    accept();
}

} // namespace Gatehouse
