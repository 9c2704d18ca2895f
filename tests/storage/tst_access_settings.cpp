// Portal access per contact and the workspace default for new contacts (ACC-9), and the log of
// accesses (ACC-11), on both engines: what is stored, what is refused, what is audited.
#include "TestDatabase.h"

#include "core/Clock.h"
#include "security/AuditLog.h"
#include "services/InviteService.h"
#include "services/PortalAccessService.h"
#include "services/WorkspaceSetup.h"
#include "storage/AccessRepository.h"
#include "storage/DirectoryRepository.h"
#include "storage/SqlQuery.h"

#include <QTest>

using namespace Gatehouse;
using Gatehouse::Testing::TestDatabase;

namespace {

constexpr qint64 kStartMs = 1'800'000'000'000;
const QString kPublicUrl = QStringLiteral("https://portal.example.test");

} // namespace

class TestAccessSettings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addEngineRows(); }
    void init();
    void cleanup()
    {
        if (m_test) {
            QString error;
            const AuditLog::VerifyResult result = AuditLog(m_test->db()).verify(&error);
            QVERIFY2(result.ok, qPrintable(result.reason));
        }
        m_test.reset();
    }

    void newContactsFollowTheWorkspaceDefault();
    void turningAccessOffEndsEverythingAndIsAudited();
    void settingWhatIsSetRecordsNothing();
    void accessesAreListedNewestFirst();

private:
    AuditEvent latest()
    {
        QString error;
        const QList<AuditEvent> newest = AuditLog(m_test->db()).list({}, 1, 0, &error);
        return newest.isEmpty() ? AuditEvent() : newest.first();
    }
    int count(const QString &sql)
    {
        SqlQuery query(m_test->db(), sql);
        QString error;
        return query.exec(&error) && query.next() ? query.value(0).toInt() : -1;
    }

    ManualClock m_clock{kStartMs};
    std::unique_ptr<TestDatabase> m_test;
    StaffMember m_staff;
    qint64 m_companyId = 0;
    qint64 m_contactId = 0;
};

void TestAccessSettings::init()
{
    QFETCH_GLOBAL(QString, engine);
    m_test = TestDatabase::create(engine);
    QVERIFY(m_test);
    QString error;
    const qint64 workspaceId
        = WorkspaceSetup(m_test->db(), m_clock)
              .create(QStringLiteral("Northwind IT"), QStringLiteral("Dana Admin"),
                      QStringLiteral("dana@northwind.example"),
                      QStringLiteral("correct horse battery"), &error);
    QVERIFY2(workspaceId != 0, qPrintable(error));
    DirectoryRepository directory(m_test->db());
    m_staff = *directory.authenticateStaff(QStringLiteral("dana@northwind.example"),
                                           QStringLiteral("correct horse battery"), &error);
    m_companyId
        = directory.createCompany(workspaceId, QStringLiteral("Acme Dental"), kStartMs, &error);
    m_contactId = directory.createContact(m_companyId, QStringLiteral("Alex Acme"),
                                          QStringLiteral("alex@acme.example"), kStartMs, &error);
    QVERIFY2(m_contactId != 0, qPrintable(error));
}

void TestAccessSettings::newContactsFollowTheWorkspaceDefault()
{
    DirectoryRepository directory(m_test->db());
    QString error;
    QVERIFY(directory.workspace(&error)->newContactsPortalAccess); // on unless changed
    QVERIFY(directory.contact(m_contactId, &error)->portalAccess);

    ServiceError serviceError;
    PortalAccessService service(m_test->db(), m_clock);
    QVERIFY(service.setNewContactsDefault(false, Actor::staff(m_staff), &serviceError));
    QVERIFY(!directory.workspace(&error)->newContactsPortalAccess);
    const AuditEvent audit = latest();
    QCOMPARE(audit.action, QStringLiteral("access.default_changed"));
    QCOMPARE(audit.actorKind, QStringLiteral("staff"));
    QCOMPARE(audit.actor, m_staff.email);

    const qint64 without
        = directory.createContact(m_companyId, QStringLiteral("Sam Acme"),
                                  QStringLiteral("sam@acme.example"), kStartMs, &error);
    QVERIFY2(without != 0, qPrintable(error));
    QVERIFY(!directory.contact(without, &error)->portalAccess);
    QVERIFY(directory.contact(m_contactId, &error)->portalAccess); // earlier contacts keep theirs
    // Such a contact cannot be invited until access is turned on.
    InviteService invites(m_test->db(), m_clock, kPublicUrl);
    QVERIFY(!invites.invite(without, Actor::staff(m_staff), false, &serviceError));
    QCOMPARE(serviceError.kind, ServiceError::Kind::Conflict);
    QVERIFY(serviceError.message.contains(QStringLiteral("Portal access is turned off")));

    QVERIFY(service.setNewContactsDefault(true, Actor::staff(m_staff), &serviceError));
    const qint64 with
        = directory.createContact(m_companyId, QStringLiteral("Kim Acme"),
                                  QStringLiteral("kim@acme.example"), kStartMs, &error);
    QVERIFY(directory.contact(with, &error)->portalAccess);
}

