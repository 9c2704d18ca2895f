#pragma once

#include "domain/Impersonation.h"

#include <QList>
#include <QString>

#include <optional>

namespace Gatehouse {

class Database;

// Views of the portal as a contact (CON-7) and the routes they requested. The service opens the
// portal session and records everything in the audit trail; this only stores.
class ImpersonationRepository
{
public:
    explicit ImpersonationRepository(const Database &db)
        : m_db(db)
    {}

    // record.id is ignored; returns the new id, 0 on failure.
    qint64 create(const Impersonation &record, QString *error);
    std::optional<Impersonation> find(qint64 id, QString *error) const;
    // Marks it ended; false when it had ended already (or there is no such row).
    bool end(qint64 id, qint64 nowMs, ImpersonationEnd how, QString *error);
    // Newest first.
    QList<Impersonation> forContact(qint64 contactId, int limit, QString *error) const;
    // Open ones whose time is up, oldest first.
    QList<Impersonation> openExpired(qint64 nowMs, QString *error) const;

    // Counts a request of the route; true when it is to be audited: its first one, or the first
    // one at least intervalMs after the last audited one.
    bool countRequest(qint64 impersonationId, const QString &route, qint64 nowMs, qint64 intervalMs,
                      QString *error);
    // How often the route was requested; 0 when never.
    int requestCount(qint64 impersonationId, const QString &route, QString *error) const;

    // The workspace setting: how long a view lasts.
    int lifetimeMinutes(qint64 workspaceId, QString *error) const;
    [[nodiscard]] bool setLifetimeMinutes(qint64 workspaceId, int minutes, QString *error);

private:
    QList<Impersonation> select(const QString &where, const QVariantList &values,
                                QString *error) const;

    const Database &m_db;
};

} // namespace Gatehouse
