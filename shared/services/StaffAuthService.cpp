#include "StaffAuthService.h"

#include "core/Clock.h"
#include "security/AuditLog.h"
#include "storage/DirectoryRepository.h"

#include <QCoreApplication>

namespace Gatehouse {

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
    if (!staff) {
        ServiceError::set(error, ServiceError::Kind::Unauthorized,
                          refusal.isEmpty()
                              ? QCoreApplication::translate("Gatehouse::StaffAuthService",
                                                            "The email or password is not correct.")
                              : refusal);
    }
    return staff;
}

} // namespace Gatehouse
