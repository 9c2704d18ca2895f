#pragma once

#include "SecureBytes.h"
#include "VaultCrypto.h"
#include "VaultRepository.h"
#include "core/ServiceError.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace Gatehouse {

class Clock;
class Database;

// The workspace's credential vault (TRU-1): who holds a key pair, who may open the vault, and
// opening it. The vault's private key is never stored in the clear: each member with access
// holds it sealed to their own key pair, whose private key is wrapped by their password.
//
// Every method that writes uses its own Transaction, so called inside a caller's transaction
// it becomes part of it (the first-run wizard creates workspace, admin and vault at once).
class VaultService
{
public:
    VaultService(const Database &db, const Clock &clock,
                 const KdfParams &kdf = KdfParams::standard());

    // Creates the vault with its first member (who gets a key pair if they have none yet) and
    // that member's grant. Conflict when the workspace has a vault already.
    [[nodiscard]] bool create(qint64 workspaceId, qint64 adminId, const QString &adminPassword,
                              ServiceError *error);
    // The public key the portal seals with; empty (no error) when there is no vault.
    QByteArray publicKey(qint64 workspaceId, ServiceError *error) const;

    // Gives the member a key pair wrapped by this password unless they have one. The password
    // must be the member's current one: callers run this at creation or right after sign-in.
    [[nodiscard]] bool ensureStaffKey(qint64 staffId, const QString &password, ServiceError *error);
    bool hasStaffKey(qint64 staffId, ServiceError *error) const;

    // The vault's private key, for revealing. Refused with a clear message for a wrong
    // password, no grant or a revoked grant; every refusal is audited.
    std::optional<SecureBytes> unlock(qint64 staffId, const QString &password, ServiceError *error);
    // The member's own private key, opened with their password: what a console remembers in the
    // OS keychain instead of the password. Refused (and audited) like unlock().
    std::optional<SecureBytes> unlockStaffKey(qint64 staffId, const QString &password,
                                              ServiceError *error);
    // The vault's private key opened with a remembered staff key; the same refusals as unlock(),
    // and a key that is not the member's (another database's, or damaged) is refused too.
    std::optional<SecureBytes> unlockWithStaffKey(qint64 staffId, const SecureBytes &staffKey,
                                                  ServiceError *error);

    // An administrator with the vault unlocked lets a colleague (who has a key pair) open it.
    [[nodiscard]] bool grant(const SecureBytes &vaultKey, qint64 adminId, qint64 colleagueId,
                             ServiceError *error);
    // An administrator takes a colleague's access away; the last access cannot be revoked.
    [[nodiscard]] bool revoke(qint64 adminId, qint64 colleagueId, ServiceError *error);
    QList<VaultGrant> grants(qint64 workspaceId, ServiceError *error) const;

    // A password change: re-wraps this member's private key under the new password and touches
    // nothing else (grants are sealed to the key pair, which stays). A member without a key
    // pair gets one under the new password.
    [[nodiscard]] bool rewrap(qint64 staffId, const QString &oldPassword,
                              const QString &newPassword, ServiceError *error);

private:
    std::optional<SecureBytes> openStaffKey(qint64 staffId, const QString &password,
                                            QString *reason) const;
    std::optional<SecureBytes> openVault(qint64 staffId, const SecureBytes &staffSecret,
                                         QString *reason) const;
    // Audits a refused unlock and reports it; "internal" as reason is a storage failure.
    void refuse(qint64 staffId, const QString &reason, ServiceError *error);

    const Database &m_db;
    const Clock &m_clock;
    KdfParams m_kdf;
};

} // namespace Gatehouse
