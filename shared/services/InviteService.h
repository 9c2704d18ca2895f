#pragma once

#include "core/ServiceError.h"
#include "domain/Actor.h"

#include <QList>
#include <QString>

#include <optional>

namespace Gatehouse {

class Clock;
class Database;
struct Contact;
struct Workspace;

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

    // How many contacts one inviteBatch() call should take: 1,000 invitations are 10 commits,
    // not 1,000, and each commit stays short.
    static constexpr int kBatchSize = 100;
    // The company's contacts an "invite everyone" would reach: portal access on, no live
    // invitation and never signed in.
    std::optional<QList<qint64>> uninvitedContacts(qint64 companyId, ServiceError *error) const;
    // Invites the contacts by email in one transaction: every invitation with its mail, activity
    // and audit row, or none. Contacts invited, signed in or turned off since they were listed are
    // skipped. Returns how many were invited; outboxIds, when given, receives their mails' ids.
    std::optional<int> inviteBatch(const QList<qint64> &contactIds, const Actor &actor,
                                   ServiceError *error, QList<qint64> *outboxIds = nullptr);

private:
    // The writes of one invitation, inside the caller's transaction.
    [[nodiscard]] bool queueInvite(const Workspace &workspace, const Contact &contact,
                                   const Actor &actor, bool sendMail, qint64 nowMs, QString *link,
                                   qint64 *mailId, QString *dbError);
    bool isUninvited(qint64 contactId, qint64 nowMs, QString *dbError) const;

    const Database &m_db;
    const Clock &m_clock;
    QString m_publicUrl;
};

} // namespace Gatehouse
