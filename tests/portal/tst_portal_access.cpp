// Portal access through the portal itself, on both database engines and over HTTP and HTTPS:
// turning a contact's access off ends a live session on its very next request and turning it on
// lets a new invite in (ACC-9); every sign-in and at most one request a minute per session are
// logged, with the client's address also when TLS ends in the front door (ACC-11); codes and
// sessions last as long as the workspace says (ACC-5, ACC-6).
#include "PortalClient.h"
#include "PortalFixture.h"

#include "security/Tokens.h"
#include "services/InviteService.h"
#include "services/PortalAccessService.h"
#include "services/PortalAuthService.h"
#include "services/WorkspaceSetup.h"
#include "storage/AccessRepository.h"
#include "storage/DirectoryRepository.h"

#include <QTest>

using namespace Gatehouse;
using namespace Gatehouse::Testing;

namespace {

constexpr qint64 kSecondMs = 1000;
constexpr qint64 kMinuteMs = 60 * kSecondMs;
constexpr qint64 kHourMs = 60 * kMinuteMs;

} // namespace

class TestPortalAccess : public QObject
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

    void turningAccessOffEndsTheSessionOnTheNextRequest();
    void signInsAndRequestsAreLoggedAtMostOnceAMinute();
    void theLogKeepsTheClientsAddressAndUserAgent();
    void lifetimesFollowTheWorkspace();

private:
    QList<PortalAccess> accesses()
    {
        QString error;
        return AccessRepository(m_portal.db()).accesses(m_portal.contact().id, 100, &error);
    }

    PortalFixture m_portal;
    const Actor m_staff{Actor::Kind::Staff, WorkspaceSetup::demoCredentials().adminEmail,
                        QStringLiteral("Dana Admin")};
};

void TestPortalAccess::turningAccessOffEndsTheSessionOnTheNextRequest()
{
    PortalClient browser(m_portal.endpoint());
    QString why;
    QVERIFY2(m_portal.signIn(browser, m_portal.contact().id, &why), qPrintable(why));
    QCOMPARE(browser.get(QStringLiteral("/api/v1/me")).status, 200);

    ServiceError error;
    PortalAccessService service(m_portal.db(), m_portal.clock());
    QVERIFY(service.setContactAccess(m_portal.contact().id, false, m_staff, &error));
    const HttpReply refused = browser.get(QStringLiteral("/api/v1/me"));
    QVERIFY2(refused.status == 401, refused.describe());
    QCOMPARE(browser.get(QStringLiteral("/api/v1/home")).status, 401);
    // No new invitation while it is off, with a reason staff can act on.
    InviteService invites(m_portal.db(), m_portal.clock(),
                          PortalFixture::publicUrl(m_portal.transport()));
    QVERIFY(!invites.invite(m_portal.contact().id, m_staff, false, &error));
    QVERIFY(error.message.contains(QStringLiteral("Portal access is turned off")));

    QVERIFY(service.setContactAccess(m_portal.contact().id, true, m_staff, &error));
    // The old session stays dead; a new invite and sign-in work.
    QCOMPARE(browser.get(QStringLiteral("/api/v1/me")).status, 401);
    PortalClient again(m_portal.endpoint());
    QVERIFY2(m_portal.signIn(again, m_portal.contact().id, &why), qPrintable(why));
    QCOMPARE(again.get(QStringLiteral("/api/v1/me")).status, 200);
}

void TestPortalAccess::signInsAndRequestsAreLoggedAtMostOnceAMinute()
{
    PortalClient browser(m_portal.endpoint());
    QString why;
    QVERIFY2(m_portal.signIn(browser, m_portal.contact().id, &why), qPrintable(why));
    QList<PortalAccess> log = accesses();
    QCOMPARE(log.size(), 1);
    QCOMPARE(log.first().kind, PortalAccess::Kind::SignIn);
    QCOMPARE(log.first().ip, QStringLiteral("127.0.0.1"));
    QVERIFY(!log.first().userAgent.isEmpty());

    // Many requests within the minute after signing in: nothing more.
    for (int i = 0; i < 5; ++i) {
        m_portal.clock().advanceMs(10 * kSecondMs);
        QCOMPARE(browser.get(QStringLiteral("/api/v1/me")).status, 200);
    }
    QCOMPARE(accesses().size(), 1);
    // A minute after the last record, the next request is recorded, then quiet again.
    m_portal.clock().advanceMs(10 * kSecondMs);
    QCOMPARE(browser.get(QStringLiteral("/api/v1/me")).status, 200);
    QCOMPARE(browser.get(QStringLiteral("/api/v1/home")).status, 200);
    log = accesses();
    QCOMPARE(log.size(), 2);
    QCOMPARE(log.first().kind, PortalAccess::Kind::Request);
    QCOMPARE(log.first().atMs, PortalFixture::kStartMs + kMinuteMs);
    QCOMPARE(log.first().sessionId, log.last().sessionId);

    // A second browser's session is logged on its own.
    PortalClient other(m_portal.endpoint());
    m_portal.forgetRateLimits();
    QVERIFY2(m_portal.signIn(other, m_portal.contact().id, &why), qPrintable(why));
    QCOMPARE(accesses().size(), 3);
    QVERIFY(accesses().first().sessionId != log.first().sessionId);
}

