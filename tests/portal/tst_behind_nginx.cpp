// The portal behind a real nginx reverse proxy, as the installers' example deploys it, with
// --trusted-proxy: the attacks of the HTTP suite that a proxy could change. Security headers
// pass through; CSRF, Host-header poisoning and open redirects fail as they do without it; and
// rate limits and records key on the client's own address, taken from X-Forwarded-For only
// when nginx wrote it, never when the client did.
#include "NginxProxy.h"
#include "PortalFixture.h"

#include "security/Tokens.h"
#include "services/PortalThrottle.h"
#include "storage/OnboardingRepository.h"

#include <QRegularExpression>
#include <QTest>

using namespace Gatehouse;
using namespace Gatehouse::Testing;

namespace {

const QHostAddress kClient(QStringLiteral("127.0.0.5"));
const QHostAddress kOtherClient(QStringLiteral("127.0.0.6"));

QByteArray jsonPost(const QByteArray &path, const QByteArray &body, const QByteArray &headers = {})
{
    return "POST " + path + " HTTP/1.1\r\nHost: portal.example.test\r\n" + headers
           + "Content-Type: application/json\r\nConnection: close\r\nContent-Length: "
           + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

} // namespace

class TestBehindNginx : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init() { m_portal.forgetRateLimits(); }
    void cleanupTestCase();
    void securityHeadersPassThrough_data();
    void securityHeadersPassThrough();
    void theClientsOwnAddressIsRecorded();
    void changesFromAnotherSiteAreRefused_data();
    void changesFromAnotherSiteAreRefused();
    void mailLinksIgnoreTheHostHeader_data();
    void mailLinksIgnoreTheHostHeader();
    void nothingRedirectsElsewhere_data();
    void nothingRedirectsElsewhere();
    void rateLimitsCountTheRealClient_data();
    void rateLimitsCountTheRealClient();

private:
    // Through nginx, or straight to the portal, from the given loopback address.
    HttpReply viaProxy(const QByteArray &request, const QHostAddress &from = kClient) const
    {
        return rawRequest(proxy(), request, from);
    }
    HttpReply direct(const QByteArray &request, const QHostAddress &from = kClient) const
    {
        return rawRequest(m_portal.endpoint(), request, from);
    }
    PortalEndpoint proxy() const { return PortalEndpoint{m_nginx.port(), Transport::Http, {}}; }

    PortalFixture m_portal;
    NginxProxy m_nginx;
};

void TestBehindNginx::initTestCase()
{
    QVERIFY(Tokens::initialise());
    FrontDoorLimits limits;
    limits.trustedProxies.append(QHostAddress::parseSubnet(QStringLiteral("127.0.0.1/32")));
    QString error;
    QVERIFY2(m_portal.start(QStringLiteral("sqlite"), &error, limits), qPrintable(error));
    QVERIFY2(m_nginx.start(0, {m_portal.port()}, &error), qPrintable(error));
}

void TestBehindNginx::cleanupTestCase()
{
    m_nginx.stop();
    m_portal.stop();
}

void TestBehindNginx::securityHeadersPassThrough_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("signedIn");
    QTest::addColumn<int>("status");
    QTest::addRow("index") << "/" << false << 200;
    QTest::addRow("script") << "/assets/app.js" << false << 200;
    QTest::addRow("branding") << "/api/v1/branding" << false << 200;
    QTest::addRow("home") << "/api/v1/home" << true << 200;
    QTest::addRow("me without session") << "/api/v1/me" << false << 401;
    QTest::addRow("missing asset") << "/assets/nope.js" << false << 404;
}

void TestBehindNginx::securityHeadersPassThrough()
{
    QFETCH(QString, path);
    QFETCH(bool, signedIn);
    QFETCH(int, status);
    PortalClient browser(proxy());
    QString why;
    if (signedIn) {
        QVERIFY2(m_portal.signIn(browser, m_portal.contact().id, &why), qPrintable(why));
    }
    const HttpReply reply = browser.get(path);
    QVERIFY2(reply.status == status, reply.describe());
    QCOMPARE(reply.header("Server").left(5), QByteArray("nginx")); // it did come through nginx
    QCOMPARE(reply.values("Content-Security-Policy").size(), 1);
    const QByteArray csp = reply.header("Content-Security-Policy");
    QVERIFY2(csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"),
             csp.constData());
    QCOMPARE(reply.values("X-Content-Type-Options"), QList<QByteArray>{"nosniff"});
    QCOMPARE(reply.values("Referrer-Policy"), QList<QByteArray>{"no-referrer"});
    QCOMPARE(reply.values("X-Frame-Options"), QList<QByteArray>{"DENY"});
    if (path.startsWith(QLatin1String("/api/"))) {
        QCOMPARE(reply.header("Cache-Control"), QByteArray("no-store"));
    }
}

