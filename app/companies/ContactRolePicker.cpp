#include "ContactRolePicker.h"

#include "core/MessageBox.h"
#include "services/PortalRoleService.h"
#include "storage/PortalRoleRepository.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>

namespace Gatehouse {

ContactRolePicker::ContactRolePicker(const ConsoleContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_combo(new QComboBox(this))
{
    m_combo->setObjectName(QStringLiteral("contactRole"));
    m_combo->setToolTip(tr("What the contact may see and do in the portal"));
    auto *label = new QLabel(tr("Portal &role:"), this);
    label->setBuddy(m_combo);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(label);
    layout->addWidget(m_combo);
    layout->addStretch();
    // activated, not currentIndexChanged: only a person's pick changes the role, not reload().
    connect(m_combo, &QComboBox::activated, this,
            [this](int index) { setRole(m_combo->itemData(index).toLongLong()); });
    reload();
}

void ContactRolePicker::setContact(qint64 contactId)
{
    m_contactId = contactId;
    reload();
}

void ContactRolePicker::reload()
{
    const QSignalBlocker blocker(m_combo);
    m_combo->clear();
    QString error;
    PortalRoleRepository roles(*m_context.db);
    const std::optional<PortalRole> current
        = m_contactId ? roles.roleOfContact(m_contactId, &error) : std::nullopt;
    // Without a contact the box stays empty rather than showing a role of nobody.
    if (current) {
        for (const PortalRole &role : roles.roles(&error)) {
            m_combo->addItem(role.name, role.id);
        }
        m_combo->setCurrentIndex(m_combo->findData(current->id));
    }
    m_combo->setEnabled(current.has_value());
}

bool ContactRolePicker::setRole(qint64 roleId)
{
    if (m_contactId == 0) {
        return false;
    }
    ServiceError error;
    const bool changed = PortalRoleService(*m_context.db, *m_context.clock)
                             .setContactRole(m_contactId, roleId, m_context.actor(), &error);
    if (!changed) {
        MessageBox::warning(
            this, tr("Role not changed"),
            tr("The contact's portal role could not be changed: %1").arg(error.message));
    }
    reload(); // the picker shows what is stored, changed or not
    if (changed) {
        Q_EMIT roleChanged(m_contactId, roleId);
    }
    return changed;
}

qint64 ContactRolePicker::currentRoleId() const
{
    return m_combo->currentIndex() < 0 ? 0 : m_combo->currentData().toLongLong();
}

} // namespace Gatehouse