void TestAccessSettings::turningAccessOffEndsEverythingAndIsAudited()
{
    ServiceError error;
    InviteService invites(m_test->db(), m_clock, kPublicUrl);
    QVERIFY(invites.invite(m_contactId, Actor::staff(m_staff), false, &error));
    QString dbError;
    AccessRepository access(m_test->db());
    QVERIFY(access.createChallenge(m_contactId, QStringLiteral("h"), QStringLiteral("m"),
                                   QStringLiteral("$"), kStartMs, kStartMs + 60'000, &dbError));
    QVERIFY(access.createSession(m_contactId, QStringLiteral("s"), kStartMs, kStartMs + 60'000,
                                 QString(), QString(), &dbError));

    PortalAccessService service(m_test->db(), m_clock);
    QVERIFY(service.setContactAccess(m_contactId, false, Actor::staff(m_staff), &error));
    QVERIFY(!DirectoryRepository(m_test->db()).contact(m_contactId, &dbError)->portalAccess);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM invite WHERE revoked_at IS NULL")), 0);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM login_challenge "
                                  "WHERE consumed_at IS NULL")),
             0);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM portal_session "
                                  "WHERE revoked_at IS NULL")),
             0);
    AuditEvent audit = latest();
    QCOMPARE(audit.action, QStringLiteral("access.disabled"));
    QCOMPARE(audit.actor, m_staff.email);
    QCOMPARE(audit.subject, AuditEvent::subjectOf("contact", m_contactId));
    QVERIFY(!invites.invite(m_contactId, Actor::staff(m_staff), false, &error));
    QCOMPARE(error.kind, ServiceError::Kind::Conflict);

    QVERIFY(service.setContactAccess(m_contactId, true, Actor::staff(m_staff), &error));
    audit = latest();
    QCOMPARE(audit.action, QStringLiteral("access.enabled"));
    // Nothing handed out before comes back; a new invite works.
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM portal_session "
                                  "WHERE revoked_at IS NULL")),
             0);
    QVERIFY(invites.invite(m_contactId, Actor::staff(m_staff), false, &error));

    QVERIFY(!service.setContactAccess(m_contactId + 1000, false, Actor::staff(m_staff), &error));
    QCOMPARE(error.kind, ServiceError::Kind::NotFound);
}

void TestAccessSettings::settingWhatIsSetRecordsNothing()
{
    const qint64 before = latest().id;
    ServiceError error;
    PortalAccessService service(m_test->db(), m_clock);
    QVERIFY(service.setContactAccess(m_contactId, true, Actor::staff(m_staff), &error));
    QVERIFY(service.setNewContactsDefault(true, Actor::staff(m_staff), &error));
    QCOMPARE(latest().id, before);
}

void TestAccessSettings::accessesAreListedNewestFirst()
{
    QString error;
    AccessRepository access(m_test->db());
    qint64 sessionId = 0;
    QVERIFY(access.createSession(m_contactId, QStringLiteral("s"), kStartMs, kStartMs + 60'000,
                                 QString(), QString(), &error, &sessionId));
    QVERIFY(sessionId != 0);
    for (int minute = 0; minute < 5; ++minute) {
        PortalAccess use;
        use.contactId = m_contactId;
        use.sessionId = minute == 4 ? 0 : sessionId;
        use.atMs = kStartMs + minute * 60'000;
        use.kind = minute == 0 ? PortalAccess::Kind::SignIn : PortalAccess::Kind::Request;
        use.ip = QStringLiteral("203.0.113.%1").arg(minute);
        use.userAgent = QStringLiteral("Browser/%1").arg(minute);
        QVERIFY2(access.recordAccess(use, &error), qPrintable(error));
    }
    const QList<PortalAccess> newest = access.accesses(m_contactId, 3, &error);
    QCOMPARE(newest.size(), 3);
    QCOMPARE(newest.at(0).atMs, kStartMs + 4 * 60'000);
    QCOMPARE(newest.at(0).sessionId, 0);
    QCOMPARE(newest.at(0).ip, QStringLiteral("203.0.113.4"));
    QCOMPARE(newest.at(1).userAgent, QStringLiteral("Browser/3"));
    QCOMPARE(newest.at(2).sessionId, sessionId);
    const QList<PortalAccess> all = access.accesses(m_contactId, 100, &error);
    QCOMPARE(all.size(), 5);
    QCOMPARE(all.last().kind, PortalAccess::Kind::SignIn);
    QCOMPARE(all.first().kind, PortalAccess::Kind::Request);
    QVERIFY(access.accesses(m_contactId + 1000, 100, &error).isEmpty());
}

QTEST_GUILESS_MAIN(TestAccessSettings)
#include "tst_access_settings.moc"
