#pragma once

#include "core/ServiceError.h"
#include "domain/Impersonation.h"

#include <QList>
#include <QString>

#include <optional>

namespace Gatehouse {

class Clock;
class Database;
struct PortalSession;

// A view of the portal as a contact that has just started: the one-time token of its portal
// session, which the console hands to its own web view and nowhere else.
struct StartedImpersonation
{
    qint64 id = 0;
    QString token;
    qint64 expiresAtMs = 0;
    bool readOnly = true;
};

// "View portal as…" (CON-7): staff see the portal as a contact, for a reason, for a limited time,
// read-only unless an administrator allows actions. The start, the session's requests and the
// end go to the audit trail; the contact sees in the portal who viewed it and when.
class ImpersonationService
{
public:
    ImpersonationService(const Database &db, const Clock &clock);

    static constexpr int kDefaultMinutes = 15;
    static constexpr int kMinimumMinutes = 1;
    static constexpr int kMaximumMinutes = 120;
    // Reads of one route are audited at most this often per view (the portal polls); changes
    // are audited every time.
    static constexpr qint64 kReadAuditIntervalMs = 60 * 1000;

    // staffId is the member who looks; their role is read here, not taken from the caller. A
    // blank reason, a contact without portal access, or actions allowed by someone who is not an
    // administrator are refused and change nothing.
    std::optional<StartedImpersonation> start(qint64 staffId, qint64 contactId,
                                              const QString &reason, bool readOnly,
                                              ServiceError *error);
    // Ends the view and its session. Ending one that has ended already changes nothing and is
    // no error. Expired is refused before the view's time is up.
    [[nodiscard]] bool end(qint64 impersonationId, ImpersonationEnd how, ServiceError *error);
    // Ends, as expired, every open view whose time is up (a console that closed without ending
    // its view leaves one behind); returns how many, or -1 on failure.
    int endExpired(ServiceError *error);

    // One request of an impersonation session, from the portal's front door: counted, and
    // audited (reads of a route at most once per kReadAuditIntervalMs). refused: it was refused
    // for being a change in a read-only view.
    [[nodiscard]] bool recordRequest(const PortalSession &session, const QString &method,
                                     const QString &path, const QString &ip, bool refused,
                                     ServiceError *error);

    std::optional<Impersonation> find(qint64 impersonationId, ServiceError *error) const;
    // Who viewed the contact's portal, newest first.
    std::optional<QList<Impersonation>> viewsOf(qint64 contactId, ServiceError *error) const;

    // The workspace setting; an administrator changes it (audited).
    int lifetimeMinutes(ServiceError *error) const;
    [[nodiscard]] bool setLifetimeMinutes(qint64 staffId, int minutes, ServiceError *error);

private:
    const Database &m_db;
    const Clock &m_clock;
};

} // namespace Gatehouse
