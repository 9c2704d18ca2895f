#include "VaultKeyPrompt.h"

#include "vault/VaultService.h"

#include <QCoreApplication>
#include <QInputDialog>
#include <QLineEdit>

namespace Gatehouse {

namespace {

std::optional<QString> s_nextPassword;

} // namespace

std::optional<SecureBytes> VaultKeyPrompt::unlock(QWidget *parent, const ConsoleContext &context,
                                                  QString *error)
{
    QString password;
    if (s_nextPassword) {
        password = *s_nextPassword;
        s_nextPassword.reset();
    } else {
        bool ok = false;
        password = QInputDialog::getText(
            parent, QCoreApplication::translate("Gatehouse::VaultKeyPrompt", "Unlock the vault"),
            QCoreApplication::translate("Gatehouse::VaultKeyPrompt",
                                        "Your password, to open what the client sealed:"),
            QLineEdit::Password, QString(), &ok);
        if (!ok) {
            return std::nullopt;
        }
    }
    ServiceError failure;
    std::optional<SecureBytes> key
        = VaultService(*context.db, *context.clock).unlock(context.staff.id, password, &failure);
    SecureBytes::wipe(password);
    if (!key && error) {
        *error = failure.message;
    }
    return key;
}

void VaultKeyPrompt::setNextPassword(const QString &password)
{
    s_nextPassword = password;
}

} // namespace Gatehouse
