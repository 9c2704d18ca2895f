#pragma once

#include <QDialog>

#include <functional>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace Gatehouse {

class ErrorLabel;
class VaultSession;

// Unlocks the credential vault with the staff member's password, or by itself with the key
// remembered in the OS keychain. "Remember on this device" keeps the member's unwrapped key
// (never the password) in the keychain; it is disabled, with the reason, when there is none.
// Accepted once the vault is open.
class VaultUnlockDialog : public QDialog
{
    Q_OBJECT
public:
    explicit VaultUnlockDialog(VaultSession &session, QWidget *parent = nullptr);

    // Calls `then` right away when the vault is open, else once this dialog (opened window-modal,
    // deleting itself) has opened it; not at all when the user gives up.
    static void ensureUnlocked(VaultSession &session, QWidget *parent,
                               const std::function<void()> &then);

    QLineEdit *passwordEdit() const { return m_password; }
    QCheckBox *rememberBox() const { return m_remember; }
    QLabel *keychainNote() const { return m_keychainNote; }
    ErrorLabel *errorLabel() const { return m_error; }
    QDialogButtonBox *buttons() const { return m_buttons; }
    // Whether the keychain has answered whether it can be used.
    bool keychainChecked() const { return m_keychainChecked; }

    void accept() override;

private:
    void onKeychainProbed(bool available, const QString &reason);
    void unlockFromKeychain();
    void setBusy(bool busy, const QString &note = QString());

    VaultSession &m_session;
    QLineEdit *m_password;
    QCheckBox *m_remember;
    QLabel *m_keychainNote;
    ErrorLabel *m_error;
    QDialogButtonBox *m_buttons;
    bool m_keychainChecked = false;
    bool m_keychainAvailable = false;
    bool m_busy = false;
};

} // namespace Gatehouse
