// The workspace's mail settings (CON-10) on both database engines: what is refused and changes
// nothing, what is saved and audited once, and an outbox that takes new settings while it runs
// and waits for a password still on its way from the keychain.
#include "SmtpSink.h"
#include "TestDatabase.h"

#include "core/Clock.h"
#include "mail/OutboxDelivery.h"
#include "mail/OutboxRepository.h"
#include "security/Tokens.h"
#include "services/MailConfigService.h"
#include "storage/DirectoryRepository.h"
#include "storage/SqlQuery.h"

#include <QTest>

using namespace Gatehouse;
using Gatehouse::Testing::SmtpSink;
using Gatehouse::Testing::TestDatabase;

namespace {

constexpr qint64 kStartMs = 1'800'000'000'000;

MailConfig smtpConfig(const QString &url)
{
    MailConfig config;
    config.smtpUrl = url;
    config.user = QStringLiteral("portal");
    config.fromAddress = QStringLiteral("portal@northwind.example");
    config.fromName = QStringLiteral("Northwind IT");
    return config;
}

} // namespace

Q_DECLARE_METATYPE(Gatehouse::MailConfig)

class TestMailConfig : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(Tokens::initialise()); }
    void initTestCase_data() { TestDatabase::addEngineRows(); }
    void init();
    void cleanup() { m_test.reset(); }

    void savedOnceAndAudited();
    void badSettingsChangeNothing_data();
    void badSettingsChangeNothing();
    void theOutboxWaitsForThePasswordThenSendsWithNewSettings();
    void theServersReplyIsKept();

private:
    int auditRows();

    std::unique_ptr<TestDatabase> m_test;
    ManualClock m_clock{kStartMs};
    const Actor m_staff{Actor::Kind::Staff, QStringLiteral("dana@northwind.example"),
                        QStringLiteral("Dana Admin")};
};

void TestMailConfig::init()
{
    QFETCH_GLOBAL(QString, engine);
    m_test = TestDatabase::create(engine);
    QVERIFY(m_test);
    QString error;
    DirectoryRepository directory(m_test->db());
    const qint64 workspaceId
        = directory.createWorkspace(QStringLiteral("Northwind IT"), kStartMs, &error);
    QVERIFY2(workspaceId != 0, qPrintable(error));
    // Only an administrator may change the mail settings (CON-11).
    QVERIFY2(directory.createStaff(workspaceId, m_staff.id, m_staff.name,
                                   QStringLiteral("correct horse battery"), QStringLiteral("admin"),
                                   kStartMs, &error)
                 != 0,
             qPrintable(error));
}

int TestMailConfig::auditRows()
{
    SqlQuery query(m_test->db(), QStringLiteral("SELECT COUNT(*) FROM audit_event "
                                                "WHERE action = 'mail.settings_changed'"));
    QString error;
    return query.exec(&error) && query.next() ? query.value(0).toInt() : -1;
}

void TestMailConfig::savedOnceAndAudited()
{
    MailConfigService service(m_test->db(), m_clock);
    ServiceError error;
    const std::optional<MailConfig> none = service.get(&error);
    QVERIFY(none);
    QVERIFY(!none->usesSmtp()); // nothing saved: the local mailbox

    MailConfig typed = smtpConfig(QStringLiteral("  smtps://mail.northwind.example:465 "));
    typed.fromAddress = QStringLiteral(" Portal@Northwind.example ");
    QVERIFY2(service.save(typed, m_staff, &error), qPrintable(error.message));
    const std::optional<MailConfig> saved = service.get(&error);
    QVERIFY(saved);
    QCOMPARE(saved->smtpUrl, QStringLiteral("smtps://mail.northwind.example:465"));
    QCOMPARE(saved->fromAddress, QStringLiteral("portal@northwind.example"));
    QCOMPARE(saved->user, QStringLiteral("portal"));
    QCOMPARE(saved->fromName, QStringLiteral("Northwind IT"));
    QCOMPARE(auditRows(), 1);
    QVERIFY(service.save(*saved, m_staff, &error));
    QCOMPARE(auditRows(), 1);

    // Back to the local mailbox.
    QVERIFY(service.save(MailConfig(), m_staff, &error));
    QVERIFY(!service.get(&error)->usesSmtp());
    QCOMPARE(auditRows(), 2);
}

