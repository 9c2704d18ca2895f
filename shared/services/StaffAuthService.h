#pragma once

#include "core/ServiceError.h"
#include "domain/Directory.h"
#include "vault/VaultCrypto.h"

#include <QString>

#include <optional>

namespace Gatehouse {

class Clock;
class Database;

// A sign-in under way: the password was right; a member with two-step sign-in on still has to
// give a code (completeSignIn). Kept by the sign-in dialog for this one attempt.
struct StaffSignIn
{
    StaffMember staff;
    bool codeNeeded = false;
    bool finished = false;
    int wrongCodes = 0; // kMaxWrongCodes of them end the attempt
};

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
    static constexpr int kMaxWrongCodes = 5;

    // The first step: email and password. Finished at once for a member without two-step
    // sign-in; otherwise codeNeeded is set and nothing but the refusals is recorded yet.
    std::optional<StaffSignIn> beginSignIn(const QString &email, const QString &password,
                                           const QString &ip, ServiceError *error);
    // The second step: a code from the member's authenticator app or an unused recovery code.
    // A wrong code counts against the attempt; after kMaxWrongCodes it is over (RateLimited)
    // and the member must start again. password: the one of the first step (the vault's).
    [[nodiscard]] bool completeSignIn(StaffSignIn &attempt, const QString &password,
                                      const QString &code, const QString &ip, ServiceError *error);
    // Both steps for a member without two-step sign-in; refused when a code is needed.
    std::optional<StaffMember> signIn(const QString &email, const QString &password,
                                      const QString &ip, ServiceError *error);
    // Checks the current password, sets the new one and re-wraps the member's vault key under
    // it, in one transaction; audited. Ends a must-change-password (an administrator's).
    [[nodiscard]] bool changePassword(qint64 staffId, const QString &currentPassword,
                                      const QString &newPassword, const QString &ip,
                                      ServiceError *error);

private:
    void prepareVault(const StaffMember &staff, const QString &password);
    // Records the finished sign-in (audit trail, last sign-in) in the caller's transaction.
    bool recordSignIn(const StaffMember &staff, const QString &how, const QString &ip,
                      QString *dbError);

    const Database &m_db;
    const Clock &m_clock;
    KdfParams m_vaultKdf = KdfParams::standard();
};

} // namespace Gatehouse
