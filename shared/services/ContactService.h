#pragma once

#include "core/ServiceError.h"
#include "domain/Actor.h"

#include <QString>

namespace Gatehouse {

class Clock;
class Database;

// Staff add client companies and their contacts (InviteContacts). Each addition writes an
// activity row and an audit event in the same transaction.
class ContactService
{
public:
    ContactService(const Database &db, const Clock &clock);

    // Return the new id, or 0 with Invalid for a bad or duplicate name or email.
    qint64 addCompany(const QString &name, const Actor &actor, ServiceError *error);
    // The contact starts with the workspace's portal access and role for new contacts.
    qint64 addContact(qint64 companyId, const QString &name, const QString &email,
                      const Actor &actor, ServiceError *error);

private:
    const Database &m_db;
    const Clock &m_clock;
};

} // namespace Gatehouse
