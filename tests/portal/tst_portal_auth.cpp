// Signing in to the portal over HTTP and HTTPS, on both database engines: invites, codes and
// magic links used once and in time, guessing limits, and links in mail built from the
// configured address only. What becomes of a session after is tst_portal_sessions.
#include "PortalClient.h"
#include "PortalFixture.h"

#include "security/Tokens.h"
#include "services/InviteService.h"
#include "services/PortalAuthService.h"
#include "storage/DirectoryRepository.h"
#include "storage/SqlQuery.h"

#include <QJsonObject>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QTest>

using namespace Gatehouse;
using namespace Gatehouse::Testing;

namespace {

constexpr qint64 kStartMs = PortalFixture::kStartMs;
constexpr qint64 kMinuteMs = 60 * 1000;

QString wrongCode(const QString &code)
{
    QString wrong = code;
    wrong[0] = QLatin1Char(char('0' + (code.at(0).digitValue() + 1) % 10));
    return wrong;
}

} // namespace

class TestPortalAuth : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(Tokens::initialise()); }
    void initTestCase_data() { PortalFixture::addEngineAndTransportRows(); }
    void init()
    {
        QFETCH_GLOBAL(QString, engine);
        QFETCH_GLOBAL(QString, transport);
        QString error;
        QVERIFY2(m_portal.start(engine, &error, {}, transportNamed(transport)), qPrintable(error));
    }
    void cleanup() { m_portal.stop(); }

    void magicLinkWorksOnceAndSurvivesMailScanners();
    void wrongCodesAreLimited();
    void parallelGuessesStopAtTheLimit();
    void expiredCodesAndLinksAreRefused();
    void loginByEmailAnswersAlike();
    void badInvitesAreRefused_data();
    void badInvitesAreRefused();
    void mailLinksIgnoreTheHostHeader_data();
    void mailLinksIgnoreTheHostHeader();

private:
    QString publicUrl() const { return PortalFixture::publicUrl(m_portal.transport()); }
    QByteArray ownOrigin() const { return PortalFixture::ownOrigin(m_portal.transport()); }
    QByteArray sessionCookie() const { return m_portal.sessionCookieName(); }

    PortalFixture m_portal;
};

void TestPortalAuth::magicLinkWorksOnceAndSurvivesMailScanners()
{
    PortalClient browser(m_portal.endpoint());
    QString challenge;
    QString code;
    QString magic;
    QString why;
    QVERIFY2(m_portal.startLogin(browser, m_portal.contact().id, &challenge, &code, &magic, &why),
             qPrintable(why));
    QVERIFY(Tokens::looksLikeToken(magic));
    QVERIFY(m_portal.lastMailTo(m_portal.contact().email)
                .text.contains(publicUrl() + QStringLiteral("/m/") + magic));

    // A mail scanner fetches the link (twice): it gets the page, no session, and uses nothing.
    const QStringList before = m_portal.state();
    PortalClient scanner(m_portal.endpoint());
    for (int i = 0; i < 2; ++i) {
        const HttpReply page = scanner.get(QStringLiteral("/m/") + magic);
        QVERIFY2(page.status == 200, page.describe());
        QVERIFY(page.header("Content-Type").startsWith("text/html"));
        QVERIFY(page.header("Set-Cookie").isEmpty());
        QVERIFY(!page.body.contains(magic.toLatin1()));
    }
    QCOMPARE(m_portal.state(), before);

    // The person's own click posts the token and signs in.
    const HttpReply signedIn
        = browser.post(QStringLiteral("/api/v1/auth/magic"), {{QStringLiteral("token"), magic}});
    QVERIFY2(signedIn.status == 200, signedIn.describe());
    const QByteArray setCookie = signedIn.header("Set-Cookie");
    QVERIFY2(setCookie.startsWith(QByteArray(sessionCookie() + '=')), setCookie.constData());
    // Over HTTPS the cookie never travels in the clear.
    QCOMPARE(cookieAttributes(setCookie).contains(QStringLiteral("Secure")),
             m_portal.transport() == Transport::Https);
    QCOMPARE(browser.get(QStringLiteral("/api/v1/me")).status, 200);

    // The link works once; the code from the same mail is spent with it.
    PortalClient replay(m_portal.endpoint());
    const HttpReply second
        = replay.post(QStringLiteral("/api/v1/auth/magic"), {{QStringLiteral("token"), magic}});
    QVERIFY2(second.status == 401, second.describe());
    QCOMPARE(second.json()[QStringLiteral("code")].toString(), QStringLiteral("unauthorized"));
    QVERIFY(second.header("Set-Cookie").isEmpty());
    const HttpReply byCode
        = replay.post(QStringLiteral("/api/v1/auth/code"),
                      {{QStringLiteral("challenge"), challenge}, {QStringLiteral("code"), code}});
    QVERIFY2(byCode.status == 401, byCode.describe());
    QCOMPARE(replay.get(QStringLiteral("/api/v1/me")).status, 401);
    QCOMPARE(m_portal.rows(QStringLiteral("SELECT COUNT(*) FROM portal_session")),
             QStringList{QStringLiteral("1")});
}

