#pragma once

#include "domain/Directory.h"

#include <QString>

namespace Gatehouse {

// Who does something: the name the activity feed shows, and what the audit trail records as
// their identity (an email address, or which part of the system) with where they came from.
struct Actor
{
    enum class Kind { Staff, Contact, System };

    // Callers that know only a member of staff's name (the command line, code written before the
    // audit trail) pass it as it is; it is recorded as both name and identity.
    Actor(const QString &staffName) // implicit on purpose, see above
        : Actor(Kind::Staff, staffName, staffName)
    {}
    Actor(Kind kind, const QString &id, const QString &name, const QString &ip = QString())
        : kind(kind)
        , id(id)
        , name(name)
        , ip(ip)
    {}

    static Actor staff(const StaffMember &member, const QString &ip = QString())
    {
        return Actor(Kind::Staff, member.email, member.name, ip);
    }
    static Actor contact(const Contact &contact, const QString &ip = QString())
    {
        return Actor(Kind::Contact, contact.email, contact.name, ip);
    }
    static Actor system(const QString &what) { return Actor(Kind::System, what, what); }

    Kind kind;
    QString id;
    QString name;
    QString ip;
};

// As stored in audit_event.actor_kind.
inline QString toKey(Actor::Kind kind)
{
    switch (kind) {
    case Actor::Kind::Staff:
        return QStringLiteral("staff");
    case Actor::Kind::Contact:
        return QStringLiteral("contact");
    case Actor::Kind::System:
        return QStringLiteral("system");
    }
    return QString();
}

} // namespace Gatehouse
