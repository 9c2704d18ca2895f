#include "PortalAuthService.h"

#include "core/Clock.h"
#include "core/Logging.h"
#include "mail/MailComposer.h"
#include "mail/OutboxRepository.h"
#include "security/AuditLog.h"
#include "security/Tokens.h"
#include "storage/AccessRepository.h"
#include "storage/ActivityRepository.h"
#include "storage/Database.h"
#include "storage/DirectoryRepository.h"
#include "storage/Transaction.h"

#include <QCoreApplication>

namespace Gatehouse {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Gatehouse::PortalAuthService", text);
}

bool codeMatches(const QString &code, const QString &stored)
{
    const QString salt = stored.section(QLatin1Char('$'), 0, 0);
    const QString hash = stored.section(QLatin1Char('$'), 1);
    return Tokens::equalConstantTime(Tokens::hashCode(code, salt), hash);
}

bool isSixDigits(const QString &code)
{
    if (code.size() != 6) {
        return false;
    }
    for (const QChar c : code) {
        if (c < QLatin1Char('0') || c > QLatin1Char('9')) {
            return false;
        }
    }
    return true;
}

} // namespace

PortalAuthService::PortalAuthService(const Database &db, const Clock &clock,
                                     const QString &publicUrl)
    : m_db(db)
    , m_clock(clock)
    , m_publicUrl(publicUrl)
{
    while (m_publicUrl.endsWith(QLatin1Char('/'))) {
        m_publicUrl.chop(1);
    }
}

QString PortalAuthService::maskEmail(const QString &email)
{
    const QString local = email.section(QLatin1Char('@'), 0, 0);
    const QString domain = email.section(QLatin1Char('@'), 1);
    return local.left(1) + QStringLiteral("\u2022\u2022\u2022@") + domain;
}

qint64 PortalAuthService::sessionLifetimeMs(const Workspace &workspace)
{
    const int hours = qBound(kMinSessionHours, workspace.sessionLifetimeHours, kMaxSessionHours);
    return qint64(hours) * 60 * 60 * 1000;
}

QString PortalAuthService::csrfToken(const QString &sessionToken)
{
    return Tokens::hash(QStringLiteral("csrf:") + sessionToken);
}

std::optional<PendingLogin> PortalAuthService::startFromInvite(const QString &inviteToken,
                                                               const QString &ip,
                                                               ServiceError *error)
{
    QString dbError;
    const qint64 contactId = Tokens::looksLikeToken(inviteToken)
                                 ? AccessRepository(m_db).contactForInvite(
                                     Tokens::hash(inviteToken), m_clock.nowMs(), &dbError)
                                 : 0;
    if (!dbError.isEmpty()) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    if (contactId == 0) {
        ServiceError::set(error, ServiceError::Kind::NotFound,
                          tr("This invitation link is not valid any more. Ask your contact "
                             "for a new one, or sign in with your email address."));
        return std::nullopt;
    }
    return startFor(contactId, ip, QStringLiteral("invitation"), error);
}

std::optional<PendingLogin>
PortalAuthService::startFromEmail(const QString &email, const QString &ip, ServiceError *error)
{
    const QString address = DirectoryRepository::normalisedEmail(email);
    if (!DirectoryRepository::isValidEmail(address)) {
        ServiceError::set(error, ServiceError::Kind::Invalid, tr("Enter a valid email address."));
        return std::nullopt;
    }
    QString dbError;
    const QList<Contact> accounts = DirectoryRepository(m_db).contactsByEmail(address, &dbError);
    if (!dbError.isEmpty()) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    for (const Contact &contact : accounts) {
        if (contact.portalAccess) {
            return startFor(contact.id, ip, QStringLiteral("login page"), error);
        }
    }
    // Unknown address: a decoy pending login that counts guesses like a real one (so the 429
    // after five comes alike) and has no code that can match. No mail goes out.
    const QString handle = Tokens::generate();
    const qint64 now = m_clock.nowMs();
    if (AccessRepository(m_db).createChallenge(
            0, Tokens::hash(handle), Tokens::hash(Tokens::generate()), QStringLiteral("$"), now,
            now + 30LL * 60 * 1000, &dbError)
        == 0) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    return PendingLogin{handle, maskEmail(address)};
}

