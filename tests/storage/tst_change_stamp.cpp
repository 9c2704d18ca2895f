// Database::changeStamp, what the portal's caches rest on, on both engines: it moves on with
// every commit, whichever connection made it (this thread's, another thread's, another
// program's), and with a connection opened again; it stays put while nothing is written, and
// there is none inside a transaction.
#include "OtherConnection.h"
#include "PrivatePostgres.h"
#include "TestDatabase.h"

#include "storage/DatabaseConfig.h"
#include "storage/DirectoryRepository.h"
#include "storage/SqlQuery.h"
#include "storage/StampedCache.h"
#include "storage/Transaction.h"

#include <QFile>
#include <QSqlQuery>
#include <QTest>

#include <libpq-fe.h>
#include <sqlite3.h>

using namespace Gatehouse;
using namespace Gatehouse::Testing;

namespace {

std::optional<ChangeStamp> stampOf(const Database &db)
{
    QString error;
    const std::optional<ChangeStamp> stamp = db.changeStamp(&error);
    if (!error.isEmpty()) {
        qWarning("changeStamp: %s", qPrintable(error));
    }
    return stamp;
}

bool renameWorkspace(const Database &db, const QString &name)
{
    SqlQuery query(db, QStringLiteral("UPDATE workspace SET name = ?"));
    query << name;
    QString error;
    if (!query.exec(&error)) {
        qWarning("rename: %s", qPrintable(error));
        return false;
    }
    return true;
}

// libpq's connection string for config: each value quoted, quotes and backslashes escaped.
QByteArray connectionString(const DatabaseConfig &config)
{
    const auto quoted = [](QString value) -> QString {
        value.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
        value.replace(QLatin1Char('\''), QLatin1String("\\'"));
        return QLatin1Char('\'') + value + QLatin1Char('\'');
    };
    return QStringLiteral("host=%1 port=%2 dbname=%3 user=%4 password=%5")
        .arg(quoted(config.host))
        .arg(config.port)
        .arg(quoted(config.databaseName), quoted(config.user), quoted(config.password))
        .toUtf8();
}

// A change made outside Qt and Database altogether, as another program makes it.
bool renameAsAnotherProgram(const DatabaseConfig &config, QString *error)
{
    const char *sql = "UPDATE workspace SET name = 'Another program'";
    if (config.engine == Engine::Sqlite) {
        sqlite3 *other = nullptr;
        int rc = sqlite3_open_v2(QFile::encodeName(config.sqliteFile).constData(), &other,
                                 SQLITE_OPEN_READWRITE, nullptr);
        if (rc == SQLITE_OK) {
            rc = sqlite3_exec(other, sql, nullptr, nullptr, nullptr);
        }
        *error = QString::fromUtf8(sqlite3_errmsg(other));
        sqlite3_close_v2(other);
        return rc == SQLITE_OK;
    }
    PGconn *other = PQconnectdb(connectionString(config).constData());
    PGresult *result = PQstatus(other) == CONNECTION_OK ? PQexec(other, sql) : nullptr;
    const bool ok = result && PQresultStatus(result) == PGRES_COMMAND_OK;
    *error = QString::fromUtf8(PQerrorMessage(other));
    PQclear(result);
    PQfinish(other);
    return ok;
}

} // namespace

class TestChangeStamp : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addEngineRows(); }
    void init()
    {
        QFETCH_GLOBAL(QString, engine);
        m_test = TestDatabase::create(engine);
        QVERIFY(m_test);
        QString error;
        QVERIFY2(DirectoryRepository(m_test->db()).createWorkspace(QStringLiteral("MSP"), 0, &error)
                     > 0,
                 qPrintable(error));
    }
    void cleanup() { m_test.reset(); }

    void readingChangesNothing();
    void ownCommitsMoveItOn();
    void anotherThreadsCommitMovesItOn();
    void anotherProgramsCommitMovesItOn();
    void aRolledBackChangeLeavesNoStaleStamp();
    void reopeningStartsANewHistory();
    void noneInsideATransaction();
    void aStampedCacheForgetsOnChange();

private:
    std::unique_ptr<TestDatabase> m_test;
};