void TestBehindNginx::theClientsOwnAddressIsRecorded()
{
    const QStringList before = m_portal.rows(
        QStringLiteral("SELECT COUNT(*) FROM audit_event WHERE action = 'login.code_sent'"));
    const HttpReply answer
        = viaProxy(jsonPost("/api/v1/auth/login", R"({"email":"demo.contact@example.com"})",
                            "X-Forwarded-For: 203.0.113.7\r\n"));
    QVERIFY2(answer.status == 200, answer.describe());
    QCOMPARE(m_portal.rows(QStringLiteral("SELECT ip FROM audit_event WHERE action = "
                                          "'login.code_sent' ORDER BY id DESC LIMIT 1")),
             QStringList{kClient.toString()});
    QVERIFY(m_portal.rows(
                QStringLiteral("SELECT COUNT(*) FROM audit_event WHERE action = 'login.code_sent'"))
            != before);
}

void TestBehindNginx::changesFromAnotherSiteAreRefused_data()
{
    QTest::addColumn<QByteArray>("origin");
    QTest::addColumn<bool>("withToken");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::addRow("no origin, no token") << QByteArray() << false << 403 << "bad_csrf_token";
    QTest::addRow("foreign origin")
        << QByteArray("https://evil.example") << true << 403 << "bad_origin";
    QTest::addRow("look-alike origin") << QByteArray("http://portal.example.test:8443.evil.example")
                                       << true << 403 << "bad_origin";
    QTest::addRow("null origin") << QByteArray("null") << true << 403 << "bad_origin";
    QTest::addRow("own origin and token") << PortalFixture::ownOrigin() << true << 200 << "";
}

void TestBehindNginx::changesFromAnotherSiteAreRefused()
{
    QFETCH(QByteArray, origin);
    QFETCH(bool, withToken);
    QFETCH(int, status);
    QFETCH(QString, code);
    PortalClient browser(proxy());
    QString why;
    QVERIFY2(m_portal.signIn(browser, m_portal.contact().id, &why), qPrintable(why));
    const qint64 task = m_portal.taskId(m_portal.contact().companyId, OwnerSide::Client,
                                        EvidenceType::Standard, TaskStatus::Pending);
    QVERIFY(task > 0);
    browser.setSendsCsrfToken(withToken);
    Headers headers;
    if (!origin.isEmpty()) {
        headers.append({"Origin", origin});
    }
    const QStringList before = m_portal.state();
    const HttpReply reply
        = browser.post(QStringLiteral("/api/v1/tasks/%1/complete").arg(task),
                       {{QStringLiteral("note"), QStringLiteral("via nginx")}}, headers);
    QVERIFY2(reply.status == status, reply.describe());
    if (status != 200) {
        QCOMPARE(reply.json().value(QStringLiteral("code")).toString(), code);
        QCOMPARE(m_portal.state(), before);
        return;
    }
    // The control: the same request from the portal's own page works through the proxy.
    QVERIFY(m_portal.state() != before);
    QString error;
    QCOMPARE(OnboardingRepository(m_portal.db())
                 .setTaskStatus(task, m_portal.contact().companyId, TaskStatus::Pending,
                                QStringLiteral("test"), QString(), PortalFixture::kStartMs, &error),
             1);
}

void TestBehindNginx::mailLinksIgnoreTheHostHeader_data()
{
    QTest::addColumn<QByteArray>("headers");
    // nginx passes the client's Host on ($host), so the portal sees what the attacker wrote.
    QTest::addRow("host") << QByteArray("Host: evil.example\r\n");
    QTest::addRow("forwarded host") << QByteArray("Host: portal.example.test\r\n"
                                                  "X-Forwarded-Host: evil.example\r\n"
                                                  "Forwarded: host=evil.example;proto=https\r\n");
}

