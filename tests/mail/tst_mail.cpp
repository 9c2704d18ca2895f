// Mail delivery: to a real SMTP server (aiosmtpd on loopback), SMTP outages that lose nothing,
// several senders on one outbox, and the local mailbox folder. MIME encoding: tst_mail_mime.
#include "MimeReader.h"
#include "SmtpSink.h"
#include "TestDatabase.h"

#include "core/Clock.h"
#include "mail/MailComposer.h"
#include "mail/MailTransport.h"
#include "mail/MimeWriter.h"
#include "mail/OutboxDelivery.h"
#include "mail/OutboxRepository.h"
#include "security/Tokens.h"
#include "services/InviteService.h"
#include "services/PortalAuthService.h"
#include "services/WorkspaceSetup.h"
#include "storage/DirectoryRepository.h"

#include <QDir>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

using namespace Gatehouse;
using Gatehouse::Testing::ReadMail;
using Gatehouse::Testing::SmtpSink;
using Gatehouse::Testing::TestDatabase;
namespace MimeReader = Gatehouse::Testing::MimeReader;

namespace {

constexpr qint64 kStartMs = 1'800'000'000'000;

const QString kPublicUrl = QStringLiteral("https://portal.example.test");

MailMessage message(const QString &to, const QString &subject, const QString &text,
                    const QString &html = QString())
{
    MailMessage mail;
    mail.to = to;
    mail.subject = subject;
    mail.text = text;
    mail.html = html;
    return mail;
}

// Records what it was given to send, and can run something in the middle of a send (another
// portal process's delivery round, on its own connection).
class RecordingTransport : public MailTransport
{
public:
    RecordingTransport(QList<qint64> *sent, std::function<void()> during = {})
        : m_sent(sent)
        , m_during(std::move(during))
    {}
    bool send(const MailMessage &message, qint64, QString *) override
    {
        if (m_during) {
            m_during();
        }
        m_sent->append(message.id);
        return true;
    }

private:
    QList<qint64> *m_sent;
    std::function<void()> m_during;
};

QString codeIn(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("Your sign-in code: (\\d{6})"));
    return pattern.match(text).captured(1);
}

} // namespace

class TestMail : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(Tokens::initialise()); }

    void smtpUrlsAreValidated_data();
    void smtpUrlsAreValidated();
    void smtpDeliversInvitationAndSignInMail();
    void smtpEnvelopeCannotBeInjected_data();
    void smtpEnvelopeCannotBeInjected();
    void smtpOutageLosesNothing_data();
    void smtpOutageLosesNothing();
    void backoffDoublesUpToAnHour_data();
    void backoffDoublesUpToAnHour();
    void twoSendersSendEachMessageOnce_data() { TestDatabase::addEngineRows(); }
    void twoSendersSendEachMessageOnce();

    void mailboxFilesSortInDeliveryOrder();
    void outboxRoundFillsMailboxInOrder();
};

void TestMail::smtpUrlsAreValidated_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("valid");
    QTest::addRow("smtp with port") << "smtp://mail.example.com:587" << true;
    QTest::addRow("smtps") << "smtps://mail.example.com:465" << true;
    QTest::addRow("loopback") << "smtp://127.0.0.1:2525" << true;
    QTest::addRow("with user") << "smtp://relay@mail.example.com:587" << true;
    QTest::addRow("empty") << "" << false;
    QTest::addRow("no scheme") << "mail.example.com:587" << false;
    QTest::addRow("http") << "http://mail.example.com" << false;
    QTest::addRow("file") << "file:///etc/passwd" << false;
    QTest::addRow("no host") << "smtp://:25" << false;
    QTest::addRow("only scheme") << "smtp://" << false;
    QTest::addRow("space in host") << "smtp://mail example.com:25" << false;
    QTest::addRow("port out of range") << "smtp://mail.example.com:99999" << false;
    QTest::addRow("line break") << "smtp://mail.example.com:25\r\nQUIT" << false;
}

