// Mail attachments: written as base64 parts of a multipart/mixed message and read back by an
// independent reader, stored with the outbox row, kept across failed deliveries, and a meeting
// invitation's .ics arriving byte for byte through a real SMTP server (aiosmtpd), and the
// workspace's logo shown inline (multipart/related) in every mail once it has one.
#include "MimeReader.h"
#include "SmtpSink.h"
#include "TestDatabase.h"
#include "TestStaff.h"

#include "core/Clock.h"
#include "domain/MeetingSchedule.h"
#include "mail/MailComposer.h"
#include "mail/MailTransport.h"
#include "mail/MimeWriter.h"
#include "mail/OutboxDelivery.h"
#include "mail/OutboxRepository.h"
#include "security/Tokens.h"
#include "services/BrandingService.h"
#include "services/TaskSetupService.h"
#include "services/WorkspaceSetup.h"
#include "storage/DirectoryRepository.h"
#include "storage/FileStore.h"
#include "storage/OnboardingRepository.h"

#include <QBuffer>
#include <QDir>
#include <QImage>
#include <QTemporaryDir>
#include <QTest>

using namespace Gatehouse;
using Gatehouse::Testing::ReadMail;
using Gatehouse::Testing::SmtpSink;
using Gatehouse::Testing::staffActor;
using Gatehouse::Testing::TestDatabase;
namespace MimeReader = Gatehouse::Testing::MimeReader;

namespace {

constexpr qint64 kStartMs = 1'800'000'000'000;
const QString kPublicUrl = QStringLiteral("https://portal.example.test");

QByteArray everyByte()
{
    QByteArray bytes;
    for (int round = 0; round < 3; ++round) {
        for (int i = 0; i < 256; ++i) {
            bytes.append(char(i));
        }
    }
    return bytes;
}

// The demo onboarding's meeting task.
qint64 demoMeeting(const Database &db, const Contact &contact)
{
    QString error;
    qint64 meeting = 0;
    for (const Onboarding &summary :
         OnboardingRepository(db).forCompany(contact.companyId, &error)) {
        const std::optional<Onboarding> onboarding
            = OnboardingRepository(db).get(summary.id, &error);
        for (const Phase &phase : onboarding->phases) {
            for (const Task &task : phase.tasks) {
                meeting = task.evidenceType == EvidenceType::Meeting ? task.id : meeting;
            }
        }
    }
    return meeting;
}

MeetingSchedule aSchedule()
{
    MeetingSchedule schedule;
    schedule.date = QDate(2027, 3, 10);
    schedule.time = QTime(15, 0);
    schedule.timeZone = QStringLiteral("Europe/Berlin");
    schedule.durationMinutes = 90;
    schedule.url = QStringLiteral("https://meet.example.com/j/123?pwd=a,b;c");
    return schedule;
}

QByteArray aPng()
{
    QImage image(64, 32, QImage::Format_ARGB32);
    image.fill(QColor(0x1f, 0x6f, 0xeb));
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return buffer.data();
}

// Every .eml the mailbox holds, oldest first.
QList<ReadMail> mailbox(const QString &path)
{
    QList<ReadMail> mails;
    const QDir dir(path);
    for (const QString &name : dir.entryList({QStringLiteral("*.eml")}, QDir::Files, QDir::Name)) {
        QFile file(dir.filePath(name));
        if (file.open(QIODevice::ReadOnly)) {
            mails.append(MimeReader::read(file.readAll()));
        }
    }
    return mails;
}

} // namespace

class TestMailAttachments : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(Tokens::initialise()); }

    void attachmentsReadBack_data();
    void attachmentsReadBack();
    void outboxKeepsAttachments_data() { TestDatabase::addEngineRows(); }
    void outboxKeepsAttachments();
    void meetingInvitationCarriesTheIcsThroughSmtp_data() { TestDatabase::addEngineRows(); }
    void meetingInvitationCarriesTheIcsThroughSmtp();
    void workspaceLogoShownInline_data() { TestDatabase::addEngineRows(); }
    void workspaceLogoShownInline();
};

