#include "ContactPasswordService.h"

#include "PortalAuthService.h"
#include "core/Clock.h"
#include "core/Logging.h"
#include "security/AuditLog.h"
#include "security/PasswordHasher.h"
#include "storage/AccessRepository.h"
#include "storage/DirectoryRepository.h"
#include "storage/Transaction.h"

#include <QCoreApplication>

namespace Gatehouse {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Gatehouse::ContactPasswordService", text);
}

} // namespace

ContactPasswordService::ContactPasswordService(const Database &db, const Clock &clock,
                                               const QString &publicUrl)
    : m_db(db)
    , m_clock(clock)
    , m_publicUrl(publicUrl)
{}

bool ContactPasswordService::setPassword(const PortalSession &session, const QString &password,
                                         const QString &ip, ServiceError *error)
{
    const QString weakness = PasswordHasher::weakness(password);
    if (!weakness.isEmpty()) {
        ServiceError::set(error, ServiceError::Kind::Invalid, weakness);
        return false;
    }
    DirectoryRepository directory(m_db);
    QString dbError;
    const std::optional<Workspace> workspace = directory.workspace(&dbError);
    const std::optional<Contact> contact = directory.contact(session.contactId, &dbError);
    const QString hash = PasswordHasher::hash(password);
    if (!workspace || !contact || !hash.startsWith(QLatin1String("$argon2id$"))) {
        ServiceError::internal(error);
        return false;
    }
    const qint64 now = m_clock.nowMs();
    AccessRepository access(m_db);
    const bool hadOne = !access.passwordHash(contact->id, &dbError).isEmpty();
    const AuditEvent audit = AuditEvent::make(
        workspace->id, now, Actor::contact(*contact, ip), QStringLiteral("password.set"),
        AuditEvent::subjectOf("contact", contact->id),
        hadOne ? QStringLiteral("%1 changed their portal password").arg(contact->email)
               : QStringLiteral("%1 set a portal password").arg(contact->email));
    Transaction transaction(m_db);
    if (!dbError.isEmpty() || !transaction.isActive()
        || !access.setPasswordHash(contact->id, hash, &dbError)
        || !AuditLog(m_db).append(audit, &dbError) || !transaction.commit(&dbError)) {
        qCWarning(lcSecurity).noquote() << "could not store a password:" << dbError;
        ServiceError::internal(error);
        return false;
    }
    return true;
}

std::optional<QString> ContactPasswordService::signIn(const QString &email, const QString &password,
                                                      const QString &ip, const QString &userAgent,
                                                      ServiceError *error)
{
    const QString wrong = tr("That email address and password do not match.");
    const QString address = DirectoryRepository::normalisedEmail(email);
    DirectoryRepository directory(m_db);
    AccessRepository access(m_db);
    QString dbError;
    const std::optional<Workspace> workspace = directory.workspace(&dbError);
    const QList<Contact> accounts = DirectoryRepository::isValidEmail(address)
                                        ? directory.contactsByEmail(address, &dbError)
                                        : QList<Contact>();
    if (!dbError.isEmpty() || !workspace) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    // Every account on the address that may sign in and has a password is tried; with none,
    // verifyNothing() takes the same time.
    std::optional<Contact> matched;
    std::optional<Contact> named; // whom a failure is recorded against
    bool tried = false;
    for (const Contact &contact : accounts) {
        if (!contact.portalAccess) {
            continue;
        }
        const QString stored = access.passwordHash(contact.id, &dbError);
        if (!dbError.isEmpty()) {
            ServiceError::internal(error);
            return std::nullopt;
        }
        if (stored.isEmpty()) {
            continue;
        }
        tried = true;
        named = contact;
        if (PasswordHasher::verify(password, stored)) {
            matched = contact;
            break;
        }
    }
    if (!tried) {
        PasswordHasher::verifyNothing(password);
    }
    if (matched) {
        return PortalAuthService(m_db, m_clock, m_publicUrl)
            .openSessionFor(matched->id, ip, userAgent, QStringLiteral("password"), error);
    }
    const Actor who
        = named ? Actor::contact(*named, ip)
                : Actor(Actor::Kind::Contact, QStringLiteral("unknown address"), QString(), ip);
    const AuditEvent failed = AuditEvent::make(
        workspace->id, m_clock.nowMs(), who, QStringLiteral("login.failed"),
        named ? AuditEvent::subjectOf("contact", named->id) : QString(),
        named ? QStringLiteral("Wrong portal password entered for %1").arg(named->email)
              : QStringLiteral("Portal password sign-in refused for %1: no contact with a "
                               "password and portal access has this address")
                    .arg(address.left(254)));
    Transaction transaction(m_db);
    if (!transaction.isActive() || !AuditLog(m_db).append(failed, &dbError)
        || !transaction.commit(&dbError)) {
        qCWarning(lcSecurity).noquote() << "could not record a failed sign-in:" << dbError;
        ServiceError::internal(error);
        return std::nullopt;
    }
    ServiceError::set(error, ServiceError::Kind::Unauthorized, wrong);
    return std::nullopt;
}

} // namespace Gatehouse
