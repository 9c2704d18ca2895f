#include "TotpService.h"

#include "PortalAuthService.h"
#include "SecondFactor.h"
#include "core/Clock.h"
#include "security/AuditLog.h"
#include "security/Base32.h"
#include "security/Totp.h"
#include "storage/AccessRepository.h"
#include "storage/ActivityRepository.h"
#include "storage/DirectoryRepository.h"
#include "storage/TotpRepository.h"
#include "storage/Transaction.h"

#include <QCoreApplication>

namespace Gatehouse {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Gatehouse::TotpService", text);
}

// One change of a contact's TOTP: an activity row and an audit event, in the caller's
// transaction.
bool record(const Database &db, const Workspace &workspace, const Contact &contact,
            const QString &ip, qint64 now, const QString &kind, const QString &summary,
            QString *dbError)
{
    ActivityEvent event;
    event.companyId = contact.companyId;
    event.kind = kind;
    event.actor = contact.email;
    event.summary = summary;
    const AuditEvent audit
        = AuditEvent::make(workspace.id, now, Actor::contact(contact, ip), kind,
                           AuditEvent::subjectOf("contact", contact.id), summary);
    return ActivityRepository(db).append(workspace.id, event, now, dbError)
           && AuditLog(db).append(audit, dbError);
}

// A full session, or the half-session of a contact the workspace holds back until TOTP is set
// up; neither a pending second step nor a chooser (ACC-8), which is nobody's yet.
bool mayEnrol(const PortalSession &session)
{
    return session.stage == SessionStage::Full || session.stage == SessionStage::Enrol;
}

} // namespace

TotpService::TotpService(const Database &db, const Clock &clock, const QString &publicUrl)
    : m_db(db)
    , m_clock(clock)
    , m_publicUrl(publicUrl)
{}

QString TotpService::normalisedRecoveryCode(const QString &code)
{
    return SecondFactor::normalisedRecoveryCode(code);
}

std::optional<TotpStatus> TotpService::status(qint64 contactId, ServiceError *error) const
{
    QString dbError;
    const std::optional<Workspace> workspace = DirectoryRepository(m_db).workspace(&dbError);
    TotpRepository repository(m_db);
    const std::optional<StoredTotp> totp = repository.find(contactId, &dbError);
    const int left = repository.recoveryCodesLeft(contactId, &dbError);
    if (!workspace || !dbError.isEmpty()) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    return TotpStatus{totp && totp->enabled, totp && !totp->enabled, workspace->requireContactTotp,
                      left};
}

std::optional<TotpEnrolment> TotpService::startEnrolment(const PortalSession &session,
                                                         const QString &ip, ServiceError *error)
{
    if (!mayEnrol(session)) {
        ServiceError::set(error, ServiceError::Kind::Unauthorized, tr("Finish signing in first."));
        return std::nullopt;
    }
    DirectoryRepository directory(m_db);
    QString dbError;
    const std::optional<Workspace> workspace = directory.workspace(&dbError);
    const std::optional<Contact> contact = directory.contact(session.contactId, &dbError);
    if (!workspace || !contact) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    const qint64 now = m_clock.nowMs();
    Transaction transaction(m_db);
    if (!transaction.isActive()) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    const std::optional<QByteArray> secret
        = SecondFactor(m_db, TotpOwner::Contact)
              .startEnrolment(contact->id, now, tr("Your authenticator app is already set up."),
                              error);
    if (!secret) {
        return std::nullopt;
    }
    if (!record(m_db, *workspace, *contact, ip, now, QStringLiteral("totp.enrolment_started"),
                QStringLiteral("%1 started setting up an authenticator app").arg(contact->email),
                &dbError)
        || !transaction.commit(&dbError)) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    return TotpEnrolment{Base32::encode(*secret),
                         Totp::provisioningUri(*secret, workspace->name, contact->email)};
}

