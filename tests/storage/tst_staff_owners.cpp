// Who answers for what, on both engines: the member of staff who starts an onboarding owns it,
// a task can be handed to someone else, the right people hear of a client's question, nobody
// owning something means everyone hears, refusals change nothing; and an onboarding started
// from a template that already schedules a meeting invites the client to it.
#include "TestDatabase.h"
#include "TestStaff.h"

#include "core/Clock.h"
#include "domain/MeetingSchedule.h"
#include "security/AuditLog.h"
#include "services/QuestionService.h"
#include "services/StaffOwnerService.h"
#include "services/TaskSetupService.h"
#include "services/WorkspaceSetup.h"
#include "storage/DirectoryRepository.h"
#include "storage/OnboardingRepository.h"
#include "storage/SqlQuery.h"
#include "storage/TaskConfigText.h"
#include "storage/TemplateRepository.h"

#include <QTest>

using namespace Gatehouse;
using Gatehouse::Testing::staffActor;
using Gatehouse::Testing::TestDatabase;

class TestStaffOwners : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addEngineRows(); }
    void init();
    void cleanup();

    void startingAnOnboardingOwnsIt();
    void handingATaskOn();
    void refusalsChangeNothing();
    void questionsGoToTheOnboardingsStaff();
    void nobodyOwningMeansEveryoneHears();
    void templateMeetingsInviteOnStart();

private:
    Database &db() { return m_test->db(); }
    QStringList rows(const QString &sql)
    {
        SqlQuery query(db(), sql);
        QString error;
        QStringList result;
        if (!query.exec(&error)) {
            return {QStringLiteral("(error: %1)").arg(error)};
        }
        while (query.next()) {
            result.append(query.text(0));
        }
        return result;
    }
    QStringList emails(const QList<StaffMember> &staff)
    {
        QStringList result;
        for (const StaffMember &member : staff) {
            result.append(member.email);
        }
        return result;
    }
    qint64 demoOnboarding()
    {
        return rows(QStringLiteral("SELECT MIN(id) FROM onboarding WHERE company_id = %1")
                        .arg(m_contact.companyId))
            .value(0)
            .toLongLong();
    }
    qint64 demoTask(const char *evidenceType)
    {
        return rows(QStringLiteral("SELECT MIN(id) FROM task WHERE onboarding_id = %1 AND "
                                   "evidence_type = '%2'")
                        .arg(demoOnboarding())
                        .arg(QLatin1String(evidenceType)))
            .value(0)
            .toLongLong();
    }
    QString snapshot()
    {
        return (rows(QStringLiteral("SELECT COALESCE(owner_staff_id, 0) FROM task ORDER BY id"))
                + rows(QStringLiteral("SELECT COALESCE(owner_staff_id, 0) FROM onboarding"))
                + rows(QStringLiteral("SELECT COUNT(*) FROM activity"))
                + rows(QStringLiteral("SELECT COUNT(*) FROM audit_event")))
            .join(QLatin1Char('|'));
    }

    std::unique_ptr<TestDatabase> m_test;
    ManualClock m_clock{1'800'000'000'000};
    Contact m_contact;
    qint64 m_workspaceId = 0;
    qint64 m_dana = 0; // the demo's admin, who started the demo onboarding
    qint64 m_sam = 0;  // a technician
    const Actor m_actor = Actor(Actor::Kind::Staff, WorkspaceSetup::demoCredentials().adminEmail,
                                QStringLiteral("Dana Admin"));
};

void TestStaffOwners::init()
{
    QFETCH_GLOBAL(QString, engine);
    m_test = TestDatabase::create(engine);
    QVERIFY(m_test);
    QString error;
    QVERIFY2(WorkspaceSetup(db(), m_clock).ensureDemo(nullptr, nullptr, &error), qPrintable(error));
    DirectoryRepository directory(db());
    m_contact
        = directory.contactsByEmail(WorkspaceSetup::demoCredentials().contactEmail, &error).first();
    m_workspaceId = directory.workspace(&error)->id;
    m_dana = directory.staffIdByEmail(m_workspaceId, WorkspaceSetup::demoCredentials().adminEmail,
                                      &error);
    m_sam = directory.createStaff(m_workspaceId, QStringLiteral("sam.tech@northwind.example"),
                                  QStringLiteral("Sam Tech"),
                                  QStringLiteral("a long enough passphrase"),
                                  QStringLiteral("technician"), m_clock.nowMs(), &error);
    QVERIFY2(m_dana > 0 && m_sam > 0, qPrintable(error));
}

void TestStaffOwners::cleanup()
{
    if (m_test) {
        QString error;
        const AuditLog::VerifyResult result = AuditLog(db()).verify(&error);
        QVERIFY2(result.ok, qPrintable(result.reason));
    }
    m_test.reset();
}

