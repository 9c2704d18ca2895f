#include "StaffTotpService.h"

#include "SecondFactor.h"
#include "core/Clock.h"
#include "security/AuditLog.h"
#include "security/Base32.h"
#include "security/Totp.h"
#include "storage/DirectoryRepository.h"
#include "storage/TotpRepository.h"
#include "storage/Transaction.h"

#include <QCoreApplication>

namespace Gatehouse {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Gatehouse::StaffTotpService", text);
}

bool audit(const Database &db, const StaffMember &staff, qint64 now, const QString &action,
           const QString &detail, QString *dbError)
{
    return AuditLog(db).append(AuditEvent::make(staff.workspaceId, now, Actor::staff(staff), action,
                                                AuditEvent::subjectOf("staff", staff.id), detail),
                               dbError);
}

} // namespace

StaffTotpService::StaffTotpService(const Database &db, const Clock &clock)
    : m_db(db)
    , m_clock(clock)
{}

std::optional<StaffTotpStatus> StaffTotpService::status(qint64 staffId, ServiceError *error) const
{
    QString dbError;
    TotpRepository repository(m_db, TotpOwner::Staff);
    const std::optional<StoredTotp> totp = repository.find(staffId, &dbError);
    const int left = repository.recoveryCodesLeft(staffId, &dbError);
    if (!dbError.isEmpty()) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    return StaffTotpStatus{totp && totp->enabled, totp && !totp->enabled, left};
}

std::optional<TotpEnrolment> StaffTotpService::startEnrolment(qint64 staffId, ServiceError *error)
{
    DirectoryRepository directory(m_db);
    QString dbError;
    const std::optional<Workspace> workspace = directory.workspace(&dbError);
    const std::optional<StaffMember> staff = directory.staff(staffId, &dbError);
    if (!workspace || !staff || !staff->active) {
        ServiceError::set(error, ServiceError::Kind::Forbidden,
                          tr("Only an active member of staff can set up two-step sign-in."));
        return std::nullopt;
    }
    const qint64 now = m_clock.nowMs();
    Transaction transaction(m_db);
    if (!transaction.isActive()) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    const std::optional<QByteArray> secret
        = SecondFactor(m_db, TotpOwner::Staff)
              .startEnrolment(staffId, now, tr("Two-step sign-in is already on."), error);
    if (!secret) {
        return std::nullopt;
    }
    if (!audit(m_db, *staff, now, QStringLiteral("staff.totp_enrolment_started"),
               QStringLiteral("%1 started setting up two-step sign-in").arg(staff->email), &dbError)
        || !transaction.commit(&dbError)) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    return TotpEnrolment{Base32::encode(*secret),
                         Totp::provisioningUri(*secret, workspace->name, staff->email)};
}

std::optional<QList<QString>>
StaffTotpService::confirmEnrolment(qint64 staffId, const QString &code, ServiceError *error)
{
    QString dbError;
    const std::optional<StaffMember> staff = DirectoryRepository(m_db).staff(staffId, &dbError);
    if (!staff) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    SecondFactor factor(m_db, TotpOwner::Staff);
    const qint64 now = m_clock.nowMs();
    const std::optional<qint64> step
        = factor.enrolmentStep(staffId, code, now, tr("Two-step sign-in is already on."),
                               tr("Start setting up two-step sign-in first."), error);
    if (!step) {
        return std::nullopt;
    }
    Transaction transaction(m_db);
    const std::optional<QList<QString>> codes
        = transaction.isActive() ? factor.enable(staffId, *step, now, &dbError) : std::nullopt;
    if (!codes
        || !audit(m_db, *staff, now, QStringLiteral("staff.totp_enabled"),
                  QStringLiteral("%1 turned on two-step sign-in").arg(staff->email), &dbError)
        || !transaction.commit(&dbError)) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    return codes;
}

} // namespace Gatehouse
