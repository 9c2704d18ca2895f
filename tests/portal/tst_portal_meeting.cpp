// Meeting and training tasks through the portal's HTTP API, on both engines: the .ics download
// (a calendar file, always an attachment, only for the contact's own company), the CSP that lets
// the page frame exactly the three video hosts, and completing trainings: a video by the
// contact, an in-person training never by the contact.
#include "PortalClient.h"
#include "PortalFixture.h"
#include "TestDatabase.h"
#include "TestStaff.h"

#include "domain/MeetingSchedule.h"
#include "domain/TrainingSpec.h"
#include "security/Tokens.h"
#include "services/OnboardingService.h"
#include "services/TaskSetupService.h"
#include "storage/DirectoryRepository.h"
#include "storage/TemplateRepository.h"

#include <QTest>

using namespace Gatehouse;
using namespace Gatehouse::Testing;

namespace {

MeetingSchedule kickOff()
{
    MeetingSchedule meeting;
    meeting.date = QDate(2027, 3, 10);
    meeting.time = QTime(15, 0);
    meeting.timeZone = QStringLiteral("Europe/Berlin");
    meeting.durationMinutes = 60;
    meeting.url = QStringLiteral("https://meet.example.com/kick-off");
    return meeting;
}

} // namespace

class TestPortalMeeting : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(Tokens::initialise()); }
    void initTestCase_data() { TestDatabase::addEngineRows(); }
    void init();
    void cleanup() { m_portal.stop(); }

    void calendarFileIsTheCompanysOwn();
    void framesOnlyTheThreeVideoHosts();
    void trainingsAreCompletedByTheRightSide();

private:
    qint64 otherCompanysContact(qint64 *otherCompany);
    TaskSetupService setup()
    {
        return TaskSetupService(m_portal.db(), m_portal.clock(), PortalFixture::publicUrl());
    }

    PortalFixture m_portal;
};

void TestPortalMeeting::init()
{
    QFETCH_GLOBAL(QString, engine);
    QString error;
    QVERIFY2(m_portal.start(engine, &error), qPrintable(error));
}

qint64 TestPortalMeeting::otherCompanysContact(qint64 *otherCompany)
{
    QString error;
    const qint64 workspaceId = DirectoryRepository(m_portal.db()).workspace(&error)->id;
    *otherCompany = DirectoryRepository(m_portal.db())
                        .createCompany(workspaceId, QStringLiteral("Other Clinic"),
                                       PortalFixture::kStartMs, &error);
    const qint64 contact
        = DirectoryRepository(m_portal.db())
              .createContact(*otherCompany, QStringLiteral("Olly Other"),
                             QStringLiteral("olly@other.example"), PortalFixture::kStartMs, &error);
    const QList<OnboardingTemplate> templates
        = TemplateRepository(m_portal.db()).list(workspaceId, &error);
    ServiceError serviceError;
    if (templates.isEmpty()
        || OnboardingService(m_portal.db(), m_portal.clock())
                   .createFromTemplate(*otherCompany, templates.first().id,
                                       QStringLiteral("Other onboarding"), QDate(2027, 1, 1),
                                       Actor::system(QStringLiteral("test")), &serviceError)
               == 0) {
        return 0;
    }
    return contact;
}

void TestPortalMeeting::calendarFileIsTheCompanysOwn()
{
    const Actor staff
        = staffActor(m_portal.db(), StaffRole::Technician, QStringLiteral("Alex Admin"));
    const qint64 company = m_portal.contact().companyId;
    const qint64 meeting
        = m_portal.taskId(company, OwnerSide::Msp, EvidenceType::Meeting, TaskStatus::Completed);
    const qint64 standard
        = m_portal.taskId(company, OwnerSide::Client, EvidenceType::Standard, TaskStatus::Pending);
    QVERIFY(meeting > 0 && standard > 0);
    const QString path = QStringLiteral("/api/v1/tasks/%1/meeting.ics").arg(meeting);

    PortalClient anonymous(m_portal.port());
    QCOMPARE(anonymous.get(path).status, 401);

    PortalClient browser(m_portal.port());
    QString why;
    QVERIFY2(m_portal.signIn(browser, m_portal.contact().id, &why), qPrintable(why));
    // Not scheduled yet.
    const HttpReply unscheduled = browser.get(path);
    QVERIFY2(unscheduled.status == 409, unscheduled.describe());
    QVERIFY(unscheduled.json()[QStringLiteral("error")].toString().contains(
        QLatin1String("not been scheduled")));

    ServiceError error;
    QVERIFY2(setup().scheduleMeeting(meeting, kickOff(), staff, &error), qPrintable(error.message));
    const HttpReply ics = browser.get(path);
    QVERIFY2(ics.status == 200, ics.describe());
    QVERIFY(ics.header("Content-Type").startsWith("text/calendar"));
    QCOMPARE(ics.header("Content-Disposition"), QByteArray("attachment; filename=\"meeting-")
                                                    + QByteArray::number(meeting) + ".ics\"");
    QCOMPARE(ics.header("Cache-Control"), QByteArray("no-store"));
    QCOMPARE(ics.header("X-Content-Type-Options"), QByteArray("nosniff"));
    QCOMPARE(ics.body, *setup().meetingCalendar(meeting, company, &error));
    QVERIFY(ics.body.startsWith("BEGIN:VCALENDAR\r\n"));
    QVERIFY(ics.body.contains("DTSTART:20270310T140000Z\r\n"));
    QVERIFY(ics.body.contains("URL:https://meet.example.com/kick-off\r\n"));

    // The home and the task show the schedule to the page.
    const HttpReply task = browser.get(QStringLiteral("/api/v1/tasks/%1").arg(meeting));
    QCOMPARE(task.json()[QStringLiteral("task")][QStringLiteral("config")].toObject(),
             kickOff().toConfig());

    // Not a meeting, no such task: 404.
    QCOMPARE(browser.get(QStringLiteral("/api/v1/tasks/%1/meeting.ics").arg(standard)).status, 404);
    const HttpReply unknown = browser.get(QStringLiteral("/api/v1/tasks/987654321/meeting.ics"));
    QCOMPARE(unknown.status, 404);

    // Another company's contact gets exactly what an unknown task gets.
    qint64 otherCompany = 0;
    const qint64 other = otherCompanysContact(&otherCompany);
    QVERIFY(other > 0);
    PortalClient stranger(m_portal.port());
    QVERIFY2(m_portal.signIn(stranger, other, &why), qPrintable(why));
    const HttpReply foreign = stranger.get(path);
    QVERIFY2(foreign.status == 404, foreign.describe());
    QCOMPARE(foreign.body, unknown.body);
    QVERIFY(!foreign.body.contains("VCALENDAR"));
    // Their own meeting, once scheduled, is theirs to download.
    const qint64 theirs
        = m_portal.taskId(otherCompany, OwnerSide::Msp, EvidenceType::Meeting, TaskStatus::Pending);
    QVERIFY(theirs > 0);
    QVERIFY(setup().scheduleMeeting(theirs, kickOff(), staff, &error));
    QCOMPARE(stranger.get(QStringLiteral("/api/v1/tasks/%1/meeting.ics").arg(theirs)).status, 200);
    QCOMPARE(browser.get(QStringLiteral("/api/v1/tasks/%1/meeting.ics").arg(theirs)).status, 404);
}

