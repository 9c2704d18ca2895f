// PostgreSQL restarts under a running portal (serve --threads 2, with its outbox thread): every
// HTTP thread answers again within a request or so, and mail queued after the restart goes out.
// The server is the test's own (PrivatePostgres); the shared test server is never restarted.
#include "PortalClient.h"
#include "PrivatePostgres.h"
#include "TestDatabase.h"

#include "PortalHost.h"
#include "core/Clock.h"
#include "mail/OutboxRepository.h"
#include "security/Tokens.h"
#include "services/InviteService.h"
#include "services/WorkspaceSetup.h"
#include "storage/DirectoryRepository.h"
#include "storage/Transaction.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QTest>

using namespace Gatehouse;
using namespace Gatehouse::Testing;

class TestPortalPgRestart : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(Tokens::initialise()); }

    void everyThreadAndTheOutboxRecover();
    void aTransactionCutShortIsNotContinued();

private:
    // A migrated database of its own on server; null (and a failed check) when it cannot be.
    static std::unique_ptr<TestDatabase> createOn(const PrivatePostgres &server, QString *error);
    // GET /api/v1/me on a connection of its own, so that the kernel may hand it to either
    // server; which one answered is told by their request counters.
    int requestMe(PortalHost &host, const QString &session, int *server);
    static QStringList mailboxTexts(const QString &mailbox);
};

int TestPortalPgRestart::requestMe(PortalHost &host, const QString &session, int *server)
{
    const QList<qint64> before = host.requestsPerServer();
    const HttpReply reply
        = rawRequest(host.port(), "GET /api/v1/me HTTP/1.1\r\nHost: portal\r\n"
                                  "Cookie: gh_session="
                                      + session.toLatin1() + "\r\nConnection: close\r\n\r\n");
    const QList<qint64> after = host.requestsPerServer();
    *server = -1;
    for (int i = 0; i < after.size(); ++i) {
        if (after.at(i) > before.value(i)) {
            *server = i;
        }
    }
    return reply.status;
}

QStringList TestPortalPgRestart::mailboxTexts(const QString &mailbox)
{
    QStringList texts;
    const QStringList names = QDir(mailbox).entryList({QStringLiteral("*.eml")}, QDir::Files);
    for (const QString &name : names) {
        QFile file(QDir(mailbox).filePath(name));
        if (file.open(QIODevice::ReadOnly)) {
            texts.append(QString::fromUtf8(file.readAll()));
        }
    }
    return texts;
}

std::unique_ptr<TestDatabase> TestPortalPgRestart::createOn(const PrivatePostgres &server,
                                                            QString *error)
{
    // TestDatabase makes its database on whichever server this names.
    const QByteArray shared = qgetenv("GATEHOUSE_TEST_PG_URL");
    qputenv("GATEHOUSE_TEST_PG_URL", server.adminUrl().toUtf8());
    std::unique_ptr<TestDatabase> test = TestDatabase::create(Engine::Postgres, error);
    qputenv("GATEHOUSE_TEST_PG_URL", shared);
    return test;
}

#define SKIP_WITHOUT_PRIVATE_POSTGRES()                                                            \
    do {                                                                                           \
        QString why;                                                                               \
        if (!Database::isAvailable(Engine::Postgres, &why)) {                                      \
            QSKIP(qPrintable(why));                                                                \
        }                                                                                          \
        if (!PrivatePostgres::isAvailable()) {                                                     \
            QSKIP("GATEHOUSE_TEST_PG_BINDIR does not name a PostgreSQL installation");             \
        }                                                                                          \
    } while (false)

