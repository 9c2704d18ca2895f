#include "StaffAuthService.h"

#include "core/Clock.h"
#include "core/Logging.h"
#include "domain/StaffRole.h"
#include "security/AuditLog.h"
#include "services/SecondFactor.h"
#include "storage/DirectoryRepository.h"
#include "storage/StaffRepository.h"
#include "storage/TotpRepository.h"
#include "storage/Transaction.h"
#include "vault/VaultService.h"

#include <QCoreApplication>

namespace Gatehouse {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Gatehouse::StaffAuthService", text);
}

} // namespace

StaffAuthService::StaffAuthService(const Database &db, const Clock &clock)
    : m_db(db)
    , m_clock(clock)
{}

std::optional<StaffSignIn> StaffAuthService::beginSignIn(const QString &email,
                                                         const QString &password, const QString &ip,
                                                         ServiceError *error)
{
    DirectoryRepository directory(m_db);
    QString refusal;
    // The password check (Argon2id) comes before the audit trail's lock is taken.
    const std::optional<StaffMember> staff = directory.authenticateStaff(email, password, &refusal);
    QString dbError;
    const std::optional<Workspace> workspace = directory.workspace(&dbError);
    if (!workspace) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    if (!staff) {
        const QString address = DirectoryRepository::normalisedEmail(email);
        const AuditEvent event = AuditEvent::make(
            workspace->id, m_clock.nowMs(), Actor(Actor::Kind::Staff, address, QString(), ip),
            QStringLiteral("staff.login_failed"), QString(),
            QStringLiteral("Refused a staff sign-in as %1: %2")
                .arg(address,
                     refusal.isEmpty() ? QStringLiteral("wrong email or password") : refusal));
        if (!AuditLog(m_db).append(event, &dbError)) {
            ServiceError::internal(error);
            return std::nullopt;
        }
        ServiceError::set(error, ServiceError::Kind::Unauthorized,
                          refusal.isEmpty() ? tr("The email or password is not correct.")
                                            : refusal);
        return std::nullopt;
    }
    const std::optional<StoredTotp> totp
        = TotpRepository(m_db, TotpOwner::Staff).find(staff->id, &dbError);
    if (!dbError.isEmpty()) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    StaffSignIn attempt;
    attempt.staff = *staff;
    attempt.codeNeeded = totp && totp->enabled;
    if (attempt.codeNeeded) {
        return attempt;
    }
    Transaction transaction(m_db);
    if (!transaction.isActive() || !recordSignIn(*staff, QString(), ip, &dbError)
        || !transaction.commit(&dbError)) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    prepareVault(*staff, password);
    attempt.finished = true;
    return attempt;
}

bool StaffAuthService::completeSignIn(StaffSignIn &attempt, const QString &password,
                                      const QString &code, const QString &ip, ServiceError *error)
{
    if (attempt.finished || !attempt.codeNeeded || attempt.wrongCodes >= kMaxWrongCodes) {
        ServiceError::set(error, ServiceError::Kind::Conflict, tr("Sign in again."));
        return false;
    }
    const StaffMember &staff = attempt.staff;
    const qint64 now = m_clock.nowMs();
    QString dbError;
    Transaction transaction(m_db);
    if (!transaction.isActive()) {
        ServiceError::internal(error);
        return false;
    }
    const SecondFactor::Accepted accepted
        = SecondFactor(m_db, TotpOwner::Staff).useCode(staff.id, code, now, &dbError);
    if (!dbError.isEmpty()) {
        ServiceError::internal(error);
        return false;
    }
    if (accepted == SecondFactor::Accepted::None) {
        ++attempt.wrongCodes;
        const bool lockedOut = attempt.wrongCodes >= kMaxWrongCodes;
        const AuditEvent failed = AuditEvent::make(
            staff.workspaceId, now, Actor::staff(staff, ip),
            lockedOut ? QStringLiteral("staff.login_locked_out")
                      : QStringLiteral("staff.login_failed"),
            AuditEvent::subjectOf("staff", staff.id),
            lockedOut
                ? QStringLiteral("Ended a sign-in of %1: too many wrong codes").arg(staff.email)
                : QStringLiteral("Wrong two-step code entered for %1").arg(staff.email));
        if (!AuditLog(m_db).append(failed, &dbError) || !transaction.commit(&dbError)) {
            ServiceError::internal(error);
            return false;
        }
        if (lockedOut) {
            ServiceError::set(error, ServiceError::Kind::RateLimited,
                              SecondFactor::tooManyWrongCodesMessage());
        } else {
            ServiceError::set(error, ServiceError::Kind::Invalid, SecondFactor::wrongCodeMessage());
        }
        return false;
    }
    if (!recordSignIn(staff,
                      accepted == SecondFactor::Accepted::Totp
                          ? QStringLiteral(" with an authenticator code")
                          : QStringLiteral(" with a recovery code"),
                      ip, &dbError)
        || !transaction.commit(&dbError)) {
        ServiceError::internal(error);
        return false;
    }
    prepareVault(staff, password);
    attempt.finished = true;
    return true;
}

