#include "SqlQuery.h"

#include "Database.h"
#include "ThreadConnection.h"
#include "core/Logging.h"

#include <QSqlError>

namespace Gatehouse {

SqlQuery::SqlQuery(const Database &db, const QString &sql)
    : m_db(db)
    , m_sql(sql)
    , m_query(db.takeStatement(sql, &m_connection, &m_generation, &m_prepareError))
    , m_notSent(m_connection->lost)
{}

SqlQuery::~SqlQuery()
{
    if (m_prepareError.isEmpty()) {
        Database::returnStatement(*m_connection, m_sql, m_generation, std::move(m_query));
    }
}

SqlQuery &SqlQuery::operator<<(const QVariant &value)
{
    // A null QString would bind as SQL NULL; text columns are NOT NULL, so it means "empty".
    // NULL is written only on purpose, as an invalid QVariant.
    if (value.typeId() == QMetaType::QString && value.toString().isNull()) {
        m_query.addBindValue(QStringLiteral(""));
        return *this;
    }
    m_query.addBindValue(value);
    return *this;
}

bool SqlQuery::next()
{
    // A statement from before its connection was replaced has no driver left to fetch with.
    return m_connection->generation == m_generation && m_query.next();
}

bool SqlQuery::exec(QString *error)
{
    QString message = m_prepareError;
    if (message.isEmpty()) {
        if (Q_UNLIKELY(m_connection->generation != m_generation)) {
            message = QStringLiteral("The connection this statement was prepared on was closed.");
        } else if (!m_query.exec()) {
            message = m_query.lastError().text();
        }
    }
    if (message.isEmpty()) {
        return true;
    }
    if (m_notSent) {
        // Not sent: the reconnect attempts say what is wrong, once a second at most.
        qCDebug(lcStorage).noquote() << "query not run:" << message << "in" << m_sql.simplified();
    } else if (m_connection->generation != m_generation
               || !m_db.noteFailure(*m_connection,
                                    message + QStringLiteral(" in ") + m_sql.simplified())) {
        qCWarning(lcStorage).noquote() << "query failed:" << message << "in" << m_sql.simplified();
    }
    if (error) {
        *error = QStringLiteral("Database error: %1").arg(message);
    }
    return false;
}

QVariant nullable(qint64 value, qint64 nullValue)
{
    return value == nullValue ? QVariant() : QVariant(value);
}

} // namespace Gatehouse
