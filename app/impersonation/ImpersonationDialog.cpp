#include "ImpersonationDialog.h"

#include "ImpersonationWindow.h"
#include "services/ImpersonationService.h"
#include "widgets/ErrorLabel.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Gatehouse {

ImpersonationDialog::ImpersonationDialog(const ConsoleContext &context, const Contact &contact,
                                         QWidget *parent)
    : QDialog(parent)
    , m_context(context)
    , m_contact(contact)
    , m_reason(new QLineEdit(this))
    , m_readOnly(new QCheckBox(tr("Read-only: nothing can be changed in the portal"), this))
    , m_error(new ErrorLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("impersonationDialog"));
    setWindowTitle(tr("View portal as %1").arg(contact.name));
    auto *label = new QLabel(tr("You will see the portal as %1 sees it, for a limited time. "
                                "%1 can see in the portal that you viewed it, and the reason "
                                "is recorded in the audit trail.")
                                 .arg(contact.name),
                             this);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    auto *reasonLabel = new QLabel(tr("&Reason (required):"), this);
    reasonLabel->setBuddy(m_reason);
    m_reason->setObjectName(QStringLiteral("impersonationReason"));
    m_reason->setMaxLength(500);
    m_reason->setPlaceholderText(tr("For example: ticket 4711, the upload button is missing"));
    m_readOnly->setObjectName(QStringLiteral("impersonationReadOnly"));
    m_readOnly->setChecked(true);
    // Only an administrator may act as a contact; the service checks it again.
    const bool admin = context.can(StaffPermission::ImpersonateActing);
    m_readOnly->setEnabled(admin);
    m_readOnly->setToolTip(admin ? tr("Clear it to act for the contact: complete tasks, upload, "
                                      "answer. Every request is audited.")
                                 : StaffRoles::refusal(StaffPermission::ImpersonateActing));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&View portal"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(label);
    layout->addWidget(reasonLabel);
    layout->addWidget(m_reason);
    layout->addWidget(m_readOnly);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ImpersonationDialog::startView);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(480, sizeHint().height());
}

QString ImpersonationDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

bool ImpersonationDialog::startView()
{
    ServiceError error;
    const std::optional<StartedImpersonation> view
        = ImpersonationService(*m_context.db, *m_context.clock)
              .start(m_context.staff.id, m_contact.id, m_reason->text(), m_readOnly->isChecked(),
                     &error);
    if (!view) {
        m_error->showMessage(error.message);
        m_reason->setFocus();
        return false;
    }
    auto *window = new ImpersonationWindow(m_context, m_contact, *view, parentWidget());
    window->show();
    Q_EMIT started(window);
    accept();
    return true;
}

} // namespace Gatehouse
