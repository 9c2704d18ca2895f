#pragma once

#include "core/ConsoleContext.h"

class QAction;
class QWidget;

namespace Gatehouse::PermissionGate {

// Disables what the signed-in role may not do and says why in its tooltip (and status tip, for
// menu actions). The services refuse it anyway; this only spares a pointless click.
void apply(QAction *action, const ConsoleContext &context, StaffPermission permission);
void apply(QWidget *widget, const ConsoleContext &context, StaffPermission permission);

} // namespace Gatehouse::PermissionGate
