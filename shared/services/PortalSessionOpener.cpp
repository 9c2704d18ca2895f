#include "PortalSessionOpener.h"

#include "PortalAuthService.h"
#include "core/Clock.h"
#include "security/AuditLog.h"
#include "security/Tokens.h"
#include "storage/ActivityRepository.h"
#include "storage/DirectoryRepository.h"
#include "storage/TotpRepository.h"
#include "storage/Transaction.h"

#include <QCoreApplication>

namespace Gatehouse {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Gatehouse::PortalAuthService", text);
}

} // namespace

PortalSessionOpener::PortalSessionOpener(const Database &db, const Clock &clock)
    : m_db(db)
    , m_clock(clock)
{}

std::optional<QString> PortalSessionOpener::open(const SessionStart &start, const QString &ip,
                                                 const QString &userAgent, ServiceError *error)
{
    DirectoryRepository directory(m_db);
    AccessRepository access(m_db);
    QString dbError;
    const std::optional<Workspace> workspace = directory.workspace(&dbError);
    const std::optional<Contact> contact = directory.contact(start.contactId, &dbError);
    const std::optional<StoredTotp> totp = TotpRepository(m_db).find(start.contactId, &dbError);
    const QList<Contact> accounts
        = start.mayChoose ? access.accountsOf(start.proof, &dbError) : QList<Contact>();
    if (!workspace || !contact || !dbError.isEmpty()) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    // Several accounts on the proved address: the contact chooses one before anything else, and
    // that one's second step (if any) follows. A first step leads to a second one when the
    // contact has TOTP on, or must set it up.
    SessionStage stage = SessionStage::Full;
    if (start.firstStep && accounts.size() > 1) {
        stage = SessionStage::Choose;
    } else if (start.firstStep && totp && totp->enabled) {
        stage = SessionStage::Totp;
    } else if (start.firstStep && workspace->requireContactTotp) {
        stage = SessionStage::Enrol;
    }
    const qint64 now = m_clock.nowMs();
    const QString token = Tokens::generate();
    Transaction transaction(m_db);
    if (!transaction.isActive()) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    if (start.challengeId != 0 && !access.consumeChallenge(start.challengeId, now, &dbError)) {
        if (dbError.isEmpty()) {
            ServiceError::set(error, ServiceError::Kind::Unauthorized,
                              tr("This sign-in was already used. Ask for a new one."));
        } else {
            ServiceError::internal(error);
        }
        return std::nullopt;
    }
    if (start.replacedSessionId != 0
        && !access.revokeSessionById(start.replacedSessionId, now, &dbError)) {
        if (dbError.isEmpty()) {
            ServiceError::set(error, ServiceError::Kind::Unauthorized,
                              tr("This sign-in has ended. Please sign in again."));
        } else {
            ServiceError::internal(error);
        }
        return std::nullopt;
    }
    if (!start.auditAction.isEmpty()
        && !AuditLog(m_db).append(
            AuditEvent::make(workspace->id, now, Actor::contact(*contact, ip), start.auditAction,
                             AuditEvent::subjectOf("contact", contact->id), start.auditSummary),
            &dbError)) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    if (stage != SessionStage::Full) {
        // Not a sign-in yet: the access log and the activity feed get it when the last step is
        // done.
        QString summary;
        switch (stage) {
        case SessionStage::Choose:
            summary = QStringLiteral("%1 proved their email address with %2; it belongs to "
                                     "contacts at %3 companies, one is to be chosen")
                          .arg(contact->email, start.how)
                          .arg(accounts.size());
            break;
        case SessionStage::Totp:
            summary = QStringLiteral("%1 proved their identity with %2; an authenticator code is "
                                     "asked")
                          .arg(contact->email, start.how);
            break;
        case SessionStage::Enrol:
        case SessionStage::Full:
            summary = QStringLiteral("%1 proved their identity with %2; the workspace requires an "
                                     "authenticator app to be set up first")
                          .arg(contact->email, start.how);
            break;
        }
        const AuditEvent halfway = AuditEvent::make(
            workspace->id, now, Actor::contact(*contact, ip),
            stage == SessionStage::Choose ? QStringLiteral("login.account_choice")
                                          : QStringLiteral("login.second_step"),
            AuditEvent::subjectOf("contact", contact->id), summary);
        if (!access.createSession(contact->id, Tokens::hash(token), now,
                                  now + PortalAuthService::kHalfSessionLifetimeMs, ip, userAgent,
                                  &dbError, nullptr, stage, start.proof)
            || !AuditLog(m_db).append(halfway, &dbError) || !transaction.commit(&dbError)) {
            ServiceError::internal(error);
            return std::nullopt;
        }
        return token;
    }
    ActivityEvent event;
    event.companyId = contact->companyId;
    event.kind = QStringLiteral("login.succeeded");
    event.actor = contact->email;
    event.summary
        = QStringLiteral("%1 signed in to the portal (%2)").arg(contact->email, start.method);
    const AuditEvent audit = AuditEvent::make(
        workspace->id, now, Actor::contact(*contact, ip), QStringLiteral("login.succeeded"),
        AuditEvent::subjectOf("contact", contact->id),
        QStringLiteral("%1 signed in to the portal with %2").arg(contact->email, start.how));
    PortalAccess signIn;
    signIn.contactId = contact->id;
    signIn.atMs = now;
    signIn.kind = PortalAccess::Kind::SignIn;
    signIn.ip = ip;
    signIn.userAgent = userAgent;
    signIn.method = start.method;
    if (!access.createSession(contact->id, Tokens::hash(token), now,
                              now + PortalAuthService::kSessionLifetimeMs, ip, userAgent, &dbError,
                              &signIn.sessionId, SessionStage::Full, start.proof)
        || !access.recordAccess(signIn, &dbError)
        || !ActivityRepository(m_db).append(workspace->id, event, now, &dbError)
        || !AuditLog(m_db).append(audit, &dbError) || !transaction.commit(&dbError)) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    return token;
}

} // namespace Gatehouse
