#include "PortalAccountService.h"

#include "PortalAuthService.h"
#include "PortalSessionOpener.h"
#include "core/Clock.h"
#include "security/Tokens.h"
#include "storage/AccessRepository.h"
#include "storage/DirectoryRepository.h"

#include <QCoreApplication>

namespace Gatehouse {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Gatehouse::PortalAccountService", text);
}

} // namespace

PortalAccountService::PortalAccountService(const Database &db, const Clock &clock,
                                           const QString &publicUrl)
    : m_db(db)
    , m_clock(clock)
    , m_publicUrl(publicUrl)
{}

QString PortalAccountService::accountId(qint64 sessionId, qint64 contactId)
{
    return Tokens::hash(QStringLiteral("account:%1:%2").arg(sessionId).arg(contactId)).left(32);
}

std::optional<PortalAccounts> PortalAccountService::accounts(const PortalSession &session,
                                                             ServiceError *error) const
{
    QString dbError;
    PortalAccounts result;
    if (session.proof.isEmpty()) {
        // Nothing is listed to a password session, but the page may say that signing in by
        // email would let the contact switch.
        DirectoryRepository directory(m_db);
        const std::optional<Contact> contact = directory.contact(session.contactId, &dbError);
        const QList<Contact> same
            = contact ? directory.contactsByEmail(contact->email, &dbError) : QList<Contact>();
        if (!contact || !dbError.isEmpty()) {
            ServiceError::internal(error);
            return std::nullopt;
        }
        for (const Contact &other : same) {
            result.switchNeedsEmail
                = result.switchNeedsEmail || (other.portalAccess && other.id != contact->id);
        }
        return result;
    }
    const QList<Contact> contacts = AccessRepository(m_db).accountsOf(session.proof, &dbError);
    if (!dbError.isEmpty()) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    for (const Contact &contact : contacts) {
        result.accounts.append({accountId(session.sessionId, contact.id), contact.id,
                                contact.companyName, contact.id == session.contactId});
    }
    return result;
}

std::optional<PortalAccount> PortalAccountService::find(const PortalSession &session,
                                                        const QString &accountId,
                                                        ServiceError *error) const
{
    const std::optional<PortalAccounts> listed = accounts(session, error);
    if (!listed) {
        return std::nullopt;
    }
    // Only the ids listed to this session exist: a contact id, another session's id or a
    // contact of another address is nothing here.
    for (const PortalAccount &account : listed->accounts) {
        if (!accountId.isEmpty() && Tokens::equalConstantTime(account.id, accountId)) {
            return account;
        }
    }
    ServiceError::set(error, ServiceError::Kind::NotFound,
                      tr("There is no such account. Choose one of the companies listed."));
    return std::nullopt;
}

std::optional<QString> PortalAccountService::choose(const PortalSession &chooser,
                                                    const QString &accountId, const QString &ip,
                                                    const QString &userAgent, ServiceError *error)
{
    if (chooser.stage != SessionStage::Choose) {
        ServiceError::set(error, ServiceError::Kind::Conflict,
                          tr("There is no company to choose: you are signed in already."));
        return std::nullopt;
    }
    const std::optional<PortalAccount> account = find(chooser, accountId, error);
    if (!account) {
        return std::nullopt;
    }
    SessionStart start;
    start.contactId = account->contactId;
    start.method = QLatin1String(PortalAccess::methodAccountChoice);
    start.how = QStringLiteral("their emailed code or link, choosing %1").arg(account->companyName);
    start.replacedSessionId = chooser.sessionId;
    start.proof = chooser.proof;
    start.auditAction = QStringLiteral("login.account_chosen");
    start.auditSummary = QStringLiteral("%1 chose to sign in as the contact at %2")
                             .arg(chooser.proof.email, account->companyName);
    return PortalSessionOpener(m_db, m_clock).open(start, ip, userAgent, error);
}

std::optional<QString> PortalAccountService::switchTo(const PortalSession &session,
                                                      const QString &accountId, const QString &ip,
                                                      const QString &userAgent, ServiceError *error)
{
    if (session.stage != SessionStage::Full) {
        ServiceError::set(error, ServiceError::Kind::Unauthorized, tr("Finish signing in first."));
        return std::nullopt;
    }
    // A password proves only its own contact (ACC-7), not the address: whoever knows one
    // account's password must not reach the others. The contact signs in by email instead.
    if (session.proof.isEmpty()) {
        ServiceError::set(error, ServiceError::Kind::Forbidden,
                          tr("You signed in with a password, which opens only this account. To "
                             "switch to another company, sign out and sign in with a code sent "
                             "to your email."));
        return std::nullopt;
    }
    const std::optional<PortalAccount> account = find(session, accountId, error);
    if (!account) {
        return std::nullopt;
    }
    if (account->current) {
        ServiceError::set(error, ServiceError::Kind::Conflict,
                          tr("You are signed in to this company already."));
        return std::nullopt;
    }
    QString dbError;
    const std::optional<Contact> from
        = DirectoryRepository(m_db).contact(session.contactId, &dbError);
    if (!from) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    SessionStart start;
    start.contactId = account->contactId;
    start.method = QLatin1String(PortalAccess::methodAccountSwitch);
    start.how = QStringLiteral("a switch from %1").arg(from->companyName);
    start.replacedSessionId = session.sessionId;
    start.proof = session.proof;
    start.auditAction = QStringLiteral("login.account_switched");
    start.auditSummary = QStringLiteral("%1 switched from the contact at %2 to the one at %3")
                             .arg(session.proof.email, from->companyName, account->companyName);
    return PortalSessionOpener(m_db, m_clock).open(start, ip, userAgent, error);
}

} // namespace Gatehouse
