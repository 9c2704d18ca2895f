#include "PortalThrottle.h"

#include "core/Clock.h"
#include "core/Logging.h"
#include "security/AuditLog.h"
#include "security/RateLimiter.h"
#include "security/Tokens.h"
#include "storage/DirectoryRepository.h"
#include "storage/Transaction.h"

#include <QCoreApplication>

namespace Gatehouse {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Gatehouse::PortalThrottle", text);
}

} // namespace

bool PortalThrottle::allowLogin(const QString &email, const QString &ip, ServiceError *error)
{
    const QString address = DirectoryRepository::normalisedEmail(email);
    return take(kSignInPerIp, ip, ip, ip, error)
           && take(kSignInPerEmail, Tokens::hash(address), address.left(254), ip, error);
}

bool PortalThrottle::allowInvite(const QString &inviteToken, const QString &ip, ServiceError *error)
{
    return take(kSignInPerIp, ip, ip, ip, error)
           && take(kSignInPerInvite, Tokens::hash(inviteToken.left(256)),
                   QStringLiteral("one invitation link"), ip, error);
}

bool PortalThrottle::allowVerify(const QString &ip, ServiceError *error)
{
    return take(kVerifyPerIp, ip, ip, ip, error);
}

bool PortalThrottle::allowPassword(const QString &email, const QString &ip, ServiceError *error)
{
    const QString address = DirectoryRepository::normalisedEmail(email);
    return take(kPasswordPerIp, ip, ip, ip, error)
           && take(kPasswordPerEmail, Tokens::hash(address), address.left(254), ip, error);
}

bool PortalThrottle::allowTotp(qint64 contactId, const QString &ip, ServiceError *error)
{
    const QString contact = QString::number(contactId);
    return take(kVerifyPerIp, ip, ip, ip, error)
           && take(kTotpPerContact, contact, QStringLiteral("contact ") + contact, ip, error);
}

bool PortalThrottle::take(const Limit &limit, const QString &key, const QString &who,
                          const QString &ip, ServiceError *error)
{
    const QString bucket = QString::fromLatin1(limit.bucket) + QLatin1Char(':') + key;
    const qint64 now = m_clock.nowMs();
    QString dbError;
    Transaction transaction(m_db);
    const RateLimiter::Result result
        = transaction.isActive()
              ? RateLimiter(m_db).hit(bucket, limit.hits, limit.windowMs, now, &dbError)
              : RateLimiter::Result{};
    if (!result.ok) {
        qCWarning(lcSecurity).noquote() << "rate limit" << limit.bucket << "failed:" << dbError;
        ServiceError::internal(error);
        return false;
    }
    // Only the first refusal of a window is recorded, so a flood cannot flood the trail.
    if (!result.allowed && result.hits == limit.hits + 1) {
        const std::optional<Workspace> workspace = DirectoryRepository(m_db).workspace(&dbError);
        const AuditEvent audit = AuditEvent::make(
            workspace ? workspace->id : 0, now,
            Actor(Actor::Kind::Contact, QStringLiteral("portal visitor"), QString(), ip),
            QStringLiteral("login.rate_limited"), QString(),
            QStringLiteral("Refused portal requests (%1) for %2: more than %3 in %4 minutes")
                .arg(QString::fromLatin1(limit.bucket), who)
                .arg(limit.hits)
                .arg(limit.windowMs / 60000));
        if (!workspace || !AuditLog(m_db).append(audit, &dbError)) {
            qCWarning(lcSecurity).noquote() << "could not record a rate limit:" << dbError;
            ServiceError::internal(error);
            return false;
        }
    }
    if (!transaction.commit(&dbError)) {
        ServiceError::internal(error);
        return false;
    }
    if (!result.allowed) {
        ServiceError::rateLimited(error,
                                  tr("Too many attempts. Please wait a few minutes and try again."),
                                  result.retryAfterSeconds);
        return false;
    }
    return true;
}

} // namespace Gatehouse