void TestBehindNginx::mailLinksIgnoreTheHostHeader()
{
    QFETCH(QByteArray, headers);
    const QByteArray body
        = toJson({{QStringLiteral("token"), m_portal.inviteToken(m_portal.contact().id)}});
    const HttpReply started
        = viaProxy("POST /api/v1/auth/invite HTTP/1.1\r\n" + headers
                   + "Content-Type: application/json\r\nConnection: close\r\nContent-Length: "
                   + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    QVERIFY2(started.status == 200, started.describe());
    const MailMessage mail = m_portal.lastMailTo(m_portal.contact().email);
    QVERIFY(!signInCodeIn(mail.text).isEmpty());
    static const QRegularExpression link(QStringLiteral("https?://[^\\s\"'<>]+"));
    int links = 0;
    for (const QString &text : {mail.text, mail.html}) {
        QRegularExpressionMatchIterator it = link.globalMatch(text);
        while (it.hasNext()) {
            const QString url = it.next().captured();
            QVERIFY2(url.startsWith(PortalFixture::publicUrl() + QStringLiteral("/m/")),
                     qPrintable(url));
            ++links;
        }
        QVERIFY(!text.contains(QStringLiteral("evil.example")));
    }
    QCOMPARE(links, 2);
}

void TestBehindNginx::nothingRedirectsElsewhere_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addRow("protocol-relative path") << QByteArray("//evil.example/");
    QTest::addRow("backslash path") << QByteArray("/\\evil.example/");
    QTest::addRow("encoded slashes") << QByteArray("/%2F%2Fevil.example/");
    QTest::addRow("next parameter") << QByteArray("/login?next=https://evil.example/");
    QTest::addRow("redirect on a magic link")
        << QByteArray("/m/abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG?redirect=//evil.example");
    QTest::addRow("return to on an invite")
        << QByteArray("/i/abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG?returnTo=https:%2F%2F"
                      "evil.example");
}

void TestBehindNginx::nothingRedirectsElsewhere()
{
    QFETCH(QByteArray, target);
    for (const bool throughNginx : {true, false}) {
        const QByteArray request = "GET " + target
                                   + " HTTP/1.1\r\nHost: portal.example.test\r\n"
                                     "Connection: close\r\n\r\n";
        const HttpReply reply = throughNginx ? viaProxy(request) : direct(request);
        QVERIFY2(reply.status >= 200 && reply.status < 500, reply.describe());
        QVERIFY2(reply.status < 300 || reply.status >= 400, reply.describe());
        QVERIFY(reply.header("Location").isEmpty());
        QVERIFY(reply.header("Refresh").isEmpty());
        // A page must not send the browser on either (a JSON 404 may name the path it lacks).
        if (reply.header("Content-Type").startsWith("text/html")) {
            QVERIFY2(!reply.body.contains("evil.example"), reply.describe());
        }
    }
}

void TestBehindNginx::rateLimitsCountTheRealClient_data()
{
    QTest::addColumn<bool>("throughNginx");
    QTest::addColumn<bool>("forged");
    QTest::addRow("through nginx") << true << false;
    QTest::addRow("through nginx, forging X-Forwarded-For") << true << true;
    QTest::addRow("straight to the portal, forging X-Forwarded-For") << false << true;
}

void TestBehindNginx::rateLimitsCountTheRealClient()
{
    QFETCH(bool, throughNginx);
    QFETCH(bool, forged);
    const PortalThrottle::Limit limit = PortalThrottle::kSignInPerIp;
    const auto login = [&](int i, const QHostAddress &from) {
        // A new address in X-Forwarded-For for every attempt: the forger hopes to be many.
        const QByteArray headers
            = forged ? "X-Forwarded-For: 203.0.113." + QByteArray::number(i % 250 + 1) + "\r\n"
                     : QByteArray();
        const QByteArray request = jsonPost(
            "/api/v1/auth/login",
            toJson({{QStringLiteral("email"), QStringLiteral("stranger%1@example.com").arg(i)}}),
            headers);
        return throughNginx ? viaProxy(request, from) : direct(request, from);
    };
    for (int i = 0; i < limit.hits; ++i) {
        const HttpReply allowed = login(i, kClient);
        QVERIFY2(allowed.status == 200, allowed.describe());
    }
    const HttpReply refused = login(limit.hits, kClient);
    QVERIFY2(refused.status == 429, refused.describe());
    QCOMPARE(refused.json().value(QStringLiteral("code")).toString(),
             QStringLiteral("rate_limited"));
    // Another client behind the same proxy is not held to the first one's limit.
    const HttpReply other = login(limit.hits + 1, kOtherClient);
    QVERIFY2(other.status == 200, other.describe());
    QCOMPARE(m_portal.rows(QStringLiteral("SELECT ip FROM audit_event WHERE action = "
                                          "'login.rate_limited' ORDER BY id DESC LIMIT 1")),
             QStringList{kClient.toString()});
}

QTEST_GUILESS_MAIN(TestBehindNginx)
#include "tst_behind_nginx.moc"
