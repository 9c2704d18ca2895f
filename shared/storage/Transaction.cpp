#include "Transaction.h"

#include "Database.h"
#include "core/Logging.h"

#include <QHash>
#include <QSqlError>
#include <QSqlQuery>

namespace Gatehouse {

namespace {

// Open transactions per connection of this thread.
thread_local QHash<QString, int> t_depth;

QString savepoint(int depth)
{
    return QStringLiteral("gatehouse_sp%1").arg(depth);
}

} // namespace

Transaction::Transaction(const Database &db)
    : m_db(db)
    , m_connection(db.connection().connectionName())
    , m_depth(t_depth.value(m_connection))
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
        t_depth[m_connection] = m_depth + 1;
    }
}

Transaction::~Transaction()
{
    if (m_active) {
        QString error;
        const QString rollback = m_depth > 0
                                     ? QStringLiteral("ROLLBACK TO SAVEPOINT ") + savepoint(m_depth)
                                     : QStringLiteral("ROLLBACK");
        if (!run(rollback, &error)) {
            qCWarning(lcStorage).noquote() << "rollback failed:" << error;
        }
        if (m_depth > 0
            && !run(QStringLiteral("RELEASE SAVEPOINT ") + savepoint(m_depth), &error)) {
            qCWarning(lcStorage).noquote() << "releasing a savepoint failed:" << error;
        }
        t_depth[m_connection] = m_depth;
    }
}

bool Transaction::commit(QString *error)
{
    if (!m_active) {
        if (error) {
            *error = m_error.isEmpty() ? QStringLiteral("No transaction is active.") : m_error;
        }
        return false;
    }
    const QString commit = m_depth > 0 ? QStringLiteral("RELEASE SAVEPOINT ") + savepoint(m_depth)
                                       : QStringLiteral("COMMIT");
    if (!run(commit, error)) {
        return false; // the destructor rolls back
    }
    m_active = false;
    t_depth[m_connection] = m_depth;
    return true;
}

bool Transaction::run(const QString &sql, QString *error)
{
    QSqlQuery query(m_db.connection());
    if (query.exec(sql)) {
        return true;
    }
    if (error) {
        *error = QStringLiteral("Database error: %1").arg(query.lastError().text());
    }
    return false;
}

} // namespace Gatehouse
