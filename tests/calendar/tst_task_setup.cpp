// Staff set up meeting and training tasks (TaskSetupService), on both engines: the config, the
// activity row, the audit event and the invitation mails with their .ics are written together;
// wrong kinds and bad input change nothing; a contact completes what is theirs to complete.
// Also which video links a training accepts.
#include "MimeReader.h"
#include "TestDatabase.h"
#include "TestStaff.h"

#include "core/Clock.h"
#include "domain/MeetingSchedule.h"
#include "domain/TrainingSpec.h"
#include "mail/MimeWriter.h"
#include "mail/OutboxRepository.h"
#include "services/OnboardingService.h"
#include "services/TaskSetupService.h"
#include "services/WorkspaceSetup.h"
#include "storage/DirectoryRepository.h"
#include "storage/OnboardingRepository.h"
#include "storage/SqlQuery.h"

#include <QSqlRecord>
#include <QTest>

using namespace Gatehouse;
using Gatehouse::Testing::staffActor;
using Gatehouse::Testing::TestDatabase;
namespace MimeReader = Gatehouse::Testing::MimeReader;

namespace {

constexpr qint64 kStartMs = 1'800'000'000'000;
const QString kPublicUrl = QStringLiteral("https://portal.example.test");

MeetingSchedule kickOff()
{
    MeetingSchedule meeting;
    meeting.date = QDate(2027, 3, 10);
    meeting.time = QTime(15, 0);
    meeting.timeZone = QStringLiteral("Europe/Berlin");
    meeting.durationMinutes = 45;
    meeting.url = QStringLiteral("https://meet.example.com/kick-off");
    return meeting;
}

// Field names as a list (the build forbids implicit conversions from char strings).
QStringList names(std::initializer_list<const char *> list)
{
    QStringList out;
    for (const char *name : list) {
        out.append(QString::fromLatin1(name));
    }
    return out;
}

} // namespace

class TestTaskSetup : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup() { m_test.reset(); }

    void schedulingWritesConfigActivityAuditAndMail_data() { TestDatabase::addEngineRows(); }
    void schedulingWritesConfigActivityAuditAndMail();
    void badSetupChangesNothing_data() { TestDatabase::addEngineRows(); }
    void badSetupChangesNothing();
    void trainingIsSetAndCompletedByTheRightSide_data() { TestDatabase::addEngineRows(); }
    void trainingIsSetAndCompletedByTheRightSide();

    void videoLinks_data();
    void videoLinks();

private:
    QStringList rows(const QString &sql);
    QStringList state();
    qint64 taskOfKind(EvidenceType type);

    std::unique_ptr<TestDatabase> m_test;
    std::unique_ptr<ManualClock> m_clock;
    Contact m_contact;
};

void TestTaskSetup::init()
{
    if (QByteArray(QTest::currentTestFunction()) == "videoLinks") {
        return;
    }
    QFETCH(QString, engine);
    m_test = TestDatabase::create(engine);
    QVERIFY(m_test);
    m_clock = std::make_unique<ManualClock>(kStartMs);
    QString error;
    QVERIFY2(WorkspaceSetup(m_test->db(), *m_clock).ensureDemo(nullptr, nullptr, &error),
             qPrintable(error));
    const QList<Contact> contacts
        = DirectoryRepository(m_test->db())
              .contactsByEmail(WorkspaceSetup::demoCredentials().contactEmail, &error);
    QCOMPARE(contacts.size(), 1);
    m_contact = contacts.first();
}

QStringList TestTaskSetup::rows(const QString &sql)
{
    SqlQuery query(m_test->db(), sql);
    QString error;
    if (!query.exec(&error)) {
        return {QStringLiteral("error: ") + error};
    }
    QStringList result;
    while (query.next()) {
        QStringList cells;
        for (int i = 0; i < query.raw().record().count(); ++i) {
            cells.append(query.isNull(i) ? QStringLiteral("NULL") : query.value(i).toString());
        }
        result.append(cells.join(QLatin1Char('|')));
    }
    return result;
}

