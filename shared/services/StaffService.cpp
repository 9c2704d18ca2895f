#include "StaffService.h"

#include "core/Clock.h"
#include "security/AuditLog.h"
#include "security/StaffAccess.h"
#include "storage/DirectoryRepository.h"
#include "storage/TotpRepository.h"
#include "storage/Transaction.h"

#include <QCoreApplication>

namespace Gatehouse {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Gatehouse::StaffService", text);
}

} // namespace

StaffService::StaffService(const Database &db, const Clock &clock)
    : m_db(db)
    , m_clock(clock)
{}

std::optional<QList<StaffAccount>> StaffService::list(ServiceError *error) const
{
    QString dbError;
    const std::optional<Workspace> workspace = DirectoryRepository(m_db).workspace(&dbError);
    const QList<StaffAccount> accounts
        = workspace ? StaffRepository(m_db).accounts(workspace->id, &dbError)
                    : QList<StaffAccount>();
    if (!workspace || !dbError.isEmpty()) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    return accounts;
}

std::optional<StaffMember> StaffService::member(qint64 staffId, ServiceError *error) const
{
    QString dbError;
    const std::optional<StaffMember> found = DirectoryRepository(m_db).staff(staffId, &dbError);
    if (!found) {
        if (dbError.isEmpty()) {
            ServiceError::set(error, ServiceError::Kind::NotFound,
                              tr("There is no such staff member."));
        } else {
            ServiceError::internal(error);
        }
    }
    return found;
}

bool StaffService::keepsAnAdmin(const StaffMember &member, bool staysAdmin,
                                ServiceError *error) const
{
    if (staysAdmin || member.role != StaffRoles::toKey(StaffRole::Admin) || !member.active) {
        return true;
    }
    QString dbError;
    const int admins = StaffRepository(m_db).lockActiveAdmins(member.workspaceId, &dbError);
    if (admins < 0) {
        ServiceError::internal(error);
        return false;
    }
    if (admins <= 1) {
        ServiceError::set(error, ServiceError::Kind::Conflict,
                          tr("%1 is the last active administrator. Make someone else an "
                             "administrator first.")
                              .arg(member.name));
        return false;
    }
    return true;
}

bool StaffService::audit(const StaffMember &member, const Actor &actor, const QString &action,
                         const QString &detail, QString *dbError) const
{
    return AuditLog(m_db).append(AuditEvent::make(member.workspaceId, m_clock.nowMs(), actor,
                                                  action, AuditEvent::subjectOf("staff", member.id),
                                                  detail),
                                 dbError);
}

std::optional<StaffMember> StaffService::target(qint64 staffId, const Actor &actor,
                                                const Transaction &transaction,
                                                ServiceError *error) const
{
    if (!StaffAccess::require(m_db, actor, StaffPermission::ManageStaff, error)) {
        return std::nullopt;
    }
    if (!transaction.isActive()) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    return member(staffId, error);
}

bool StaffService::finish(bool written, Transaction &transaction, const StaffMember &member,
                          const Actor &actor, const QString &action, const QString &detail,
                          ServiceError *error) const
{
    QString dbError;
    if (!written || !audit(member, actor, action, detail, &dbError)
        || !transaction.commit(&dbError)) {
        ServiceError::internal(error);
        return false;
    }
    return true;
}

qint64 StaffService::addMember(const QString &name, const QString &email, StaffRole role,
                               const QString &initialPassword, const Actor &actor,
                               ServiceError *error)
{
    if (!StaffAccess::require(m_db, actor, StaffPermission::ManageStaff, error)) {
        return 0;
    }
    DirectoryRepository directory(m_db);
    QString dbError;
    const std::optional<Workspace> workspace = directory.workspace(&dbError);
    if (!workspace) {
        ServiceError::internal(error);
        return 0;
    }
    Transaction transaction(m_db);
    if (!transaction.isActive()) {
        ServiceError::internal(error);
        return 0;
    }
    QString refusal;
    const qint64 id = directory.createStaff(workspace->id, email, name, initialPassword,
                                            StaffRoles::toKey(role), m_clock.nowMs(), &refusal);
    if (id == 0) {
        ServiceError::set(error, ServiceError::Kind::Invalid, refusal);
        return 0;
    }
    const std::optional<StaffMember> added = directory.staff(id, &dbError);
    if (!added || !StaffRepository(m_db).setMustChangePassword(id, true, &dbError)
        || !audit(*added, actor, QStringLiteral("staff.added"),
                  QStringLiteral("Added %1 <%2> as %3")
                      .arg(added->name, added->email, StaffRoles::toKey(role)),
                  &dbError)
        || !transaction.commit(&dbError)) {
        ServiceError::internal(error);
        return 0;
    }
    return id;
}

bool StaffService::setRole(qint64 staffId, StaffRole role, const Actor &actor, ServiceError *error)
{
    Transaction transaction(m_db);
    const std::optional<StaffMember> found = target(staffId, actor, transaction, error);
    if (!found) {
        return false;
    }
    const QString key = StaffRoles::toKey(role);
    if (found->role == key) {
        return true;
    }
    if (!keepsAnAdmin(*found, role == StaffRole::Admin, error)) {
        return false;
    }
    QString dbError;
    const bool written = StaffRepository(m_db).setRole(staffId, key, &dbError);
    return finish(written, transaction, *found, actor, QStringLiteral("staff.role_changed"),
                  QStringLiteral("Changed the role of %1 <%2> from %3 to %4")
                      .arg(found->name, found->email, found->role, key),
                  error);
}

bool StaffService::setActive(qint64 staffId, bool active, const Actor &actor, ServiceError *error)
{
    Transaction transaction(m_db);
    const std::optional<StaffMember> found = target(staffId, actor, transaction, error);
    if (!found) {
        return false;
    }
    if (found->active == active) {
        return true;
    }
    if (!active && !keepsAnAdmin(*found, false, error)) {
        return false;
    }
    QString dbError;
    const bool written = StaffRepository(m_db).setActive(staffId, active, &dbError);
    return finish(written, transaction, *found, actor,
                  active ? QStringLiteral("staff.reactivated")
                         : QStringLiteral("staff.deactivated"),
                  (active ? QStringLiteral("Reactivated %1 <%2>")
                          : QStringLiteral("Deactivated %1 <%2>; they can no longer sign in"))
                      .arg(found->name, found->email),
                  error);
}

bool StaffService::resetTotp(qint64 staffId, const Actor &actor, ServiceError *error)
{
    Transaction transaction(m_db);
    const std::optional<StaffMember> found = target(staffId, actor, transaction, error);
    if (!found) {
        return false;
    }
    QString dbError;
    const bool written = TotpRepository(m_db, TotpOwner::Staff).remove(staffId, &dbError);
    return finish(
        written, transaction, *found, actor, QStringLiteral("staff.totp_reset"),
        QStringLiteral("Reset two-step sign-in of %1 <%2>").arg(found->name, found->email), error);
}

} // namespace Gatehouse
