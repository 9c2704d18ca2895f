#pragma once

#include "core/ServiceError.h"
#include "domain/Actor.h"

#include <QString>

#include <optional>

namespace Gatehouse {

class Clock;
class Database;

// Invites a contact to the portal: a fresh single-contact link replaces any earlier one, and
// its mail is queued in the same transaction. Both invitations and revocations are recorded in
// the audit trail.
class InviteService
{
public:
    InviteService(const Database &db, const Clock &clock, const QString &publicUrl);

    static constexpr qint64 kInviteLifetimeMs = 14LL * 24 * 60 * 60 * 1000;

    // Returns the invite link. With sendMail false the link is only returned (the command line
    // prints it for an administrator).
    std::optional<QString> invite(qint64 contactId, const Actor &actor, bool sendMail,
                                  ServiceError *error);
    [[nodiscard]] bool revoke(qint64 contactId, const Actor &actor, ServiceError *error);

private:
    const Database &m_db;
    const Clock &m_clock;
    QString m_publicUrl;
};

} // namespace Gatehouse
