#pragma once

#include <QString>

namespace Gatehouse {

class Database;

// Fixed-window counters kept in the database, so every portal server (thread or process) on it
// counts against the same limits. One hit is one atomic upsert: parallel requests cannot slip
// past a limit between a read and a write.
class RateLimiter
{
public:
    explicit RateLimiter(const Database &db)
        : m_db(db)
    {}

    struct Result
    {
        bool ok = false; // false: the counter could not be written (see *error)
        bool allowed = false;
        int hits = 0;              // in the current window, this one included
        int retryAfterSeconds = 0; // until the window ends; 0 when allowed
    };

    // Windows that started this long ago are deleted when a new window opens; no limit may use a
    // longer window.
    static constexpr qint64 kPruneAfterMs = 24LL * 60 * 60 * 1000;

    Result hit(const QString &bucket, int limit, qint64 windowMs, qint64 nowMs, QString *error);

private:
    const Database &m_db;
};

} // namespace Gatehouse