void TestPortalAccess::theLogKeepsTheClientsAddressAndUserAgent()
{
    PortalClient browser(m_portal.endpoint());
    QString why;
    QVERIFY2(m_portal.signIn(browser, m_portal.contact().id, &why), qPrintable(why));
    const QString token = browser.session();
    QVERIFY(Tokens::looksLikeToken(token));
    PortalAuthService auth(m_portal.db(), m_portal.clock(),
                           PortalFixture::publicUrl(m_portal.transport()));
    const QString ip = QStringLiteral("198.51.100.7");
    const QString agent = QStringLiteral("Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0");
    ServiceError error;
    for (int i = 0; i < 3; ++i) {
        m_portal.clock().advanceMs(25 * kSecondMs);
        QVERIFY(auth.session(token, ip, agent, &error));
    }
    const QList<PortalAccess> log = accesses();
    QCOMPARE(log.size(), 2);
    QCOMPARE(log.first().ip, ip);
    QCOMPARE(log.first().userAgent, agent);
    QCOMPARE(log.first().atMs, PortalFixture::kStartMs + 75 * kSecondMs);
    // The old signature still slides and logs, without an address.
    m_portal.clock().advanceMs(kMinuteMs);
    QVERIFY(auth.session(token, &error));
    QCOMPARE(accesses().size(), 3);
    QVERIFY(accesses().first().ip.isEmpty());
}

void TestPortalAccess::lifetimesFollowTheWorkspace()
{
    PortalAccessService service(m_portal.db(), m_portal.clock());
    const QStringList before = m_portal.state();
    ServiceError error;
    QVERIFY(!service.setLifetimes(4, 24, m_staff, &error));
    QCOMPARE(error.kind, ServiceError::Kind::Invalid);
    QVERIFY2(error.message.contains(QStringLiteral("between 5 and 1440 minutes")),
             qPrintable(error.message));
    QVERIFY(!service.setLifetimes(30, 24 * 30 + 1, m_staff, &error));
    QVERIFY(!service.setLifetimes(30, 0, m_staff, &error));
    QCOMPARE(m_portal.state(), before);

    QVERIFY2(service.setLifetimes(10, 2, m_staff, &error), qPrintable(error.message));
    QCOMPARE(m_portal.rows(QStringLiteral("SELECT actor_kind, detail FROM audit_event "
                                          "WHERE action = 'access.lifetimes_changed'")),
             QStringList{QStringLiteral("staff|Sign-in codes last 10 minutes; portal sessions "
                                        "end 2 hours after their last use")});
    // Saving the same again records nothing.
    QVERIFY(service.setLifetimes(10, 2, m_staff, &error));
    QCOMPARE(m_portal.rows(QStringLiteral("SELECT COUNT(*) FROM audit_event "
                                          "WHERE action = 'access.lifetimes_changed'")),
             QStringList{QStringLiteral("1")});

    PortalClient browser(m_portal.endpoint());
    QString why;
    QVERIFY2(m_portal.signIn(browser, m_portal.contact().id, &why), qPrintable(why));
    QCOMPARE(m_portal.rows(QStringLiteral("SELECT expires_at - created_at FROM login_challenge "
                                          "ORDER BY id DESC LIMIT 1")),
             QStringList{QString::number(10 * kMinuteMs)});
    // Used within two hours each time, the session slides on...
    m_portal.clock().advanceMs(2 * kHourMs - kMinuteMs);
    QCOMPARE(browser.get(QStringLiteral("/api/v1/me")).status, 200);
    m_portal.clock().advanceMs(2 * kHourMs - kMinuteMs);
    QCOMPARE(browser.get(QStringLiteral("/api/v1/me")).status, 200);
    // ...and ends two hours after its last use.
    m_portal.clock().advanceMs(2 * kHourMs + kSecondMs);
    QCOMPARE(browser.get(QStringLiteral("/api/v1/me")).status, 401);
}

QTEST_GUILESS_MAIN(TestPortalAccess)
#include "tst_portal_access.moc"
