#pragma once

#include <QCache>
#include <QDeadlineTimer>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

namespace Gatehouse {

// One thread's connection to one database, with the statements prepared on it. Private to
// Database, SqlQuery and Transaction.
struct ThreadConnection
{
    static constexpr int kStatementCacheSize = 256;

    QSqlDatabase db;
    // SQL text -> a statement prepared for it and free to use (at most kStatementCacheSize, the
    // least recently used dropped first). Preparing is most of the cost of a small query: SQLite
    // parses and plans the SQL again, and PostgreSQL spends two extra round trips (PREPARE,
    // then DEALLOCATE) besides the EXECUTE.
    QCache<QString, QSqlQuery> statements{kStatementCacheSize};
    // Counts the times the statements were dropped; a statement handed out before cannot come
    // back after, as it belongs to a connection that was closed.
    quint64 generation = 0;
    // Transactions (and savepoints) open on this connection.
    int transactionDepth = 0;
    // The PostgreSQL server went away under this connection (or it could not be opened): it is
    // opened again before the next statement outside a transaction, not before retryAt.
    bool lost = false;
    QDeadlineTimer retryAt;

    void dropStatements()
    {
        statements.clear();
        ++generation;
    }
};

} // namespace Gatehouse