void TestChangeStamp::readingChangesNothing()
{
    QFETCH_GLOBAL(QString, engine);
    if (engine == QLatin1String("sqlite")) {
        const Database &db = m_test->db();
        const std::optional<ChangeStamp> first = stampOf(db);
        QVERIFY(first);
        QString error;
        QVERIFY(DirectoryRepository(db).workspace(&error));
        QCOMPARE(stampOf(db), first);
        return;
    }
    // A PostgreSQL snapshot moves with every transaction of the whole server, and the shared
    // test server has other tests writing: this one is asked on a server of its own.
    PrivatePostgres server;
    QString error;
    QVERIFY2(server.create(&error), qPrintable(error));
    const std::optional<DatabaseConfig> config = DatabaseConfig::fromUrl(server.adminUrl(), &error);
    QVERIFY2(config, qPrintable(error));
    Database db(*config);
    QVERIFY2(db.open(&error), qPrintable(error));
    const std::optional<ChangeStamp> first = stampOf(db);
    QVERIFY(first);
    SqlQuery read(db, QStringLiteral("SELECT count(*) FROM pg_class"));
    QVERIFY2(read.exec(&error) && read.next(), qPrintable(error));
    QCOMPARE(stampOf(db), first);
    QSqlQuery write(db.connection()); // DDL is not prepared on PostgreSQL
    QVERIFY(write.exec(QStringLiteral("CREATE TABLE written (id integer)")));
    QVERIFY(stampOf(db) != first);
}

void TestChangeStamp::ownCommitsMoveItOn()
{
    const Database &db = m_test->db();
    const std::optional<ChangeStamp> before = stampOf(db);
    QVERIFY(before);
    QVERIFY(renameWorkspace(db, QStringLiteral("Renamed")));
    const std::optional<ChangeStamp> after = stampOf(db);
    QVERIFY(after);
    QVERIFY(*after != *before);

    Transaction transaction(db);
    QVERIFY(transaction.isActive());
    QVERIFY(renameWorkspace(db, QStringLiteral("Renamed again")));
    QString error;
    QVERIFY2(transaction.commit(&error), qPrintable(error));
    QVERIFY(stampOf(db) != after);
}

void TestChangeStamp::anotherThreadsCommitMovesItOn()
{
    const Database &db = m_test->db();
    const std::optional<ChangeStamp> before = stampOf(db);
    QVERIFY(before);
    bool renamed = false;
    onOtherConnection([&] { renamed = renameWorkspace(db, QStringLiteral("Elsewhere")); });
    QVERIFY(renamed);
    QVERIFY(stampOf(db) != before);
}

void TestChangeStamp::anotherProgramsCommitMovesItOn()
{
    const Database &db = m_test->db();
    const std::optional<ChangeStamp> before = stampOf(db);
    QVERIFY(before);
    QString error;
    QVERIFY2(renameAsAnotherProgram(db.config(), &error), qPrintable(error));
    QVERIFY(stampOf(db) != before);
}

void TestChangeStamp::aRolledBackChangeLeavesNoStaleStamp()
{
    // Whatever a rolled-back change does to the stamp, the next one still moves on.
    const Database &db = m_test->db();
    {
        Transaction transaction(db);
        QVERIFY(renameWorkspace(db, QStringLiteral("Never")));
    }
    const std::optional<ChangeStamp> afterRollback = stampOf(db);
    QVERIFY(afterRollback);
    QVERIFY(renameWorkspace(db, QStringLiteral("Now")));
    QVERIFY(stampOf(db) != afterRollback);
}

void TestChangeStamp::reopeningStartsANewHistory()
{
    const Database &db = m_test->db();
    const std::optional<ChangeStamp> before = stampOf(db);
    QVERIFY(before);
    QString error;
    QVERIFY2(db.reconnect(&error), qPrintable(error));
    const std::optional<ChangeStamp> after = stampOf(db);
    QVERIFY(after);
    QVERIFY(after->connection != before->connection);
}

void TestChangeStamp::noneInsideATransaction()
{
    const Database &db = m_test->db();
    Transaction transaction(db);
    QVERIFY(transaction.isActive());
    QString error;
    QVERIFY(!db.changeStamp(&error));
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void TestChangeStamp::aStampedCacheForgetsOnChange()
{
    StampedCache<int, QString> cache(2);
    ChangeStamp first;
    first.connection = 1;
    first.othersVersion = 1;
    cache.sync(first);
    cache.insert(1, QStringLiteral("one"));
    cache.insert(2, QStringLiteral("two"));
    cache.sync(first);
    QCOMPARE(*cache.find(1), QStringLiteral("one"));
    // Full: a third value starts over rather than grow.
    cache.insert(3, QStringLiteral("three"));
    QVERIFY(!cache.find(1));
    QCOMPARE(*cache.find(3), QStringLiteral("three"));
    ChangeStamp moved = first;
    moved.snapshot = "1:2:";
    cache.sync(moved);
    QVERIFY(!cache.find(3));
    // Without a stamp nothing is kept.
    cache.sync(std::nullopt);
    cache.insert(4, QStringLiteral("four"));
    QVERIFY(!cache.find(4));
}

QTEST_GUILESS_MAIN(TestChangeStamp)
#include "tst_change_stamp.moc"
