// The console hears of changes as they are committed: on PostgreSQL through LISTEN/NOTIFY,
// without waiting for its next poll.
#include "TestDatabase.h"

#include "core/ActivityWatcher.h"
#include "core/Clock.h"
#include "services/WorkspaceSetup.h"
#include "storage/ActivityRepository.h"
#include "storage/DirectoryRepository.h"

#include <QSignalSpy>
#include <QTest>
#include <QThread>

using namespace Gatehouse;
using Gatehouse::Testing::TestDatabase;

class TestActivityWatcher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addEngineRows(); }
    void aChangeFromAnotherConnectionIsHeardAtOnce();
};

void TestActivityWatcher::aChangeFromAnotherConnectionIsHeardAtOnce()
{
    QFETCH_GLOBAL(QString, engine);
    if (engine != QLatin1String("postgresql")) {
        QSKIP("SQLite has no notifications; the console polls it (tst_console_models)");
    }
    std::unique_ptr<TestDatabase> test = TestDatabase::create(engine);
    QVERIFY(test);
    QString error;
    QVERIFY2(WorkspaceSetup(test->db(), Clock::system()).ensureDemo(nullptr, nullptr, &error),
             qPrintable(error));
    const qint64 workspaceId = DirectoryRepository(test->db()).workspace(&error)->id;

    ActivityWatcher watcher(test->db());
    watcher.setIntervalMs(60 * 1000); // far beyond the wait below: only a notification can do it
    QSignalSpy heard(&watcher, &ActivityWatcher::activity);
    watcher.start();
    QVERIFY(watcher.isListening());

    // A client acts through the portal: another thread, its own connection.
    QThread *portal = QThread::create([&test, workspaceId] {
        ActivityEvent event;
        event.kind = QStringLiteral("task.completed");
        event.actor = QStringLiteral("jordan@example.com");
        event.summary = QStringLiteral("Jordan completed a task");
        QString threadError;
        if (!ActivityRepository(test->db())
                 .append(workspaceId, event, Clock::system().nowMs(), &threadError)) {
            qWarning().noquote() << threadError;
        }
    });
    portal->start();
    QVERIFY(portal->wait(10000));
    delete portal;
    QTRY_COMPARE_WITH_TIMEOUT(heard.count(), 1, 2000);
    const auto events = heard.first().first().value<QList<ActivityEvent>>();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.first().kind, QStringLiteral("task.completed"));
}

QTEST_MAIN(TestActivityWatcher)
#include "tst_activity_watcher.moc"