std::optional<PendingLogin> PortalAuthService::startFor(qint64 contactId, const QString &ip,
                                                        const QString &via, ServiceError *error)
{
    DirectoryRepository directory(m_db);
    QString dbError;
    const std::optional<Workspace> workspace = directory.workspace(&dbError);
    const std::optional<Contact> contact = directory.contact(contactId, &dbError);
    if (!workspace || !contact) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    const QString handle = Tokens::generate();
    const QString magic = Tokens::generate();
    const QString code = Tokens::generateCode();
    const QString salt = Tokens::generate();
    const qint64 now = m_clock.nowMs();
    const int lifetimeMinutes = qMax(1, workspace->codeLifetimeMinutes);
    const qint64 expires = now + qint64(lifetimeMinutes) * 60 * 1000;

    Transaction transaction(m_db);
    const qint64 challengeId
        = transaction.isActive() ? AccessRepository(m_db).createChallenge(
              contactId, Tokens::hash(handle), Tokens::hash(magic),
              salt + QLatin1Char('$') + Tokens::hashCode(code, salt), now, expires, &dbError)
                                 : 0;
    const MailMessage mail = MailComposer::signInCode(
        *workspace, *contact, code, m_publicUrl + QStringLiteral("/m/") + magic, lifetimeMinutes);
    ActivityEvent event;
    event.companyId = contact->companyId;
    event.kind = QStringLiteral("login.code_sent");
    event.actor = contact->email;
    event.summary = QStringLiteral("Sign-in code sent to %1").arg(contact->email);
    const AuditEvent audit = AuditEvent::make(
        workspace->id, now, Actor::contact(*contact, ip), QStringLiteral("login.code_sent"),
        AuditEvent::subjectOf("contact", contact->id),
        QStringLiteral("Sign-in code and link sent to %1 (from the %2)").arg(contact->email, via));
    if (challengeId == 0 || OutboxRepository(m_db).enqueue(mail, now, &dbError) == 0
        || !ActivityRepository(m_db).append(workspace->id, event, now, &dbError)
        || !AuditLog(m_db).append(audit, &dbError) || !transaction.commit(&dbError)) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    return PendingLogin{handle, maskEmail(contact->email)};
}

std::optional<QString> PortalAuthService::verifyCode(const QString &handle, const QString &code,
                                                     const QString &ip, const QString &userAgent,
                                                     ServiceError *error)
{
    const QString wrong = tr("That code is not correct or has expired.");
    if (!Tokens::looksLikeToken(handle) || !isSixDigits(code)) {
        ServiceError::set(error, ServiceError::Kind::Invalid,
                          tr("Enter the 6-digit code from the email."));
        return std::nullopt;
    }
    AccessRepository access(m_db);
    QString dbError;
    const std::optional<LoginChallenge> challenge
        = access.challengeByHandle(Tokens::hash(handle), &dbError);
    if (!dbError.isEmpty()) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    if (!challenge || challenge->consumed || challenge->expiresAtMs <= m_clock.nowMs()) {
        ServiceError::set(error, ServiceError::Kind::Unauthorized, wrong);
        return std::nullopt;
    }
    DirectoryRepository directory(m_db);
    const std::optional<Workspace> workspace = directory.workspace(&dbError);
    const std::optional<Contact> contact = challenge->contactId == 0
                                               ? std::nullopt
                                               : directory.contact(challenge->contactId, &dbError);
    if (!dbError.isEmpty() || !workspace) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    // A decoy (an address that is no contact's) has nobody to name.
    const Actor who
        = contact ? Actor::contact(*contact, ip)
                  : Actor(Actor::Kind::Contact, QStringLiteral("unknown address"), QString(), ip);
    const QString subject = contact ? AuditEvent::subjectOf("contact", contact->id) : QString();
    const QString address = contact ? contact->email : QStringLiteral("an unknown address");
    const qint64 now = m_clock.nowMs();
    bool matches = false;
    {
        // Count the guess before comparing, in one UPDATE, so parallel guesses cannot exceed it.
        // The count and its audit event are committed before any session is opened.
        Transaction transaction(m_db);
        if (!transaction.isActive()) {
            ServiceError::internal(error);
            return std::nullopt;
        }
        if (!access.takeAttempt(challenge->id, kMaxCodeAttempts, &dbError)) {
            const AuditEvent lockedOut = AuditEvent::make(
                workspace->id, now, who, QStringLiteral("login.locked_out"), subject,
                QStringLiteral("Refused a sign-in code for %1: too many wrong codes").arg(address));
            if (!dbError.isEmpty() || !AuditLog(m_db).append(lockedOut, &dbError)
                || !transaction.commit(&dbError)) {
                ServiceError::internal(error);
            } else {
                ServiceError::set(error, ServiceError::Kind::RateLimited,
                                  tr("Too many wrong codes. Ask for a new sign-in email."));
            }
            return std::nullopt;
        }
        matches = contact && codeMatches(code, challenge->codeHash);
        const AuditEvent failed
            = AuditEvent::make(workspace->id, now, who, QStringLiteral("login.failed"), subject,
                               QStringLiteral("Wrong sign-in code entered for %1").arg(address));
        if ((!matches && !AuditLog(m_db).append(failed, &dbError))
            || !transaction.commit(&dbError)) {
            ServiceError::internal(error);
            return std::nullopt;
        }
    }
    if (!matches) {
        ServiceError::set(error, ServiceError::Kind::Unauthorized, wrong);
        return std::nullopt;
    }
    return openProvedSession(*challenge, QLatin1String(PortalAccess::methodCode), ip, userAgent,
                             error);
}

