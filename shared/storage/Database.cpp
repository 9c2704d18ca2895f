#include "Database.h"

#include "Migrations.h"
#include "SqlQuery.h"
#include "core/Logging.h"

#include <QAtomicInteger>
#include <QSqlError>
#include <QThread>

#include <map>

namespace Gatehouse {

namespace {

// Removes a thread's connections when that thread ends.
struct ThreadConnections
{
    std::map<QString, bool> names;
    ~ThreadConnections()
    {
        for (const auto &entry : names) {
            {
                QSqlDatabase db = QSqlDatabase::database(entry.first, false);
                if (db.isValid()) {
                    db.close();
                }
            }
            QSqlDatabase::removeDatabase(entry.first);
        }
    }
};

thread_local ThreadConnections t_connections;
QAtomicInteger<quint64> s_nextInstance = 0;

} // namespace

Database::Database(DatabaseConfig config)
    : m_config(std::move(config))
    , m_prefix(QStringLiteral("gatehouse-%1-").arg(s_nextInstance.fetchAndAddRelaxed(1)))
{}

Database::~Database()
{
    // Only the creating thread's connection can be removed here; other threads clean up
    // their own when they finish.
    const QString name = connectionNameForThisThread();
    if (t_connections.names.erase(name) > 0) {
        {
            QSqlDatabase db = QSqlDatabase::database(name, false);
            db.close();
        }
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
        const char *pragmas[]
            = {"PRAGMA journal_mode=WAL", "PRAGMA foreign_keys=ON", "PRAGMA synchronous=NORMAL"};
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
    const QString name = connectionNameForThisThread();
    if (t_connections.names.count(name) > 0) {
        return QSqlDatabase::database(name, false);
    }
    const QString driver
        = m_config.engine == Engine::Sqlite ? QStringLiteral("QSQLITE") : QStringLiteral("QPSQL");
    QSqlDatabase db = QSqlDatabase::addDatabase(driver, name);
    t_connections.names.emplace(name, true);
    QString error;
    if (!configure(db, &error)) {
        qCDebug(lcStorage).noquote() << error; // open() reports it to whoever asked
    }
    return db;
}

bool Database::open(QString *error) const
{
    if (!isAvailable(m_config.engine, error)) {
        return false;
    }
    QSqlDatabase db = connection();
    if (db.isOpen()) {
        return true;
    }
    return configure(db, error);
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