void TestStaffOwners::startingAnOnboardingOwnsIt()
{
    QString error;
    QCOMPARE(OnboardingRepository(db()).get(demoOnboarding(), &error)->ownerStaffId, m_dana);
    // Every task follows the onboarding's owner until handed on.
    QCOMPARE(emails(StaffOwnerService(db(), m_clock).forTask(demoTask("signature"), &error)),
             QStringList{WorkspaceSetup::demoCredentials().adminEmail});
    const qint64 templateId = TemplateRepository(db()).list(m_workspaceId, &error).first().id;
    ServiceError serviceError;
    // Starting onboardings is a lead's.
    const Actor lead = staffActor(db(), StaffRole::Lead, QStringLiteral("Lou Lead"));
    const qint64 leadId = DirectoryRepository(db()).staffIdByEmail(m_workspaceId, lead.id, &error);
    QVERIFY(leadId > 0);
    const qint64 started = TaskSetupService(db(), m_clock, QStringLiteral("https://p.example"))
                               .startOnboarding(m_contact.companyId, templateId, QString(),
                                                QDate(2027, 1, 4), lead, &serviceError);
    QVERIFY2(started > 0, qPrintable(serviceError.message));
    QCOMPARE(OnboardingRepository(db()).get(started, &error)->ownerStaffId, leadId);
}

void TestStaffOwners::handingATaskOn()
{
    const qint64 task = demoTask("signature");
    StaffOwnerService service(db(), m_clock);
    ServiceError error;
    QVERIFY2(service.assignTask(task, m_sam, m_actor, &error), qPrintable(error.message));
    QString dbError;
    QCOMPARE(OnboardingRepository(db()).taskForStaff(task, nullptr, &dbError)->staffOwnerId, m_sam);
    QCOMPARE(emails(service.forTask(task, &dbError)),
             QStringList{QStringLiteral("sam.tech@northwind.example")});
    QCOMPARE(rows(QStringLiteral("SELECT summary FROM activity WHERE kind = 'task.assigned'")),
             QStringList{QStringLiteral("Dana Admin made Sam Tech the owner of \"Sign the service "
                                        "agreement\"")});
    QCOMPARE(rows(QStringLiteral("SELECT COUNT(*) FROM audit_event WHERE action = "
                                 "'task.assigned'")),
             QStringList{QStringLiteral("1")});

    // Assigning the same owner again records nothing new.
    const QString before = snapshot();
    QVERIFY(service.assignTask(task, m_sam, m_actor, &error));
    QCOMPARE(snapshot(), before);

    // Handed back, it follows the onboarding's owner again.
    QVERIFY(service.assignTask(task, 0, m_actor, &error));
    QCOMPARE(emails(service.forTask(task, &dbError)),
             QStringList{WorkspaceSetup::demoCredentials().adminEmail});

    QVERIFY(service.assignOnboarding(demoOnboarding(), m_sam, m_actor, &error));
    QCOMPARE(OnboardingRepository(db()).get(demoOnboarding(), &dbError)->ownerStaffId, m_sam);
    QCOMPARE(emails(service.forTask(task, &dbError)),
             QStringList{QStringLiteral("sam.tech@northwind.example")});
}

