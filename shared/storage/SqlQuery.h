#pragma once

#include <QSqlQuery>
#include <QString>
#include <QVariant>

namespace Gatehouse {

class Database;
struct ThreadConnection;

// A prepared statement with positional '?' bindings whose every failure is reported.
// Usage: SqlQuery q(db, "SELECT ..."); q << a << b; if (!q.exec(error)) return false;
// Statements are prepared once per thread connection and reused (see Database): the SQL text
// is the key, so it should be constant, with every value bound.
class SqlQuery
{
public:
    SqlQuery(const Database &db, const QString &sql);
    ~SqlQuery();
    Q_DISABLE_COPY_MOVE(SqlQuery)

    SqlQuery &operator<<(const QVariant &value);
    SqlQuery &bind(const QVariant &value) { return *this << value; }

    [[nodiscard]] bool exec(QString *error);
    bool next();
    QVariant value(int index) const { return m_query.value(index); }
    qint64 int64(int index) const { return m_query.value(index).toLongLong(); }
    QString text(int index) const { return m_query.value(index).toString(); }
    bool isNull(int index) const { return m_query.isNull(index); }
    int rowsAffected() const { return m_query.numRowsAffected(); }

    QSqlQuery &raw() { return m_query; }

private:
    const Database &m_db;
    QString m_sql;
    QString m_prepareError;
    ThreadConnection *m_connection = nullptr;
    quint64 m_generation = 0; // of m_connection when the statement was taken
    QSqlQuery m_query;
    // Set from m_query's taking: the connection was lost, nothing was prepared or will be sent.
    bool m_notSent = false;
};

// NULL for an empty optional id or time, the value otherwise.
QVariant nullable(qint64 value, qint64 nullValue = 0);

} // namespace Gatehouse
