#pragma once

#include <QString>
#include <QStringList>

class QWidget;

namespace Gatehouse {
class Database;
class VaultUnlockDialog;
} // namespace Gatehouse

namespace Gatehouse::Testing {

// What a member of staff does with the vault's dialogs.
// The unlock dialog once it shows over `parent`; nullptr when it does not.
VaultUnlockDialog *waitForUnlockDialog(QWidget *parent);
// Types the password (not remembering it on this device) and clicks Unlock.
void unlockThrough(VaultUnlockDialog *dialog, const QString &password);
// "actor|detail" of each audit event with this action, oldest first.
QStringList auditRows(const Database &db, const QString &action);

} // namespace Gatehouse::Testing