std::optional<QString> TotpService::pendingUri(const PortalSession &session,
                                               ServiceError *error) const
{
    if (!mayEnrol(session)) {
        ServiceError::set(error, ServiceError::Kind::Unauthorized, tr("Finish signing in first."));
        return std::nullopt;
    }
    DirectoryRepository directory(m_db);
    QString dbError;
    const std::optional<Workspace> workspace = directory.workspace(&dbError);
    const std::optional<Contact> contact = directory.contact(session.contactId, &dbError);
    const std::optional<StoredTotp> totp = TotpRepository(m_db).find(session.contactId, &dbError);
    if (!workspace || !contact || !dbError.isEmpty()) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    const std::optional<QByteArray> secret
        = totp && !totp->enabled ? Base32::decode(totp->secret) : std::nullopt;
    if (!secret) {
        ServiceError::set(error, ServiceError::Kind::NotFound,
                          tr("There is no authenticator set-up in progress."));
        return std::nullopt;
    }
    return Totp::provisioningUri(*secret, workspace->name, contact->email);
}

std::optional<TotpConfirmation>
TotpService::confirmEnrolment(const PortalSession &session, const QString &code, const QString &ip,
                              const QString &userAgent, ServiceError *error)
{
    if (!mayEnrol(session)) {
        ServiceError::set(error, ServiceError::Kind::Unauthorized, tr("Finish signing in first."));
        return std::nullopt;
    }
    DirectoryRepository directory(m_db);
    QString dbError;
    const std::optional<Workspace> workspace = directory.workspace(&dbError);
    const std::optional<Contact> contact = directory.contact(session.contactId, &dbError);
    if (!workspace || !contact) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    SecondFactor factor(m_db, TotpOwner::Contact);
    const qint64 now = m_clock.nowMs();
    const std::optional<qint64> step = factor.enrolmentStep(
        contact->id, code, now, tr("Your authenticator app is already set up."),
        tr("Start setting up your authenticator app first."), error);
    if (!step) {
        return std::nullopt;
    }
    Transaction transaction(m_db);
    if (!transaction.isActive()) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    const std::optional<QList<QString>> codes = factor.enable(contact->id, *step, now, &dbError);
    if (!codes && dbError.isEmpty()) {
        ServiceError::set(error, ServiceError::Kind::Conflict,
                          tr("Your authenticator app is already set up."));
        return std::nullopt;
    }
    TotpConfirmation confirmation;
    if (!codes
        || !record(
            m_db, *workspace, *contact, ip, now, QStringLiteral("totp.enabled"),
            QStringLiteral("%1 turned on sign-in with an authenticator app").arg(contact->email),
            &dbError)) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    confirmation.recoveryCodes = *codes;
    // Sessions opened before TOTP was on did not pass it: they end. The session that turned it on
    // has just shown a current code, so it stays (a half-session becomes a full one with a new
    // token below, as every finished sign-in does).
    if (!AccessRepository(m_db).revokeOtherSessions(contact->id, session.sessionId, now,
                                                    &dbError)) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    if (session.stage == SessionStage::Enrol) {
        const std::optional<QString> token
            = PortalAuthService(m_db, m_clock, m_publicUrl)
                  .finishSignIn(session, ip, userAgent,
                                QLatin1String(PortalAccess::methodTotpEnrolment),
                                QStringLiteral("a newly set up authenticator app"), error);
        if (!token) {
            return std::nullopt;
        }
        confirmation.sessionToken = *token;
    }
    if (!transaction.commit(&dbError)) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    return confirmation;
}

std::optional<QList<QString>> TotpService::regenerateRecoveryCodes(const PortalSession &session,
                                                                   const QString &ip,
                                                                   ServiceError *error)
{
    if (session.stage != SessionStage::Full) {
        ServiceError::set(error, ServiceError::Kind::Unauthorized, tr("Finish signing in first."));
        return std::nullopt;
    }
    DirectoryRepository directory(m_db);
    QString dbError;
    const std::optional<Workspace> workspace = directory.workspace(&dbError);
    const std::optional<Contact> contact = directory.contact(session.contactId, &dbError);
    const std::optional<StoredTotp> totp = TotpRepository(m_db).find(session.contactId, &dbError);
    if (!workspace || !contact || !dbError.isEmpty()) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    if (!totp || !totp->enabled) {
        ServiceError::set(error, ServiceError::Kind::Conflict,
                          tr("Set up your authenticator app first."));
        return std::nullopt;
    }
    const qint64 now = m_clock.nowMs();
    Transaction transaction(m_db);
    const std::optional<QList<QString>> codes
        = transaction.isActive() ? storeNewRecoveryCodes(contact->id, now, &dbError) : std::nullopt;
    if (!codes
        || !record(m_db, *workspace, *contact, ip, now,
                   QStringLiteral("totp.recovery_codes_replaced"),
                   QStringLiteral("%1 made new recovery codes; the old ones no longer work")
                       .arg(contact->email),
                   &dbError)
        || !transaction.commit(&dbError)) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    return codes;
}

