// Activity ids are drawn in the order their transactions commit, on both engines: a reader that
// has seen id N (the console's feed, the portal's home cache) never misses a smaller id that
// commits later.
#include "TestDatabase.h"

#include "core/Clock.h"
#include "services/WorkspaceSetup.h"
#include "storage/ActivityRepository.h"
#include "storage/DirectoryRepository.h"
#include "storage/Transaction.h"

#include <QAtomicInt>
#include <QScopeGuard>
#include <QSemaphore>
#include <QTest>
#include <QThread>

using namespace Gatehouse;
using Gatehouse::Testing::TestDatabase;

class TestCommitOrder : public QObject
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
        DemoCredentials credentials;
        bool created = false;
        QVERIFY2(WorkspaceSetup(m_test->db(), Clock::system())
                     .ensureDemo(&credentials, &created, &error),
                 qPrintable(error));
        const std::optional<Workspace> workspace
            = DirectoryRepository(m_test->db()).workspace(&error);
        QVERIFY2(workspace, qPrintable(error));
        m_workspaceId = workspace->id;
    }
    void cleanup() { m_test.reset(); }

    void aLaterTransactionWaitsForTheOneThatDrewTheSmallerId();

private:
    std::unique_ptr<TestDatabase> m_test;
    qint64 m_workspaceId = 0;
};

void TestCommitOrder::aLaterTransactionWaitsForTheOneThatDrewTheSmallerId()
{
    const Database &db = m_test->db();
    const auto append = [&db, this](const QString &kind, qint64 *id) {
        QString error;
        ActivityRepository activity(db);
        if (!activity.append(m_workspaceId, {0, 0, 0, 0, kind, QStringLiteral("test"), kind, 0}, 0,
                             &error)) {
            qWarning("append: %s", qPrintable(error));
            return false;
        }
        const QList<ActivityEvent> events = activity.since(0, 100000, &error);
        *id = events.isEmpty() ? 0 : events.last().id;
        return true;
    };
    QString error;
    const qint64 before = ActivityRepository(db).latestId(&error);

    // The first writer draws its id and holds its transaction open.
    QSemaphore firstAppended;
    QSemaphore firstMayCommit;
    qint64 firstId = 0;
    bool firstOk = false;
    std::unique_ptr<QThread> first(QThread::create([&] {
        Transaction transaction(db);
        QString commitError;
        firstOk = transaction.isActive() && append(QStringLiteral("first"), &firstId);
        firstAppended.release();
        firstMayCommit.acquire();
        firstOk = firstOk && transaction.commit(&commitError);
    }));
    first->start();
    // Whatever fails below, the first writer is let go and both threads end.
    std::unique_ptr<QThread> second;
    const auto finish = qScopeGuard([&] {
        firstMayCommit.release(); // a second permit, if it had one, changes nothing
        first->wait();
        if (second) {
            second->wait();
        }
    });
    QVERIFY(firstAppended.tryAcquire(1, 20000));

    // The second writer starts after it and would commit first if nothing held it back.
    QAtomicInt secondDone = 0;
    qint64 secondId = 0;
    bool secondOk = false;
    second.reset(QThread::create([&] {
        Transaction transaction(db);
        QString commitError;
        secondOk = transaction.isActive() && append(QStringLiteral("second"), &secondId)
                   && transaction.commit(&commitError);
        secondDone.storeRelease(1);
    }));
    second->start();
    QTest::qWait(500); // time enough for the second to commit, were it free to
    const qint64 seenMeanwhile = ActivityRepository(db).latestId(&error);
    QCOMPARE(secondDone.loadAcquire(), 0);

    firstMayCommit.release();
    QVERIFY(first->wait(20000));
    QVERIFY(second->wait(20000));
    QVERIFY(firstOk);
    QVERIFY(secondOk);
    QCOMPARE(seenMeanwhile, before); // nothing committed while the first was open
    QVERIFY2(firstId > seenMeanwhile && secondId > firstId,
             qPrintable(QStringLiteral("before %1, seen %2, first %3, second %4")
                            .arg(before)
                            .arg(seenMeanwhile)
                            .arg(firstId)
                            .arg(secondId)));
}

QTEST_GUILESS_MAIN(TestCommitOrder)
#include "tst_commit_order.moc"
