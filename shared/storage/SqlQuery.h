#pragma once

#include <QSqlQuery>
#include <QString>
#include <QVariant>

namespace Gatehouse {

class Database;

// A prepared statement with positional '?' bindings whose every failure is reported.
// Usage: SqlQuery q(db, "SELECT ..."); q << a << b; if (!q.exec(error)) return false;
class SqlQuery
{
public:
    SqlQuery(const Database &db, const QString &sql);

    SqlQuery &operator<<(const QVariant &value);
    SqlQuery &bind(const QVariant &value) { return *this << value; }

    [[nodiscard]] bool exec(QString *error);
    bool next() { return m_query.next(); }
    QVariant value(int index) const { return m_query.value(index); }
    qint64 int64(int index) const { return m_query.value(index).toLongLong(); }
    QString text(int index) const { return m_query.value(index).toString(); }
    bool isNull(int index) const { return m_query.isNull(index); }
    int rowsAffected() const { return m_query.numRowsAffected(); }

    QSqlQuery &raw() { return m_query; }

private:
    QSqlQuery m_query;
    QString m_sql;
    QString m_prepareError;
};

// NULL for an empty optional id or time, the value otherwise.
QVariant nullable(qint64 value, qint64 nullValue = 0);

} // namespace Gatehouse