std::optional<QString> PortalAuthService::confirmMagicLink(const QString &magicToken,
                                                           const QString &ip,
                                                           const QString &userAgent,
                                                           ServiceError *error)
{
    const QString invalid
        = tr("This sign-in link has expired or was already used. Ask for a new one.");
    if (!Tokens::looksLikeToken(magicToken)) {
        ServiceError::set(error, ServiceError::Kind::Unauthorized, invalid);
        return std::nullopt;
    }
    QString dbError;
    const std::optional<LoginChallenge> challenge
        = AccessRepository(m_db).challengeByMagic(Tokens::hash(magicToken), &dbError);
    if (!dbError.isEmpty()) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    if (!challenge || challenge->consumed || challenge->expiresAtMs <= m_clock.nowMs()
        || challenge->contactId == 0) {
        ServiceError::set(error, ServiceError::Kind::Unauthorized, invalid);
        return std::nullopt;
    }
    return openProvedSession(*challenge, QLatin1String(PortalAccess::methodLink), ip, userAgent,
                             error);
}

std::optional<QString> PortalAuthService::openSessionFor(qint64 contactId, const QString &ip,
                                                         const QString &userAgent,
                                                         const QString &how, ServiceError *error)
{
    SessionStart start;
    start.contactId = contactId;
    start.method = how;
    start.how = how == QLatin1String("password") ? QStringLiteral("a password") : how;
    return PortalSessionOpener(m_db, m_clock).open(start, ip, userAgent, error);
}

std::optional<QString> PortalAuthService::openProvedSession(const LoginChallenge &challenge,
                                                            const QString &method,
                                                            const QString &ip,
                                                            const QString &userAgent,
                                                            ServiceError *error)
{
    QString dbError;
    const std::optional<Contact> contact
        = DirectoryRepository(m_db).contact(challenge.contactId, &dbError);
    if (!contact) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    SessionStart start;
    start.contactId = contact->id;
    start.method = method;
    start.how = method == QLatin1String(PortalAccess::methodCode)
                    ? QStringLiteral("the emailed code")
                    : QStringLiteral("the emailed link");
    start.challengeId = challenge.id;
    start.mayChoose = true;
    start.proof = EmailProof{contact->email, m_clock.nowMs()};
    return PortalSessionOpener(m_db, m_clock).open(start, ip, userAgent, error);
}

