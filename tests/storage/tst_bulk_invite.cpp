// Inviting many contacts at once (the console's "Invite all"), on both
// engines: who is reached, one invitation and mail each, all or nothing per batch, audited.
#include "TestDatabase.h"

#include "core/Clock.h"
#include "mail/OutboxRepository.h"
#include "security/AuditLog.h"
#include "services/InviteService.h"
#include "services/WorkspaceSetup.h"
#include "storage/AccessRepository.h"
#include "storage/DirectoryRepository.h"
#include "storage/SqlQuery.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace Gatehouse;
using Gatehouse::Testing::TestDatabase;

namespace {

constexpr qint64 kStartMs = 1'800'000'000'000;
const QString kPublicUrl = QStringLiteral("https://portal.example.test");

} // namespace

class TestBulkInvite : public QObject
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

    void listsOnlyContactsNotYetInvited();
    void queuesOneInvitationAndMailPerContact();
    void aBatchIsAllOrNothing();

private:
    int count(const QString &sql)
    {
        SqlQuery query(m_test->db(), sql);
        QString error;
        return query.exec(&error) && query.next() ? query.value(0).toInt() : -1;
    }
    qint64 addContact(qint64 companyId, const QString &name)
    {
        QString error;
        return DirectoryRepository(m_test->db())
            .createContact(companyId, name, name.toLower() + QStringLiteral("@acme.example"),
                           kStartMs, &error);
    }

    ManualClock m_clock{kStartMs};
    std::unique_ptr<TestDatabase> m_test;
    QString m_engine;
    StaffMember m_staff;
    qint64 m_workspaceId = 0;
    qint64 m_companyId = 0;
    qint64 m_otherCompanyId = 0;
};

void TestBulkInvite::init()
{
    QFETCH_GLOBAL(QString, engine);
    m_engine = engine;
    m_test = TestDatabase::create(engine);
    QVERIFY(m_test);
    QString error;
    m_workspaceId = WorkspaceSetup(m_test->db(), m_clock)
                        .create(QStringLiteral("Northwind IT"), QStringLiteral("Dana Admin"),
                                QStringLiteral("dana@northwind.example"),
                                QStringLiteral("correct horse battery"), &error);
    QVERIFY2(m_workspaceId != 0, qPrintable(error));
    DirectoryRepository directory(m_test->db());
    m_staff = *directory.authenticateStaff(QStringLiteral("dana@northwind.example"),
                                           QStringLiteral("correct horse battery"), &error);
    m_companyId
        = directory.createCompany(m_workspaceId, QStringLiteral("Acme Dental"), kStartMs, &error);
    m_otherCompanyId
        = directory.createCompany(m_workspaceId, QStringLiteral("Other Ltd"), kStartMs, &error);
    QVERIFY2(m_otherCompanyId != 0, qPrintable(error));
}

void TestBulkInvite::listsOnlyContactsNotYetInvited()
{
    const qint64 invited = addContact(m_companyId, QStringLiteral("Invited"));
    const qint64 turnedOff = addContact(m_companyId, QStringLiteral("Off"));
    const qint64 signedIn = addContact(m_companyId, QStringLiteral("Signed"));
    const qint64 fresh = addContact(m_companyId, QStringLiteral("Fresh"));
    addContact(m_otherCompanyId, QStringLiteral("Elsewhere"));
    QString error;
    QVERIFY(DirectoryRepository(m_test->db()).setPortalAccess(turnedOff, false, &error));
    QVERIFY(AccessRepository(m_test->db())
                .createSession(signedIn, QStringLiteral("hash"), kStartMs, kStartMs + 1000,
                               QString(), QString(), &error));
    InviteService invites(m_test->db(), m_clock, kPublicUrl);
    ServiceError serviceError;
    QVERIFY(invites.invite(invited, Actor::staff(m_staff), false, &serviceError));

    QCOMPARE(*invites.uninvitedContacts(m_companyId, &serviceError), QList<qint64>{fresh});
    // An invitation that ran out no longer counts: they may be invited again.
    m_clock.advanceMs(InviteService::kInviteLifetimeMs + 1);
    QCOMPARE(*invites.uninvitedContacts(m_companyId, &serviceError),
             (QList<qint64>{invited, fresh}));
}

