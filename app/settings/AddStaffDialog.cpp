#include "AddStaffDialog.h"

#include "security/Tokens.h"
#include "services/StaffService.h"
#include "widgets/ErrorLabel.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Gatehouse {

AddStaffDialog::AddStaffDialog(const ConsoleContext &context, QWidget *parent)
    : QDialog(parent)
    , m_context(context)
    , m_name(new QLineEdit(this))
    , m_email(new QLineEdit(this))
    , m_role(new QComboBox(this))
    , m_password(new QLineEdit(this))
    , m_error(new ErrorLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Add a member of staff"));
    m_name->setObjectName(QStringLiteral("staffName"));
    m_email->setObjectName(QStringLiteral("staffEmail"));
    m_role->setObjectName(QStringLiteral("staffRole"));
    for (const StaffRole role : StaffRoles::all()) {
        m_role->addItem(StaffRoles::displayName(role), StaffRoles::toKey(role));
    }
    m_password->setObjectName(QStringLiteral("staffPassword"));
    // Shown, not masked: the administrator passes it on once, and it is changed at first use.
    m_password->setToolTip(tr("The member signs in with it once and then chooses their own."));
    auto *generate = new QPushButton(tr("&Generate"), this);
    generate->setObjectName(QStringLiteral("generatePassword"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Add member"));

    auto *passwordRow = new QHBoxLayout;
    passwordRow->addWidget(m_password, 1);
    passwordRow->addWidget(generate);
    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Email:"), m_email);
    form->addRow(tr("&Role:"), m_role);
    form->addRow(tr("Initial &password:"), passwordRow);
    auto *note = new QLabel(tr("Give the member this password; they choose their own the first "
                               "time they sign in. They have no vault access until an "
                               "administrator grants it."),
                            this);
    note->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);

    connect(generate, &QPushButton::clicked, this, &AddStaffDialog::generatePassword);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &AddStaffDialog::add);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(460, sizeHint().height());
}

QString AddStaffDialog::initialPassword() const
{
    return m_password->text();
}

QString AddStaffDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void AddStaffDialog::generatePassword()
{
    m_password->setText(Tokens::generate().left(16));
}

void AddStaffDialog::add()
{
    const std::optional<StaffRole> role = StaffRoles::fromKey(m_role->currentData().toString());
    ServiceError error;
    m_addedId
        = StaffService(*m_context.db, *m_context.clock)
              .addMember(m_name->text(), m_email->text(), role.value_or(StaffRole::Technician),
                         m_password->text(), m_context.actor(), &error);
    if (m_addedId == 0) {
        m_error->showMessage(error.message);
        return;
    }
    accept();
}

} // namespace Gatehouse