void TestPortalAuth::wrongCodesAreLimited()
{
    PortalClient browser(m_portal.endpoint());
    QString challenge;
    QString code;
    QString why;
    QVERIFY2(m_portal.startLogin(browser, m_portal.contact().id, &challenge, &code, nullptr, &why),
             qPrintable(why));
    const QJsonObject wrong{{QStringLiteral("challenge"), challenge},
                            {QStringLiteral("code"), wrongCode(code)}};
    for (int i = 0; i < PortalAuthService::kMaxCodeAttempts; ++i) {
        const HttpReply refused = browser.post(QStringLiteral("/api/v1/auth/code"), wrong);
        QVERIFY2(refused.status == 401, refused.describe());
        QCOMPARE(refused.json()[QStringLiteral("code")].toString(), QStringLiteral("unauthorized"));
    }
    // Five wrong guesses spend the challenge: even the right code is refused now.
    const HttpReply right
        = browser.post(QStringLiteral("/api/v1/auth/code"),
                       {{QStringLiteral("challenge"), challenge}, {QStringLiteral("code"), code}});
    QVERIFY2(right.status == 429, right.describe());
    QCOMPARE(right.json()[QStringLiteral("code")].toString(), QStringLiteral("rate_limited"));
    QVERIFY(right.header("Set-Cookie").isEmpty());
    QCOMPARE(browser.get(QStringLiteral("/api/v1/me")).status, 401);
    QCOMPARE(
        m_portal.rows(QStringLiteral("SELECT failed_attempts, consumed_at FROM login_challenge")),
        QStringList{QStringLiteral("5|NULL")});
    QCOMPARE(m_portal.rows(QStringLiteral("SELECT COUNT(*) FROM portal_session")),
             QStringList{QStringLiteral("0")});

    // A fresh sign-in email starts over.
    QVERIFY2(m_portal.signIn(browser, m_portal.contact().id, &why), qPrintable(why));
    QCOMPARE(browser.get(QStringLiteral("/api/v1/me")).status, 200);
}

