#include "RateLimiter.h"

#include "storage/SqlQuery.h"

namespace Gatehouse {

RateLimiter::Result RateLimiter::hit(const QString &bucket, int limit, qint64 windowMs,
                                     qint64 nowMs, QString *error)
{
    // A window that has run out starts again at this hit; otherwise the hit is counted in it.
    SqlQuery query(
        m_db, QStringLiteral("INSERT INTO rate_limit (bucket, window_start, hits) VALUES (?, ?, 1) "
                             "ON CONFLICT (bucket) DO UPDATE SET "
                             "hits = CASE WHEN rate_limit.window_start <= ? THEN 1 "
                             "ELSE rate_limit.hits + 1 END, "
                             "window_start = CASE WHEN rate_limit.window_start <= ? THEN ? "
                             "ELSE rate_limit.window_start END "
                             "RETURNING window_start, hits"));
    const qint64 expiredBefore = nowMs - windowMs;
    query << bucket << nowMs << expiredBefore << expiredBefore << nowMs;
    Result result;
    if (!query.exec(error) || !query.next()) {
        if (error && error->isEmpty()) {
            *error = QStringLiteral("rate limit upsert returned no row");
        }
        return result;
    }
    const qint64 windowStart = query.int64(0);
    result.hits = query.value(1).toInt();
    result.allowed = result.hits <= limit;
    if (!result.allowed) {
        const qint64 leftMs = qMax<qint64>(windowStart + windowMs - nowMs, 1);
        result.retryAfterSeconds = int((leftMs + 999) / 1000);
    }
    // Pruning rides on the first hit of a window, so a busy bucket costs no extra statement.
    if (result.hits == 1) {
        SqlQuery prune(m_db, QStringLiteral("DELETE FROM rate_limit WHERE window_start < ?"));
        prune << nowMs - kPruneAfterMs;
        if (!prune.exec(error)) {
            return result;
        }
    }
    result.ok = true;
    return result;
}

} // namespace Gatehouse
