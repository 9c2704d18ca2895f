// Database::changeStamp, what the portal's caches rest on: on SQLite it moves on with every
// commit, whichever connection made it (this thread's, another thread's, another program's),
// and with a connection opened again; it stays put while nothing is written. PostgreSQL has none.
#include "OtherConnection.h"
#include "TestDatabase.h"

#include "storage/DirectoryRepository.h"
#include "storage/SqlQuery.h"
#include "storage/StampedCache.h"
#include "storage/Transaction.h"

#include <QFile>
#include <QTest>

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

} // namespace

class TestChangeStamp : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_test = TestDatabase::create(QStringLiteral("sqlite"));
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
    void postgresHasNone();
    void aStampedCacheForgetsOnChange();

private:
    std::unique_ptr<TestDatabase> m_test;
};

void TestChangeStamp::readingChangesNothing()
{
    const Database &db = m_test->db();
    const std::optional<ChangeStamp> first = stampOf(db);
    QVERIFY(first);
    QString error;
    QVERIFY(DirectoryRepository(db).workspace(&error));
    QCOMPARE(stampOf(db), first);
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
    QCOMPARE(stampOf(db), after);

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
    // A connection of SQLite's own, outside Qt and Database, as another program has.
    const Database &db = m_test->db();
    const std::optional<ChangeStamp> before = stampOf(db);
    QVERIFY(before);
    sqlite3 *other = nullptr;
    QCOMPARE(sqlite3_open_v2(QFile::encodeName(db.config().sqliteFile).constData(), &other,
                             SQLITE_OPEN_READWRITE, nullptr),
             SQLITE_OK);
    const int rc = sqlite3_exec(other, "UPDATE workspace SET name = 'Another program'", nullptr,
                                nullptr, nullptr);
    sqlite3_close_v2(other);
    QCOMPARE(rc, SQLITE_OK);
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

void TestChangeStamp::postgresHasNone()
{
    QString error;
    const std::unique_ptr<TestDatabase> pg = TestDatabase::create(Engine::Postgres, &error);
    QVERIFY2(pg, qPrintable(error));
    QVERIFY(!pg->db().changeStamp(&error));
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void TestChangeStamp::aStampedCacheForgetsOnChange()
{
    StampedCache<int, QString> cache(2);
    const ChangeStamp first{1, 1, 0};
    cache.sync(first);
    cache.insert(1, QStringLiteral("one"));
    cache.insert(2, QStringLiteral("two"));
    cache.sync(first);
    QCOMPARE(*cache.find(1), QStringLiteral("one"));
    // Full: a third value starts over rather than grow.
    cache.insert(3, QStringLiteral("three"));
    QVERIFY(!cache.find(1));
    QCOMPARE(*cache.find(3), QStringLiteral("three"));
    cache.sync(ChangeStamp{1, 2, 0});
    QVERIFY(!cache.find(3));
    // Without a stamp nothing is kept.
    cache.sync(std::nullopt);
    cache.insert(4, QStringLiteral("four"));
    QVERIFY(!cache.find(4));
}

QTEST_GUILESS_MAIN(TestChangeStamp)
#include "tst_change_stamp.moc"