void TestPortalAuth::parallelGuessesStopAtTheLimit()
{
    PortalClient browser(m_portal.endpoint());
    QString challenge;
    QString code;
    QString why;
    QVERIFY2(m_portal.startLogin(browser, m_portal.contact().id, &challenge, &code, nullptr, &why),
             qPrintable(why));
    const QByteArray wrong = toJson(
        {{QStringLiteral("challenge"), challenge}, {QStringLiteral("code"), wrongCode(code)}});
    // Twelve guesses in flight at once, over several connections.
    QList<QNetworkReply *> inFlight;
    for (int i = 0; i < 12; ++i) {
        inFlight.append(
            browser.start("POST", QStringLiteral("/api/v1/auth/code"), wrong, "application/json"));
    }
    QMap<int, int> statuses;
    for (QNetworkReply *reply : inFlight) {
        ++statuses[PortalClient::finish(reply).status];
    }
    QCOMPARE(statuses.value(401), PortalAuthService::kMaxCodeAttempts);
    QCOMPARE(statuses.value(429), 12 - PortalAuthService::kMaxCodeAttempts);
    QCOMPARE(m_portal.rows(QStringLiteral("SELECT failed_attempts FROM login_challenge")),
             QStringList{QStringLiteral("5")});
    const HttpReply right
        = browser.post(QStringLiteral("/api/v1/auth/code"),
                       {{QStringLiteral("challenge"), challenge}, {QStringLiteral("code"), code}});
    QVERIFY2(right.status == 429, right.describe());
}

void TestPortalAuth::expiredCodesAndLinksAreRefused()
{
    PortalClient browser(m_portal.endpoint());
    QString challenge;
    QString code;
    QString magic;
    QString why;

    // Just inside the 30 minutes the code still works.
    QVERIFY2(m_portal.startLogin(browser, m_portal.contact().id, &challenge, &code, nullptr, &why),
             qPrintable(why));
    m_portal.clock().advanceMs(30 * kMinuteMs - 1);
    HttpReply reply
        = browser.post(QStringLiteral("/api/v1/auth/code"),
                       {{QStringLiteral("challenge"), challenge}, {QStringLiteral("code"), code}});
    QVERIFY2(reply.status == 200, reply.describe());

    // Past them, neither the code nor the link does.
    PortalClient late(m_portal.endpoint());
    QVERIFY2(m_portal.startLogin(late, m_portal.contact().id, &challenge, &code, &magic, &why),
             qPrintable(why));
    m_portal.clock().advanceMs(30 * kMinuteMs + 1000);
    const QStringList before = m_portal.state();
    reply = late.post(QStringLiteral("/api/v1/auth/code"),
                      {{QStringLiteral("challenge"), challenge}, {QStringLiteral("code"), code}});
    QVERIFY2(reply.status == 401, reply.describe());
    QCOMPARE(reply.json()[QStringLiteral("code")].toString(), QStringLiteral("unauthorized"));
    reply = late.post(QStringLiteral("/api/v1/auth/magic"), {{QStringLiteral("token"), magic}});
    QVERIFY2(reply.status == 401, reply.describe());
    QCOMPARE(late.get(QStringLiteral("/api/v1/me")).status, 401);
    QCOMPARE(m_portal.state(), before);
}

