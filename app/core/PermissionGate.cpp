#include "PermissionGate.h"

#include <QAction>
#include <QWidget>

namespace Gatehouse::PermissionGate {

void apply(QAction *action, const ConsoleContext &context, StaffPermission permission)
{
    if (context.can(permission)) {
        return;
    }
    action->setEnabled(false);
    action->setToolTip(StaffRoles::refusal(permission));
    action->setStatusTip(StaffRoles::refusal(permission));
}

void apply(QWidget *widget, const ConsoleContext &context, StaffPermission permission)
{
    if (context.can(permission)) {
        return;
    }
    widget->setEnabled(false);
    widget->setToolTip(StaffRoles::refusal(permission));
}

} // namespace Gatehouse::PermissionGate