void TestMailConfig::badSettingsChangeNothing_data()
{
    QTest::addColumn<MailConfig>("config");
    QTest::addColumn<QString>("message");
    MailConfig config = smtpConfig(QStringLiteral("http://mail.northwind.example"));
    QTest::addRow("not smtp") << config << QStringLiteral("must look like smtp://");
    config = smtpConfig(QStringLiteral("smtp://"));
    QTest::addRow("no host") << config << QStringLiteral("must look like smtp://");
    config = smtpConfig(QStringLiteral("smtp://mail.northwind.example:587"));
    config.fromAddress.clear();
    QTest::addRow("no sender") << config << QStringLiteral("needs a sender address");
    config.fromAddress = QStringLiteral("portal@northwind");
    QTest::addRow("bad sender") << config << QStringLiteral("not a valid email");
    config = smtpConfig(QStringLiteral("smtp://mail.northwind.example:587"));
    config.fromName = QStringLiteral("Northwind\r\nBcc: everyone@example.com");
    QTest::addRow("header injection in the name") << config << QStringLiteral("on one line");
    config = smtpConfig(QStringLiteral("smtp://mail.northwind.example:587"));
    config.user = QStringLiteral("portal\r\nRSET");
    QTest::addRow("command injection in the user") << config << QStringLiteral("line breaks");
    config = smtpConfig(QStringLiteral("smtp://mail.northwind.example:587"));
    config.fromName = QString(101, QLatin1Char('n'));
    QTest::addRow("name too long") << config << QStringLiteral("at most 100");
}

void TestMailConfig::badSettingsChangeNothing()
{
    QFETCH(MailConfig, config);
    QFETCH(QString, message);
    MailConfigService service(m_test->db(), m_clock);
    ServiceError error;
    const MailConfig before = smtpConfig(QStringLiteral("smtp://127.0.0.1:2525"));
    QVERIFY(service.save(before, m_staff, &error));
    QVERIFY(!service.save(config, m_staff, &error));
    QCOMPARE(error.kind, ServiceError::Kind::Invalid);
    QVERIFY2(error.message.contains(message), qPrintable(error.message));
    QVERIFY(*service.get(&error) == before);
    QCOMPARE(auditRows(), 1);
}

void TestMailConfig::theOutboxWaitsForThePasswordThenSendsWithNewSettings()
{
    SmtpSink sink;
    QString error;
    QVERIFY2(sink.start(0, &error), qPrintable(error));
    MailMessage mail;
    mail.to = QStringLiteral("jordan@example.com");
    mail.subject = QStringLiteral("Waiting");
    mail.text = QStringLiteral("Sent once the password is here.");
    // The worker sends by the real clock.
    QVERIFY(OutboxRepository(m_test->db()).enqueue(mail, Clock::system().nowMs(), &error) != 0);

    MailSettings waiting = smtpConfig(sink.url()).settings(QString(), QString());
    waiting.user.clear(); // aiosmtpd on loopback takes mail without AUTH
    waiting.waitingForPassword = true;
    OutboxWorker worker(m_test->db(), waiting, 50);
    worker.start();
    QTest::qWait(300);
    QCOMPARE(sink.count(), 0);

    MailSettings ready = waiting;
    ready.waitingForPassword = false;
    worker.setSettings(ready);
    QTRY_COMPARE(sink.count(), 1);
    QVERIFY(sink.messages().first().contains("Subject: Waiting"));
}

void TestMailConfig::theServersReplyIsKept()
{
    SmtpSink sink;
    QString error;
    QVERIFY2(sink.start(0, &error), qPrintable(error));
    MailSettings settings = smtpConfig(sink.url()).settings(QString(), QString());
    settings.user.clear();
    SmtpTransport transport(settings);
    MailMessage mail;
    mail.to = QStringLiteral("jordan@example.com");
    mail.subject = QStringLiteral("Reply");
    mail.text = QStringLiteral("What did the server say?");
    QVERIFY2(transport.send(mail, kStartMs, &error), qPrintable(error));
    // The answer to the message itself, not the goodbye that follows it.
    QVERIFY2(transport.lastReply().startsWith(QLatin1String("250")),
             qPrintable(transport.lastReply()));

    MailMessage refused = mail;
    refused.to = QStringLiteral("nobody@[not an address]");
    QVERIFY(!transport.send(refused, kStartMs, &error));
    QVERIFY2(error.contains(QStringLiteral("the server said:")), qPrintable(error));
    QVERIFY2(transport.lastReply().startsWith(QLatin1Char('5')), qPrintable(transport.lastReply()));
}

QTEST_GUILESS_MAIN(TestMailConfig)
#include "tst_mail_config.moc"