QStringList TestTaskSetup::state()
{
    return rows(QStringLiteral("SELECT id, status, config, updated_at FROM task ORDER BY id"))
           + rows(QStringLiteral("SELECT COUNT(*) FROM activity"))
           + rows(QStringLiteral("SELECT COUNT(*) FROM audit_event"))
           + rows(QStringLiteral("SELECT COUNT(*) FROM outbox"))
           + rows(QStringLiteral("SELECT COUNT(*) FROM outbox_attachment"));
}

qint64 TestTaskSetup::taskOfKind(EvidenceType type)
{
    QString error;
    for (const Onboarding &summary :
         OnboardingRepository(m_test->db()).forCompany(m_contact.companyId, &error)) {
        const std::optional<Onboarding> onboarding
            = OnboardingRepository(m_test->db()).get(summary.id, &error);
        for (const Phase &phase : onboarding->phases) {
            for (const Task &task : phase.tasks) {
                if (task.evidenceType == type) {
                    return task.id;
                }
            }
        }
    }
    return 0;
}

void TestTaskSetup::schedulingWritesConfigActivityAuditAndMail()
{
    const Actor staff
        = staffActor(m_test->db(), StaffRole::Technician, QStringLiteral("Alex Admin"));
    QString error;
    DirectoryRepository directory(m_test->db());
    // A second contact who may use the portal, and one who may not: only two mails go out.
    const qint64 second
        = directory.createContact(m_contact.companyId, QStringLiteral("Sam Second"),
                                  QStringLiteral("sam@example.com"), kStartMs, &error);
    const qint64 blocked
        = directory.createContact(m_contact.companyId, QStringLiteral("No Portal"),
                                  QStringLiteral("noportal@example.com"), kStartMs, &error);
    QVERIFY2(second > 0 && blocked > 0, qPrintable(error));
    SqlQuery off(m_test->db(), QStringLiteral("UPDATE contact SET portal_access = 0 WHERE id = ?"));
    off << blocked;
    QVERIFY2(off.exec(&error), qPrintable(error));

    const qint64 taskId = taskOfKind(EvidenceType::Meeting);
    QVERIFY(taskId > 0);
    OutboxRepository outbox(m_test->db());
    const int mailBefore = outbox.pendingCount(&error);
    TaskSetupService service(m_test->db(), *m_clock, kPublicUrl);
    ServiceError serviceError;
    m_clock->advanceMs(60'000);
    QVERIFY2(service.scheduleMeeting(taskId, kickOff(), staff, &serviceError),
             qPrintable(serviceError.message));

    const std::optional<Task> task
        = OnboardingRepository(m_test->db()).taskForCompany(taskId, m_contact.companyId, &error);
    QVERIFY(task);
    QCOMPARE(task->config, kickOff().toConfig());
    QCOMPARE(task->updatedAtMs, kStartMs + 60'000);
    QCOMPARE(rows(QStringLiteral("SELECT kind, task_id FROM activity ORDER BY id DESC LIMIT 1")),
             QStringList{QStringLiteral("task.meeting_scheduled|%1").arg(taskId)});
    const QStringList audit = rows(
        QStringLiteral("SELECT action, subject, detail FROM audit_event ORDER BY id DESC LIMIT 1"));
    QCOMPARE(audit.size(), 1);
    QVERIFY2(audit.first().startsWith(
                 QStringLiteral("task.meeting_scheduled|task:%1|Alex Admin scheduled").arg(taskId)),
             qPrintable(audit.first()));
    QVERIFY2(audit.first().contains(QLatin1String("2 contact(s) invited")),
             qPrintable(audit.first()));

    // One invitation per contact with portal access, each carrying the portal's own .ics.
    QCOMPARE(outbox.pendingCount(&error), mailBefore + 2);
    const std::optional<QByteArray> ics
        = service.meetingCalendar(taskId, m_contact.companyId, &serviceError);
    QVERIFY(ics);
    QVERIFY(ics->contains("DTSTART:20270310T140000Z"));
    QStringList recipients;
    for (const MailMessage &mail : outbox.due(m_clock->nowMs(), 50, &error)) {
        if (mail.attachments.isEmpty()) {
            continue;
        }
        recipients.append(mail.to);
        QCOMPARE(mail.attachments.size(), 1);
        QCOMPARE(mail.attachments.first().name, QStringLiteral("meeting.ics"));
        QVERIFY(mail.attachments.first().mediaType.startsWith("text/calendar"));
        QCOMPARE(mail.attachments.first().data, *ics);
        QVERIFY2(mail.text.contains(kickOff().url), qPrintable(mail.text));
        QVERIFY2(mail.text.contains(QLatin1String("Europe/Berlin")), qPrintable(mail.text));
        QVERIFY2(mail.text.contains(kPublicUrl), qPrintable(mail.text));
    }
    recipients.sort();
    QCOMPARE(recipients, (QStringList{m_contact.email, QStringLiteral("sam@example.com")}));

    // The same schedule again changes and sends nothing; a new time is a new version.
    const QStringList before = state();
    QVERIFY(service.scheduleMeeting(taskId, kickOff(), staff, &serviceError));
    QCOMPARE(state(), before);
    MeetingSchedule later = kickOff();
    later.time = QTime(16, 30);
    m_clock->advanceMs(60'000);
    QVERIFY(service.scheduleMeeting(taskId, later, staff, &serviceError));
    QCOMPARE(outbox.pendingCount(&error), mailBefore + 4);
    const QByteArray moved = *service.meetingCalendar(taskId, m_contact.companyId, &serviceError);
    QVERIFY(moved.contains("DTSTART:20270310T153000Z"));
    QVERIFY(moved.contains("SEQUENCE:1"));
    QVERIFY(moved.contains(QByteArray(QByteArray("UID:task-") + QByteArray::number(taskId)
                                      + "-meeting@portal.example.test")));

    // Another company's contact cannot have it.
    QVERIFY(!service.meetingCalendar(taskId, m_contact.companyId + 1000, &serviceError));
    QCOMPARE(serviceError.kind, ServiceError::Kind::NotFound);
}

void TestTaskSetup::badSetupChangesNothing()
{
    const Actor staff
        = staffActor(m_test->db(), StaffRole::Technician, QStringLiteral("Alex Admin"));
    const qint64 meeting = taskOfKind(EvidenceType::Meeting);
    const qint64 training = taskOfKind(EvidenceType::Training);
    const qint64 standard = taskOfKind(EvidenceType::Standard);
    QVERIFY(meeting && training && standard);
    TaskSetupService service(m_test->db(), *m_clock, kPublicUrl);
    const QStringList before = state();

    ServiceError error;
    FieldErrors fields;
    QVERIFY(!service.scheduleMeeting(standard, kickOff(), staff, &error, &fields));
    QCOMPARE(error.kind, ServiceError::Kind::Invalid);
    QVERIFY2(error.message.contains(QLatin1String("meeting")), qPrintable(error.message));
    QVERIFY(!service.setTraining(meeting, TrainingSpec::inPerson(QStringLiteral("Room 4")), staff,
                                 &error));
    QCOMPARE(error.kind, ServiceError::Kind::Invalid);
    QVERIFY(!service.scheduleMeeting(987654321, kickOff(), staff, &error));
    QCOMPARE(error.kind, ServiceError::Kind::NotFound);

    MeetingSchedule bad = kickOff();
    bad.url = QStringLiteral("http://meet.example.com/");
    bad.durationMinutes = 2;
    bad.timeZone = QStringLiteral("Nowhere/Special");
    QVERIFY(!service.scheduleMeeting(meeting, bad, staff, &error, &fields));
    QCOMPARE(error.kind, ServiceError::Kind::Invalid);
    QCOMPARE(fields.keys(), (names({"durationMinutes", "timeZone", "url"})));
    QVERIFY(error.message.contains(fields.value(QStringLiteral("url"))));

    QVERIFY(!service.setTraining(training,
                                 TrainingSpec::video(QStringLiteral("https://evil.example/embed")),
                                 staff, &error, &fields));
    QCOMPARE(fields.keys(), names({"videoUrl"}));
    QVERIFY2(
        fields.value(QStringLiteral("videoUrl")).contains(QLatin1String("YouTube, Vimeo or Loom")),
        qPrintable(fields.value(QStringLiteral("videoUrl"))));
    QVERIFY(!service.setTraining(training, TrainingSpec::inPerson(QStringLiteral("   ")), staff,
                                 &error, &fields));
    QCOMPARE(fields.keys(), names({"instructions"}));
    QCOMPARE(state(), before);
}

void TestTaskSetup::trainingIsSetAndCompletedByTheRightSide()
{
    const Actor staff
        = staffActor(m_test->db(), StaffRole::Technician, QStringLiteral("Alex Admin"));
    const qint64 training = taskOfKind(EvidenceType::Training);
    const qint64 meeting = taskOfKind(EvidenceType::Meeting);
    QString error;
    // Make the meeting one the client attends and completes.
    SqlQuery client(m_test->db(), QStringLiteral("UPDATE task SET owner_side = 'client', "
                                                 "status = 'pending' WHERE id = ?"));
    client << meeting;
    QVERIFY2(client.exec(&error), qPrintable(error));
    TaskSetupService setup(m_test->db(), *m_clock, kPublicUrl);
    OnboardingService onboarding(m_test->db(), *m_clock);
    ServiceError serviceError;

    // Not set up yet: nothing to complete.
    QVERIFY(!onboarding.completeAsContact(training, m_contact.id, m_contact.companyId, QString(),
                                          &serviceError));
    QCOMPARE(serviceError.kind, ServiceError::Kind::Conflict);
    QVERIFY(!onboarding.completeAsContact(meeting, m_contact.id, m_contact.companyId, QString(),
                                          &serviceError));
    QCOMPARE(serviceError.kind, ServiceError::Kind::Conflict);
    QVERIFY2(serviceError.message.contains(QLatin1String("not been scheduled")),
             qPrintable(serviceError.message));

    // In person: the contact may not complete it, staff may.
    QVERIFY(setup.setTraining(training,
                              TrainingSpec::inPerson(QStringLiteral("Room 4, bring a laptop")),
                              staff, &serviceError));
    QCOMPARE(rows(QStringLiteral("SELECT kind FROM activity ORDER BY id DESC LIMIT 1")),
             QStringList{QStringLiteral("task.training_set")});
    QCOMPARE(rows(QStringLiteral("SELECT action FROM audit_event ORDER BY id DESC LIMIT 1")),
             QStringList{QStringLiteral("task.training_set")});
    const QStringList before = state();
    QVERIFY(!onboarding.completeAsContact(training, m_contact.id, m_contact.companyId, QString(),
                                          &serviceError));
    QCOMPARE(serviceError.kind, ServiceError::Kind::Conflict);
    QVERIFY2(serviceError.message.contains(QLatin1String("in person")),
             qPrintable(serviceError.message));
    QCOMPARE(state(), before);
    QVERIFY(onboarding.setStatusAsStaff(
        training, TaskStatus::Completed,
        staffActor(m_test->db(), StaffRole::Technician, QStringLiteral("Alex")), &serviceError));
    QCOMPARE(OnboardingRepository(m_test->db())
                 .taskForCompany(training, m_contact.companyId, &error)
                 ->status,
             TaskStatus::Completed);

    // A video: stored as its privacy-enhanced embed address; the contact completes it.
    QVERIFY(onboarding.setStatusAsStaff(
        training, TaskStatus::Pending,
        staffActor(m_test->db(), StaffRole::Technician, QStringLiteral("Alex")), &serviceError));
    QVERIFY(setup.setTraining(training,
                              TrainingSpec::video(QStringLiteral("https://youtu.be/dQw4w9WgXcQ")),
                              staff, &serviceError));
    const std::optional<Task> video
        = OnboardingRepository(m_test->db()).taskForCompany(training, m_contact.companyId, &error);
    QCOMPARE(video->config.value(QStringLiteral("embedUrl")).toString(),
             QStringLiteral("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"));
    QVERIFY(onboarding.completeAsContact(training, m_contact.id, m_contact.companyId, QString(),
                                         &serviceError));

    // A scheduled meeting is completed by the contact too.
    QVERIFY(setup.scheduleMeeting(meeting, kickOff(), staff, &serviceError));
    QVERIFY2(onboarding.completeAsContact(meeting, m_contact.id, m_contact.companyId, QString(),
                                          &serviceError),
             qPrintable(serviceError.message));
}

void TestTaskSetup::videoLinks_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("embed"); // empty: refused
    const QString yt = QStringLiteral("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ");
    QTest::addRow("youtube watch") << "https://www.youtube.com/watch?v=dQw4w9WgXcQ" << yt;
    QTest::addRow("youtube watch with more")
        << "https://youtube.com/watch?v=dQw4w9WgXcQ&t=42s" << yt;
    QTest::addRow("youtube mobile") << "https://m.youtube.com/watch?v=dQw4w9WgXcQ" << yt;
    QTest::addRow("youtu.be") << "https://youtu.be/dQw4w9WgXcQ?si=abc" << yt;
    QTest::addRow("youtube without scheme") << "youtu.be/dQw4w9WgXcQ" << yt;
    QTest::addRow("youtube embed") << "https://www.youtube.com/embed/dQw4w9WgXcQ" << yt;
    QTest::addRow("youtube nocookie") << yt << yt;
    QTest::addRow("youtube shorts") << "https://www.youtube.com/shorts/dQw4w9WgXcQ" << yt;
    QTest::addRow("vimeo") << "https://vimeo.com/76979871"
                           << "https://player.vimeo.com/video/76979871";
    QTest::addRow("vimeo unlisted") << "https://vimeo.com/76979871/a1b2c3d4e5"
                                    << "https://player.vimeo.com/video/76979871?h=a1b2c3d4e5";
    QTest::addRow("vimeo player") << "https://player.vimeo.com/video/76979871"
                                  << "https://player.vimeo.com/video/76979871";
    QTest::addRow("loom share") << "https://www.loom.com/share/0281766fa2d04bb788eaf19e65135184"
                                << "https://www.loom.com/embed/0281766fa2d04bb788eaf19e65135184";
    QTest::addRow("loom embed") << "https://loom.com/embed/0281766fa2d04bb788eaf19e65135184"
                                << "https://www.loom.com/embed/0281766fa2d04bb788eaf19e65135184";
    QTest::addRow("other site") << "https://example.com/video.mp4"
                                << "";
    QTest::addRow("look-alike host") << "https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ"
                                     << "";
    QTest::addRow("youtube channel") << "https://www.youtube.com/@somebody"
                                     << "";
    QTest::addRow("id too short") << "https://youtu.be/abc"
                                  << "";
    QTest::addRow("id with a quote") << "https://youtu.be/dQw4w9WgX\"Q"
                                     << "";
    QTest::addRow("javascript") << "javascript:alert(document.cookie)"
                                << "";
    QTest::addRow("data") << "data:text/html,<script>alert(1)</script>"
                          << "";
    QTest::addRow("credentials") << "https://user:pw@www.youtube.com/watch?v=dQw4w9WgXcQ"
                                 << "";
    QTest::addRow("other port") << "https://www.youtube.com:8443/watch?v=dQw4w9WgXcQ"
                                << "";
    QTest::addRow("vimeo not a number") << "https://vimeo.com/channels/staffpicks"
                                        << "";
    QTest::addRow("loom other path") << "https://www.loom.com/looms/videos"
                                     << "";
    QTest::addRow("empty") << ""
                           << "";
}

void TestTaskSetup::videoLinks()
{
    QFETCH(QString, url);
    QFETCH(QString, embed);
    FieldErrors errors;
    const std::optional<TrainingSpec> spec = TrainingSpec::fromConfig(
        {{QStringLiteral("mode"), QStringLiteral("video")}, {QStringLiteral("videoUrl"), url}},
        &errors);
    QCOMPARE(bool(spec), !embed.isEmpty());
    if (embed.isEmpty()) {
        QCOMPARE(errors.keys(), names({"videoUrl"}));
        QVERIFY(!errors.first().isEmpty());
        return;
    }
    QCOMPARE(spec->embedUrl, embed);
    bool allowed = false;
    for (const QString &origin : TrainingSpec::embedOrigins()) {
        allowed = allowed || embed.startsWith(origin + QLatin1Char('/'));
    }
    QVERIFY(allowed);
    // A stored embed address is never trusted: it is derived again from the link.
    QJsonObject tampered = spec->toConfig();
    tampered.insert(QStringLiteral("embedUrl"), QStringLiteral("https://evil.example/"));
    QCOMPARE(TrainingSpec::fromConfig(tampered, nullptr)->embedUrl, embed);
}

QTEST_GUILESS_MAIN(TestTaskSetup)
#include "tst_task_setup.moc"