void TestMailAttachments::attachmentsReadBack_data()
{
    QTest::addColumn<QString>("html");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("mediaType");
    QTest::addColumn<QString>("expectedName");
    QTest::addColumn<QByteArray>("expectedType");
    QTest::addRow("text only, ics")
        << QString() << "meeting.ics" << QByteArray("text/calendar; method=PUBLISH; charset=UTF-8")
        << "meeting.ics" << QByteArray("text/calendar; method=PUBLISH; charset=UTF-8");
    QTest::addRow("with html") << "<p>Hello</p>"
                               << "data.bin" << QByteArray("application/octet-stream") << "data.bin"
                               << QByteArray("application/octet-stream");
    QTest::addRow("utf-8 name") << QString() << QStringLiteral("Übersicht März.ics")
                                << QByteArray("text/calendar")
                                << QStringLiteral("Übersicht März.ics")
                                << QByteArray("text/calendar");
    QTest::addRow("name with header injection")
        << QString() << "a\"\r\nBcc: x@evil.example\r\n.ics" << QByteArray("text/plain")
        << QStringLiteral("a\"Bcc: x@evil.example.ics") << QByteArray("text/plain");
    QTest::addRow("media type with injection")
        << QString() << "x.txt" << QByteArray("text/plain\r\nBcc: x@evil.example") << "x.txt"
        << QByteArray("application/octet-stream");
}

void TestMailAttachments::attachmentsReadBack()
{
    QFETCH(QString, html);
    QFETCH(QString, name);
    QFETCH(QByteArray, mediaType);
    QFETCH(QString, expectedName);
    QFETCH(QByteArray, expectedType);
    MailMessage message;
    message.to = QStringLiteral("client@example.com");
    message.subject = QStringLiteral("Files");
    message.text = QStringLiteral("See the attachments.\n");
    message.html = html;
    message.attachments.append({name, mediaType, everyByte()});
    message.attachments.append({QStringLiteral("second.txt"), QByteArrayLiteral("text/plain"),
                                QByteArrayLiteral("two\r\nlines\r\n")});
    const QByteArray composed = MimeWriter::compose(
        message, QStringLiteral("Gatehouse"), QStringLiteral("portal@example.test"), kStartMs);
    const ReadMail mail = MimeReader::read(composed);
    QVERIFY(mail.header("Content-Type").startsWith("multipart/mixed"));
    QCOMPARE(mail.headerCount("Bcc"), 0);
    QCOMPARE(mail.text, message.text);
    QCOMPARE(mail.html, html);
    QCOMPARE(mail.attachments.size(), 2);
    QCOMPARE(mail.attachments.at(0).fileName, expectedName);
    QCOMPARE(mail.attachments.at(0).contentType, expectedType);
    QCOMPARE(mail.attachments.at(0).data, everyByte());
    QCOMPARE(mail.attachments.at(1).data, QByteArray("two\r\nlines\r\n"));
    // Every line of the message stays within SMTP's limits and 7-bit.
    for (QByteArray line : composed.split('\n')) {
        line.chop(line.endsWith('\r') ? 1 : 0);
        QVERIFY2(line.size() <= 78, line.constData());
        for (const char c : line) {
            QVERIFY(c > 0);
        }
    }
}