void TestMail::smtpUrlsAreValidated()
{
    QFETCH(QString, url);
    QFETCH(bool, valid);
    QString error;
    QCOMPARE(SmtpTransport::validateUrl(url, &error), valid);
    QCOMPARE(error.isEmpty(), valid);
    if (!valid) {
        QVERIFY2(error.contains(QLatin1String("smtp://")), qPrintable(error));
        // The refused transport sends nothing either.
        MailSettings settings;
        settings.smtpUrl = url;
        QString sendError;
        QVERIFY(!SmtpTransport(settings).send(
            message(QStringLiteral("a@example.com"), QStringLiteral("s"), QStringLiteral("t")),
            kStartMs, &sendError));
        QVERIFY(!sendError.isEmpty());
    }
}

void TestMail::smtpDeliversInvitationAndSignInMail()
{
    SmtpSink sink;
    QString error;
    QVERIFY2(sink.start(0, &error), qPrintable(error));

    Workspace workspace;
    workspace.name = QStringLiteral("Müller IT-Service");
    workspace.accentColor = QStringLiteral("#1f6f5c");
    Contact contact;
    contact.name = QStringLiteral("Jördis Client");
    contact.companyName = QStringLiteral("Zahnarztpraxis Süd");
    contact.email = QStringLiteral("joerdis@example.com");
    const QString inviteLink = kPublicUrl + QStringLiteral("/i/") + Tokens::generate();
    const QString magicLink = kPublicUrl + QStringLiteral("/m/") + Tokens::generate();
    const QList<MailMessage> sent
        = {MailComposer::invitation(workspace, contact, inviteLink),
           MailComposer::signInCode(workspace, contact, QStringLiteral("042917"), magicLink, 30),
           message(contact.email, QStringLiteral("Dots"), QStringLiteral(".\n..\nend\n.\n"))};

    MailSettings settings;
    settings.smtpUrl = sink.url();
    settings.fromName = QStringLiteral("Müller IT-Service");
    settings.fromAddress = QStringLiteral("portal@mueller-it.example");
    SmtpTransport transport(settings);
    for (const MailMessage &mail : sent) {
        QVERIFY2(transport.send(mail, kStartMs, &error), qPrintable(error));
    }
    QTRY_COMPARE(sink.count(), 3);

    QList<ReadMail> received;
    for (const QByteArray &raw : sink.messages()) {
        received.append(MimeReader::read(raw));
    }
    std::sort(received.begin(), received.end(), [](const ReadMail &a, const ReadMail &b) {
        return a.decodedHeader("Subject") < b.decodedHeader("Subject");
    });
    const ReadMail &dots = received.at(0);
    const ReadMail &invitation = received.at(1);
    const ReadMail &signIn = received.at(2);

    QCOMPARE(invitation.decodedHeader("Subject"), sent.at(0).subject);
    QCOMPARE(invitation.header("X-RcptTo"), QByteArray("joerdis@example.com"));
    QCOMPARE(invitation.header("X-MailFrom"), QByteArray("portal@mueller-it.example"));
    QCOMPARE(invitation.decodedHeader("From"),
             QStringLiteral("Müller IT-Service <portal@mueller-it.example>"));
    QVERIFY2(invitation.text.contains(inviteLink + QLatin1Char('\n')), qPrintable(invitation.text));
    QVERIFY(invitation.text.contains(QStringLiteral("Hello Jördis Client,")));
    QVERIFY(invitation.html.contains(QStringLiteral("href=\"%1\"").arg(inviteLink)));

    QCOMPARE(signIn.decodedHeader("Subject"), sent.at(1).subject);
    QCOMPARE(codeIn(signIn.text), QStringLiteral("042917"));
    QVERIFY2(signIn.text.contains(magicLink + QLatin1Char('\n')), qPrintable(signIn.text));
    QVERIFY(signIn.html.contains(QStringLiteral("href=\"%1\"").arg(magicLink)));

    // SMTP ends a message at a line holding a single dot; such lines arrive unharmed.
    QCOMPARE(dots.text, sent.at(2).text);
}

