// Portal pages (ONB-7) in the service, on both engines: refused input changes nothing,
// visibility decides what a company's contacts get, order is kept and changed one step at a
// time, and every change is in the activity feed and the audit trail.
#include "TestDatabase.h"

#include "core/Clock.h"
#include "security/AuditLog.h"
#include "services/PageService.h"
#include "services/WorkspaceSetup.h"
#include "storage/DirectoryRepository.h"
#include "storage/SqlQuery.h"
#include "vault/VaultCrypto.h"

#include <QSqlRecord>
#include <QTest>

using namespace Gatehouse;
using Gatehouse::Testing::TestDatabase;

namespace {

constexpr qint64 kStartMs = 1'800'000'000'000;

QStringList titles(const QList<PortalPage> &pages)
{
    QStringList result;
    for (const PortalPage &page : pages) {
        result << page.title;
    }
    return result;
}

} // namespace

class TestPages : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addEngineRows(); }
    void init();
    void cleanup();

    void createAndEditAreRecordedWithWhoDidIt();
    void badInputIsRefusedAndChangesNothing_data();
    void badInputIsRefusedAndChangesNothing();
    void onlyVisiblePagesReachACompany();
    void pagesMoveOneStepAtATime();
    void deletedPagesAreGone();
    void unknownPagesAreNotFound();

private:
    QStringList rows(const QString &sql);
    QStringList state();

    ManualClock m_clock{kStartMs};
    std::unique_ptr<TestDatabase> m_test;
    StaffMember m_staff;
    qint64 m_workspaceId = 0;
    qint64 m_companyId = 0;
};

void TestPages::init()
{
    QFETCH_GLOBAL(QString, engine);
    m_test = TestDatabase::create(engine);
    QVERIFY(m_test);
    QString error;
    WorkspaceSetup setup(m_test->db(), m_clock);
    setup.setVaultKdf(KdfParams::minimum());
    m_workspaceId = setup.create(QStringLiteral("Northwind IT"), QStringLiteral("Dana Admin"),
                                 QStringLiteral("dana@northwind.example"),
                                 QStringLiteral("correct horse battery"), &error);
    QVERIFY2(m_workspaceId != 0, qPrintable(error));
    DirectoryRepository directory(m_test->db());
    m_staff = *directory.authenticateStaff(QStringLiteral("dana@northwind.example"),
                                           QStringLiteral("correct horse battery"), &error);
    m_companyId
        = directory.createCompany(m_workspaceId, QStringLiteral("Acme Dental"), kStartMs, &error);
    QVERIFY2(m_companyId != 0, qPrintable(error));
}

void TestPages::cleanup()
{
    if (m_test) {
        QString error;
        const AuditLog::VerifyResult result = AuditLog(m_test->db()).verify(&error);
        QVERIFY2(result.ok, qPrintable(result.reason));
    }
    m_test.reset();
}

QStringList TestPages::rows(const QString &sql)
{
    QStringList result;
    SqlQuery query(m_test->db(), sql);
    QString error;
    if (!query.exec(&error)) {
        return {QStringLiteral("error: ") + error};
    }
    while (query.next()) {
        QStringList cells;
        for (int i = 0; i < query.raw().record().count(); ++i) {
            cells << (query.isNull(i) ? QStringLiteral("NULL") : query.text(i));
        }
        result << cells.join(QLatin1Char('|'));
    }
    return result;
}

QStringList TestPages::state()
{
    return rows(QStringLiteral("SELECT id, title, body, visible, position, updated_at FROM "
                               "portal_page ORDER BY id"))
           + rows(QStringLiteral("SELECT COUNT(*) FROM activity"))
           + rows(QStringLiteral("SELECT COUNT(*) FROM audit_event"));
}

