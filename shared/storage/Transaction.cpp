#include "Transaction.h"

#include "Database.h"
#include "ThreadConnection.h"
#include "core/Logging.h"

namespace Gatehouse {

namespace {

QString savepoint(int depth)
{
    return QStringLiteral("gatehouse_sp%1").arg(depth);
}

} // namespace

Transaction::Transaction(const Database &db)
    : m_db(db)
    , m_connection(&db.usableConnection())
    , m_generation(m_connection->generation)
    , m_depth(m_connection->transactionDepth)
{
    QString begin;
    if (m_depth > 0) {
        begin = QStringLiteral("SAVEPOINT ") + savepoint(m_depth);
    } else {
        begin = db.engine() == Engine::Sqlite ? QStringLiteral("BEGIN IMMEDIATE")
                                              : QStringLiteral("BEGIN");
    }
    m_active = run(begin, &m_error);
    if (m_active) {
        m_connection->transactionDepth = m_depth + 1;
    }
}

Transaction::~Transaction()
{
    if (!m_active) {
        return;
    }
    if (!connectionKept()) {
        end(); // rolled back by the server when the connection went
        return;
    }
    QString error;
    const QString rollback = m_depth > 0
                                 ? QStringLiteral("ROLLBACK TO SAVEPOINT ") + savepoint(m_depth)
                                 : QStringLiteral("ROLLBACK");
    if (!run(rollback, &error)) {
        qCWarning(lcStorage).noquote() << "rollback failed:" << error;
    }
    if (m_depth > 0 && connectionKept()
        && !run(QStringLiteral("RELEASE SAVEPOINT ") + savepoint(m_depth), &error)) {
        qCWarning(lcStorage).noquote() << "releasing a savepoint failed:" << error;
    }
    end();
}

bool Transaction::commit(QString *error)
{
    if (!m_active) {
        if (error) {
            *error = m_error.isEmpty() ? QStringLiteral("No transaction is active.") : m_error;
        }
        return false;
    }
    if (!connectionKept()) {
        m_active = false;
        end();
        if (error) {
            *error = QStringLiteral("Database error: the connection to the database was lost "
                                    "during the transaction; nothing of it was saved.");
        }
        return false;
    }
    const QString commit = m_depth > 0 ? QStringLiteral("RELEASE SAVEPOINT ") + savepoint(m_depth)
                                       : QStringLiteral("COMMIT");
    if (!run(commit, error)) {
        return false; // the destructor rolls back
    }
    m_active = false;
    end();
    return true;
}

bool Transaction::connectionKept() const
{
    return m_connection->generation == m_generation && !m_connection->lost;
}

void Transaction::end()
{
    // After the connection was closed on purpose the count starts again from 0; never let a
    // transaction from before raise it.
    m_connection->transactionDepth = qMin(m_connection->transactionDepth, m_depth);
}

bool Transaction::run(const QString &sql, QString *error)
{
    return m_db.execDirect(*m_connection, sql, error);
}

} // namespace Gatehouse
