#pragma once

#include "core/ServiceError.h"

#include <QString>

#include <optional>

namespace Gatehouse {

class Clock;
class Database;
struct PortalSession;

// A contact's optional password (ACC-7). Once signed in by email, a contact may set one; from
// then on either the password or an emailed code lets them in. Rate limits are the caller's
// (PortalThrottle::allowPassword), as for every other way in.
class ContactPasswordService
{
public:
    ContactPasswordService(const Database &db, const Clock &clock, const QString &publicUrl);

    // Refuses a too short or too common password (Invalid, with a reason to show); stores its
    // Argon2id hash, never the password, and records the change in the audit trail.
    [[nodiscard]] bool setPassword(const PortalSession &session, const QString &password,
                                   const QString &ip, ServiceError *error);

    // A new session token. A wrong password, an unknown address, a contact without a password
    // or without portal access all get the same Unauthorized answer after the same Argon2 work,
    // so the answer cannot be used to probe for contacts. Every failure is audited.
    std::optional<QString> signIn(const QString &email, const QString &password, const QString &ip,
                                  const QString &userAgent, ServiceError *error);

private:
    const Database &m_db;
    const Clock &m_clock;
    QString m_publicUrl;
};

} // namespace Gatehouse
