#pragma once

#include "core/ServiceError.h"
#include "domain/Directory.h"
#include "vault/SecureBytes.h"

#include <QObject>
#include <QTimer>

#include <chrono>

namespace Gatehouse {

class Clock;
class Database;
class Keychain;
class SecretClipboard;

// The console's one open vault: the vault's private key while unlocked, in guarded memory and
// nowhere else. It locks again after a stretch without keyboard or mouse use (15 minutes unless
// set otherwise in the settings), when asked, and when the console quits; locking also takes a
// copied secret off the clipboard. It owns what the vault's UI shares: the keychain and the
// clipboard that knows about secrets.
class VaultSession : public QObject
{
    Q_OBJECT
public:
    static constexpr int kDefaultIdleMinutes = 15;
    static const QString kIdleMinutesKey; // QSettings

    VaultSession(const Database &db, const Clock &clock, const StaffMember &staff,
                 QObject *parent = nullptr);
    ~VaultSession() override;

    const StaffMember &staff() const { return m_staff; }
    bool isUnlocked() const { return !m_key.isNull(); }
    // The vault's private key while unlocked (null otherwise). Use it, do not keep it.
    const SecureBytes &key() const { return m_key; }

    // With the staff member's password.
    [[nodiscard]] bool unlock(const QString &password, ServiceError *error);
    // With the password, handing back the staff member's own key for the keychain.
    std::optional<SecureBytes> unlockRemembering(const QString &password, ServiceError *error);
    // With a staff key remembered in the keychain.
    [[nodiscard]] bool unlockWithStaffKey(const SecureBytes &staffKey, ServiceError *error);
    void lock();

    std::chrono::milliseconds idleTimeout() const;
    // Tests shorten it; the settings' value otherwise.
    void setIdleTimeout(std::chrono::milliseconds timeout);

    Keychain *keychain() const { return m_keychain; }
    SecretClipboard *clipboard() const { return m_clipboard; }
    // The keychain entry of this member's key: named by its public key, so two databases on one
    // device never mix them up. Empty when the member has no key pair.
    QString keychainEntry() const;
    // Whether the member chose "remember on this device" (a flag in the settings; the key
    // itself is only ever in the keychain).
    bool isRemembered() const;
    void setRemembered(bool remembered);

Q_SIGNALS:
    void unlockedChanged(bool unlocked);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void opened(SecureBytes key);

    const Database &m_db;
    const Clock &m_clock;
    StaffMember m_staff;
    SecureBytes m_key;
    QTimer m_idle;
    Keychain *m_keychain;
    SecretClipboard *m_clipboard;
};

} // namespace Gatehouse
