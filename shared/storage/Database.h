#pragma once

#include "DatabaseConfig.h"

#include <QSqlDatabase>
#include <QString>

namespace Gatehouse {

// The shared database. Each thread gets its own named connection, opened on first use and
// closed when the thread ends, so the console, the outbox worker and portal threads never share
// a QSqlDatabase.
class Database
{
public:
    explicit Database(DatabaseConfig config);
    ~Database();
    Q_DISABLE_COPY_MOVE(Database)

    const DatabaseConfig &config() const { return m_config; }
    Engine engine() const { return m_config.engine; }

    // Opens the calling thread's connection and reports why when it cannot.
    [[nodiscard]] bool open(QString *error) const;
    // Brings the schema up to date (forward-only migrations, each in a transaction).
    [[nodiscard]] bool migrate(QString *error) const;
    int schemaVersion() const;

    QSqlDatabase connection() const;

    static bool isAvailable(Engine engine, QString *error);

private:
    QString connectionNameForThisThread() const;
    [[nodiscard]] bool configure(QSqlDatabase &db, QString *error) const;

    DatabaseConfig m_config;
    quint64 m_id;
    QString m_prefix;
};

} // namespace Gatehouse