void TestPages::createAndEditAreRecordedWithWhoDidIt()
{
    PageService service(m_test->db(), m_clock);
    ServiceError error;
    const qint64 start = m_clock.nowMs(); // the clock runs on from the other engine's row
    const qint64 id = service.create(QStringLiteral("  Welcome  "), QStringLiteral("# Hello"),
                                     false, Actor::staff(m_staff), &error);
    QVERIFY2(id > 0, qPrintable(error.message));
    QCOMPARE(rows(QStringLiteral("SELECT title, body, visible, position, created_at, "
                                 "updated_by_staff_id FROM portal_page")),
             QStringList{QStringLiteral("Welcome|# Hello|0|1|%1|%2").arg(start).arg(m_staff.id)});
    QCOMPARE(rows(QStringLiteral("SELECT kind, actor, summary FROM activity ORDER BY id DESC "
                                 "LIMIT 1")),
             QStringList{QStringLiteral("page.created|Dana Admin|Created the page \"Welcome\", "
                                        "hidden")});
    QCOMPARE(
        rows(QStringLiteral("SELECT action, actor, actor_kind, subject FROM audit_event "
                            "ORDER BY id DESC LIMIT 1")),
        QStringList{QStringLiteral("page.created|dana@northwind.example|staff|page:%1").arg(id)});

    m_clock.advanceMs(60'000);
    QVERIFY2(service.update(id, QStringLiteral("Welcome aboard"), QStringLiteral("# Hi"), true,
                            Actor::staff(m_staff), &error),
             qPrintable(error.message));
    QCOMPARE(rows(QStringLiteral("SELECT title, body, visible, updated_at FROM portal_page")),
             QStringList{QStringLiteral("Welcome aboard|# Hi|1|%1").arg(start + 60'000)});
    const QString changed = rows(QStringLiteral("SELECT kind || ':' || summary FROM activity "
                                                "ORDER BY id DESC LIMIT 1"))
                                .value(0);
    QVERIFY2(changed.startsWith(QLatin1String("page.changed:")), qPrintable(changed));
    QVERIFY2(changed.contains(QLatin1String("renamed it from \"Welcome\"")), qPrintable(changed));
    QVERIFY2(changed.contains(QLatin1String("made it visible")), qPrintable(changed));
    QCOMPARE(rows(QStringLiteral("SELECT action FROM audit_event ORDER BY id DESC LIMIT 1")),
             QStringList{QStringLiteral("page.changed")});

    // Saving what is stored records nothing.
    const QStringList before = state();
    QVERIFY(service.update(id, QStringLiteral("Welcome aboard"), QStringLiteral("# Hi"), true,
                           Actor::staff(m_staff), &error));
    QVERIFY(service.setVisible(id, true, Actor::staff(m_staff), &error));
    QCOMPARE(state(), before);

    // Changes by something other than a member of staff name no one.
    QVERIFY(service.setVisible(id, false, Actor::system(QStringLiteral("test")), &error));
    QCOMPARE(rows(QStringLiteral("SELECT visible, updated_by_staff_id FROM portal_page")),
             QStringList{QStringLiteral("0|NULL")});
    QCOMPARE(rows(QStringLiteral("SELECT actor_kind, action FROM audit_event ORDER BY id DESC "
                                 "LIMIT 1")),
             QStringList{QStringLiteral("system|page.changed")});
}

void TestPages::badInputIsRefusedAndChangesNothing_data()
{
    QTest::addColumn<QString>("title");
    QTest::addColumn<QString>("body");
    QTest::addRow("empty title") << QString() << QStringLiteral("text");
    QTest::addRow("blank title") << QStringLiteral(" \t\n ") << QStringLiteral("text");
    QTest::addRow("title too long") << QString(201, QLatin1Char('t')) << QStringLiteral("text");
    QTest::addRow("body too long")
        << QStringLiteral("Title") << QString(PageService::kMaxBodyLength + 1, QLatin1Char('b'));
}

void TestPages::badInputIsRefusedAndChangesNothing()
{
    QFETCH(QString, title);
    QFETCH(QString, body);
    PageService service(m_test->db(), m_clock);
    ServiceError error;
    const qint64 id = service.create(QStringLiteral("Support"), QStringLiteral("Call us"), true,
                                     Actor::staff(m_staff), &error);
    QVERIFY(id > 0);
    const QStringList before = state();

    ServiceError refused;
    QCOMPARE(service.create(title, body, true, Actor::staff(m_staff), &refused), 0);
    QCOMPARE(refused.kind, ServiceError::Kind::Invalid);
    QVERIFY(!refused.message.isEmpty());
    refused = {};
    QVERIFY(!service.update(id, title, body, false, Actor::staff(m_staff), &refused));
    QCOMPARE(refused.kind, ServiceError::Kind::Invalid);
    QCOMPARE(state(), before);

    // The limits themselves are allowed.
    QVERIFY2(service.update(id, QString(200, QLatin1Char('t')),
                            QString(PageService::kMaxBodyLength, QLatin1Char('b')), true,
                            Actor::staff(m_staff), &error),
             qPrintable(error.message));
}

void TestPages::onlyVisiblePagesReachACompany()
{
    PageService service(m_test->db(), m_clock);
    ServiceError error;
    const Actor staff = Actor::staff(m_staff);
    const qint64 welcome
        = service.create(QStringLiteral("Welcome"), QStringLiteral("hi"), true, staff, &error);
    const qint64 draft
        = service.create(QStringLiteral("Draft"), QStringLiteral("wip"), false, staff, &error);
    const qint64 faq
        = service.create(QStringLiteral("FAQ"), QStringLiteral("q&a"), true, staff, &error);
    QVERIFY(welcome > 0 && draft > 0 && faq > 0);

    QString dbError;
    QCOMPARE(titles(service.visibleForCompany(m_companyId, &dbError)),
             (QStringList{QStringLiteral("Welcome"), QStringLiteral("FAQ")}));
    QCOMPARE(
        titles(service.list(&dbError)),
        (QStringList{QStringLiteral("Welcome"), QStringLiteral("Draft"), QStringLiteral("FAQ")}));

    QVERIFY(service.setVisible(draft, true, staff, &error));
    QVERIFY(service.setVisible(welcome, false, staff, &error));
    QCOMPARE(titles(service.visibleForCompany(m_companyId, &dbError)),
             (QStringList{QStringLiteral("Draft"), QStringLiteral("FAQ")}));
    QCOMPARE(rows(QStringLiteral("SELECT summary FROM activity ORDER BY id DESC LIMIT 1")),
             QStringList{QStringLiteral("Changed the page \"Welcome\": hid it from clients")});
    // A company that does not exist sees nothing at all.
    QVERIFY(service.visibleForCompany(m_companyId + 1000, &dbError).isEmpty());
    QVERIFY(dbError.isEmpty());
}

void TestPages::pagesMoveOneStepAtATime()
{
    PageService service(m_test->db(), m_clock);
    ServiceError error;
    const Actor staff = Actor::staff(m_staff);
    const qint64 a = service.create(QStringLiteral("A"), QString(), true, staff, &error);
    const qint64 b = service.create(QStringLiteral("B"), QString(), true, staff, &error);
    const qint64 c = service.create(QStringLiteral("C"), QString(), true, staff, &error);
    QVERIFY(a > 0 && b > 0 && c > 0);
    QString dbError;

    QVERIFY(service.move(c, PageService::Move::Up, staff, &error));
    QCOMPARE(titles(service.list(&dbError)),
             (QStringList{QStringLiteral("A"), QStringLiteral("C"), QStringLiteral("B")}));
    QCOMPARE(rows(QStringLiteral("SELECT kind, summary FROM activity ORDER BY id DESC LIMIT 1")),
             QStringList{QStringLiteral("page.moved|Moved the page \"C\" up to place 2")});
    QCOMPARE(rows(QStringLiteral("SELECT action, subject FROM audit_event ORDER BY id DESC "
                                 "LIMIT 1")),
             QStringList{QStringLiteral("page.moved|page:%1").arg(c)});

    QVERIFY(service.move(a, PageService::Move::Down, staff, &error));
    QCOMPARE(titles(service.list(&dbError)),
             (QStringList{QStringLiteral("C"), QStringLiteral("A"), QStringLiteral("B")}));
    QCOMPARE(titles(service.visibleForCompany(m_companyId, &dbError)),
             (QStringList{QStringLiteral("C"), QStringLiteral("A"), QStringLiteral("B")}));

    // At either end nothing moves and nothing is recorded.
    const QStringList before = state();
    QVERIFY(service.move(c, PageService::Move::Up, staff, &error));
    QVERIFY(service.move(b, PageService::Move::Down, staff, &error));
    QCOMPARE(state(), before);

    // A new page goes last.
    QVERIFY(service.create(QStringLiteral("D"), QString(), false, staff, &error) > 0);
    QCOMPARE(titles(service.list(&dbError)).last(), QStringLiteral("D"));
}

void TestPages::deletedPagesAreGone()
{
    PageService service(m_test->db(), m_clock);
    ServiceError error;
    const Actor staff = Actor::staff(m_staff);
    const qint64 a = service.create(QStringLiteral("A"), QString(), true, staff, &error);
    const qint64 b = service.create(QStringLiteral("B"), QString(), true, staff, &error);
    QVERIFY(service.remove(a, staff, &error));
    QString dbError;
    QCOMPARE(titles(service.list(&dbError)), QStringList{QStringLiteral("B")});
    QCOMPARE(titles(service.visibleForCompany(m_companyId, &dbError)),
             QStringList{QStringLiteral("B")});
    QCOMPARE(rows(QStringLiteral("SELECT kind, summary FROM activity ORDER BY id DESC LIMIT 1")),
             QStringList{QStringLiteral("page.deleted|Deleted the page \"A\"")});
    QCOMPARE(rows(QStringLiteral("SELECT action, subject FROM audit_event ORDER BY id DESC "
                                 "LIMIT 1")),
             QStringList{QStringLiteral("page.deleted|page:%1").arg(a)});
    // Still movable after a gap in positions.
    QVERIFY(service.move(b, PageService::Move::Up, staff, &error));

    ServiceError again;
    QVERIFY(!service.remove(a, staff, &again));
    QCOMPARE(again.kind, ServiceError::Kind::NotFound);
}

void TestPages::unknownPagesAreNotFound()
{
    PageService service(m_test->db(), m_clock);
    const Actor staff = Actor::staff(m_staff);
    const QStringList before = state();
    ServiceError error;
    QVERIFY(!service.update(4242, QStringLiteral("T"), QString(), true, staff, &error));
    QCOMPARE(error.kind, ServiceError::Kind::NotFound);
    error = {};
    QVERIFY(!service.setVisible(4242, true, staff, &error));
    QCOMPARE(error.kind, ServiceError::Kind::NotFound);
    error = {};
    QVERIFY(!service.move(4242, PageService::Move::Up, staff, &error));
    QCOMPARE(error.kind, ServiceError::Kind::NotFound);
    QCOMPARE(state(), before);
}

QTEST_GUILESS_MAIN(TestPages)
#include "tst_pages.moc"