void TestPortalPgRestart::everyThreadAndTheOutboxRecover()
{
    SKIP_WITHOUT_PRIVATE_POSTGRES();
    if (!PortalServer::canSharePort()) {
        QSKIP("this platform cannot share a port between servers");
    }
    QString error;
    PrivatePostgres server;
    QVERIFY2(server.create(&error), qPrintable(error));
    std::unique_ptr<TestDatabase> test = createOn(server, &error);
    QVERIFY2(test, qPrintable(error));
    QVERIFY2(WorkspaceSetup(test->db(), Clock::system()).ensureDemo(nullptr, nullptr, &error),
             qPrintable(error));
    const QList<Contact> contacts
        = DirectoryRepository(test->db())
              .contactsByEmail(WorkspaceSetup::demoCredentials().contactEmail, &error);
    QCOMPARE(contacts.size(), 1);
    const Contact contact = contacts.first();

    PortalConfig config;
    config.port = 0;
    config.threads = 2;
    MailSettings mail;
    mail.mailboxPath = QDir(test->dataDir()).filePath(QStringLiteral("mailbox"));
    PortalHost host(test->db());
    QVERIFY2(host.start(config, mail, &error), qPrintable(error));
    QCOMPARE(host.serverCount(), 2);

    // The contact signs in with the code from the mail the portal queued.
    PortalClient browser(host.port());
    ServiceError serviceError;
    const std::optional<QString> link
        = InviteService(test->db(), Clock::system(), QStringLiteral("http://portal.test"))
              .invite(contact.id, Actor::system(QStringLiteral("test")), false, &serviceError);
    QVERIFY2(link, qPrintable(serviceError.message));
    const HttpReply started
        = browser.post(QStringLiteral("/api/v1/auth/invite"),
                       {{QStringLiteral("token"), link->section(QLatin1Char('/'), -1)}});
    QVERIFY2(started.status == 200, started.describe());
    const QList<MailMessage> queued = OutboxRepository(test->db()).recent(5, &error);
    QVERIFY2(!queued.isEmpty(), qPrintable(error));
    const HttpReply signedIn = browser.post(
        QStringLiteral("/api/v1/auth/code"),
        {{QStringLiteral("challenge"), started.json().value(QStringLiteral("challenge"))},
         {QStringLiteral("code"), signInCodeIn(queued.first().text)}});
    QVERIFY2(signedIn.status == 200, signedIn.describe());
    const QString session = browser.session();
    QVERIFY(!session.isEmpty());

    // Both threads answer (and so hold an open connection) before the restart.
    bool answered[2] = {false, false};
    for (int i = 0; i < 200 && !(answered[0] && answered[1]); ++i) {
        int which = -1;
        const int status = requestMe(host, session, &which);
        QCOMPARE(status, 200);
        QVERIFY(which >= 0);
        answered[which] = true;
    }
    QVERIFY2(answered[0] && answered[1], "the kernel never reached both servers");

    QVERIFY2(server.restart(&error), qPrintable(error));

    // Each thread may fail the one request that finds its connection dead; every request on
    // it after that works.
    int failures[2] = {0, 0};
    bool recovered[2] = {false, false};
    for (int i = 0; i < 200 && !(recovered[0] && recovered[1]); ++i) {
        int which = -1;
        const int status = requestMe(host, session, &which);
        QVERIFY2(which >= 0, qPrintable(QStringLiteral("no server answered (%1)").arg(status)));
        if (status == 200) {
            recovered[which] = true;
            continue;
        }
        QCOMPARE(status, 500);
        QVERIFY2(!recovered[which], "a thread failed again after it had recovered");
        ++failures[which];
    }
    QVERIFY2(recovered[0] && recovered[1],
             qPrintable(
                 QStringLiteral("failures per thread: %1, %2").arg(failures[0]).arg(failures[1])));
    QVERIFY2(failures[0] <= 1 && failures[1] <= 1,
             qPrintable(
                 QStringLiteral("failures per thread: %1, %2").arg(failures[0]).arg(failures[1])));

    // Mail queued after the restart is delivered by the outbox thread. The test's own thread
    // lost its connection too: it takes a fresh Database to queue it.
    const QString subject
        = QStringLiteral("After the restart %1").arg(QDateTime::currentMSecsSinceEpoch());
    {
        Database fresh(test->config());
        QVERIFY2(fresh.open(&error), qPrintable(error));
        MailMessage message;
        message.to = contact.email;
        message.subject = subject;
        message.text = QStringLiteral("Delivered after PostgreSQL came back.");
        QVERIFY2(
            OutboxRepository(fresh).enqueue(message, QDateTime::currentMSecsSinceEpoch(), &error),
            qPrintable(error));
    }
    host.wakeOutbox();
    const auto delivered = [&] {
        const QStringList texts = mailboxTexts(mail.mailboxPath);
        return std::any_of(texts.cbegin(), texts.cend(),
                           [&](const QString &text) { return text.contains(subject); });
    };
    QTRY_VERIFY_WITH_TIMEOUT(delivered(), 15000);

    host.stop();
    // The test's database is dropped on the private server while it still runs.
    test.reset();
}

// The connection goes in the middle of a transaction: nothing of it is kept, none of its later
// statements runs on the new connection (where each would commit on its own), and the first
// statement after it works.
void TestPortalPgRestart::aTransactionCutShortIsNotContinued()
{
    SKIP_WITHOUT_PRIVATE_POSTGRES();
    QString error;
    PrivatePostgres server;
    QVERIFY2(server.create(&error), qPrintable(error));
    std::unique_ptr<TestDatabase> test = createOn(server, &error);
    QVERIFY2(test, qPrintable(error));
    const Database &db = test->db();
    const auto queue = [&db](const QString &subject, QString *why) {
        MailMessage message;
        message.to = QStringLiteral("someone@example.test");
        message.subject = subject;
        message.text = subject;
        return OutboxRepository(db).enqueue(message, QDateTime::currentMSecsSinceEpoch(), why) != 0;
    };
    {
        Transaction transaction(db);
        QVERIFY2(transaction.isActive(), qPrintable(transaction.error()));
        QVERIFY2(queue(QStringLiteral("before"), &error), qPrintable(error));
        QVERIFY2(server.restart(&error), qPrintable(error));
        QVERIFY(!queue(QStringLiteral("cut"), &error));
        QVERIFY(!queue(QStringLiteral("after the cut"), &error));
        {
            // Nor does one begun inside it begin on a new connection.
            Transaction inner(db);
            QVERIFY(!inner.isActive());
        }
        QVERIFY(!transaction.commit(&error));
        QVERIFY2(error.contains(QStringLiteral("lost")), qPrintable(error));
    }
    QVERIFY2(queue(QStringLiteral("next"), &error), qPrintable(error));
    {
        Transaction transaction(db);
        QVERIFY2(transaction.isActive(), qPrintable(transaction.error()));
        QVERIFY2(queue(QStringLiteral("in a new transaction"), &error), qPrintable(error));
        QVERIFY2(transaction.commit(&error), qPrintable(error));
    }
    const QList<MailMessage> kept = OutboxRepository(db).recent(10, &error);
    QStringList subjects;
    for (const MailMessage &message : kept) {
        subjects.append(message.subject);
    }
    subjects.sort();
    QCOMPARE(subjects,
             QStringList({QStringLiteral("in a new transaction"), QStringLiteral("next")}));
    test.reset();
}

QTEST_MAIN(TestPortalPgRestart)
#include "tst_portal_pg_restart.moc"
