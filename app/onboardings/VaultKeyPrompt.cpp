#include "VaultKeyPrompt.h"

#include "vault/VaultService.h"
#include "vault/VaultSession.h"

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
    // The console's vault session, once open, answers without asking again.
    if (context.vault && context.vault->isUnlocked()) {
        const SecureBytes &key = context.vault->key();
        return SecureBytes::copyOf(reinterpret_cast<const char *>(key.constData()), key.size());
    }
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
    std::optional<SecureBytes> key;
    if (context.vault) {
        // Opens the session for the rest of the console too (and locks with it when idle).
        if (context.vault->unlock(password, &failure)) {
            const SecureBytes &open = context.vault->key();
            key = SecureBytes::copyOf(reinterpret_cast<const char *>(open.constData()),
                                      open.size());
        }
    } else {
        key = VaultService(*context.db, *context.clock)
                  .unlock(context.staff.id, password, &failure);
    }
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
