#include "Database.h"

#include "Migrations.h"
#include "SqlQuery.h"
#include "core/Logging.h"

#include <QAtomicInteger>
#include <QCache>
#include <QFileInfo>
#include <QHash>
#include <QSqlError>
#include <QStringList>
#include <QThread>
#include <QThreadStorage>

#include <memory>
#include <unordered_map>

namespace Gatehouse {

constexpr int kStatementCacheSize = 256;

// One thread's connection to one database, with the statements prepared on it.
struct ThreadConnection
{
    QSqlDatabase db;
    // SQL text -> a statement prepared for it and free to use (at most kStatementCacheSize, the
    // least recently used dropped first). Preparing is most of the cost of a small query: SQLite
    // parses and plans the SQL again, and PostgreSQL spends two extra round trips (PREPARE,
    // then DEALLOCATE) besides the EXECUTE.
    QCache<QString, QSqlQuery> statements{kStatementCacheSize};
    // Counts the times the statements were dropped; a statement handed out before cannot come
    // back after, as it belongs to a connection that was closed.
    quint64 generation = 0;

    void dropStatements()
    {
        statements.clear();
        ++generation;
    }
};

namespace {

// This thread's connections by database instance, closed and removed when the thread ends.
// Looking one up is a hash probe: no connection name is built and no global lock is taken, which
// matters because every query asks for its connection.
//
// Held in QThreadStorage rather than thread_local: Qt destroys it while the QThread is finishing,
// before QThread::wait() returns. A thread_local would be destroyed after that, as the thread
// exits, and could race the process's own exit tearing down Qt SQL's connection registry.
struct ThreadConnections
{
    std::unordered_map<quint64, ThreadConnection> byInstance;
    ~ThreadConnections()
    {
        QStringList names;
        for (auto &[id, connection] : byInstance) {
            connection.dropStatements();
            names.append(connection.db.connectionName());
            connection.db.close();
        }
        byInstance.clear(); // drop our handles before the connections go
        for (const QString &name : std::as_const(names)) {
            QSqlDatabase::removeDatabase(name);
        }
    }
};

QThreadStorage<ThreadConnections> t_connections;
QAtomicInteger<quint64> s_nextInstance = 0;

} // namespace

Database::Database(DatabaseConfig config)
    : m_config(std::move(config))
    , m_id(s_nextInstance.fetchAndAddRelaxed(1))
    , m_prefix(QStringLiteral("gatehouse-%1-").arg(m_id))
{}

Database::~Database()
{
    // Only the creating thread's connection can be removed here; other threads clean up
    // their own when they finish.
    if (!t_connections.hasLocalData()) {
        return;
    }
    auto &connections = t_connections.localData().byInstance;
    const auto found = connections.find(m_id);
    if (found != connections.end()) {
        found->second.dropStatements();
        const QString name = found->second.db.connectionName();
        found->second.db.close();
        connections.erase(found);
        QSqlDatabase::removeDatabase(name);
    }
}

bool Database::isAvailable(Engine engine, QString *error)
{
    const QString driver
        = engine == Engine::Sqlite ? QStringLiteral("QSQLITE") : QStringLiteral("QPSQL");
    if (QSqlDatabase::isDriverAvailable(driver)) {
        return true;
    }
    if (error) {
        *error = QStringLiteral("The Qt SQL driver %1 is not installed.").arg(driver);
    }
    return false;
}

QString Database::connectionNameForThisThread() const
{
    return m_prefix + QString::number(reinterpret_cast<quintptr>(QThread::currentThreadId()), 16);
}

bool Database::configure(QSqlDatabase &db, QString *error) const
{
    if (m_config.engine == Engine::Sqlite) {
        db.setDatabaseName(m_config.sqliteFile);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
    } else {
        db.setHostName(m_config.host);
        db.setPort(m_config.port);
        db.setDatabaseName(m_config.databaseName);
        db.setUserName(m_config.user);
        db.setPassword(m_config.password);
        db.setConnectOptions(QStringLiteral("connect_timeout=5"));
    }
    if (!db.open()) {
        if (error) {
            *error = QStringLiteral("Cannot open the database %1: %2")
                         .arg(m_config.describe(), db.lastError().text());
        }
        return false;
    }
    if (m_config.engine == Engine::Sqlite) {
        // WAL lets the console and a separate portal process read while the other writes.
        // secure_delete: what is deleted (a purged file drop's ciphertext, a removed upload) is
        // overwritten with zeros, not left in free pages of the file.
        const char *pragmas[] = {"PRAGMA journal_mode=WAL", "PRAGMA foreign_keys=ON",
                                 "PRAGMA synchronous=NORMAL", "PRAGMA secure_delete=ON"};
        for (const char *pragma : pragmas) {
            QSqlQuery query(db);
            if (!query.exec(QString::fromLatin1(pragma))) {
                if (error) {
                    *error = QStringLiteral("Cannot configure the SQLite database: %1")
                                 .arg(query.lastError().text());
                }
                return false;
            }
        }
    } else {
        QSqlQuery query(db);
        if (!query.exec(QStringLiteral("SET client_min_messages TO WARNING"))) {
            if (error) {
                *error = query.lastError().text();
            }
            return false;
        }
    }
    return true;
}

QSqlDatabase Database::connection() const
{
    return threadConnection().db;
}

ThreadConnection &Database::threadConnection() const
{
    auto &connections = t_connections.localData().byInstance;
    const auto found = connections.find(m_id);
    if (found != connections.end()) {
        return found->second;
    }
    const QString driver
        = m_config.engine == Engine::Sqlite ? QStringLiteral("QSQLITE") : QStringLiteral("QPSQL");
    ThreadConnection &connection = connections[m_id];
    connection.db = QSqlDatabase::addDatabase(driver, connectionNameForThisThread());
    QString error;
    if (!configure(connection.db, &error)) {
        qCDebug(lcStorage).noquote() << error; // open() reports it to whoever asked
    }
    return connection;
}

QSqlQuery Database::takeStatement(const QString &sql, quint64 *generation,
                                  QString *prepareError) const
{
    ThreadConnection &connection = threadConnection();
    *generation = connection.generation;
    if (std::unique_ptr<QSqlQuery> cached{connection.statements.take(sql)}) {
        return std::move(*cached);
    }
    QSqlQuery query(connection.db);
    query.setForwardOnly(true);
    if (!query.prepare(sql)) {
        *prepareError = query.lastError().text();
    }
    return query;
}

void Database::returnStatement(const QString &sql, quint64 generation, QSqlQuery &&query) const
{
    // Let go of the result first: an SQLite statement not reset would hold its read snapshot
    // (and block a commit); a PostgreSQL one would keep the connection busy.
    query.finish();
    if (!t_connections.hasLocalData()) {
        return;
    }
    auto &connections = t_connections.localData().byInstance;
    const auto found = connections.find(m_id);
    if (found == connections.end() || found->second.generation != generation
        || !found->second.db.isOpen()) {
        return;
    }
    found->second.statements.insert(sql, new QSqlQuery(std::move(query)));
}

bool Database::open(QString *error) const
{
    if (!isAvailable(m_config.engine, error)) {
        return false;
    }
    ThreadConnection &connection = threadConnection();
    if (connection.db.isOpen()) {
        return true;
    }
    connection.dropStatements();
    return configure(connection.db, error);
}

bool Database::sqliteFileMissing() const
{
    return m_config.engine == Engine::Sqlite && m_config.sqliteFile != QLatin1String(":memory:")
           && !QFileInfo::exists(m_config.sqliteFile);
}

bool Database::reconnect(QString *error) const
{
    if (sqliteFileMissing()) {
        if (error) {
            *error = QStringLiteral("The database file %1 is missing.").arg(m_config.sqliteFile);
        }
        return false;
    }
    ThreadConnection &connection = threadConnection();
    connection.dropStatements();
    connection.db.close();
    return configure(connection.db, error);
}

void Database::closeConnection() const
{
    if (!t_connections.hasLocalData()) {
        return;
    }
    auto &connections = t_connections.localData().byInstance;
    const auto found = connections.find(m_id);
    if (found != connections.end()) {
        found->second.dropStatements();
        found->second.db.close();
    }
}

QSqlDatabase Database::openSeparateConnection(const QString &purpose, QString *error) const
{
    if (sqliteFileMissing()) {
        if (error) {
            *error = QStringLiteral("The database file %1 is missing.").arg(m_config.sqliteFile);
        }
        return {};
    }
    const QString driver
        = m_config.engine == Engine::Sqlite ? QStringLiteral("QSQLITE") : QStringLiteral("QPSQL");
    const QString name = m_prefix + purpose;
    QSqlDatabase db = QSqlDatabase::addDatabase(driver, name);
    if (!configure(db, error)) {
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(name);
        return {};
    }
    return db;
}

void Database::closeSeparateConnection(const QString &connectionName)
{
    if (connectionName.isEmpty()) {
        return;
    }
    {
        QSqlDatabase db = QSqlDatabase::database(connectionName, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(connectionName);
}

bool Database::migrate(QString *error) const
{
    return Migrations::run(*this, error);
}

int Database::schemaVersion() const
{
    return Migrations::currentVersion(*this);
}

} // namespace Gatehouse