bool TotpService::disable(const PortalSession &session, const QString &code, const QString &ip,
                          ServiceError *error)
{
    if (session.stage != SessionStage::Full) {
        ServiceError::set(error, ServiceError::Kind::Unauthorized, tr("Finish signing in first."));
        return false;
    }
    DirectoryRepository directory(m_db);
    QString dbError;
    const std::optional<Workspace> workspace = directory.workspace(&dbError);
    const std::optional<Contact> contact = directory.contact(session.contactId, &dbError);
    const std::optional<StoredTotp> totp = TotpRepository(m_db).find(session.contactId, &dbError);
    if (!workspace || !contact || !dbError.isEmpty()) {
        ServiceError::internal(error);
        return false;
    }
    if (!totp || !totp->enabled) {
        ServiceError::set(error, ServiceError::Kind::Conflict,
                          tr("Sign-in with an authenticator app is not on."));
        return false;
    }
    if (workspace->requireContactTotp) {
        ServiceError::set(error, ServiceError::Kind::Conflict,
                          tr("Your workspace requires an authenticator app, so it cannot be "
                             "turned off."));
        return false;
    }
    const qint64 now = m_clock.nowMs();
    Transaction transaction(m_db);
    if (!transaction.isActive()) {
        ServiceError::internal(error);
        return false;
    }
    const SecondFactor::Accepted accepted = useCode(contact->id, code, &dbError);
    if (accepted == SecondFactor::Accepted::None) {
        if (dbError.isEmpty()) {
            ServiceError::set(error, ServiceError::Kind::Invalid, SecondFactor::wrongCodeMessage());
        } else {
            ServiceError::internal(error);
        }
        return false;
    }
    // Whatever else was signed in with this second factor ends with it (a lost phone is a reason
    // to turn it off); the session that turned it off has just shown a code and stays.
    if (!TotpRepository(m_db).remove(contact->id, &dbError)
        || !AccessRepository(m_db).revokeOtherSessions(contact->id, session.sessionId, now,
                                                       &dbError)
        || !record(
            m_db, *workspace, *contact, ip, now, QStringLiteral("totp.disabled"),
            QStringLiteral("%1 turned off sign-in with an authenticator app").arg(contact->email),
            &dbError)
        || !transaction.commit(&dbError)) {
        ServiceError::internal(error);
        return false;
    }
    return true;
}

