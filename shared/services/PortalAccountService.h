#pragma once

#include "core/ServiceError.h"

#include <QList>
#include <QString>

#include <optional>

namespace Gatehouse {

class Clock;
class Database;
struct PortalSession;

// One of the accounts (contacts) an email address reaches, as the portal shows it.
struct PortalAccount
{
    QString id; // opaque, and valid only for the session it was listed to
    qint64 contactId = 0;
    QString companyName;
    bool current = false; // the session's own contact
};

struct PortalAccounts
{
    QList<PortalAccount> accounts; // every account the session may be, its own included
    // A password session proved no address: it lists nothing, and says here whether there is
    // anything to switch to after signing in by email.
    bool switchNeedsEmail = false;
};

// Several accounts on one email address (ACC-8): the same person is a contact at several client
// companies. After the address is proved (code or link) the contact chooses one; a signed-in
// contact may switch to another. Only an address proved by email reaches other accounts: a
// password proves only its own contact, so a password session cannot switch. Choosing and
// switching open a session with a new token and end the old one in the same transaction; the
// chosen contact's own second step (TOTP) still applies.
class PortalAccountService
{
public:
    PortalAccountService(const Database &db, const Clock &clock, const QString &publicUrl);

    std::optional<PortalAccounts> accounts(const PortalSession &session, ServiceError *error) const;
    // For a chooser (SessionStage::Choose): the new session's token.
    std::optional<QString> choose(const PortalSession &chooser, const QString &accountId,
                                  const QString &ip, const QString &userAgent, ServiceError *error);
    // For a full session: the new session's token (a half-session when the other contact has
    // TOTP on or must set it up).
    std::optional<QString> switchTo(const PortalSession &session, const QString &accountId,
                                    const QString &ip, const QString &userAgent,
                                    ServiceError *error);

    // The opaque id of a contact as listed to a session: no contact id reaches the page, and a
    // list shown to one session means nothing to another.
    static QString accountId(qint64 sessionId, qint64 contactId);

private:
    // The account the session's proved address reaches under that id; NotFound otherwise.
    std::optional<PortalAccount> find(const PortalSession &session, const QString &accountId,
                                      ServiceError *error) const;

    const Database &m_db;
    const Clock &m_clock;
    QString m_publicUrl;
};

} // namespace Gatehouse
