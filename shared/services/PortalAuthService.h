#pragma once

#include "PortalSessionOpener.h"
#include "core/ServiceError.h"
#include "domain/Directory.h"
#include "domain/PortalRole.h"
#include "storage/AccessRepository.h"
#include "storage/StampedCache.h"

#include <QString>

#include <optional>

namespace Gatehouse {

class Clock;
class Database;

struct PortalSession
{
    qint64 sessionId = 0;
    qint64 contactId = 0;
    qint64 companyId = 0;
    // Half-sessions (ACC-8, ACC-10) reach only the routes that finish signing in.
    SessionStage stage = SessionStage::Full;
    PortalPermissions permissions; // the contact's role, read with the session
    EmailProof proof;              // empty for a session opened by a password
    // A member of staff viewing the portal as the contact (CON-7): its id, and whether it may
    // change nothing. 0 for the contact's own session.
    qint64 impersonationId = 0;
    bool readOnly = false;
    // Where the database stood when the session was checked, when the engine can tell (see
    // ChangeStamp): what the request reads may be cached against it.
    std::optional<ChangeStamp> checkedAt;
};

// Live sessions by token hash, as a portal thread last read them.
using SessionCache = StampedCache<QString, SessionRecord>;

struct PendingLogin
{
    QString handle;      // held by the browser for the code step
    QString maskedEmail; // j•••@example.com
};

// How a contact gets in: an invite (or later the login page) starts a pending login, whose mail
// carries a 6-digit code and a magic link. Either one, used once before it expires, becomes a
// server-side session.
class PortalAuthService
{
public:
    PortalAuthService(const Database &db, const Clock &clock, const QString &publicUrl);

    static constexpr int kMaxCodeAttempts = 5;
    // The default; a workspace sets its own (ACC-6), within these bounds.
    static constexpr qint64 kSessionLifetimeMs = 24LL * 60 * 60 * 1000;
    static constexpr int kMinSessionHours = 1;
    static constexpr int kMaxSessionHours = 30 * 24; // the cookie lives 30 days
    static constexpr int kMinCodeMinutes = 5;
    static constexpr int kMaxCodeMinutes = 24 * 60;
    static qint64 sessionLifetimeMs(const Workspace &workspace);
    static constexpr qint64 kSessionTouchIntervalMs = 60 * 1000;
    // A half-session waiting for its second step (ACC-10) does not slide: it ends this long
    // after the first step, whatever happens.
    static constexpr qint64 kHalfSessionLifetimeMs = 15LL * 60 * 1000;

    // ip is the client's address, for the audit trail.
    std::optional<PendingLogin> startFromInvite(const QString &inviteToken, const QString &ip,
                                                ServiceError *error);
    std::optional<PendingLogin> startFromInvite(const QString &inviteToken, ServiceError *error)
    {
        return startFromInvite(inviteToken, QString(), error);
    }
    // The portal's own login page. The answer looks the same whether or not the address
    // belongs to a contact with portal access, so it cannot be used to probe for clients.
    std::optional<PendingLogin> startFromEmail(const QString &email, const QString &ip,
                                               ServiceError *error);
    std::optional<PendingLogin> startFromEmail(const QString &email, ServiceError *error)
    {
        return startFromEmail(email, QString(), error);
    }
    // Each returns a new session token. Wrong codes, the lockout after too many and every
    // sign-in are recorded in the audit trail.
    std::optional<QString> verifyCode(const QString &handle, const QString &code, const QString &ip,
                                      const QString &userAgent, ServiceError *error);
    std::optional<QString> confirmMagicLink(const QString &magicToken, const QString &ip,
                                            const QString &userAgent, ServiceError *error);

    // A session for a contact who proved who they are without a pending login (a password,
    // ACC-7): recorded like any sign-in, with how they signed in. Like every first step, it is
    // a half-session when the contact has TOTP on or the workspace requires it (ACC-10).
    // It proves no email address, so it neither chooses nor switches accounts (ACC-8).
    std::optional<QString> openSessionFor(qint64 contactId, const QString &ip,
                                          const QString &userAgent, const QString &how,
                                          ServiceError *error);
    // The second step is done (a TOTP or recovery code, or TOTP set up): ends the half-session
    // and returns a new token for a full one, so the half-session's token never becomes one.
    // method: a PortalAccess::method* key; how: the same as people read it.
    std::optional<QString> finishSignIn(const PortalSession &halfSession, const QString &ip,
                                        const QString &userAgent, const QString &method,
                                        const QString &how, ServiceError *error);

    // The live session behind a cookie; slides its expiry forward. When it slides (at most once
    // a minute per session) the access is recorded with the client's address and user agent.
    // A staff member's view as the contact (CON-7) never slides and is not the contact's access.
    std::optional<PortalSession> session(const QString &sessionToken, const QString &ip,
                                         const QString &userAgent, ServiceError *error);
    std::optional<PortalSession> session(const QString &sessionToken, ServiceError *error)
    {
        return session(sessionToken, QString(), QString(), error);
    }
    // Lets session() answer from cache (the calling thread's own) while nothing in the database
    // changed since it read the session: a session revoked, a contact's access or role changed,
    // or any other commit anywhere makes it read again on the very next request.
    void useSessionCache(SessionCache *cache) { m_sessions = cache; }
    [[nodiscard]] bool logout(const QString &sessionToken, ServiceError *error);

    static QString maskEmail(const QString &email);
    // The session's CSRF token, sent back in X-CSRF-Token by every state-changing request.
    // Derived from the session token rather than stored: only a page that can read /api/v1/me
    // with the (HttpOnly) cookie learns it, every tab of the session shares it, and it ends
    // with the session.
    static QString csrfToken(const QString &sessionToken);

private:
    std::optional<PendingLogin> startFor(qint64 contactId, const QString &ip, const QString &via,
                                         ServiceError *error);
    // After an emailed code or link: the session of the pending login's contact, or a chooser.
    std::optional<QString> openProvedSession(const LoginChallenge &challenge, const QString &method,
                                             const QString &ip, const QString &userAgent,
                                             ServiceError *error);

    [[nodiscard]] bool recordUse(const SessionRecord &record, qint64 now, const QString &ip,
                                 const QString &userAgent, QString *error);

    const Database &m_db;
    const Clock &m_clock;
    QString m_publicUrl;
    SessionCache *m_sessions = nullptr;
};

} // namespace Gatehouse
