// Conditional requests on the contact's own data: an ETag on every answer, 304 with no body
// while nothing changed, and a new tag once something has.
#include "OtherConnection.h"
#include "PortalClient.h"
#include "PortalFixture.h"
#include "TestDatabase.h"
#include "TestStaff.h"

#include "security/Tokens.h"
#include "services/OnboardingService.h"
#include "storage/DirectoryRepository.h"
#include "storage/SqlQuery.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace Gatehouse;
using namespace Gatehouse::Testing;

class TestPortalConditional : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(Tokens::initialise()); }
    void initTestCase_data() { TestDatabase::addEngineRows(); }
    void init();
    void cleanup() { m_portal.stop(); }

    void unchangedDataIsNotSentAgain_data();
    void unchangedDataIsNotSentAgain();
    void noneMatchComparesWeakly_data();
    void noneMatchComparesWeakly();
    void homeFollowsChangesMadeElsewhere();
    void aTaskFollowsChangesMadeElsewhere();

private:
    // Staff complete the task in the console: through a connection other than the portal's.
    bool completeElsewhere(qint64 taskId);

    PortalFixture m_portal;
};

bool TestPortalConditional::completeElsewhere(qint64 taskId)
{
    bool completed = false;
    onOtherConnection([&] {
        // The member is added there too: nothing of this goes through the portal's connection.
        const Actor staff
            = staffActor(m_portal.db(), StaffRole::Technician, QStringLiteral("Dana Admin"));
        ServiceError error;
        completed = OnboardingService(m_portal.db(), m_portal.clock())
                        .setStatusAsStaff(taskId, TaskStatus::Completed, staff, &error);
        if (!completed) {
            qWarning("setStatusAsStaff: %s", qPrintable(error.message));
        }
    });
    return completed;
}

void TestPortalConditional::init()
{
    QFETCH_GLOBAL(QString, engine);
    QString error;
    QVERIFY2(m_portal.start(engine, &error), qPrintable(error));
}

void TestPortalConditional::unchangedDataIsNotSentAgain_data()
{
    QTest::addColumn<bool>("home");
    QTest::addRow("home") << true;
    QTest::addRow("task") << false;
}

void TestPortalConditional::unchangedDataIsNotSentAgain()
{
    QFETCH(bool, home);
    PortalClient browser(m_portal.port());
    QString why;
    QVERIFY2(m_portal.signIn(browser, m_portal.contact().id, &why), qPrintable(why));
    const qint64 taskId = m_portal.taskId(m_portal.contact().companyId, OwnerSide::Client,
                                          EvidenceType::Standard, TaskStatus::Pending);
    QVERIFY(taskId > 0);
    const QString path
        = home ? QStringLiteral("/api/v1/home") : QStringLiteral("/api/v1/tasks/%1").arg(taskId);

    const HttpReply first = browser.get(path);
    QVERIFY2(first.status == 200, first.describe());
    const QByteArray etag = first.header("ETag");
    QVERIFY2(etag.startsWith('"') && etag.endsWith('"') && etag.size() > 20, etag);
    // Personal data stays out of the browser's disk cache; the client keeps the tag itself.
    QCOMPARE(first.header("Cache-Control"), QByteArray("no-store"));
    QCOMPARE(browser.get(path).header("ETag"), etag); // the same data, the same tag

    const HttpReply again = browser.send("GET", path, {}, {}, {{"If-None-Match", etag}});
    QVERIFY2(again.status == 304, again.describe());
    QVERIFY(again.body.isEmpty());
    QCOMPARE(again.header("ETag"), etag);
    QCOMPARE(again.header("Cache-Control"), QByteArray("no-store"));

    const HttpReply done = browser.post(QStringLiteral("/api/v1/tasks/%1/complete").arg(taskId), {},
                                        {{"Origin", PortalFixture::ownOrigin()}});
    QVERIFY2(done.status == 200, done.describe());

    const HttpReply changed = browser.send("GET", path, {}, {}, {{"If-None-Match", etag}});
    QVERIFY2(changed.status == 200, changed.describe());
    const QByteArray newTag = changed.header("ETag");
    QVERIFY(!newTag.isEmpty());
    QVERIFY(newTag != etag);
    const QByteArray completed = "\"status\":\"completed\"";
    QCOMPARE(changed.body.count(completed), first.body.count(completed) + 1);
    const HttpReply settled = browser.send("GET", path, {}, {}, {{"If-None-Match", newTag}});
    QVERIFY2(settled.status == 304, settled.describe());
}

void TestPortalConditional::noneMatchComparesWeakly_data()
{
    QTest::addColumn<QByteArray>("ifNoneMatch"); // %1: the current tag
    QTest::addColumn<int>("status");
    QTest::addRow("the tag") << QByteArray("%1") << 304;
    QTest::addRow("weak form") << QByteArray("W/%1") << 304;
    QTest::addRow("in a list") << QByteArray("\"other\", %1") << 304;
    QTest::addRow("any") << QByteArray("*") << 304;
    QTest::addRow("another tag") << QByteArray("\"other\"") << 200;
    QTest::addRow("unquoted") << QByteArray("@") << 200;
}