void TestMail::smtpEnvelopeCannotBeInjected_data()
{
    QTest::addColumn<QString>("to");
    QTest::addColumn<QString>("fromAddress");
    const QString from = QStringLiteral("portal@example.test");
    QTest::addRow("recipient crlf rcpt")
        << "client@example.com>\r\nRCPT TO:<attacker@evil.example" << from;
    QTest::addRow("recipient lf rcpt")
        << "client@example.com>\nRCPT TO:<attacker@evil.example" << from;
    // A whole second transaction smuggled into the RCPT command line.
    QTest::addRow("recipient smuggles a message")
        << "client@example.com>\r\nRCPT TO:<attacker@evil.example>\r\nDATA\r\n"
           "Subject: injected\r\n\r\nowned\r\n.\r\nMAIL FROM:<x@example.com"
        << from;
    QTest::addRow("sender smuggles a message")
        << "client@example.com"
        << "portal@example.test>\r\nRCPT TO:<attacker@evil.example>\r\nDATA\r\n"
           "Subject: injected\r\n\r\nowned\r\n.\r\nMAIL FROM:<x@example.com";
    QTest::addRow("recipient angle brackets")
        << "client@example.com>,<attacker@evil.example" << from;
    QTest::addRow("sender crlf rcpt") << "client@example.com"
                                      << "portal@example.test>\r\nRCPT TO:<attacker@evil.example";
}

void TestMail::smtpEnvelopeCannotBeInjected()
{
    QFETCH(QString, to);
    QFETCH(QString, fromAddress);
    SmtpSink sink;
    QString error;
    QVERIFY2(sink.start(0, &error), qPrintable(error));
    MailSettings settings;
    settings.smtpUrl = sink.url();
    settings.fromAddress = fromAddress;
    const bool sent = SmtpTransport(settings).send(
        message(to, QStringLiteral("Hello"), QStringLiteral("Body")), kStartMs, &error);
    QVERIFY(!sent);
    QVERIFY2(error.contains(QLatin1String("not a plain email address")), qPrintable(error));
    QVERIFY(!error.contains(QLatin1Char('\n')));
    QCOMPARE(sink.count(), 0);
}

void TestMail::smtpOutageLosesNothing_data()
{
    TestDatabase::addEngineRows();
}

void TestMail::smtpOutageLosesNothing()
{
    QFETCH(QString, engine);
    const std::unique_ptr<TestDatabase> test = TestDatabase::create(engine);
    QVERIFY(test);
    ManualClock clock(kStartMs);
    QString error;
    QVERIFY2(WorkspaceSetup(test->db(), clock).ensureDemo(nullptr, nullptr, &error),
             qPrintable(error));
    const QList<Contact> contacts
        = DirectoryRepository(test->db())
              .contactsByEmail(WorkspaceSetup::demoCredentials().contactEmail, &error);
    QCOMPARE(contacts.size(), 1);

    // An invitation and a sign-in mail wait in the outbox, as after a real invite.
    ServiceError serviceError;
    const std::optional<QString> link
        = InviteService(test->db(), clock, kPublicUrl)
              .invite(contacts.first().id, Actor::system(QStringLiteral("test")), true,
                      &serviceError);
    QVERIFY2(link, qPrintable(serviceError.message));
    QVERIFY(PortalAuthService(test->db(), clock, kPublicUrl)
                .startFromInvite(link->section(QLatin1Char('/'), -1), &serviceError));
    OutboxRepository outbox(test->db());
    QCOMPARE(outbox.pendingCount(&error), 2);
    const QString code = codeIn(outbox.recent(1, &error).first().text);
    QCOMPARE(code.size(), 6);

    // The SMTP server is down: nothing goes out, each row records the failure.
    const quint16 port = SmtpSink::freePort();
    QVERIFY(port != 0);
    MailSettings settings;
    settings.smtpUrl = QStringLiteral("smtp://127.0.0.1:%1").arg(port);
    OutboxDelivery delivery(test->db(), std::make_unique<SmtpTransport>(settings), clock);
    QCOMPARE(delivery.deliverDue(&error), 0);
    const auto checkRows = [&](int attempts) {
        const QList<MailMessage> rows = outbox.recent(10, &error);
        bool ok = rows.size() == 2;
        for (const MailMessage &row : rows) {
            ok = ok && row.attempts == attempts && row.sentAtMs == 0
                 && row.lastError.contains(QStringLiteral("127.0.0.1"));
        }
        return ok;
    };
    QVERIFY2(checkRows(1), qPrintable(outbox.recent(1, &error).first().lastError));
    QCOMPARE(outbox.pendingCount(&error), 2);

    // Not retried before the backoff; retried (and failing again) after it.
    clock.advanceMs(OutboxDelivery::backoffMs(0) - 1000);
    QCOMPARE(delivery.deliverDue(&error), 0);
    QVERIFY(checkRows(1));
    clock.advanceMs(2000);
    QCOMPARE(delivery.deliverDue(&error), 0);
    QVERIFY(checkRows(2));

    // The server comes back on the same port; the doubled backoff still holds the mail.
    SmtpSink sink;
    QVERIFY2(sink.start(port, &error), qPrintable(error));
    clock.advanceMs(OutboxDelivery::backoffMs(1) - 1000);
    QCOMPARE(delivery.deliverDue(&error), 0);
    QCOMPARE(sink.count(), 0);
    clock.advanceMs(2000);
    QCOMPARE(delivery.deliverDue(&error), 2);
    QTRY_COMPARE(sink.count(), 2);
    QCOMPARE(outbox.pendingCount(&error), 0);

    // Later rounds send nothing again: each message arrived exactly once, intact.
    clock.advanceMs(2 * OutboxDelivery::backoffMs(10));
    QCOMPARE(delivery.deliverDue(&error), 0);
    QCOMPARE(sink.count(), 2);
    QStringList texts;
    for (const QByteArray &raw : sink.messages()) {
        texts.append(MimeReader::read(raw).text);
    }
    std::sort(texts.begin(), texts.end());
    QCOMPARE(texts.filter(*link).size(), 1);
    QCOMPARE(texts.filter(QStringLiteral("Your sign-in code: ") + code).size(), 1);
}

