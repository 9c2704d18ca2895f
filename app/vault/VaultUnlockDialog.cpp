#include "VaultUnlockDialog.h"

#include "Keychain.h"
#include "VaultSession.h"
#include "core/MessageBox.h"
#include "widgets/ErrorLabel.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QVBoxLayout>

namespace Gatehouse {

VaultUnlockDialog::VaultUnlockDialog(VaultSession &session, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_password(new QLineEdit(this))
    , m_remember(new QCheckBox(tr("&Remember on this device"), this))
    , m_keychainNote(new QLabel(this))
    , m_error(new ErrorLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("vaultUnlockDialog"));
    setWindowTitle(tr("Unlock the credential vault"));
    auto *intro = new QLabel(tr("Enter your Gatehouse password to open the vault. It locks "
                                "again after %n minute(s) without use.",
                                nullptr, int(session.idleTimeout().count() / 60000)),
                             this);
    intro->setWordWrap(true);
    m_password->setObjectName(QStringLiteral("vaultPassword"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("Password"));
    m_remember->setObjectName(QStringLiteral("rememberOnDevice"));
    m_remember->setToolTip(tr("Keeps your vault key in this computer's keychain, so the vault "
                              "opens without your password on this device."));
    m_remember->setEnabled(false);
    m_keychainNote->setObjectName(QStringLiteral("keychainNote"));
    m_keychainNote->setWordWrap(true);
    m_keychainNote->setTextFormat(Qt::PlainText);
    m_keychainNote->setForegroundRole(QPalette::PlaceholderText);
    m_keychainNote->setText(tr("Checking this device's keychain…"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Unlock"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_password);
    layout->addWidget(m_remember);
    layout->addWidget(m_keychainNote);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &VaultUnlockDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    QPointer<VaultUnlockDialog> self(this);
    m_session.keychain()->probe([self](const Keychain::Result &result) {
        if (self) {
            self->onKeychainProbed(result.ok(), result.message);
        }
    });
}

void VaultUnlockDialog::ensureUnlocked(VaultSession &session, QWidget *parent,
                                       const std::function<void()> &then)
{
    if (session.isUnlocked()) {
        then();
        return;
    }
    auto *dialog = new VaultUnlockDialog(session, parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, dialog, then);
    dialog->open();
}

void VaultUnlockDialog::onKeychainProbed(bool available, const QString &reason)
{
    m_keychainChecked = true;
    m_keychainAvailable = available;
    if (!available) {
        // No plaintext fallback: without a keychain the console does not remember at all.
        m_remember->setChecked(false);
        m_remember->setEnabled(false);
        m_keychainNote->setText(tr("Remembering is not available: %1").arg(reason));
        m_keychainNote->show();
        return;
    }
    m_remember->setEnabled(!m_busy);
    m_keychainNote->hide();
    // Not when the password got there first.
    if (m_session.isRemembered() && !m_busy && !m_session.isUnlocked()) {
        m_remember->setChecked(true);
        unlockFromKeychain();
    }
}

void VaultUnlockDialog::unlockFromKeychain()
{
    setBusy(true, tr("Opening with the key remembered on this device…"));
    QPointer<VaultUnlockDialog> self(this);
    m_session.keychain()->read(
        m_session.keychainEntry(), [self](const Keychain::Result &result, SecureBytes staffKey) {
            if (!self) {
                return;
            }
            self->setBusy(false);
            if (!result.ok()) {
                if (result.status == Keychain::Status::NotFound) {
                    self->m_session.setRemembered(false);
                    self->m_remember->setChecked(false);
                }
                self->m_error->showMessage(
                    tr("The remembered key could not be used: %1 Enter your password.")
                        .arg(result.message));
                return;
            }
            ServiceError error;
            if (!self->m_session.unlockWithStaffKey(staffKey, &error)) {
                // A key that no longer opens the vault is of no use to keep.
                self->m_session.setRemembered(false);
                self->m_session.keychain()->remove(self->m_session.keychainEntry(),
                                                   [](const Keychain::Result &) {});
                self->m_remember->setChecked(false);
                self->m_error->showMessage(error.message);
                return;
            }
            self->QDialog::accept();
        });
}

void VaultUnlockDialog::setBusy(bool busy, const QString &note)
{
    m_busy = busy;
    m_password->setEnabled(!busy);
    m_remember->setEnabled(!busy && m_keychainAvailable);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!busy);
    if (busy) {
        m_keychainNote->setText(note);
        m_keychainNote->show();
    } else if (m_keychainAvailable) {
        m_keychainNote->hide();
    }
}

void VaultUnlockDialog::accept()
{
    if (m_busy) {
        return;
    }
    m_error->hide();
    QString password = m_password->text();
    m_password->clear();
    if (password.isEmpty()) {
        m_error->showMessage(tr("Enter your password."));
        return;
    }
    const bool remember = m_keychainAvailable && m_remember->isChecked();
    ServiceError error;
    if (!remember) {
        const bool opened = m_session.unlock(password, &error);
        SecureBytes::wipe(password);
        if (!opened) {
            m_error->showMessage(error.message);
            m_password->setFocus();
            return;
        }
        // Unticked means not on this device: a key kept before is removed.
        if (m_keychainAvailable) {
            m_session.setRemembered(false);
            m_session.keychain()->remove(m_session.keychainEntry(),
                                         [](const Keychain::Result &) {});
        }
        QDialog::accept();
        return;
    }
    const std::optional<SecureBytes> staffKey = m_session.unlockRemembering(password, &error);
    SecureBytes::wipe(password);
    if (!staffKey) {
        m_error->showMessage(error.message);
        m_password->setFocus();
        return;
    }
    setBusy(true, tr("Saving your key in this device's keychain…"));
    QPointer<VaultUnlockDialog> self(this);
    m_session.keychain()->write(
        m_session.keychainEntry(), *staffKey, [self](const Keychain::Result &result) {
            if (!self) {
                return;
            }
            self->setBusy(false);
            self->m_session.setRemembered(result.ok());
            if (!result.ok()) {
                MessageBox::warning(self, tr("Not remembered"),
                                    tr("The vault is unlocked, but your key could not be kept "
                                       "on this device: %1")
                                        .arg(result.message));
            }
            self->QDialog::accept();
        });
}

} // namespace Gatehouse