void TestBulkInvite::queuesOneInvitationAndMailPerContact()
{
    QList<qint64> ids;
    for (int i = 0; i < 7; ++i) {
        ids.append(addContact(m_companyId, QStringLiteral("Person%1").arg(i)));
    }
    InviteService invites(m_test->db(), m_clock, kPublicUrl);
    ServiceError error;
    // One contact was invited by someone else after the list was made: skipped, not re-mailed.
    QVERIFY(invites.invite(ids.at(2), Actor::staff(m_staff), true, &error));
    const int auditBefore = count(QStringLiteral("SELECT COUNT(*) FROM audit_event"));

    QList<qint64> outboxIds;
    const std::optional<int> invited
        = invites.inviteBatch(ids, Actor::staff(m_staff), &error, &outboxIds);
    QVERIFY2(invited, qPrintable(error.message));
    QCOMPARE(*invited, 6);
    QCOMPARE(outboxIds.size(), 6);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM outbox")), 7);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM invite WHERE revoked_at IS NULL")), 7);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(DISTINCT recipient) FROM outbox")), 7);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM audit_event WHERE action = "
                                  "'invite.sent'")),
             7);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM audit_event")), auditBefore + 6);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM activity WHERE kind = 'invite.sent'")), 7);
    QVERIFY(invites.uninvitedContacts(m_companyId, &error)->isEmpty());

    // Again: nobody is left to invite, nothing more is queued.
    QCOMPARE(*invites.inviteBatch(ids, Actor::staff(m_staff), &error), 0);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM outbox")), 7);
    QString dbError;
    QCOMPARE(OutboxRepository(m_test->db()).sentCount(outboxIds, &dbError), 0);
}

void TestBulkInvite::aBatchIsAllOrNothing()
{
    const QList<qint64> ids = {addContact(m_companyId, QStringLiteral("First")),
                               addContact(m_companyId, QStringLiteral("Refused")),
                               addContact(m_companyId, QStringLiteral("Third"))};
    // The outbox refuses the second contact's mail, as a full disk or a dropped connection would.
    const QStringList refuse
        = m_engine == QLatin1String("postgresql")
              ? QStringList{QStringLiteral(
                                "CREATE FUNCTION refuse_mail() RETURNS trigger AS $f$ BEGIN IF "
                                "NEW.recipient = 'refused@acme.example' THEN RAISE EXCEPTION "
                                "'refused'; END IF; RETURN NEW; END $f$ LANGUAGE plpgsql"),
                            QStringLiteral("CREATE TRIGGER refuse BEFORE INSERT ON outbox FOR "
                                           "EACH ROW EXECUTE FUNCTION refuse_mail()")}
              : QStringList{QStringLiteral(
                  "CREATE TRIGGER refuse BEFORE INSERT ON outbox WHEN NEW.recipient = "
                  "'refused@acme.example' BEGIN SELECT RAISE(ABORT, 'refused'); END")};
    for (const QString &sql : refuse) {
        // Unprepared: PostgreSQL cannot prepare DDL.
        QSqlQuery query(m_test->db().connection());
        QVERIFY2(query.exec(sql), qPrintable(query.lastError().text()));
    }
    InviteService invites(m_test->db(), m_clock, kPublicUrl);
    ServiceError error;
    QVERIFY(!invites.inviteBatch(ids, Actor::staff(m_staff), &error));
    QCOMPARE(error.kind, ServiceError::Kind::Internal);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM outbox")), 0);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM invite")), 0);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM activity WHERE kind = 'invite.sent'")), 0);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM audit_event WHERE action = "
                                  "'invite.sent'")),
             0);
    QCOMPARE(invites.uninvitedContacts(m_companyId, &error)->size(), 3);
}

QTEST_GUILESS_MAIN(TestBulkInvite)
#include "tst_bulk_invite.moc"
