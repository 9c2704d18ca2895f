#pragma once

#include "core/ServiceError.h"
#include "storage/AccessRepository.h"

#include <QString>

#include <optional>

namespace Gatehouse {

class Clock;
class Database;

// How a new session comes to be (PortalSessionOpener::open).
struct SessionStart
{
    qint64 contactId = 0;
    // A key (PortalAccess::method*) for the access log, and how people read it in the audit
    // trail ("the emailed code").
    QString method;
    QString how;
    qint64 challengeId = 0; // a pending login to use up; 0: none
    // The session this one replaces, ended in the same transaction (a half-session whose step is
    // done, a chooser, the account switched from); 0: none. Its token never works again.
    qint64 replacedSessionId = 0;
    // A first step leads to the contact's second step (TOTP) when there is one; the session that
    // finishes a second step is a full one.
    bool firstStep = true;
    // The email was just proved: with several accounts on it, the contact chooses one first.
    bool mayChoose = false;
    EmailProof proof;
    // An extra audit event in the same transaction (an account chosen or switched); none if empty.
    QString auditAction;
    QString auditSummary;
};

// The one place a portal session is opened, whichever way the contact came in (an emailed code
// or link, a password, a finished second step, an account chosen or switched to): it decides
// the session's stage (a chooser, a TOTP half-session, or a full session), ends what the new
// session replaces and writes the records of a sign-in, all in one transaction.
class PortalSessionOpener
{
public:
    PortalSessionOpener(const Database &db, const Clock &clock);

    // Returns the new session's token. A full session is recorded in the audit trail, the access
    // log and the activity feed like any sign-in; a half-session in the audit trail only.
    std::optional<QString> open(const SessionStart &start, const QString &ip,
                                const QString &userAgent, ServiceError *error);

private:
    const Database &m_db;
    const Clock &m_clock;
};

} // namespace Gatehouse
