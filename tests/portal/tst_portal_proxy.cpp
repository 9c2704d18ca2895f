// Behind a reverse proxy: the client's address comes from X-Forwarded-For only when the peer is
// a proxy the portal was told to trust, and a client cannot pass off an address of its choosing.
#include "PortalFixture.h"

#include "security/Tokens.h"

#include <QTest>

using namespace Gatehouse;
using namespace Gatehouse::Testing;

class TestPortalProxy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(Tokens::initialise()); }
    void sessionsRecordTheRealClient_data();
    void sessionsRecordTheRealClient();
    void aTrustedProxyIsNotHeldToThePerAddressCap();
};

void TestPortalProxy::sessionsRecordTheRealClient_data()
{
    QTest::addColumn<bool>("trusted");
    QTest::addColumn<QByteArray>("forwardedFor");
    QTest::addColumn<QString>("recorded");
    QTest::addRow("untrusted peer's header ignored")
        << false << QByteArray("203.0.113.9") << "127.0.0.1";
    QTest::addRow("trusted proxy") << true << QByteArray("203.0.113.9") << "203.0.113.9";
    QTest::addRow("client-written entry ignored")
        << true << QByteArray("198.51.100.1, 203.0.113.9") << "203.0.113.9";
    QTest::addRow("through two trusted proxies")
        << true << QByteArray("203.0.113.9, 127.0.0.1") << "203.0.113.9";
    QTest::addRow("trusted proxy, no header") << true << QByteArray() << "127.0.0.1";
    QTest::addRow("malformed header") << true << QByteArray("not-an-address") << "127.0.0.1";
}

void TestPortalProxy::sessionsRecordTheRealClient()
{
    QFETCH(bool, trusted);
    QFETCH(QByteArray, forwardedFor);
    QFETCH(QString, recorded);
    FrontDoorLimits limits;
    if (trusted) {
        limits.trustedProxies.append(QHostAddress::parseSubnet(QStringLiteral("127.0.0.1/32")));
    }
    PortalFixture portal;
    QString error;
    QVERIFY2(portal.start(QStringLiteral("sqlite"), &error, limits), qPrintable(error));

    PortalClient browser(portal.port());
    QString challenge;
    QString code;
    QVERIFY2(portal.startLogin(browser, portal.contact().id, &challenge, &code, nullptr, &error),
             qPrintable(error));
    Headers headers;
    if (!forwardedFor.isEmpty()) {
        headers.append({QByteArrayLiteral("X-Forwarded-For"), forwardedFor});
    }
    const HttpReply signedIn = browser.post(
        QStringLiteral("/api/v1/auth/code"),
        {{QStringLiteral("challenge"), challenge}, {QStringLiteral("code"), code}}, headers);
    QVERIFY2(signedIn.status == 200, signedIn.describe());
    QCOMPARE(portal.rows(QStringLiteral("SELECT ip FROM portal_session")), QStringList{recorded});
    QCOMPARE(
        portal.rows(QStringLiteral("SELECT ip FROM audit_event WHERE action = 'login.succeeded'")),
        QStringList{recorded});
}

void TestPortalProxy::aTrustedProxyIsNotHeldToThePerAddressCap()
{
    FrontDoorLimits limits;
    limits.maxConnectionsPerAddress = 2;
    limits.trustedProxies.append(QHostAddress::parseSubnet(QStringLiteral("127.0.0.1/32")));
    PortalFixture portal;
    QString error;
    QVERIFY2(portal.start(QStringLiteral("sqlite"), &error, limits), qPrintable(error));
    // Five requests in flight at once over five connections, all from the proxy's address.
    std::vector<std::unique_ptr<PortalClient>> clients;
    QList<QNetworkReply *> replies;
    for (int i = 0; i < 5; ++i) {
        clients.push_back(std::make_unique<PortalClient>(portal.port()));
        replies.append(clients.back()->start("GET", QStringLiteral("/api/v1/branding"), {}, {}));
    }
    for (QNetworkReply *reply : replies) {
        const HttpReply answer = PortalClient::finish(reply);
        QVERIFY2(answer.status == 200, answer.describe());
    }
}

QTEST_GUILESS_MAIN(TestPortalProxy)
#include "tst_portal_proxy.moc"