void TestMailAttachments::outboxKeepsAttachments()
{
    QFETCH(QString, engine);
    const std::unique_ptr<TestDatabase> test = TestDatabase::create(engine);
    QVERIFY(test);
    OutboxRepository outbox(test->db());
    QString error;
    MailMessage message;
    message.to = QStringLiteral("client@example.com");
    message.subject = QStringLiteral("With files");
    message.text = QStringLiteral("Body");
    message.attachments.append(
        {QStringLiteral("a.bin"), QByteArrayLiteral("application/x-a"), everyByte()});
    message.attachments.append({QStringLiteral("b.ics"), QByteArrayLiteral("text/calendar"),
                                QByteArrayLiteral("BEGIN:VCALENDAR\r\n")});
    QVERIFY2(outbox.enqueue(message, kStartMs, &error) > 0, qPrintable(error));
    MailMessage plain = message;
    plain.attachments.clear();
    QVERIFY2(outbox.enqueue(plain, kStartMs, &error) > 0, qPrintable(error));

    // After a failure the row is retried later, still with its attachments, in order.
    QVERIFY(outbox.markFailed(outbox.due(kStartMs, 10, &error).first().id, QStringLiteral("down"),
                              kStartMs + 1000, &error));
    const QList<MailMessage> due = outbox.due(kStartMs + 1000, 10, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(due.size(), 2);
    QCOMPARE(due.at(0).attempts, 1);
    QCOMPARE(due.at(0).attachments.size(), 2);
    QCOMPARE(due.at(0).attachments.at(0).name, QStringLiteral("a.bin"));
    QCOMPARE(due.at(0).attachments.at(0).mediaType, QByteArray("application/x-a"));
    QCOMPARE(due.at(0).attachments.at(0).data, everyByte());
    QCOMPARE(due.at(0).attachments.at(1).name, QStringLiteral("b.ics"));
    QCOMPARE(due.at(1).attachments.size(), 0);
}

void TestMailAttachments::meetingInvitationCarriesTheIcsThroughSmtp()
{
    QFETCH(QString, engine);
    const std::unique_ptr<TestDatabase> test = TestDatabase::create(engine);
    QVERIFY(test);
    ManualClock clock(kStartMs);
    QString error;
    QVERIFY2(WorkspaceSetup(test->db(), clock).ensureDemo(nullptr, nullptr, &error),
             qPrintable(error));
    const Contact contact
        = DirectoryRepository(test->db())
              .contactsByEmail(WorkspaceSetup::demoCredentials().contactEmail, &error)
              .first();
    const qint64 meeting = demoMeeting(test->db(), contact);
    QVERIFY(meeting > 0);
    const MeetingSchedule schedule = aSchedule();
    TaskSetupService service(test->db(), clock, kPublicUrl);
    ServiceError serviceError;
    const Actor staff = staffActor(test->db(), StaffRole::Technician, QStringLiteral("Alex Admin"));
    QVERIFY2(service.scheduleMeeting(meeting, schedule, staff, &serviceError),
             qPrintable(serviceError.message));
    const QByteArray ics = *service.meetingCalendar(meeting, contact.companyId, &serviceError);

    // The SMTP server is down for the first attempt; the retry carries the file all the same.
    const quint16 port = SmtpSink::freePort();
    MailSettings settings;
    settings.smtpUrl = QStringLiteral("smtp://127.0.0.1:%1").arg(port);
    OutboxDelivery delivery(test->db(), std::make_unique<SmtpTransport>(settings), clock);
    QCOMPARE(delivery.deliverDue(&error), 0);
    SmtpSink sink;
    QVERIFY2(sink.start(port, &error), qPrintable(error));
    clock.advanceMs(OutboxDelivery::backoffMs(0) + 1000);
    QCOMPARE(delivery.deliverDue(&error), 1);
    QTRY_COMPARE(sink.count(), 1);

    const ReadMail mail = MimeReader::read(sink.messages().first());
    QCOMPARE(mail.header("X-RcptTo"), contact.email.toUtf8());
    QVERIFY2(mail.text.contains(schedule.url), qPrintable(mail.text));
    QCOMPARE(mail.attachments.size(), 1);
    QCOMPARE(mail.attachments.first().fileName, QStringLiteral("meeting.ics"));
    QVERIFY(mail.attachments.first().contentType.startsWith("text/calendar"));
    QCOMPARE(mail.attachments.first().data, ics);
    QVERIFY(ics.contains("DTSTART:20270310T140000Z\r\nDTEND:20270310T153000Z\r\n"));
}

void TestMailAttachments::workspaceLogoShownInline()
{
    QFETCH(QString, engine);
    const std::unique_ptr<TestDatabase> test = TestDatabase::create(engine);
    QVERIFY(test);
    ManualClock clock(kStartMs);
    QString error;
    QVERIFY2(WorkspaceSetup(test->db(), clock).ensureDemo(nullptr, nullptr, &error),
             qPrintable(error));
    DirectoryRepository directory(test->db());
    const Contact contact
        = directory.contactsByEmail(WorkspaceSetup::demoCredentials().contactEmail, &error).first();
    ServiceError serviceError;
    QVERIFY2(BrandingService(test->db(), clock)
                 .setLogo(aPng(),
                          Actor(Actor::Kind::Staff, WorkspaceSetup::demoCredentials().adminEmail,
                                QStringLiteral("Dana Admin")),
                          &serviceError),
             qPrintable(serviceError.message));
    const Workspace workspace = *directory.workspace(&error);
    QVERIFY(workspace.logoFileId != 0);
    const QByteArray storedLogo = *FileStore(test->db()).readAll(workspace.logoFileId, &error);

    // A mail with a file (the meeting's .ics) and one without: both show the logo.
    const Actor staff = staffActor(test->db(), StaffRole::Technician, QStringLiteral("Dana Admin"));
    QVERIFY2(
        TaskSetupService(test->db(), clock, kPublicUrl)
            .scheduleMeeting(demoMeeting(test->db(), contact), aSchedule(), staff, &serviceError),
        qPrintable(serviceError.message));
    OutboxRepository outbox(test->db());
    QVERIFY(
        outbox.enqueue(MailComposer::invitation(workspace, contact, kPublicUrl), kStartMs, &error)
        > 0);
    QTemporaryDir dir;
    MailSettings settings;
    settings.mailboxPath = dir.filePath(QStringLiteral("mailbox"));
    OutboxDelivery delivery(test->db(), MailTransport::create(settings), clock);
    QCOMPARE(delivery.deliverDue(&error), 2);
    QList<ReadMail> mails = mailbox(settings.mailboxPath);
    QCOMPARE(mails.size(), 2);
    for (const ReadMail &mail : std::as_const(mails)) {
        QVERIFY2(mail.html.contains(QStringLiteral("src=\"cid:logo@gatehouse\"")),
                 qPrintable(mail.html));
        QCOMPARE(mail.inlineParts.size(), 1);
        QCOMPARE(mail.inlineParts.first().contentId, QByteArray("logo@gatehouse"));
        QCOMPARE(mail.inlineParts.first().contentType, QByteArray("image/png"));
        QCOMPARE(mail.inlineParts.first().data, storedLogo);
    }
    QCOMPARE(mails.at(0).attachments.size(), 1); // the .ics, still a file
    QVERIFY(mails.at(0).header("Content-Type").startsWith("multipart/mixed"));
    QCOMPARE(mails.at(1).attachments.size(), 0);
    QVERIFY(mails.at(1).header("Content-Type").startsWith("multipart/alternative"));

    // Without a logo, no image and no reference to one.
    QVERIFY(BrandingService(test->db(), clock)
                .removeLogo(Actor(Actor::Kind::Staff, WorkspaceSetup::demoCredentials().adminEmail,
                                  QStringLiteral("Dana Admin")),
                            &serviceError));
    QVERIFY(
        outbox.enqueue(MailComposer::invitation(*directory.workspace(&error), contact, kPublicUrl),
                       kStartMs, &error)
        > 0);
    QCOMPARE(delivery.deliverDue(&error), 1);
    mails = mailbox(settings.mailboxPath);
    QCOMPARE(mails.size(), 3);
    QVERIFY(!mails.last().html.contains(QStringLiteral("cid:")));
    QVERIFY(mails.last().inlineParts.isEmpty());
}

QTEST_GUILESS_MAIN(TestMailAttachments)
#include "tst_mail_attachments.moc"