void TestStaffOwners::refusalsChangeNothing()
{
    StaffOwnerService service(db(), m_clock);
    const QString before = snapshot();
    ServiceError error;
    QVERIFY(!service.assignTask(demoTask("upload"), 999'999, m_actor, &error));
    QCOMPARE(error.kind, ServiceError::Kind::NotFound);
    QVERIFY(!service.assignTask(999'999, m_sam, m_actor, &error));
    QCOMPARE(error.kind, ServiceError::Kind::NotFound);
    QVERIFY(!service.assignOnboarding(demoOnboarding(), 0, m_actor, &error));
    QCOMPARE(error.kind, ServiceError::Kind::Invalid);
    QVERIFY(!service.assignOnboarding(999'999, m_sam, m_actor, &error));
    QCOMPARE(error.kind, ServiceError::Kind::NotFound);
    QCOMPARE(snapshot(), before);
}

void TestStaffOwners::questionsGoToTheOnboardingsStaff()
{
    // The onboarding is Dana's; its upload task is Sam's: both hear, nobody else.
    QString dbError;
    DirectoryRepository directory(db());
    QVERIFY(directory.createStaff(m_workspaceId, QStringLiteral("lee.lead@northwind.example"),
                                  QStringLiteral("Lee Lead"),
                                  QStringLiteral("another long passphrase"), QStringLiteral("lead"),
                                  m_clock.nowMs(), &dbError)
            > 0);
    ServiceError error;
    QVERIFY(
        StaffOwnerService(db(), m_clock).assignTask(demoTask("upload"), m_sam, m_actor, &error));
    const int mailsBefore = rows(QStringLiteral("SELECT COUNT(*) FROM outbox")).value(0).toInt();
    QVERIFY2(QuestionService(db(), m_clock)
                 .askAsContact(m_contact.id, m_contact.companyId, demoOnboarding(),
                               QStringLiteral("Which files do you need?"), QString(), &error),
             qPrintable(error.message));
    QStringList recipients = rows(QStringLiteral("SELECT recipient FROM outbox WHERE id > %1 "
                                                 "ORDER BY recipient")
                                      .arg(mailsBefore));
    QCOMPARE(recipients, QStringList({WorkspaceSetup::demoCredentials().adminEmail,
                                      QStringLiteral("sam.tech@northwind.example")}));

    // A general question goes to whoever owns the company's onboardings.
    const int generalBefore = rows(QStringLiteral("SELECT MAX(id) FROM outbox")).value(0).toInt();
    QVERIFY(QuestionService(db(), m_clock)
                .askAsContact(m_contact.id, m_contact.companyId, 0,
                              QStringLiteral("When do you invoice?"), QString(), &error));
    QCOMPARE(rows(QStringLiteral("SELECT recipient FROM outbox WHERE id > %1").arg(generalBefore)),
             QStringList{WorkspaceSetup::demoCredentials().adminEmail});
}

void TestStaffOwners::nobodyOwningMeansEveryoneHears()
{
    ServiceError error;
    QVERIFY(StaffOwnerService(db(), m_clock)
                .assignOnboarding(demoOnboarding(), m_sam, m_actor, &error));
    // Sam leaves: what was theirs is nobody's, and so everyone's to hear about.
    SqlQuery remove(db(), QStringLiteral("DELETE FROM staff WHERE id = ?"));
    remove << m_sam;
    QString dbError;
    QVERIFY2(remove.exec(&dbError), qPrintable(dbError));
    QCOMPARE(OnboardingRepository(db()).get(demoOnboarding(), &dbError)->ownerStaffId, 0);
    QCOMPARE(emails(StaffOwnerService(db(), m_clock).forTask(demoTask("signature"), &dbError)),
             QStringList{WorkspaceSetup::demoCredentials().adminEmail});
    QCOMPARE(StaffOwnerService(db(), m_clock)
                 .forOnboarding(demoOnboarding(), m_contact.companyId, &dbError)
                 .size(),
             1);
}

void TestStaffOwners::templateMeetingsInviteOnStart()
{
    // The template fixes its meeting's date: one upcoming, then one already past.
    QString dbError;
    const qint64 templateId = TemplateRepository(db()).list(m_workspaceId, &dbError).first().id;
    MeetingSchedule schedule;
    schedule.date = QDate(2027, 3, 10); // after the clock's now (January 2027)
    schedule.time = QTime(10, 0);
    schedule.timeZone = QStringLiteral("Europe/Berlin");
    schedule.durationMinutes = 45;
    schedule.url = QStringLiteral("https://meet.example.com/kickoff");
    const auto setTemplateMeeting = [&](const MeetingSchedule &meeting) {
        SqlQuery update(db(),
                        QStringLiteral("UPDATE template_task SET config = ? WHERE "
                                       "evidence_type = 'meeting' AND template_phase_id IN "
                                       "(SELECT id FROM template_phase WHERE template_id = ?)"));
        update << configToText(meeting.toConfig()) << templateId;
        return update.exec(&dbError) && update.rowsAffected() > 0;
    };
    QVERIFY2(setTemplateMeeting(schedule), qPrintable(dbError));
    const auto invitations = [&] {
        return rows(QStringLiteral("SELECT o.recipient FROM outbox o JOIN outbox_attachment a ON "
                                   "a.outbox_id = o.id WHERE a.name = 'meeting.ics'"));
    };
    const QStringList before = invitations();
    TaskSetupService setup(db(), m_clock, QStringLiteral("https://p.example"));
    ServiceError error;
    QVERIFY2(setup.startOnboarding(m_contact.companyId, templateId, QString(), QDate(2027, 1, 4),
                                   m_actor, &error)
                 > 0,
             qPrintable(error.message));
    // One invitation per meeting the template schedules, to the one contact of the company.
    const int meetings = rows(QStringLiteral("SELECT COUNT(*) FROM template_task t JOIN "
                                             "template_phase p ON p.id = t.template_phase_id "
                                             "WHERE p.template_id = %1 AND "
                                             "t.evidence_type = 'meeting'")
                                  .arg(templateId))
                             .value(0)
                             .toInt();
    QVERIFY(meetings >= 1);
    QStringList expected = before;
    for (int i = 0; i < meetings; ++i) {
        expected.append(m_contact.email);
    }
    QCOMPARE(invitations(), expected);

    schedule.date = QDate(2026, 1, 10); // before now: nobody is invited to the past
    QVERIFY(setTemplateMeeting(schedule));
    QVERIFY(setup.startOnboarding(m_contact.companyId, templateId, QString(), QDate(2027, 1, 4),
                                  m_actor, &error)
            > 0);
    QCOMPARE(invitations(), expected);
}

QTEST_GUILESS_MAIN(TestStaffOwners)
#include "tst_staff_owners.moc"