void TestPortalMeeting::framesOnlyTheThreeVideoHosts()
{
    PortalClient browser(m_portal.port());
    for (const QString &path : {QStringLiteral("/"), QStringLiteral("/api/v1/branding"),
                                QStringLiteral("/api/v1/nothing-here")}) {
        const HttpReply reply = browser.get(path);
        const QByteArray csp = reply.header("Content-Security-Policy");
        QStringList frameSources;
        for (const QByteArray &directive : csp.split(';')) {
            const QList<QByteArray> words = directive.trimmed().split(' ');
            if (words.first() == "frame-src") {
                for (qsizetype i = 1; i < words.size(); ++i) {
                    frameSources.append(QString::fromLatin1(words.at(i)));
                }
            }
        }
        QCOMPARE(frameSources, (QStringList{QStringLiteral("https://www.youtube-nocookie.com"),
                                            QStringLiteral("https://player.vimeo.com"),
                                            QStringLiteral("https://www.loom.com")}));
        QVERIFY2(csp.contains("frame-ancestors 'none'"), csp.constData());
        QVERIFY2(csp.contains("default-src 'self'"), csp.constData());
    }
}

void TestPortalMeeting::trainingsAreCompletedByTheRightSide()
{
    const Actor staff
        = staffActor(m_portal.db(), StaffRole::Technician, QStringLiteral("Alex Admin"));
    const qint64 company = m_portal.contact().companyId;
    const qint64 training
        = m_portal.taskId(company, OwnerSide::Client, EvidenceType::Training, TaskStatus::Pending);
    QVERIFY(training > 0);
    const QString complete = QStringLiteral("/api/v1/tasks/%1/complete").arg(training);
    PortalClient browser(m_portal.port());
    QString why;
    QVERIFY2(m_portal.signIn(browser, m_portal.contact().id, &why), qPrintable(why));

    ServiceError error;
    QVERIFY(setup().setTraining(training, TrainingSpec::inPerson(QStringLiteral("Room 4 at 9")),
                                staff, &error));
    const QStringList before = m_portal.state();
    const HttpReply refused = browser.post(complete, {{QStringLiteral("note"), QString()}});
    QVERIFY2(refused.status == 409, refused.describe());
    QCOMPARE(refused.json()[QStringLiteral("code")].toString(), QStringLiteral("conflict"));
    QVERIFY2(
        refused.json()[QStringLiteral("error")].toString().contains(QLatin1String("in person")),
        refused.describe());
    QCOMPARE(m_portal.state(), before);

    // Staff switch it to a video: now the contact completes it.
    QVERIFY(setup().setTraining(training,
                                TrainingSpec::video(QStringLiteral("https://vimeo.com/76979871")),
                                staff, &error));
    const HttpReply read = browser.get(QStringLiteral("/api/v1/tasks/%1").arg(training));
    QCOMPARE(
        read.json()[QStringLiteral("task")][QStringLiteral("config")][QStringLiteral("embedUrl")]
            .toString(),
        QStringLiteral("https://player.vimeo.com/video/76979871"));
    const HttpReply done
        = browser.post(complete, {{QStringLiteral("note"), QStringLiteral("Seen")}});
    QVERIFY2(done.status == 200, done.describe());
    QCOMPARE(done.json()[QStringLiteral("task")][QStringLiteral("status")].toString(),
             QStringLiteral("completed"));
}

QTEST_GUILESS_MAIN(TestPortalMeeting)
#include "tst_portal_meeting.moc"
