#pragma once

#include "core/ConsoleContext.h"
#include "domain/PortalRole.h"

#include <QDialog>
#include <QMap>

#include <optional>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace Gatehouse {

class ErrorLabel;

// Portal roles (ACC-12): the built-in ones shown with what they allow, custom ones created,
// changed and removed, and the role new contacts get. Every change is audited by
// PortalRoleService.
class PortalRolesDialog : public QDialog
{
    Q_OBJECT
public:
    explicit PortalRolesDialog(const ConsoleContext &context, QWidget *parent = nullptr);

    void reload();
    bool selectRole(qint64 roleId);
    qint64 selectedRoleId() const;
    // Clears the form for a new custom role.
    void startNewRole();
    // Creates the drafted role or saves the selected custom one; false (with the reason shown)
    // when that failed.
    bool save();
    bool removeSelected();
    bool setNewContactsRole(qint64 roleId);

    QLineEdit *nameEdit() const { return m_name; }
    QCheckBox *permissionBox(PortalPermission permission) const
    {
        return m_boxes.value(permission);
    }
    QComboBox *defaultRoleCombo() const { return m_default; }
    QListWidget *roleList() const { return m_list; }
    QPushButton *newButton() const { return m_new; }
    QString errorText() const;

Q_SIGNALS:
    void rolesChanged();

private:
    void showSelected();
    PortalPermissions checkedPermissions() const;

    ConsoleContext m_context;
    QListWidget *m_list;
    QLineEdit *m_name;
    QMap<PortalPermission, QCheckBox *> m_boxes;
    QPushButton *m_new;
    QPushButton *m_save;
    QPushButton *m_remove;
    QComboBox *m_default;
    ErrorLabel *m_error;
    QList<PortalRole> m_roles;
};

} // namespace Gatehouse
