#pragma once

#include "core/ServiceError.h"

#include <QString>

namespace Gatehouse {

class Clock;
class Database;

// The portal's rate limits on its ways in (ACC-5), counted in the database so that every portal
// server on it shares them. A refusal is a RateLimited error with the seconds until the window
// ends; the first refusal of a window is recorded in the audit trail.
class PortalThrottle
{
public:
    struct Limit
    {
        const char *bucket; // the counter's key is "<bucket>:<what is counted>"
        int hits;
        qint64 windowMs;
    };

    // Every limit, in one place. Starting a sign-in (login page or invite) sends mail, so it is
    // counted per address and per recipient; entering a code or confirming a link sends none.
    static constexpr Limit kSignInPerIp{"login-ip", 20, 10LL * 60 * 1000};
    static constexpr Limit kSignInPerEmail{"login-email", 5, 30LL * 60 * 1000};
    static constexpr Limit kSignInPerInvite{"login-invite", 5, 30LL * 60 * 1000};
    static constexpr Limit kVerifyPerIp{"code-ip", 30, 10LL * 60 * 1000};
    // Password sign-ins (ACC-7) are guesses that cost no mail: counted per address and per
    // email, every attempt, whether or not the email is a contact's.
    static constexpr Limit kPasswordPerIp{"password-ip", 20, 10LL * 60 * 1000};
    static constexpr Limit kPasswordPerEmail{"password-email", 5, 30LL * 60 * 1000};
    // Authenticator and recovery codes (ACC-10), at sign-in and in the account view: per address
    // like other codes, and per contact, since a contact may have several half-sessions.
    static constexpr Limit kTotpPerContact{"totp-contact", 10, 10LL * 60 * 1000};

    PortalThrottle(const Database &db, const Clock &clock)
        : m_db(db)
        , m_clock(clock)
    {}

    // Each counts one request and returns false when it must be refused (or when the counter
    // could not be written: then *error is Internal). Unknown and known email addresses are
    // counted alike, so the limit cannot tell them apart either.
    [[nodiscard]] bool allowLogin(const QString &email, const QString &ip, ServiceError *error);
    [[nodiscard]] bool allowInvite(const QString &inviteToken, const QString &ip,
                                   ServiceError *error);
    [[nodiscard]] bool allowVerify(const QString &ip, ServiceError *error);
    [[nodiscard]] bool allowPassword(const QString &email, const QString &ip, ServiceError *error);
    [[nodiscard]] bool allowTotp(qint64 contactId, const QString &ip, ServiceError *error);

private:
    bool take(const Limit &limit, const QString &key, const QString &who, const QString &ip,
              ServiceError *error);

    const Database &m_db;
    const Clock &m_clock;
};

} // namespace Gatehouse
