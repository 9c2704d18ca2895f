// What becomes of a portal session after signing in, over HTTP and HTTPS on both database
// engines: it slides while used and ends with time, even while the server keeps it in memory;
// signing out and staff revoking access end it on the server at once.
#include "OtherConnection.h"
#include "PortalClient.h"
#include "PortalFixture.h"

#include "security/Tokens.h"
#include "services/InviteService.h"
#include "services/PortalAuthService.h"
#include "storage/OnboardingRepository.h"

#include <QTest>

using namespace Gatehouse;
using namespace Gatehouse::Testing;

namespace {

constexpr qint64 kMinuteMs = 60 * 1000;
constexpr qint64 kHourMs = 60 * kMinuteMs;

} // namespace

class TestPortalSessions : public QObject
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

    void logoutEndsTheSession();
    void revokingAccessEndsLiveSessions();
    void sessionsSlideAndExpire();
    void aSessionKeptInMemoryStillExpires();

private:
    QString publicUrl() const { return PortalFixture::publicUrl(m_portal.transport()); }
    QByteArray ownOrigin() const { return PortalFixture::ownOrigin(m_portal.transport()); }
    QByteArray sessionCookie() const { return m_portal.sessionCookieName(); }

    PortalFixture m_portal;
};

void TestPortalSessions::logoutEndsTheSession()
{
    PortalClient browser(m_portal.endpoint());
    QString why;
    QVERIFY2(m_portal.signIn(browser, m_portal.contact().id, &why), qPrintable(why));
    const QByteArray session = browser.session().toLatin1();

    const HttpReply loggedOut
        = browser.post(QStringLiteral("/api/v1/auth/logout"), {}, {{"Origin", ownOrigin()}});
    QVERIFY2(loggedOut.status == 204, loggedOut.describe());
    const QByteArray cleared = loggedOut.header("Set-Cookie");
    QVERIFY2(cleared.startsWith(QByteArray(sessionCookie() + "=;")), cleared.constData());
    QVERIFY(cookieAttributes(cleared).contains(QStringLiteral("Max-Age=0")));
    QCOMPARE(browser.get(QStringLiteral("/api/v1/me")).status, 401);

    // Revoked on the server, not just forgotten by the browser.
    PortalClient stolen(m_portal.endpoint());
    stolen.setCookie(sessionCookie(), session);
    const HttpReply replay = stolen.get(QStringLiteral("/api/v1/home"));
    QVERIFY2(replay.status == 401, replay.describe());
    QCOMPARE(m_portal.rows(
                 QStringLiteral("SELECT COUNT(*) FROM portal_session WHERE revoked_at IS NULL")),
             QStringList{QStringLiteral("0")});
}

void TestPortalSessions::revokingAccessEndsLiveSessions()
{
    PortalClient browser(m_portal.endpoint());
    QString why;
    QVERIFY2(m_portal.signIn(browser, m_portal.contact().id, &why), qPrintable(why));
    QCOMPARE(browser.get(QStringLiteral("/api/v1/me")).status, 200);
    // A second, half-finished sign-in and an unused invite.
    PortalClient pending(m_portal.endpoint());
    QString challenge;
    QString code;
    QString magic;
    QVERIFY2(m_portal.startLogin(pending, m_portal.contact().id, &challenge, &code, &magic, &why),
             qPrintable(why));
    const QString invite = m_portal.inviteToken(m_portal.contact().id);

    // Staff revoke it in the console, through a connection other than the portal's, after the
    // portal has seen the session live.
    QCOMPARE(browser.get(QStringLiteral("/api/v1/home")).status, 200);
    bool revoked = false;
    onOtherConnection([&] {
        ServiceError error;
        revoked = InviteService(m_portal.db(), m_portal.clock(), publicUrl())
                      .revoke(m_portal.contact().id, Actor::system(QStringLiteral("test")), &error);
    });
    QVERIFY(revoked);

    // The very next request is refused; nothing that was handed out works any more.
    const qint64 task = m_portal.taskId(m_portal.contact().companyId, OwnerSide::Client,
                                        EvidenceType::Standard, TaskStatus::Pending);
    QCOMPARE(browser.get(QStringLiteral("/api/v1/me")).status, 401);
    QCOMPARE(browser.get(QStringLiteral("/api/v1/home")).status, 401);
    QCOMPARE(browser
                 .post(QStringLiteral("/api/v1/tasks/%1/complete").arg(task),
                       {{QStringLiteral("note"), QStringLiteral("too late")}})
                 .status,
             401);
    QCOMPARE(pending
                 .post(QStringLiteral("/api/v1/auth/code"),
                       {{QStringLiteral("challenge"), challenge}, {QStringLiteral("code"), code}})
                 .status,
             401);
    QCOMPARE(pending.post(QStringLiteral("/api/v1/auth/magic"), {{QStringLiteral("token"), magic}})
                 .status,
             401);
    QCOMPARE(
        pending.post(QStringLiteral("/api/v1/auth/invite"), {{QStringLiteral("token"), invite}})
            .status,
        404);
    QString dbError;
    QCOMPARE(OnboardingRepository(m_portal.db())
                 .taskForCompany(task, m_portal.contact().companyId, &dbError)
                 ->status,
             TaskStatus::Pending);
}

void TestPortalSessions::sessionsSlideAndExpire()
{
    PortalClient browser(m_portal.endpoint());
    QString why;
    QVERIFY2(m_portal.signIn(browser, m_portal.contact().id, &why), qPrintable(why));
    // Used within a day, a session lives on; a day without use ends it.
    m_portal.clock().advanceMs(23 * kHourMs);
    QCOMPARE(browser.get(QStringLiteral("/api/v1/me")).status, 200);
    m_portal.clock().advanceMs(23 * kHourMs);
    QCOMPARE(browser.get(QStringLiteral("/api/v1/me")).status, 200);
    m_portal.clock().advanceMs(PortalAuthService::kSessionLifetimeMs);
    const HttpReply expired = browser.get(QStringLiteral("/api/v1/me"));
    QVERIFY2(expired.status == 401, expired.describe());
    QCOMPARE(expired.json()[QStringLiteral("code")].toString(), QStringLiteral("unauthorized"));
}

// The server keeps a live session while nothing in the database changes; time alone must still
// end it, and not slide it back to life.
void TestPortalSessions::aSessionKeptInMemoryStillExpires()
{
    PortalClient browser(m_portal.endpoint());
    QString why;
    QVERIFY2(m_portal.signIn(browser, m_portal.contact().id, &why), qPrintable(why));
    QCOMPARE(browser.get(QStringLiteral("/api/v1/me")).status, 200);
    QCOMPARE(browser.get(QStringLiteral("/api/v1/me")).status, 200);
    m_portal.clock().advanceMs(PortalAuthService::kSessionLifetimeMs + kMinuteMs);
    QCOMPARE(browser.get(QStringLiteral("/api/v1/me")).status, 401);
    QCOMPARE(m_portal.rows(QStringLiteral("SELECT COUNT(*) FROM portal_session WHERE "
                                          "expires_at > %1")
                               .arg(m_portal.clock().nowMs())),
             QStringList{QStringLiteral("0")});
}

QTEST_GUILESS_MAIN(TestPortalSessions)
#include "tst_portal_sessions.moc"