std::optional<QString> TotpService::completeSignIn(const PortalSession &halfSession,
                                                   const QString &code, const QString &ip,
                                                   const QString &userAgent, ServiceError *error)
{
    if (halfSession.stage != SessionStage::Totp) {
        ServiceError::set(error, ServiceError::Kind::Conflict,
                          halfSession.stage == SessionStage::Full ? tr("You are already signed in.")
                          : halfSession.stage == SessionStage::Choose
                              ? tr("Choose a company first.")
                              : tr("Set up your authenticator app first."));
        return std::nullopt;
    }
    DirectoryRepository directory(m_db);
    AccessRepository access(m_db);
    QString dbError;
    const std::optional<Workspace> workspace = directory.workspace(&dbError);
    const std::optional<Contact> contact = directory.contact(halfSession.contactId, &dbError);
    if (!workspace || !contact) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    const qint64 now = m_clock.nowMs();
    const Actor who = Actor::contact(*contact, ip);
    const QString subject = AuditEvent::subjectOf("contact", contact->id);
    // The guess is counted before the code is checked, in one UPDATE, so parallel guesses cannot
    // exceed the allowance; a wrong code's count is committed on its own.
    Transaction transaction(m_db);
    int used = 0;
    if (!transaction.isActive()
        || !access.takeSessionAttempt(halfSession.sessionId, kMaxSecondStepAttempts, &used,
                                      &dbError)) {
        if (!dbError.isEmpty() || !transaction.isActive()) {
            ServiceError::internal(error);
            return std::nullopt;
        }
        used = kMaxSecondStepAttempts + 1;
    }
    const SecondFactor::Accepted accepted = used <= kMaxSecondStepAttempts
                                                ? useCode(contact->id, code, &dbError)
                                                : SecondFactor::Accepted::None;
    if (!dbError.isEmpty()) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    if (accepted == SecondFactor::Accepted::None) {
        const bool lockedOut = used >= kMaxSecondStepAttempts;
        const AuditEvent failed = AuditEvent::make(
            workspace->id, now, who,
            lockedOut ? QStringLiteral("login.locked_out") : QStringLiteral("login.failed"),
            subject,
            lockedOut
                ? QStringLiteral("Ended a sign-in of %1: too many wrong authenticator codes")
                      .arg(contact->email)
                : QStringLiteral("Wrong authenticator code entered for %1").arg(contact->email));
        // The contact's access log shows the wrong code too (ACC-11), beside the sign-ins.
        PortalAccess wrong;
        wrong.contactId = contact->id;
        wrong.sessionId = halfSession.sessionId;
        wrong.atMs = now;
        wrong.kind = PortalAccess::Kind::SecondStepFailed;
        wrong.method = TotpService::normalisedRecoveryCode(code).isEmpty()
                           ? QLatin1String(PortalAccess::methodTotp)
                           : QLatin1String(PortalAccess::methodRecoveryCode);
        wrong.ip = ip;
        wrong.userAgent = userAgent;
        if ((lockedOut && !access.revokeSessionById(halfSession.sessionId, now, &dbError)
             && !dbError.isEmpty())
            || !access.recordAccess(wrong, &dbError) || !AuditLog(m_db).append(failed, &dbError)
            || !transaction.commit(&dbError)) {
            ServiceError::internal(error);
            return std::nullopt;
        }
        if (lockedOut) {
            ServiceError::set(error, ServiceError::Kind::RateLimited,
                              SecondFactor::tooManyWrongCodesMessage());
        } else {
            ServiceError::set(error, ServiceError::Kind::Invalid, SecondFactor::wrongCodeMessage());
        }
        return std::nullopt;
    }
    if (accepted == SecondFactor::Accepted::RecoveryCode) {
        const int left = TotpRepository(m_db).recoveryCodesLeft(contact->id, &dbError);
        if (!record(m_db, *workspace, *contact, ip, now, QStringLiteral("totp.recovery_code_used"),
                    QStringLiteral("%1 used a recovery code to sign in (%2 left)")
                        .arg(contact->email)
                        .arg(left),
                    &dbError)) {
            ServiceError::internal(error);
            return std::nullopt;
        }
    }
    const std::optional<QString> token
        = PortalAuthService(m_db, m_clock, m_publicUrl)
              .finishSignIn(halfSession, ip, userAgent,
                            accepted == SecondFactor::Accepted::Totp
                                ? QLatin1String(PortalAccess::methodTotp)
                                : QLatin1String(PortalAccess::methodRecoveryCode),
                            accepted == SecondFactor::Accepted::Totp
                                ? QStringLiteral("an authenticator code")
                                : QStringLiteral("a recovery code"),
                            error);
    if (!token) {
        return std::nullopt;
    }
    if (!transaction.commit(&dbError)) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    return token;
}

SecondFactor::Accepted TotpService::useCode(qint64 contactId, const QString &code, QString *dbError)
{
    return SecondFactor(m_db, TotpOwner::Contact)
        .useCode(contactId, code, m_clock.nowMs(), dbError);
}

std::optional<QList<QString>> TotpService::storeNewRecoveryCodes(qint64 contactId, qint64 nowMs,
                                                                 QString *dbError)
{
    return SecondFactor(m_db, TotpOwner::Contact).storeNewRecoveryCodes(contactId, nowMs, dbError);
}

} // namespace Gatehouse