void TestMail::twoSendersSendEachMessageOnce()
{
    QFETCH(QString, engine);
    const std::unique_ptr<TestDatabase> test = TestDatabase::create(engine);
    QVERIFY(test);
    ManualClock clock(kStartMs);
    QString error;
    OutboxRepository outbox(test->db());
    QList<qint64> ids;
    for (int i = 0; i < 3; ++i) {
        ids.append(outbox.enqueue(message(QStringLiteral("jordan@example.test"),
                                          QStringLiteral("Mail %1").arg(i), QStringLiteral("Body")),
                                  clock.nowMs(), &error));
        QVERIFY2(ids.last() > 0, qPrintable(error));
    }

    // Two portal processes on one database: the second runs its round while the first is in
    // the middle of sending the first message.
    const Database other(test->config());
    QVERIFY2(other.open(&error), qPrintable(error));
    QList<qint64> sentBySecond;
    OutboxDelivery second(other, std::make_unique<RecordingTransport>(&sentBySecond), clock);
    QList<qint64> sentByFirst;
    int secondRound = -2;
    OutboxDelivery first(test->db(),
                         std::make_unique<RecordingTransport>(&sentByFirst,
                                                              [&] {
                                                                  if (secondRound == -2) {
                                                                      QString e;
                                                                      secondRound
                                                                          = second.deliverDue(&e);
                                                                  }
                                                              }),
                         clock);
    const int firstRound = first.deliverDue(&error);
    QCOMPARE(secondRound, 2);
    QCOMPARE(firstRound, 1);
    QCOMPARE(sentByFirst, QList<qint64>{ids[0]});
    QCOMPARE(sentBySecond, (QList<qint64>{ids[1], ids[2]}));
    QCOMPARE(outbox.pendingCount(&error), 0);

    // A sender that claimed a message and died: nobody sends it while the claim lasts, then
    // another does.
    const qint64 orphan = outbox.enqueue(message(QStringLiteral("jordan@example.test"),
                                                 QStringLiteral("Orphan"), QStringLiteral("Body")),
                                         clock.nowMs(), &error);
    QVERIFY(outbox.claim(orphan, clock.nowMs(), clock.nowMs() + OutboxDelivery::kClaimMs, &error));
    QVERIFY(!outbox.claim(orphan, clock.nowMs(), clock.nowMs() + OutboxDelivery::kClaimMs, &error));
    QCOMPARE(second.deliverDue(&error), 0);
    clock.advanceMs(OutboxDelivery::kClaimMs);
    QCOMPARE(second.deliverDue(&error), 1);
    QCOMPARE(sentBySecond.last(), orphan);
    QCOMPARE(first.deliverDue(&error), 0);
}

