#include "ImpersonationRepository.h"

#include "SqlQuery.h"

namespace Gatehouse {

namespace {

const QString kColumns = QStringLiteral(
    "SELECT id, session_id, contact_id, staff_id, staff_name, staff_email, reason, read_only, "
    "started_at, expires_at, ended_at, ended_how FROM impersonation ");

} // namespace

qint64 ImpersonationRepository::create(const Impersonation &record, QString *error)
{
    SqlQuery query(m_db, QStringLiteral("INSERT INTO impersonation (session_id, contact_id, "
                                        "staff_id, staff_name, staff_email, reason, read_only, "
                                        "started_at, expires_at) "
                                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
    query << nullable(record.sessionId) << record.contactId << nullable(record.staffId)
          << record.staffName << record.staffEmail << record.reason << (record.readOnly ? 1 : 0)
          << record.startedAtMs << record.expiresAtMs;
    if (!query.exec(error) || !query.next()) {
        return 0;
    }
    return query.int64(0);
}

QList<Impersonation> ImpersonationRepository::select(const QString &where,
                                                     const QVariantList &values,
                                                     QString *error) const
{
    QList<Impersonation> result;
    SqlQuery query(m_db, kColumns + where);
    for (const QVariant &value : values) {
        query << value;
    }
    if (!query.exec(error)) {
        return result;
    }
    while (query.next()) {
        Impersonation row;
        row.id = query.int64(0);
        row.sessionId = query.isNull(1) ? 0 : query.int64(1);
        row.contactId = query.int64(2);
        row.staffId = query.isNull(3) ? 0 : query.int64(3);
        row.staffName = query.text(4);
        row.staffEmail = query.text(5);
        row.reason = query.text(6);
        row.readOnly = query.value(7).toInt() != 0;
        row.startedAtMs = query.int64(8);
        row.expiresAtMs = query.int64(9);
        row.endedAtMs = query.isNull(10) ? 0 : query.int64(10);
        row.endedHow = query.isNull(11) ? QString() : query.text(11);
        result.append(row);
    }
    return result;
}

std::optional<Impersonation> ImpersonationRepository::find(qint64 id, QString *error) const
{
    const QList<Impersonation> rows = select(QStringLiteral("WHERE id = ?"), {id}, error);
    if (rows.isEmpty()) {
        return std::nullopt;
    }
    return rows.first();
}

bool ImpersonationRepository::end(qint64 id, qint64 nowMs, ImpersonationEnd how, QString *error)
{
    SqlQuery query(m_db, QStringLiteral("UPDATE impersonation SET ended_at = ?, ended_how = ? "
                                        "WHERE id = ? AND ended_at IS NULL"));
    query << nowMs << toKey(how) << id;
    return query.exec(error) && query.rowsAffected() == 1;
}

QList<Impersonation> ImpersonationRepository::forContact(qint64 contactId, int limit,
                                                         QString *error) const
{
    return select(QStringLiteral("WHERE contact_id = ? ORDER BY started_at DESC, id DESC LIMIT ?"),
                  {contactId, qMax(0, limit)}, error);
}

QList<Impersonation> ImpersonationRepository::openExpired(qint64 nowMs, QString *error) const
{
    return select(QStringLiteral("WHERE ended_at IS NULL AND expires_at <= ? ORDER BY id"), {nowMs},
                  error);
}

bool ImpersonationRepository::countRequest(qint64 impersonationId, const QString &route,
                                           qint64 nowMs, qint64 intervalMs, QString *error)
{
    // One statement, so parallel requests of a route count each and audit once per interval.
    SqlQuery query(
        m_db,
        QStringLiteral("INSERT INTO impersonation_request (impersonation_id, route, hits, "
                       "audited_hits, last_audited_at) VALUES (?, ?, 1, 1, ?) "
                       "ON CONFLICT (impersonation_id, route) DO UPDATE SET "
                       "hits = impersonation_request.hits + 1, "
                       "audited_hits = CASE WHEN impersonation_request.last_audited_at <= ? "
                       "THEN impersonation_request.hits + 1 "
                       "ELSE impersonation_request.audited_hits END, "
                       "last_audited_at = CASE WHEN impersonation_request.last_audited_at <= ? "
                       "THEN excluded.last_audited_at "
                       "ELSE impersonation_request.last_audited_at END "
                       "RETURNING hits, audited_hits"));
    query << impersonationId << route.left(300) << nowMs << nowMs - intervalMs
          << nowMs - intervalMs;
    if (!query.exec(error) || !query.next()) {
        return false;
    }
    return query.int64(0) == query.int64(1);
}

int ImpersonationRepository::requestCount(qint64 impersonationId, const QString &route,
                                          QString *error) const
{
    SqlQuery query(m_db, QStringLiteral("SELECT hits FROM impersonation_request "
                                        "WHERE impersonation_id = ? AND route = ?"));
    query << impersonationId << route;
    if (!query.exec(error) || !query.next()) {
        return 0;
    }
    return query.value(0).toInt();
}

int ImpersonationRepository::lifetimeMinutes(qint64 workspaceId, QString *error) const
{
    SqlQuery query(m_db,
                   QStringLiteral("SELECT impersonation_minutes FROM workspace WHERE id = ?"));
    query << workspaceId;
    if (!query.exec(error) || !query.next()) {
        return 0;
    }
    return query.value(0).toInt();
}

bool ImpersonationRepository::setLifetimeMinutes(qint64 workspaceId, int minutes, QString *error)
{
    SqlQuery query(m_db, QStringLiteral("UPDATE workspace SET impersonation_minutes = ? "
                                        "WHERE id = ?"));
    query << minutes << workspaceId;
    return query.exec(error);
}

} // namespace Gatehouse