std::optional<StaffMember> StaffAuthService::signIn(const QString &email, const QString &password,
                                                    const QString &ip, ServiceError *error)
{
    const std::optional<StaffSignIn> attempt = beginSignIn(email, password, ip, error);
    if (!attempt) {
        return std::nullopt;
    }
    if (!attempt->finished) {
        ServiceError::set(error, ServiceError::Kind::Unauthorized,
                          tr("Enter the code from your authenticator app."));
        return std::nullopt;
    }
    return attempt->staff;
}

bool StaffAuthService::recordSignIn(const StaffMember &staff, const QString &how, const QString &ip,
                                    QString *dbError)
{
    const qint64 now = m_clock.nowMs();
    const AuditEvent event = AuditEvent::make(
        staff.workspaceId, now, Actor::staff(staff, ip), QStringLiteral("staff.login"),
        AuditEvent::subjectOf("staff", staff.id),
        QStringLiteral("%1 <%2> signed in to the staff console").arg(staff.name, staff.email)
            + how);
    return AuditLog(m_db).append(event, dbError)
           && StaffRepository(m_db).recordSignIn(staff.id, now, dbError);
}

void StaffAuthService::prepareVault(const StaffMember &staff, const QString &password)
{
    // A missing key pair or vault does not stand in the way of signing in: it is logged, and
    // tried again at the next sign-in.
    VaultService vault(m_db, m_clock, m_vaultKdf);
    ServiceError error;
    if (!vault.ensureStaffKey(staff.id, password, &error)) {
        qCWarning(lcVault) << "No vault key pair for staff" << staff.id << error.message;
        return;
    }
    if (StaffRoles::allows(staff.role, StaffPermission::ManageVaultAccess)
        && vault.publicKey(staff.workspaceId, &error).isEmpty()
        && error.kind == ServiceError::Kind::None
        && !vault.create(staff.workspaceId, staff.id, password, &error)) {
        qCWarning(lcVault) << "Could not create the vault" << error.message;
    }
}

bool StaffAuthService::changePassword(qint64 staffId, const QString &currentPassword,
                                      const QString &newPassword, const QString &ip,
                                      ServiceError *error)
{
    QString dbError;
    DirectoryRepository directory(m_db);
    const std::optional<StaffMember> staff = directory.staff(staffId, &dbError);
    if (!staff) {
        ServiceError::set(error, ServiceError::Kind::NotFound,
                          tr("There is no such staff member."));
        return false;
    }
    if (!directory.checkStaffPassword(staffId, currentPassword, &dbError)) {
        ServiceError::set(error, ServiceError::Kind::Unauthorized,
                          tr("The current password is not correct."));
        return false;
    }
    Transaction transaction(m_db);
    QString refusal;
    if (!transaction.isActive() || !directory.setStaffPassword(staffId, newPassword, &refusal)) {
        ServiceError::set(error, ServiceError::Kind::Invalid,
                          refusal.isEmpty() ? transaction.error() : refusal);
        return false;
    }
    if (!VaultService(m_db, m_clock, m_vaultKdf)
             .rewrap(staffId, currentPassword, newPassword, error)) {
        return false;
    }
    const AuditEvent event = AuditEvent::make(
        staff->workspaceId, m_clock.nowMs(), Actor::staff(*staff, ip),
        QStringLiteral("staff.password_changed"), AuditEvent::subjectOf("staff", staffId),
        QStringLiteral("%1 <%2> changed their password").arg(staff->name, staff->email));
    if (!StaffRepository(m_db).setMustChangePassword(staffId, false, &dbError)
        || !AuditLog(m_db).append(event, &dbError) || !transaction.commit(&dbError)) {
        ServiceError::internal(error);
        return false;
    }
    return true;
}

} // namespace Gatehouse