void TestPortalConditional::noneMatchComparesWeakly()
{
    QFETCH(QByteArray, ifNoneMatch);
    QFETCH(int, status);
    PortalClient browser(m_portal.port());
    QString why;
    QVERIFY2(m_portal.signIn(browser, m_portal.contact().id, &why), qPrintable(why));
    const HttpReply first = browser.get(QStringLiteral("/api/v1/home"));
    QVERIFY2(first.status == 200, first.describe());
    const QByteArray etag = first.header("ETag");
    const QByteArray unquoted = etag.mid(1, etag.size() - 2);
    const QByteArray header = ifNoneMatch.replace("%1", etag).replace("@", unquoted);
    const HttpReply reply
        = browser.send("GET", QStringLiteral("/api/v1/home"), {}, {}, {{"If-None-Match", header}});
    QVERIFY2(reply.status == status, reply.describe());
    QCOMPARE(reply.body.isEmpty(), status == 304);
    // Without a session, a matching tag earns nothing but the refusal.
    PortalClient stranger(m_portal.port());
    const HttpReply refused
        = stranger.send("GET", QStringLiteral("/api/v1/home"), {}, {}, {{"If-None-Match", etag}});
    QCOMPARE(refused.status, 401);
}

// The server keeps the home body it built; a change made by staff through another connection
// (the console, another portal process) must still show on the next request.
void TestPortalConditional::homeFollowsChangesMadeElsewhere()
{
    PortalClient browser(m_portal.port());
    QString why;
    QVERIFY2(m_portal.signIn(browser, m_portal.contact().id, &why), qPrintable(why));
    const HttpReply before = browser.get(QStringLiteral("/api/v1/home"));
    QVERIFY2(before.status == 200, before.describe());
    QCOMPARE(browser.get(QStringLiteral("/api/v1/home")).body, before.body);

    const qint64 mspTask = m_portal.taskId(m_portal.contact().companyId, OwnerSide::Msp,
                                           EvidenceType::Standard, TaskStatus::Pending);
    QVERIFY(mspTask > 0);
    QVERIFY(completeElsewhere(mspTask));
    const HttpReply after = browser.get(QStringLiteral("/api/v1/home"));
    QVERIFY2(after.status == 200, after.describe());
    const QByteArray completed = "\"status\":\"completed\"";
    QCOMPARE(after.body.count(completed), before.body.count(completed) + 1);
    QVERIFY(after.header("ETag") != before.header("ETag"));
}

// The server keeps the tasks it read while the database is unchanged; a task completed by staff
// through another connection, or moved out of the company's reach, shows so at once.
void TestPortalConditional::aTaskFollowsChangesMadeElsewhere()
{
    const qint64 mspTask = m_portal.taskId(m_portal.contact().companyId, OwnerSide::Msp,
                                           EvidenceType::Standard, TaskStatus::Pending);
    QVERIFY(mspTask > 0);
    PortalClient browser(m_portal.port());
    QString why;
    QVERIFY2(m_portal.signIn(browser, m_portal.contact().id, &why), qPrintable(why));
    const QString path = QStringLiteral("/api/v1/tasks/%1").arg(mspTask);
    const HttpReply before = browser.get(path);
    QVERIFY2(before.status == 200, before.describe());
    QCOMPARE(browser.get(path).body, before.body);

    QVERIFY(completeElsewhere(mspTask));
    const HttpReply after = browser.get(path);
    QVERIFY2(after.status == 200, after.describe());
    QCOMPARE(after.json()[QStringLiteral("task")][QStringLiteral("status")].toString(),
             QStringLiteral("completed"));

    // The task's onboarding handed to another company: no longer this contact's to see.
    bool moved = false;
    onOtherConnection([&] {
        QString error;
        DirectoryRepository directory(m_portal.db());
        const std::optional<Workspace> workspace = directory.workspace(&error);
        const qint64 other
            = workspace ? directory.createCompany(workspace->id, QStringLiteral("Another Client"),
                                                  m_portal.clock().nowMs(), &error)
                        : 0;
        SqlQuery move(m_portal.db(),
                      QStringLiteral("UPDATE onboarding SET company_id = ? WHERE id = "
                                     "(SELECT onboarding_id FROM task WHERE id = ?)"));
        move << other << mspTask;
        moved = other > 0 && move.exec(&error) && move.rowsAffected() == 1;
    });
    QVERIFY(moved);
    QCOMPARE(browser.get(path).status, 404);
}

QTEST_GUILESS_MAIN(TestPortalConditional)
#include "tst_portal_conditional.moc"
