#pragma once

#include <QString>

namespace Gatehouse {

class Database;
struct ThreadConnection;

// Begins on construction, rolls back in the destructor unless commit() succeeded.
// On SQLite it takes the write lock at once (BEGIN IMMEDIATE) so two processes never
// deadlock upgrading a read lock. A transaction begun inside another on the same connection
// becomes a savepoint, so services compose: the outer one decides what is kept. When the
// connection is lost (or closed) while it is open, the transaction is gone with it: commit()
// fails and nothing is rolled back on the connection that replaces it.
class Transaction
{
public:
    explicit Transaction(const Database &db);
    ~Transaction();
    Q_DISABLE_COPY_MOVE(Transaction)

    bool isActive() const { return m_active; }
    QString error() const { return m_error; }
    [[nodiscard]] bool commit(QString *error);

private:
    bool run(const QString &sql, QString *error);
    // Whether the connection it began on is still the one open.
    bool connectionKept() const;
    // Counts this transaction as ended on its connection.
    void end();

    const Database &m_db;
    ThreadConnection *m_connection = nullptr;
    quint64 m_generation = 0;
    int m_depth = 0; // 0: the real transaction; n: savepoint n
    bool m_active = false;
    QString m_error;
};

} // namespace Gatehouse