void TestPortalAuth::loginByEmailAnswersAlike()
{
    // The login page: a contact's address (typed loosely) and addresses that get nothing.
    SqlQuery off(m_portal.db(),
                 QStringLiteral("UPDATE contact SET portal_access = 0 WHERE id = ?"));
    QString error;
    QVERIFY(DirectoryRepository(m_portal.db())
                .createContact(m_portal.contact().companyId, QStringLiteral("Former Client"),
                               QStringLiteral("former@example.com"), kStartMs, &error));
    off << DirectoryRepository(m_portal.db())
               .contactsByEmail(QStringLiteral("former@example.com"), &error)
               .first()
               .id;
    QVERIFY(off.exec(&error));

    PortalClient known(m_portal.endpoint());
    const HttpReply started
        = known.post(QStringLiteral("/api/v1/auth/login"),
                     {{QStringLiteral("email"), QStringLiteral("  Demo.Contact@Example.com ")}});
    QVERIFY2(started.status == 200, started.describe());
    const QString code = signInCodeIn(m_portal.lastMailTo(m_portal.contact().email).text);
    QCOMPARE(code.size(), 6);

    const QStringList mailBefore = m_portal.rows(QStringLiteral("SELECT COUNT(*) FROM outbox"));
    const QStringList activityBefore
        = m_portal.rows(QStringLiteral("SELECT COUNT(*) FROM activity"));
    for (const QString &email :
         {QStringLiteral("nobody@example.com"), QStringLiteral("former@example.com")}) {
        PortalClient stranger(m_portal.endpoint());
        const HttpReply alike = stranger.post(QStringLiteral("/api/v1/auth/login"),
                                              {{QStringLiteral("email"), email}});
        QVERIFY2(alike.status == 200, alike.describe());
        QCOMPARE(alike.json().keys(), started.json().keys());
        QVERIFY(Tokens::looksLikeToken(alike.json()[QStringLiteral("challenge")].toString()));
        QCOMPARE(alike.json()[QStringLiteral("email")].toString(),
                 email.left(1) + QStringLiteral("\u2022\u2022\u2022@example.com"));
    }
    // No mail and no activity for them; only a decoy pending login that counts guesses.
    QCOMPARE(m_portal.rows(QStringLiteral("SELECT COUNT(*) FROM outbox")), mailBefore);
    QCOMPARE(m_portal.rows(QStringLiteral("SELECT COUNT(*) FROM activity")), activityBefore);
    const HttpReply invalid
        = known.post(QStringLiteral("/api/v1/auth/login"),
                     {{QStringLiteral("email"), QStringLiteral("not an address")}});
    QVERIFY2(invalid.status == 422, invalid.describe());

    // Wrong codes are answered alike, guess by guess.
    const auto guess = [&code](PortalClient &client, const HttpReply &login) {
        return client.post(
            QStringLiteral("/api/v1/auth/code"),
            {{QStringLiteral("challenge"), login.json()[QStringLiteral("challenge")]},
             {QStringLiteral("code"), wrongCode(code)}});
    };
    PortalClient nobody(m_portal.endpoint());
    const HttpReply nobodyLogin
        = nobody.post(QStringLiteral("/api/v1/auth/login"),
                      {{QStringLiteral("email"), QStringLiteral("nobody@example.com")}});
    for (int i = 0; i <= PortalAuthService::kMaxCodeAttempts; ++i) {
        const HttpReply forKnown = guess(known, started);
        const HttpReply forNobody = guess(nobody, nobodyLogin);
        if (i == PortalAuthService::kMaxCodeAttempts) {}
        QCOMPARE(forNobody.describe(), forKnown.describe());
    }
}

void TestPortalAuth::badInvitesAreRefused_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addRow("garbage") << "garbage";
    QTest::addRow("empty") << "empty";
    QTest::addRow("missing") << "missing";
    QTest::addRow("not a string") << "number";
    QTest::addRow("sql injection") << "sql";
    QTest::addRow("well-formed but unknown") << "unknown";
    QTest::addRow("valid token plus a character") << "longer";
    QTest::addRow("revoked") << "revoked";
    QTest::addRow("superseded by a new invite") << "superseded";
    QTest::addRow("expired") << "expired";
    QTest::addRow("portal access turned off") << "access off";
    QTest::addRow("a magic link token instead") << "magic";
}

