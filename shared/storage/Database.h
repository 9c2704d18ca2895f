#pragma once

#include "ChangeStamp.h"
#include "DatabaseConfig.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

#include <optional>

namespace Gatehouse {

struct ThreadConnection;

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

    // Where the calling thread's connection stands in the database's history, for deciding
    // cheaply whether what it read before still holds (see ChangeStamp). There is none inside
    // a transaction, or when it cannot be read (error says why): callers then read afresh.
    std::optional<ChangeStamp> changeStamp(QString *error) const;

    // Closes the calling thread's connection and opens it again, after the server went away or
    // the SQLite file was moved. A missing SQLite file is an error here, not a new empty
    // database: reconnecting must never create one in place of the real one.
    [[nodiscard]] bool reconnect(QString *error) const;
    // Closes the calling thread's connection, e.g. while the database cannot be reached, so
    // that nothing keeps using a broken one (queries then fail at once instead of hanging).
    void closeConnection() const;

    // A connection of the caller's own (named after purpose), separate from the per-thread
    // one, for work that must not share it, like listening for PostgreSQL notifications.
    // Returns an invalid QSqlDatabase on failure; release it with closeSeparateConnection().
    QSqlDatabase openSeparateConnection(const QString &purpose, QString *error) const;
    static void closeSeparateConnection(const QString &connectionName);

    static bool isAvailable(Engine engine, QString *error);

private:
    friend class SqlQuery;
    friend class Transaction;
    ThreadConnection &threadConnection() const;
    // The calling thread's connection, opened again first when PostgreSQL went away under it
    // (outside a transaction, at most about once a second). It may still be lost after.
    ThreadConnection &usableConnection() const;
    // A statement prepared for sql on the calling thread's connection: a free one from the
    // cache, or a new one. SqlQuery hands it back when done; generation tells whether the
    // connection it was prepared on is still the one open. On a lost connection nothing is
    // prepared and prepareError says so.
    QSqlQuery takeStatement(const QString &sql, ThreadConnection **connection, quint64 *generation,
                            QString *prepareError) const;
    // Back into connection's cache, unless the connection was replaced since it was taken.
    static void returnStatement(ThreadConnection &connection, const QString &sql,
                                quint64 generation, QSqlQuery &&query);
    // After a statement on connection failed: when the PostgreSQL connection under it is gone,
    // marks it lost (one warning with failure) and replaces it (at once outside a
    // transaction). True when it was gone.
    bool noteFailure(ThreadConnection &connection, const QString &failure) const;
    // Runs sql unprepared on connection (transaction control), noting a lost connection.
    [[nodiscard]] bool execDirect(ThreadConnection &connection, const QString &sql,
                                  QString *error) const;
    // Lets go of the connection's driver and puts a new, unopened one in its place.
    void abandon(ThreadConnection &connection) const;
    // Closes it on purpose (reconnect(), closeConnection()): statements and transactions go.
    void releaseConnection(ThreadConnection &connection) const;
    void tryToRecover(ThreadConnection &connection) const;

    QString connectionNameForThisThread() const;
    bool sqliteFileMissing() const;
    [[nodiscard]] bool configure(QSqlDatabase &db, QString *error) const;

    DatabaseConfig m_config;
    quint64 m_id;
    QString m_prefix;
};

} // namespace Gatehouse
