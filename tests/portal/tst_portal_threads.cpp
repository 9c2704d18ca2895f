// serve --threads N: N portal servers, each on a thread with its own database connection,
// accepting on one port.
#include "PortalClient.h"
#include "TestDatabase.h"

#include "PortalHost.h"
#include "core/Clock.h"
#include "security/Tokens.h"
#include "services/WorkspaceSetup.h"

#include <QDir>
#include <QTest>

using namespace Gatehouse;
using namespace Gatehouse::Testing;

class TestPortalThreads : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(Tokens::initialise()); }
    void initTestCase_data() { TestDatabase::addEngineRows(); }

    void everyThreadAnswersOnOnePort();
};

void TestPortalThreads::everyThreadAnswersOnOnePort()
{
    if (!PortalServer::canSharePort()) {
        QSKIP("this platform cannot share a port between servers");
    }
    QFETCH_GLOBAL(QString, engine);
    const std::unique_ptr<TestDatabase> test = TestDatabase::create(engine);
    QVERIFY(test);
    QString error;
    QVERIFY2(WorkspaceSetup(test->db(), Clock::system()).ensureDemo(nullptr, nullptr, &error),
             qPrintable(error));

    PortalConfig config;
    config.port = 0;
    config.threads = 2;
    MailSettings mail;
    mail.mailboxPath = QDir(test->dataDir()).filePath(QStringLiteral("mailbox"));
    PortalHost host(test->db());
    QVERIFY2(host.start(config, mail, &error), qPrintable(error));
    QCOMPARE(host.serverCount(), 2);
    QVERIFY(host.port() != 0);

    // The kernel spreads new connections over the servers by their addresses and ports: a few
    // dozen fresh connections reach both unless one of them does not accept.
    int requests = 0;
    const auto bothAnswered = [&host] {
        const QList<qint64> counts = host.requestsPerServer();
        return counts.size() == 2 && counts.at(0) > 0 && counts.at(1) > 0;
    };
    while (!bothAnswered() && requests < 200) {
        const HttpReply reply
            = rawRequest(host.port(), "GET /api/v1/branding HTTP/1.1\r\n"
                                      "Host: portal\r\nConnection: close\r\n\r\n");
        QVERIFY2(reply.status == 200, reply.describe());
        // Branding comes from the database: each thread reads it over its own connection.
        QVERIFY2(!reply.json().value(QStringLiteral("name")).toString().isEmpty(),
                 reply.describe());
        ++requests;
    }
    const QList<qint64> counts = host.requestsPerServer();
    QVERIFY2(bothAnswered(), qPrintable(QStringLiteral("%1 requests, per server: %2, %3")
                                            .arg(requests)
                                            .arg(counts.value(0))
                                            .arg(counts.value(1))));
    QCOMPARE(counts.at(0) + counts.at(1), qint64(requests));
    host.stop();
}

QTEST_MAIN(TestPortalThreads)
#include "tst_portal_threads.moc"
