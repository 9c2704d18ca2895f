// Statements prepared once per thread connection and reused (SqlQuery, Database), on both
// engines: reuse is real, results stay right, and nothing outlives its connection or its use.
#include "TestDatabase.h"

#include "storage/SqlQuery.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QSqlResult>
#include <QTest>

#include <sqlite3.h>

using namespace Gatehouse;
using Gatehouse::Testing::TestDatabase;

namespace {

// A query of its own, so that no other code has this text in the cache.
const QString kAddOne = QStringLiteral("SELECT CAST(? AS INTEGER) + 1 /* statement cache test */");
const QString kNumbers = QStringLiteral("SELECT n FROM cache_test ORDER BY n");

} // namespace

class TestStatementCache : public QObject
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
        QSqlQuery create(m_test->db().connection()); // DDL cannot be prepared on PostgreSQL
        QVERIFY2(create.exec(QStringLiteral("CREATE TABLE cache_test (n INTEGER)")),
                 qPrintable(create.lastError().text()));
        for (int n = 1; n <= 3; ++n) {
            SqlQuery insert(m_test->db(), QStringLiteral("INSERT INTO cache_test (n) VALUES (?)"));
            insert << n;
            QVERIFY2(insert.exec(&error), qPrintable(error));
        }
    }
    void cleanup() { m_test.reset(); }

    void aStatementIsPreparedOnceAndGivesEachRunsOwnResult();
    void theSameStatementCanRunInsideItself();
    void aStatementLeftUnreadLetsGoOfItsResult();
    void reconnectingDropsTheStatements();
    void aStatementFromBeforeAReconnectIsNotTakenBack();

private:
    bool isSqlite() const { return m_test->db().engine() == Engine::Sqlite; }
    // How many times SQLite has run the statement behind query, or how many statements
    // PostgreSQL holds prepared for kAddOne on this connection.
    qint64 preparedTimes(SqlQuery &query);
    int addOne(int value, QString *error);

    std::unique_ptr<TestDatabase> m_test;
};

qint64 TestStatementCache::preparedTimes(SqlQuery &query)
{
    if (isSqlite()) {
        const QVariant handle = query.raw().result()->handle();
        auto *statement = *static_cast<sqlite3_stmt *const *>(handle.constData());
        return statement ? sqlite3_stmt_status(statement, SQLITE_STMTSTATUS_RUN, 0) : -1;
    }
    SqlQuery held(m_test->db(), QStringLiteral("SELECT COUNT(*) FROM pg_prepared_statements "
                                               "WHERE statement LIKE ?"));
    held << QStringLiteral("%statement cache test%");
    QString error;
    return held.exec(&error) && held.next() ? held.int64(0) : -1;
}

int TestStatementCache::addOne(int value, QString *error)
{
    SqlQuery query(m_test->db(), kAddOne);
    query << value;
    return query.exec(error) && query.next() ? query.value(0).toInt() : -1;
}

void TestStatementCache::aStatementIsPreparedOnceAndGivesEachRunsOwnResult()
{
    QString error;
    QCOMPARE(addOne(1, &error), 2);
    QCOMPARE(addOne(41, &error), 42);
    SqlQuery third(m_test->db(), kAddOne);
    third << 99;
    QVERIFY2(third.exec(&error) && third.next(), qPrintable(error));
    QCOMPARE(third.value(0).toInt(), 100);
    if (isSqlite()) {
        // All three runs were made with the very statement used now.
        QCOMPARE(preparedTimes(third), 3);
    } else {
        // One statement for the text, kept on the server between uses, not one per use.
        QCOMPARE(preparedTimes(third), 1);
    }
}

void TestStatementCache::theSameStatementCanRunInsideItself()
{
    QString error;
    SqlQuery outer(m_test->db(), kNumbers);
    QVERIFY2(outer.exec(&error), qPrintable(error));
    QList<int> seen;
    while (outer.next()) {
        seen.append(outer.value(0).toInt());
        // The outer statement is in use: this one must be another.
        SqlQuery inner(m_test->db(), kNumbers);
        QVERIFY2(inner.exec(&error), qPrintable(error));
        int rows = 0;
        while (inner.next()) {
            ++rows;
        }
        QCOMPARE(rows, 3);
        if (!isSqlite()) {
            // A PostgreSQL connection has one result pending at a time: a query run inside
            // another ends the outer one's result (Qt's driver, with or without reuse).
            break;
        }
    }
    QCOMPARE(seen, isSqlite() ? QList<int>({1, 2, 3}) : QList<int>({1}));
}

void TestStatementCache::aStatementLeftUnreadLetsGoOfItsResult()
{
    QString error;
    {
        SqlQuery firstRowOnly(m_test->db(), kNumbers);
        QVERIFY2(firstRowOnly.exec(&error) && firstRowOnly.next(), qPrintable(error));
    }
    // PostgreSQL: the connection is free for the next command.
    SqlQuery insert(m_test->db(), QStringLiteral("INSERT INTO cache_test (n) VALUES (4)"));
    QVERIFY2(insert.exec(&error), qPrintable(error));
    if (!isSqlite()) {
        return;
    }
    // SQLite: no read snapshot is held, so another connection's checkpoint can empty the
    // write-ahead log entirely (a statement left mid-result would keep it busy).
    QString name;
    {
        QSqlDatabase other = m_test->db().openSeparateConnection(QStringLiteral("other"), &error);
        QVERIFY2(other.isValid(), qPrintable(error));
        name = other.connectionName();
        QSqlQuery write(other);
        QVERIFY(write.exec(QStringLiteral("INSERT INTO cache_test (n) VALUES (5)")));
        QSqlQuery checkpoint(other);
        QVERIFY(checkpoint.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")));
        QVERIFY(checkpoint.next());
        QCOMPARE(checkpoint.value(0).toInt(), 0); // not busy
    }
    Database::closeSeparateConnection(name);
}

void TestStatementCache::reconnectingDropsTheStatements()
{
    QString error;
    QCOMPARE(addOne(1, &error), 2);
    QVERIFY2(m_test->db().reconnect(&error), qPrintable(error));
    // The cached statement belonged to the closed connection.
    QCOMPARE(addOne(2, &error), 3);
    m_test->db().closeConnection();
    QVERIFY2(m_test->db().open(&error), qPrintable(error));
    QCOMPARE(addOne(3, &error), 4);
}

void TestStatementCache::aStatementFromBeforeAReconnectIsNotTakenBack()
{
    QString error;
    {
        SqlQuery held(m_test->db(), kAddOne);
        held << 1;
        QVERIFY2(held.exec(&error), qPrintable(error));
        QVERIFY2(m_test->db().reconnect(&error), qPrintable(error));
    } // handed back here, after the reconnect
    QCOMPARE(addOne(5, &error), 6);
    QCOMPARE(addOne(6, &error), 7);
}

QTEST_GUILESS_MAIN(TestStatementCache)
#include "tst_statement_cache.moc"
