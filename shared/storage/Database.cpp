#include "Database.h"

#include "Migrations.h"
#include "SqlQuery.h"
#include "SqliteHandle.h"
#include "ThreadConnection.h"
#include "core/Logging.h"

#include <QAtomicInteger>
#include <QFileInfo>
#include <QHash>
#include <QSqlDriver>
#include <QSqlError>
#include <QStringList>
#include <QThread>
#include <QThreadStorage>

#include <libpq-fe.h>
#include <sqlite3.h>

#include <memory>
#include <unordered_map>

namespace Gatehouse {

// While PostgreSQL cannot be reached, each thread tries to reconnect at most this often.
constexpr int kReconnectIntervalMs = 1000;

namespace {

// Closes the connection and lets go of its driver, then of the statements prepared on it: with
// their driver gone they do not each try to DEALLOCATE (closing frees them on the server
// anyway), which on a connection PostgreSQL cut would be a warning apiece.
void release(ThreadConnection &connection)
{
    const QString name = connection.db.connectionName();
    connection.db.close();
    connection.db = QSqlDatabase();
    QSqlDatabase::removeDatabase(name);
    connection.dropStatements();
}

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
        for (auto &[id, connection] : byInstance) {
            release(connection);
        }
        byInstance.clear();
    }
};

QThreadStorage<ThreadConnections> t_connections;
QAtomicInteger<quint64> s_nextInstance = 0;

QString driverName(Engine engine)
{
    return engine == Engine::Sqlite ? QStringLiteral("QSQLITE") : QStringLiteral("QPSQL");
}

QString lostMessage()
{
    return QStringLiteral("The connection to the database is lost; it is being reopened.");
}

// After a failed statement: whether libpq itself says the server is gone. Qt's driver keeps
// such a connection, only its isOpen() turns false. A server shutting down sends its FATAL
// error and closes the socket; libpq notices the close when it reads on, so it is asked to.
bool serverGone(const QSqlDatabase &db)
{
    const QVariant handle = db.driver()->handle();
    // Qt 6 names the type as the compiler spells it (the struct behind the typedef).
    if (qstrcmp(handle.typeName(), "pg_conn*") != 0 && qstrcmp(handle.typeName(), "PGconn*") != 0) {
        return false;
    }
    PGconn *connection = *static_cast<PGconn *const *>(handle.constData());
    if (connection == nullptr) {
        return false; // closed on purpose
    }
    if (PQstatus(connection) == CONNECTION_OK) {
        (void)PQconsumeInput(connection); // never blocks; on end of input it marks the status
    }
    return PQstatus(connection) == CONNECTION_BAD;
}

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
        release(found->second);
        connections.erase(found);
    }
}

