#pragma once

#include "core/ServiceError.h"
#include "domain/Directory.h"
#include "vault/VaultCrypto.h"

#include <QString>

#include <optional>

namespace Gatehouse {

class Clock;
class Database;

// Staff sign-in. Every attempt, refused or not, is recorded in the audit trail; a sign-in that
// cannot be recorded does not happen.
class StaffAuthService
{
public:
    StaffAuthService(const Database &db, const Clock &clock);

    // Work factors for vault keys made at sign-in; tests lower them to stay quick.
    void setVaultKdf(const KdfParams &kdf) { m_vaultKdf = kdf; }

    // ip: where the attempt came from, when known (empty at a console's own keyboard).
    // The password is known at this moment only, so a member without a vault key pair gets
    // one now; an administrator of a workspace from before the vault also creates the vault.
    std::optional<StaffMember> signIn(const QString &email, const QString &password,
                                      const QString &ip, ServiceError *error);
    // Checks the current password, sets the new one and re-wraps the member's vault key under
    // it, in one transaction; audited.
    [[nodiscard]] bool changePassword(qint64 staffId, const QString &currentPassword,
                                      const QString &newPassword, const QString &ip,
                                      ServiceError *error);

private:
    void prepareVault(const StaffMember &staff, const QString &password);

    const Database &m_db;
    const Clock &m_clock;
    KdfParams m_vaultKdf = KdfParams::standard();
};

} // namespace Gatehouse
