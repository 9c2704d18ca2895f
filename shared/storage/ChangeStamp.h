#pragma once

#include <QByteArray>
#include <QtGlobal>

namespace Gatehouse {

// Where one thread's connection stands in the history of the database: two stamps from the
// same thread are equal only if nothing was committed in between, by this connection or any
// other, in this process or another. Reading one costs a statement that reads no table (see
// Database::changeStamp), so it can decide on every request whether what was read before still
// holds. Stamps of different threads, or of different Database objects, are not comparable.
struct ChangeStamp
{
    // Which opening of the thread's connection: a connection opened again starts a new history.
    quint64 connection = 0;
    // SQLite. PRAGMA data_version: moves on when another connection commits a change.
    qint64 othersVersion = 0;
    // SQLite. sqlite3_total_changes64: moves on with every row this connection changes.
    qint64 ownChanges = 0;
    // PostgreSQL. pg_current_snapshot() (xmin:xmax:in-progress xids): any transaction that
    // ends, on any connection, either leaves the in-progress list or raises xmax, so two equal
    // snapshots mean that none ended in between.
    QByteArray snapshot;

    friend bool operator==(const ChangeStamp &a, const ChangeStamp &b)
    {
        return a.connection == b.connection && a.othersVersion == b.othersVersion
               && a.ownChanges == b.ownChanges && a.snapshot == b.snapshot;
    }
    friend bool operator!=(const ChangeStamp &a, const ChangeStamp &b) { return !(a == b); }
};

} // namespace Gatehouse