bool Database::isAvailable(Engine engine, QString *error)
{
    const QString driver = driverName(engine);
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

std::optional<ChangeStamp> Database::changeStamp(QString *error) const
{
    const ThreadConnection &connection = threadConnection();
    // Inside a transaction the connection sees its own snapshot, not where the database stands.
    if (connection.transactionDepth > 0) {
        return std::nullopt;
    }
    if (m_config.engine == Engine::Postgres) {
        // Its own implicit transaction, so a snapshot taken now (PostgreSQL 13 or later; an
        // older server has no stamp, and callers read afresh).
        SqlQuery query(*this, QStringLiteral("SELECT pg_current_snapshot()::text"));
        if (!query.exec(error) || !query.next()) {
            return std::nullopt;
        }
        ChangeStamp stamp;
        stamp.connection = connection.generation; // after the query: it may have reconnected
        stamp.snapshot = query.text(0).toLatin1();
        return stamp;
    }
    // A read transaction that touches no table: it makes the connection look at the write-ahead
    // log's header, which is where another connection's commit shows.
    SqlQuery query(*this, QStringLiteral("PRAGMA data_version"));
    if (!query.exec(error) || !query.next()) {
        return std::nullopt;
    }
    sqlite3 *handle = sqliteHandle(connection.db);
    if (handle == nullptr) {
        return std::nullopt;
    }
    return ChangeStamp{connection.generation, query.int64(0), sqlite3_total_changes64(handle)};
}

ThreadConnection &Database::threadConnection() const
{
    auto &connections = t_connections.localData().byInstance;
    const auto found = connections.find(m_id);
    if (found != connections.end()) {
        return found->second;
    }
    ThreadConnection &connection = connections[m_id];
    connection.db
        = QSqlDatabase::addDatabase(driverName(m_config.engine), connectionNameForThisThread());
    QString error;
    if (!configure(connection.db, &error)) {
        qCDebug(lcStorage).noquote() << error; // open() reports it to whoever asked
        if (m_config.engine == Engine::Postgres) {
            // A portal thread started while the server was down tries again later by itself.
            connection.db.close();
            connection.lost = true;
            connection.retryAt.setRemainingTime(kReconnectIntervalMs);
        }
    }
    return connection;
}

ThreadConnection &Database::usableConnection() const
{
    ThreadConnection &connection = threadConnection();
    if (Q_UNLIKELY(connection.lost)) {
        tryToRecover(connection);
    }
    return connection;
}

void Database::abandon(ThreadConnection &connection) const
{
    const QString name = connection.db.connectionName();
    release(connection);
    connection.db = QSqlDatabase::addDatabase(driverName(m_config.engine), name);
}

void Database::tryToRecover(ThreadConnection &connection) const
{
    // A transaction on the lost connection is gone with it: its remaining statements fail, and
    // none of them may run on a new connection outside it.
    if (connection.transactionDepth > 0 || !connection.retryAt.hasExpired()) {
        return;
    }
    connection.retryAt.setRemainingTime(kReconnectIntervalMs);
    QString error;
    if (configure(connection.db, &error)) {
        connection.lost = false;
        qCInfo(lcStorage).noquote() << "reconnected to the database" << m_config.describe();
        return;
    }
    connection.db.close();
    qCWarning(lcStorage).noquote() << error << "(trying again in a second)";
}

bool Database::noteFailure(ThreadConnection &connection, const QString &failure) const
{
    if (m_config.engine != Engine::Postgres || connection.lost || !serverGone(connection.db)) {
        return false;
    }
    qCWarning(lcStorage).noquote() << "the connection to the database was lost:" << failure;
    connection.lost = true;
    connection.retryAt = QDeadlineTimer();
    abandon(connection);
    tryToRecover(connection);
    return true;
}

bool Database::execDirect(ThreadConnection &connection, const QString &sql, QString *error) const
{
    QString message;
    if (connection.lost) {
        message = lostMessage();
    } else {
        QSqlQuery query(connection.db);
        if (query.exec(sql)) {
            return true;
        }
        message = query.lastError().text();
    }
    if (!connection.lost) {
        (void)noteFailure(connection, message + QStringLiteral(" in ") + sql);
    }
    if (error) {
        *error = QStringLiteral("Database error: %1").arg(message);
    }
    return false;
}

QSqlQuery Database::takeStatement(const QString &sql, ThreadConnection **connectionOut,
                                  quint64 *generation, QString *prepareError) const
{
    ThreadConnection &connection = usableConnection();
    *connectionOut = &connection;
    *generation = connection.generation;
    if (Q_UNLIKELY(connection.lost)) {
        // Nothing is sent: the statement fails at once until the connection is back.
        *prepareError = lostMessage();
        return QSqlQuery(connection.db);
    }
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

void Database::returnStatement(ThreadConnection &connection, const QString &sql, quint64 generation,
                               QSqlQuery &&query)
{
    // Let go of the result first: an SQLite statement not reset would hold its read snapshot
    // (and block a commit); a PostgreSQL one would keep the connection busy.
    query.finish();
    if (connection.generation == generation && connection.db.isOpen()) {
        connection.statements.insert(sql, new QSqlQuery(std::move(query)));
    }
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
    if (!configure(connection.db, error)) {
        return false;
    }
    connection.lost = false;
    return true;
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
    releaseConnection(connection);
    return configure(connection.db, error);
}

void Database::releaseConnection(ThreadConnection &connection) const
{
    if (m_config.engine == Engine::Postgres) {
        abandon(connection);
    } else {
        connection.dropStatements();
        connection.db.close();
    }
    // Whoever closes it deliberately decides when it opens again; no transaction survives.
    connection.lost = false;
    connection.transactionDepth = 0;
}

void Database::closeConnection() const
{
    if (!t_connections.hasLocalData()) {
        return;
    }
    auto &connections = t_connections.localData().byInstance;
    const auto found = connections.find(m_id);
    if (found != connections.end()) {
        releaseConnection(found->second);
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
    const QString name = m_prefix + purpose;
    QSqlDatabase db = QSqlDatabase::addDatabase(driverName(m_config.engine), name);
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