void TestPortalAuth::badInvitesAreRefused()
{
    QFETCH(QString, kind);
    PortalClient browser(m_portal.endpoint());
    QJsonObject body;
    QString token = m_portal.inviteToken(m_portal.contact().id);
    QVERIFY(Tokens::looksLikeToken(token));
    ServiceError serviceError;
    QString error;
    if (kind == QLatin1String("garbage")) {
        token = QStringLiteral("not-a-token");
    } else if (kind == QLatin1String("empty")) {
        token.clear();
    } else if (kind == QLatin1String("sql")) {
        token = QStringLiteral("' OR '1'='1' --");
    } else if (kind == QLatin1String("unknown")) {
        token = Tokens::generate();
    } else if (kind == QLatin1String("longer")) {
        token += QLatin1Char('A');
    } else if (kind == QLatin1String("revoked")) {
        QVERIFY(InviteService(m_portal.db(), m_portal.clock(), publicUrl())
                    .revoke(m_portal.contact().id, Actor::system(QStringLiteral("test")),
                            &serviceError));
    } else if (kind == QLatin1String("superseded")) {
        QVERIFY(Tokens::looksLikeToken(m_portal.inviteToken(m_portal.contact().id)));
    } else if (kind == QLatin1String("expired")) {
        m_portal.clock().advanceMs(InviteService::kInviteLifetimeMs);
    } else if (kind == QLatin1String("access off")) {
        SqlQuery off(m_portal.db(),
                     QStringLiteral("UPDATE contact SET portal_access = 0 WHERE id = ?"));
        off << m_portal.contact().id;
        QVERIFY(off.exec(&error));
    } else if (kind == QLatin1String("magic")) {
        QString challenge;
        QString code;
        QString why;
        QVERIFY2(
            m_portal.startLogin(browser, m_portal.contact().id, &challenge, &code, &token, &why),
            qPrintable(why));
    }
    if (kind == QLatin1String("number")) {
        body.insert(QStringLiteral("token"), 12345);
    } else if (kind != QLatin1String("missing")) {
        body.insert(QStringLiteral("token"), token);
    }

    const QStringList before = m_portal.state();
    const HttpReply refused = browser.post(QStringLiteral("/api/v1/auth/invite"), body);
    QVERIFY2(refused.status == 404, refused.describe());
    QVERIFY(refused.header("Content-Type").startsWith("application/json"));
    QCOMPARE(refused.json()[QStringLiteral("code")].toString(), QStringLiteral("not_found"));
    QVERIFY(refused.json()[QStringLiteral("error")].toString().contains(
        QStringLiteral("invitation link")));
    // No pending login, no mail.
    QCOMPARE(m_portal.state(), before);
}

void TestPortalAuth::mailLinksIgnoreTheHostHeader_data()
{
    QTest::addColumn<QByteArray>("headers");
    QTest::addRow("host") << QByteArray("Host: evil.example\r\n");
    QTest::addRow("host with port") << QByteArray("Host: evil.example:8443\r\n");
    QTest::addRow("forwarded host") << QByteArray("Host: 127.0.0.1\r\n"
                                                  "X-Forwarded-Host: evil.example\r\n"
                                                  "X-Forwarded-Proto: https\r\n"
                                                  "Forwarded: host=evil.example;proto=https\r\n");
}

void TestPortalAuth::mailLinksIgnoreTheHostHeader()
{
    QFETCH(QByteArray, headers);
    const QByteArray body
        = toJson({{QStringLiteral("token"), m_portal.inviteToken(m_portal.contact().id)}});
    const HttpReply started
        = rawRequest(m_portal.endpoint(), "POST /api/v1/auth/invite HTTP/1.1\r\n" + headers
                                              + "Content-Type: application/json\r\nContent-Length: "
                                              + QByteArray::number(body.size())
                                              + "\r\nConnection: close\r\n\r\n" + body);
    QVERIFY2(started.status == 200, started.describe());
    const MailMessage mail = m_portal.lastMailTo(m_portal.contact().email);
    QVERIFY(!signInCodeIn(mail.text).isEmpty());
    static const QRegularExpression link(QStringLiteral("https?://[^\\s\"'<>]+"));
    int links = 0;
    for (const QString &text : {mail.text, mail.html}) {
        QRegularExpressionMatchIterator it = link.globalMatch(text);
        while (it.hasNext()) {
            const QString url = it.next().captured();
            QVERIFY2(url.startsWith(publicUrl() + QStringLiteral("/m/")), qPrintable(url));
            ++links;
        }
        QVERIFY(!text.contains(QStringLiteral("evil.example")));
    }
    QCOMPARE(links, 2); // the text link and the button
}

QTEST_GUILESS_MAIN(TestPortalAuth)
#include "tst_portal_auth.moc"