std::optional<QString> PortalAuthService::finishSignIn(const PortalSession &halfSession,
                                                       const QString &ip, const QString &userAgent,
                                                       const QString &method, const QString &how,
                                                       ServiceError *error)
{
    if (halfSession.stage == SessionStage::Full) {
        ServiceError::set(error, ServiceError::Kind::Conflict, tr("You are already signed in."));
        return std::nullopt;
    }
    SessionStart start;
    start.contactId = halfSession.contactId;
    start.method = method;
    start.how = how;
    start.replacedSessionId = halfSession.sessionId;
    start.firstStep = false;
    // What the first step proved still holds for the full session (ACC-8).
    start.proof = halfSession.proof;
    return PortalSessionOpener(m_db, m_clock).open(start, ip, userAgent, error);
}

std::optional<PortalSession> PortalAuthService::session(const QString &sessionToken,
                                                        const QString &ip, const QString &userAgent,
                                                        ServiceError *error)
{
    if (!Tokens::looksLikeToken(sessionToken)) {
        ServiceError::set(error, ServiceError::Kind::Unauthorized, tr("Please sign in."));
        return std::nullopt;
    }
    const QString tokenHash = Tokens::hash(sessionToken);
    QString dbError;
    const qint64 now = m_clock.nowMs();
    std::optional<ChangeStamp> stamp;
    std::optional<SessionRecord> record;
    if (m_sessions) {
        // Read before the session, so that what is cached under it is at least as new.
        stamp = m_db.changeStamp(&dbError);
        m_sessions->sync(stamp);
        const SessionRecord *cached = m_sessions->find(tokenHash);
        if (cached && cached->expiresAtMs > now) {
            record = *cached;
        }
    }
    if (!record) {
        dbError.clear(); // without a stamp the session is simply read
        record = AccessRepository(m_db).liveSession(tokenHash, now, &dbError);
        if (!dbError.isEmpty()) {
            ServiceError::internal(error);
            return std::nullopt;
        }
        if (record && m_sessions) {
            m_sessions->insert(tokenHash, *record);
        }
    }
    if (!record) {
        ServiceError::set(error, ServiceError::Kind::Unauthorized,
                          tr("Your session has ended. Please sign in again."));
        return std::nullopt;
    }
    // Sliding expiry, written at most once a minute per session rather than on every request;
    // the access log (ACC-11) rides along. A failure here costs a minute of record, not the
    // request: the session was found live.
    // A half-session keeps its short, fixed lifetime, and so does a staff member's view.
    if (record->stage == SessionStage::Full && record->impersonationId == 0
        && now - record->lastSeenAtMs >= kSessionTouchIntervalMs
        && !recordUse(*record, now, ip, userAgent, &dbError)) {
        qCWarning(lcSecurity).noquote() << "could not extend session:" << dbError;
    }
    return PortalSession{record->id,
                         record->contactId,
                         record->companyId,
                         record->stage,
                         record->permissions,
                         record->proof,
                         record->impersonationId,
                         record->readOnly,
                         stamp};
}

bool PortalAuthService::recordUse(const SessionRecord &record, qint64 now, const QString &ip,
                                  const QString &userAgent, QString *error)
{
    // Read here, once a minute per session, rather than on every request.
    const std::optional<Workspace> workspace = DirectoryRepository(m_db).workspace(error);
    if (!workspace) {
        return false;
    }
    AccessRepository access(m_db);
    Transaction transaction(m_db);
    if (!transaction.isActive()) {
        if (error) {
            *error = transaction.error();
        }
        return false;
    }
    // Only the request that slides the session records it; a parallel one finds it slid.
    if (!access.slideSession(record.id, now, now + sessionLifetimeMs(*workspace),
                             now - kSessionTouchIntervalMs, error)) {
        return error->isEmpty();
    }
    PortalAccess use;
    use.contactId = record.contactId;
    use.sessionId = record.id;
    use.atMs = now;
    use.ip = ip;
    use.userAgent = userAgent;
    return access.recordAccess(use, error) && transaction.commit(error);
}

bool PortalAuthService::logout(const QString &sessionToken, ServiceError *error)
{
    QString dbError;
    if (Tokens::looksLikeToken(sessionToken)
        && !AccessRepository(m_db).revokeSession(Tokens::hash(sessionToken), m_clock.nowMs(),
                                                 &dbError)) {
        ServiceError::internal(error);
        return false;
    }
    return true;
}

} // namespace Gatehouse
