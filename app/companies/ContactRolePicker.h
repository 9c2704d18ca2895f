#pragma once

#include "core/ConsoleContext.h"

#include <QWidget>

class QComboBox;

namespace Gatehouse {

// The selected contact's portal role (ACC-12), changed as soon as staff pick another one. The
// portal reads the role on every request, so the change applies to the contact's next click.
class ContactRolePicker : public QWidget
{
    Q_OBJECT
public:
    explicit ContactRolePicker(const ConsoleContext &context, QWidget *parent = nullptr);

    // 0: no contact selected (the picker is disabled).
    void setContact(qint64 contactId);
    // Reads the roles and the contact's role again (after roles were added or renamed).
    void reload();
    // Gives the contact the role; false, after telling staff why, when that failed.
    bool setRole(qint64 roleId);
    qint64 currentRoleId() const;

    QComboBox *combo() const { return m_combo; }

Q_SIGNALS:
    void roleChanged(qint64 contactId, qint64 roleId);

private:
    ConsoleContext m_context;
    QComboBox *m_combo;
    qint64 m_contactId = 0;
};

} // namespace Gatehouse