void TestMail::backoffDoublesUpToAnHour_data()
{
    QTest::addColumn<int>("attempts");
    QTest::addColumn<qint64>("waitMs");
    QTest::addRow("first failure") << 0 << qint64(30'000);
    QTest::addRow("second") << 1 << qint64(60'000);
    QTest::addRow("third") << 2 << qint64(120'000);
    QTest::addRow("sixth") << 5 << qint64(960'000);
    QTest::addRow("seventh") << 6 << qint64(1'920'000);
    QTest::addRow("capped") << 7 << qint64(3'600'000);
    QTest::addRow("many") << 1000 << qint64(3'600'000);
}

void TestMail::backoffDoublesUpToAnHour()
{
    QFETCH(int, attempts);
    QFETCH(qint64, waitMs);
    QCOMPARE(OutboxDelivery::backoffMs(attempts), waitMs);
}

void TestMail::mailboxFilesSortInDeliveryOrder()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    MailSettings settings;
    settings.mailboxPath = dir.filePath(QStringLiteral("mailbox"));
    MailboxTransport transport(settings);
    // Delivery order, with times and ids whose digit counts differ.
    const QList<QPair<qint64, qint64>> deliveries
        = {{999, 12}, {1000, 3}, {1000, 100}, {10'000, 2}, {kStartMs, 1}, {kStartMs + 1, 7}};
    QString error;
    for (const auto &[nowMs, id] : deliveries) {
        MailMessage mail
            = message(QStringLiteral("a@example.com"),
                      QStringLiteral("at %1 id %2").arg(nowMs).arg(id), QStringLiteral("Body"));
        mail.id = id;
        QVERIFY2(transport.send(mail, nowMs, &error), qPrintable(error));
    }
    const QDir mailbox(settings.mailboxPath);
    const QStringList names = mailbox.entryList(QDir::Files, QDir::Name);
    QCOMPARE(names.size(), deliveries.size());
    for (int i = 0; i < names.size(); ++i) {
        QVERIFY(names.at(i).endsWith(QLatin1String(".eml")));
        QFile file(mailbox.filePath(names.at(i)));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(
            MimeReader::read(file.readAll()).decodedHeader("Subject"),
            QStringLiteral("at %1 id %2").arg(deliveries.at(i).first).arg(deliveries.at(i).second));
    }
    // No half-written files are left behind.
    QCOMPARE(mailbox.entryList(QDir::Files | QDir::Hidden).size(), deliveries.size());
}

void TestMail::outboxRoundFillsMailboxInOrder()
{
    QString error;
    const std::unique_ptr<TestDatabase> test = TestDatabase::create(Engine::Sqlite, &error);
    QVERIFY2(test, qPrintable(error));
    ManualClock clock(kStartMs);
    OutboxRepository outbox(test->db());
    for (int i = 1; i <= 12; ++i) {
        QVERIFY(outbox.enqueue(message(QStringLiteral("a@example.com"),
                                       QStringLiteral("Message %1").arg(i), QStringLiteral("Body")),
                               clock.nowMs(), &error));
    }
    MailSettings settings;
    settings.mailboxPath = QDir(test->dataDir()).filePath(QStringLiteral("mailbox"));
    OutboxDelivery delivery(test->db(), MailTransport::create(settings), clock);
    QCOMPARE(delivery.deliverDue(&error), 12);
    QCOMPARE(outbox.pendingCount(&error), 0);
    const QDir mailbox(settings.mailboxPath);
    const QStringList names = mailbox.entryList(QDir::Files, QDir::Name);
    QCOMPARE(names.size(), 12);
    for (int i = 0; i < names.size(); ++i) {
        QFile file(mailbox.filePath(names.at(i)));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(MimeReader::read(file.readAll()).decodedHeader("Subject"),
                 QStringLiteral("Message %1").arg(i + 1));
    }
}

QTEST_GUILESS_MAIN(TestMail)
#include "tst_mail.moc"
