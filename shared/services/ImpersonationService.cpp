#include "ImpersonationService.h"

#include "PortalAuthService.h"
#include "core/Clock.h"
#include "domain/StaffRole.h"
#include "security/AuditLog.h"
#include "security/Tokens.h"
#include "storage/AccessRepository.h"
#include "storage/ActivityRepository.h"
#include "storage/DirectoryRepository.h"
#include "storage/ImpersonationRepository.h"
#include "storage/Transaction.h"

#include <QCoreApplication>

namespace Gatehouse {

namespace {

constexpr int kMaxReasonLength = 500;
constexpr int kMaxViewsListed = 100;

QString tr(const char *text)
{
    return QCoreApplication::translate("Gatehouse::ImpersonationService", text);
}

Actor staffActor(const Impersonation &view, const QString &ip = QString())
{
    return Actor(Actor::Kind::Staff, view.staffEmail, view.staffName, ip);
}

QString endedWords(ImpersonationEnd how)
{
    switch (how) {
    case ImpersonationEnd::Closed:
        return QStringLiteral("closed the view");
    case ImpersonationEnd::Expired:
        return QStringLiteral("its time limit was reached");
    case ImpersonationEnd::SignedOut:
        return QStringLiteral("signed out in the portal");
    }
    return QString();
}

} // namespace

ImpersonationService::ImpersonationService(const Database &db, const Clock &clock)
    : m_db(db)
    , m_clock(clock)
{}

std::optional<StartedImpersonation> ImpersonationService::start(qint64 staffId, qint64 contactId,
                                                                const QString &reason,
                                                                bool readOnly, ServiceError *error)
{
    const QString why = reason.simplified();
    if (why.isEmpty()) {
        ServiceError::set(error, ServiceError::Kind::Invalid,
                          tr("Give a reason for viewing the portal as this contact."));
        return std::nullopt;
    }
    if (why.size() > kMaxReasonLength) {
        ServiceError::set(error, ServiceError::Kind::Invalid,
                          tr("Keep the reason under %1 characters.").arg(kMaxReasonLength));
        return std::nullopt;
    }
    DirectoryRepository directory(m_db);
    QString dbError;
    const std::optional<Workspace> workspace = directory.workspace(&dbError);
    const std::optional<StaffMember> staff = directory.staff(staffId, &dbError);
    const std::optional<Contact> contact = directory.contact(contactId, &dbError);
    if (!dbError.isEmpty() || !workspace) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    if (!staff) {
        ServiceError::set(error, ServiceError::Kind::Unauthorized,
                          tr("Your staff account was not found. Sign in again."));
        return std::nullopt;
    }
    if (!staff->active
        || !StaffRoles::allows(staff->role, readOnly ? StaffPermission::ViewPortalReadOnly
                                                     : StaffPermission::ImpersonateActing)) {
        ServiceError::set(error, ServiceError::Kind::Unauthorized,
                          tr("Only an administrator may allow actions while viewing the portal "
                             "as a contact."));
        return std::nullopt;
    }
    if (!contact) {
        ServiceError::set(error, ServiceError::Kind::NotFound, tr("No such contact."));
        return std::nullopt;
    }
    if (!contact->portalAccess) {
        ServiceError::set(error, ServiceError::Kind::Conflict,
                          tr("%1 has no portal access, so there is no portal to view as them.")
                              .arg(contact->name));
        return std::nullopt;
    }
    if (endExpired(error) < 0) {
        return std::nullopt;
    }
    ImpersonationRepository views(m_db);
    const int minutes
        = qBound(kMinimumMinutes, views.lifetimeMinutes(workspace->id, &dbError), kMaximumMinutes);
    const qint64 now = m_clock.nowMs();
    Impersonation view;
    view.contactId = contact->id;
    view.staffId = staff->id;
    view.staffName = staff->name;
    view.staffEmail = staff->email;
    view.reason = why;
    view.readOnly = readOnly;
    view.startedAtMs = now;
    view.expiresAtMs = now + qint64(minutes) * 60 * 1000;
    const QString token = Tokens::generate();

    const QString mode = readOnly ? QStringLiteral("read-only") : QStringLiteral("actions allowed");
    ActivityEvent event;
    event.companyId = contact->companyId;
    event.kind = QStringLiteral("impersonation.started");
    event.actor = staff->name;
    event.summary
        = QStringLiteral("%1 viewed the portal as %2 (%3)").arg(staff->name, contact->name, mode);
    const AuditEvent audit = AuditEvent::make(
        workspace->id, now, Actor::staff(*staff), QStringLiteral("impersonation.started"),
        AuditEvent::subjectOf("contact", contact->id),
        QStringLiteral("Started viewing the portal as %1 <%2>, %3, for %4 minutes. Reason: %5")
            .arg(contact->name, contact->email, mode)
            .arg(minutes)
            .arg(why));
    Transaction transaction(m_db);
    if (!transaction.isActive()
        || !AccessRepository(m_db).createSession(
            contact->id, Tokens::hash(token), now, view.expiresAtMs, QString(),
            QStringLiteral("Gatehouse console"), &dbError, &view.sessionId)) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    view.id = views.create(view, &dbError);
    if (view.id == 0 || !ActivityRepository(m_db).append(workspace->id, event, now, &dbError)
        || !AuditLog(m_db).append(audit, &dbError) || !transaction.commit(&dbError)) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    return StartedImpersonation{view.id, token, view.expiresAtMs, readOnly};
}

bool ImpersonationService::end(qint64 impersonationId, ImpersonationEnd how, ServiceError *error)
{
    ImpersonationRepository views(m_db);
    QString dbError;
    const std::optional<Impersonation> view = views.find(impersonationId, &dbError);
    const std::optional<Workspace> workspace = DirectoryRepository(m_db).workspace(&dbError);
    if (!dbError.isEmpty() || !workspace) {
        ServiceError::internal(error);
        return false;
    }
    if (!view) {
        ServiceError::set(error, ServiceError::Kind::NotFound, tr("No such view of the portal."));
        return false;
    }
    if (!view->isOpen()) {
        return true;
    }
    const qint64 now = m_clock.nowMs();
    if (how == ImpersonationEnd::Expired && now < view->expiresAtMs) {
        ServiceError::set(error, ServiceError::Kind::Conflict,
                          tr("This view of the portal has time left."));
        return false;
    }
    const std::optional<Contact> contact
        = DirectoryRepository(m_db).contact(view->contactId, &dbError);
    const QString who = contact ? contact->name : QStringLiteral("contact %1").arg(view->contactId);
    ActivityEvent event;
    event.companyId = contact ? contact->companyId : 0;
    event.kind = QStringLiteral("impersonation.ended");
    event.actor = view->staffName;
    event.summary = QStringLiteral("%1 stopped viewing the portal as %2").arg(view->staffName, who);
    const AuditEvent audit = AuditEvent::make(
        workspace->id, now, staffActor(*view), QStringLiteral("impersonation.ended"),
        AuditEvent::subjectOf("contact", view->contactId),
        QStringLiteral("Stopped viewing the portal as %1: %2").arg(who, endedWords(how)));
    Transaction transaction(m_db);
    if (!transaction.isActive()) {
        ServiceError::internal(error);
        return false;
    }
    if (!views.end(view->id, now, how, &dbError)) {
        // Someone else ended it first (the console and the portal's sign-out at once).
        if (dbError.isEmpty()) {
            return true;
        }
        ServiceError::internal(error);
        return false;
    }
    // The session may be gone already (signed out): only a failure counts.
    const bool revoked
        = view->sessionId == 0
          || AccessRepository(m_db).revokeSessionById(view->sessionId, now, &dbError);
    if ((!revoked && !dbError.isEmpty())
        || (event.companyId != 0
            && !ActivityRepository(m_db).append(workspace->id, event, now, &dbError))
        || !AuditLog(m_db).append(audit, &dbError) || !transaction.commit(&dbError)) {
        ServiceError::internal(error);
        return false;
    }
    return true;
}

int ImpersonationService::endExpired(ServiceError *error)
{
    QString dbError;
    const QList<Impersonation> expired
        = ImpersonationRepository(m_db).openExpired(m_clock.nowMs(), &dbError);
    if (!dbError.isEmpty()) {
        ServiceError::internal(error);
        return -1;
    }
    for (const Impersonation &view : expired) {
        if (!end(view.id, ImpersonationEnd::Expired, error)) {
            return -1;
        }
    }
    return int(expired.size());
}

bool ImpersonationService::recordRequest(const PortalSession &session, const QString &method,
                                         const QString &path, const QString &ip, bool refused,
                                         ServiceError *error)
{
    ImpersonationRepository views(m_db);
    QString dbError;
    const std::optional<Impersonation> view = views.find(session.impersonationId, &dbError);
    const std::optional<Workspace> workspace = DirectoryRepository(m_db).workspace(&dbError);
    if (!view || !workspace) {
        ServiceError::internal(error);
        return false;
    }
    const bool read = method == QLatin1String("GET") || method == QLatin1String("HEAD");
    const QString route = method + QLatin1Char(' ') + path;
    const qint64 now = m_clock.nowMs();
    Transaction transaction(m_db);
    if (!transaction.isActive()) {
        ServiceError::internal(error);
        return false;
    }
    const bool due = views.countRequest(view->id, route, now, kReadAuditIntervalMs, &dbError);
    if (!dbError.isEmpty()) {
        ServiceError::internal(error);
        return false;
    }
    if (due || !read || refused) {
        const AuditEvent audit = AuditEvent::make(
            workspace->id, now, staffActor(*view, ip),
            refused ? QStringLiteral("impersonation.refused")
                    : QStringLiteral("impersonation.request"),
            AuditEvent::subjectOf("contact", view->contactId),
            refused ? QStringLiteral("Viewing the portal as a contact: %1 refused, the view is "
                                     "read-only")
                          .arg(route.left(300))
                    : QStringLiteral("Viewing the portal as a contact: %1").arg(route.left(300)));
        if (!AuditLog(m_db).append(audit, &dbError)) {
            ServiceError::internal(error);
            return false;
        }
    }
    if (!transaction.commit(&dbError)) {
        ServiceError::internal(error);
        return false;
    }
    return true;
}

std::optional<Impersonation> ImpersonationService::find(qint64 impersonationId,
                                                        ServiceError *error) const
{
    QString dbError;
    std::optional<Impersonation> view
        = ImpersonationRepository(m_db).find(impersonationId, &dbError);
    if (!dbError.isEmpty()) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    if (!view) {
        ServiceError::set(error, ServiceError::Kind::NotFound, tr("No such view of the portal."));
    }
    return view;
}

std::optional<QList<Impersonation>> ImpersonationService::viewsOf(qint64 contactId,
                                                                  ServiceError *error) const
{
    QString dbError;
    QList<Impersonation> views
        = ImpersonationRepository(m_db).forContact(contactId, kMaxViewsListed, &dbError);
    if (!dbError.isEmpty()) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    return views;
}

int ImpersonationService::lifetimeMinutes(ServiceError *error) const
{
    QString dbError;
    const std::optional<Workspace> workspace = DirectoryRepository(m_db).workspace(&dbError);
    const int minutes
        = workspace ? ImpersonationRepository(m_db).lifetimeMinutes(workspace->id, &dbError) : 0;
    if (!workspace || !dbError.isEmpty()) {
        ServiceError::internal(error);
        return 0;
    }
    return qBound(kMinimumMinutes, minutes, kMaximumMinutes);
}

bool ImpersonationService::setLifetimeMinutes(qint64 staffId, int minutes, ServiceError *error)
{
    DirectoryRepository directory(m_db);
    QString dbError;
    const std::optional<Workspace> workspace = directory.workspace(&dbError);
    const std::optional<StaffMember> staff = directory.staff(staffId, &dbError);
    if (!dbError.isEmpty() || !workspace) {
        ServiceError::internal(error);
        return false;
    }
    if (!staff || !staff->active
        || !StaffRoles::allows(staff->role, StaffPermission::ManageSettings)) {
        ServiceError::set(error, ServiceError::Kind::Unauthorized,
                          tr("Only an administrator may change how long a view of the portal "
                             "lasts."));
        return false;
    }
    if (minutes < kMinimumMinutes || minutes > kMaximumMinutes) {
        ServiceError::set(error, ServiceError::Kind::Invalid,
                          tr("A view of the portal lasts from %1 to %2 minutes.")
                              .arg(kMinimumMinutes)
                              .arg(kMaximumMinutes));
        return false;
    }
    const qint64 now = m_clock.nowMs();
    const AuditEvent audit = AuditEvent::make(
        workspace->id, now, Actor::staff(*staff), QStringLiteral("impersonation.lifetime_changed"),
        AuditEvent::subjectOf("workspace", workspace->id),
        QStringLiteral("Views of the portal as a contact last %1 minutes").arg(minutes));
    ImpersonationRepository views(m_db);
    Transaction transaction(m_db);
    if (!transaction.isActive() || !views.setLifetimeMinutes(workspace->id, minutes, &dbError)
        || !AuditLog(m_db).append(audit, &dbError) || !transaction.commit(&dbError)) {
        ServiceError::internal(error);
        return false;
    }
    return true;
}

} // namespace Gatehouse
