#include "StaffAccess.h"

#include "storage/DirectoryRepository.h"
#include "storage/StaffRepository.h"

#include <QCoreApplication>

namespace Gatehouse {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Gatehouse::StaffAccess", text);
}

bool check(const std::optional<StaffMember> &member, const QString &dbError,
           StaffPermission permission, ServiceError *error)
{
    if (!dbError.isEmpty()) {
        ServiceError::internal(error);
        return false;
    }
    if (!member || !member->active) {
        ServiceError::set(error, ServiceError::Kind::Forbidden,
                          tr("Only an active member of staff can do this."));
        return false;
    }
    if (!StaffRoles::allows(member->role, permission)) {
        ServiceError::set(error, ServiceError::Kind::Forbidden, StaffRoles::refusal(permission));
        return false;
    }
    return true;
}

} // namespace

bool StaffAccess::require(const Database &db, const Actor &actor, StaffPermission permission,
                          ServiceError *error)
{
    if (actor.kind == Actor::Kind::System) {
        return true;
    }
    if (actor.kind != Actor::Kind::Staff) {
        ServiceError::set(error, ServiceError::Kind::Forbidden, StaffRoles::refusal(permission));
        return false;
    }
    QString dbError;
    const std::optional<Workspace> workspace = DirectoryRepository(db).workspace(&dbError);
    const std::optional<StaffMember> member
        = workspace ? StaffRepository(db).byEmail(workspace->id, actor.id, &dbError) : std::nullopt;
    return check(member, dbError, permission, error);
}

bool StaffAccess::require(const Database &db, qint64 staffId, StaffPermission permission,
                          ServiceError *error)
{
    QString dbError;
    const std::optional<StaffMember> member = DirectoryRepository(db).staff(staffId, &dbError);
    return check(member, dbError, permission, error);
}

} // namespace Gatehouse
