#include "StaffAuthService.h"

#include "core/Clock.h"
#include "core/Logging.h"
#include "security/AuditLog.h"
#include "storage/DirectoryRepository.h"
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

std::optional<StaffMember> StaffAuthService::signIn(const QString &email, const QString &password,
                                                    const QString &ip, ServiceError *error)
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
    const qint64 now = m_clock.nowMs();
    const QString address = DirectoryRepository::normalisedEmail(email);
    const AuditEvent event
        = staff ? AuditEvent::make(workspace->id, now, Actor::staff(*staff, ip),
                                   QStringLiteral("staff.login"),
                                   AuditEvent::subjectOf("staff", staff->id),
                                   QStringLiteral("%1 <%2> signed in to the staff console")
                                       .arg(staff->name, staff->email))
                : AuditEvent::make(workspace->id, now,
                                   Actor(Actor::Kind::Staff, address, QString(), ip),
                                   QStringLiteral("staff.login_failed"), QString(),
                                   QStringLiteral("Refused a staff sign-in as %1: wrong email "
                                                  "or password")
                                       .arg(address));
    if (!AuditLog(m_db).append(event, &dbError)) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    if (staff) {
        prepareVault(*staff, password);
    }
    if (!staff) {
        ServiceError::set(error, ServiceError::Kind::Unauthorized,
                          refusal.isEmpty() ? tr("The email or password is not correct.")
                                            : refusal);
    }
    return staff;
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
    if (staff.role == QLatin1String("admin") && vault.publicKey(staff.workspaceId, &error).isEmpty()
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
    if (!AuditLog(m_db).append(event, &dbError) || !transaction.commit(&dbError)) {
        ServiceError::internal(error);
        return false;
    }
    return true;
}

} // namespace Gatehouse
