#pragma once

#include "core/ServiceError.h"
#include "domain/Actor.h"
#include "domain/StaffRole.h"
#include "storage/StaffRepository.h"

#include <QList>
#include <QString>

#include <optional>

namespace Gatehouse {

class Clock;
class Database;
class Transaction;

// Managing staff (CON-11), for administrators: add members, change roles, deactivate and
// reactivate (never delete: the audit trail names them), reset a member's TOTP. The workspace
// always keeps one active administrator. Every change is audited in its own transaction.
class StaffService
{
public:
    StaffService(const Database &db, const Clock &clock);

    // Every member of the workspace by name; any member of staff may read it.
    std::optional<QList<StaffAccount>> list(ServiceError *error) const;

    // The member chooses their own password at their first sign-in (must_change_password);
    // the one given here is the administrator's, to hand over. Returns the new id, or 0.
    qint64 addMember(const QString &name, const QString &email, StaffRole role,
                     const QString &initialPassword, const Actor &actor, ServiceError *error);
    [[nodiscard]] bool setRole(qint64 staffId, StaffRole role, const Actor &actor,
                               ServiceError *error);
    [[nodiscard]] bool setActive(qint64 staffId, bool active, const Actor &actor,
                                 ServiceError *error);
    // Turns the member's TOTP off (a lost phone); they may set it up again after signing in.
    [[nodiscard]] bool resetTotp(qint64 staffId, const Actor &actor, ServiceError *error);

private:
    std::optional<StaffMember> member(qint64 staffId, ServiceError *error) const;
    // The member a change is about, once the actor may manage staff.
    std::optional<StaffMember> target(qint64 staffId, const Actor &actor,
                                      const Transaction &transaction, ServiceError *error) const;
    // Audits a written change and commits both.
    bool finish(bool written, Transaction &transaction, const StaffMember &member,
                const Actor &actor, const QString &action, const QString &detail,
                ServiceError *error) const;
    // Refuses (Conflict) when the change would leave no active administrator.
    bool keepsAnAdmin(const StaffMember &member, bool staysAdmin, ServiceError *error) const;
    bool audit(const StaffMember &member, const Actor &actor, const QString &action,
               const QString &detail, QString *dbError) const;

    const Database &m_db;
    const Clock &m_clock;
};

} // namespace Gatehouse
