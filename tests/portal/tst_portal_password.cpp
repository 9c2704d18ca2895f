// The optional contact password (ACC-7) over HTTP on both database engines: set after an email
// sign-in (long enough, not a common one, with the session's CSRF token), stored as an Argon2id
// hash; then a way in beside the emailed code, rate-limited and audited, that answers a wrong
// password, an unknown address and a contact without a password alike.
#include "PortalClient.h"
#include "PortalFixture.h"
#include "TestDatabase.h"

#include "security/PasswordHasher.h"
#include "security/Tokens.h"
#include "services/PortalAccessService.h"
#include "services/PortalThrottle.h"
#include "services/WorkspaceSetup.h"

#include <QJsonObject>
#include <QTest>

using namespace Gatehouse;
using namespace Gatehouse::Testing;

namespace {

const QString kGoodPassword = QStringLiteral("harbour lantern 42 violet");

QJsonObject passwordBody(const QString &password)
{
    return {{QStringLiteral("password"), password}};
}

QJsonObject signInBody(const QString &email, const QString &password)
{
    return {{QStringLiteral("email"), email}, {QStringLiteral("password"), password}};
}

} // namespace

class TestPortalPassword : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(Tokens::initialise()); }
    void initTestCase_data() { TestDatabase::addEngineRows(); }
    void init()
    {
        QFETCH_GLOBAL(QString, engine);
        QString error;
        QVERIFY2(m_portal.start(engine, &error), qPrintable(error));
    }
    void cleanup() { m_portal.stop(); }

    void aWeakPasswordIsRefusedAndNothingStored_data();
    void aWeakPasswordIsRefusedAndNothingStored();
    void settingAPasswordNeedsTheCsrfToken();
    void theHashIsArgon2idAndNeverThePassword();
    void aPasswordSignInOpensANewSessionAndTheCodeStillWorks();
    void wrongPasswordUnknownEmailAndNoPasswordAnswerAlike();
    void failedPasswordSignInsAreAudited();
    void passwordAttemptsAreRateLimited_data();
    void passwordAttemptsAreRateLimited();
    void turningPortalAccessOffBlocksPasswordSignIn();

private:
    // Signs in by email code and sets kGoodPassword.
    void signInAndSetPassword(PortalClient &browser)
    {
        QString why;
        QVERIFY2(m_portal.signIn(browser, m_portal.contact().id, &why), qPrintable(why));
        QVERIFY(browser.learnCsrfToken());
        const HttpReply set
            = browser.post(QStringLiteral("/api/v1/account/password"), passwordBody(kGoodPassword));
        QVERIFY2(set.status == 204, set.describe());
    }
    QString storedHash()
    {
        return m_portal
            .rows(QStringLiteral("SELECT password_hash FROM contact WHERE id = %1")
                      .arg(m_portal.contact().id))
            .value(0);
    }
    int auditCount(const QString &action)
    {
        return m_portal
            .rows(
                QStringLiteral("SELECT COUNT(*) FROM audit_event WHERE action = '%1'").arg(action))
            .value(0)
            .toInt();
    }

    PortalFixture m_portal;
};

void TestPortalPassword::aWeakPasswordIsRefusedAndNothingStored_data()
{
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("message");
    QTest::addRow("too short") << QStringLiteral("short1") << QStringLiteral("at least 10");
    QTest::addRow("common") << QStringLiteral("qwertyuiop") << QStringLiteral("most common");
    QTest::addRow("common, other case")
        << QStringLiteral("Password123") << QStringLiteral("most common");
    QTest::addRow("only spaces") << QStringLiteral("            ") << QStringLiteral("spaces");
}

void TestPortalPassword::aWeakPasswordIsRefusedAndNothingStored()
{
    QFETCH(QString, password);
    QFETCH(QString, message);
    PortalClient browser(m_portal.port());
    QString why;
    QVERIFY2(m_portal.signIn(browser, m_portal.contact().id, &why), qPrintable(why));
    QVERIFY(browser.learnCsrfToken());
    const QStringList before = m_portal.state();
    const HttpReply refused
        = browser.post(QStringLiteral("/api/v1/account/password"), passwordBody(password));
    QVERIFY2(refused.status == 422, refused.describe());
    QVERIFY2(refused.json().value(QStringLiteral("error")).toString().contains(message),
             refused.describe());
    QCOMPARE(storedHash(), QStringLiteral("NULL"));
    QCOMPARE(m_portal.state(), before);
    QCOMPARE(auditCount(QStringLiteral("password.set")), 0);
}

void TestPortalPassword::settingAPasswordNeedsTheCsrfToken()
{
    PortalClient browser(m_portal.port());
    QString why;
    QVERIFY2(m_portal.signIn(browser, m_portal.contact().id, &why), qPrintable(why));
    browser.setSendsCsrfToken(false);
    const HttpReply forbidden
        = browser.post(QStringLiteral("/api/v1/account/password"), passwordBody(kGoodPassword));
    QVERIFY2(forbidden.status == 403, forbidden.describe());
    QCOMPARE(storedHash(), QStringLiteral("NULL"));

    // Nor without a session at all.
    PortalClient stranger(m_portal.port());
    QCOMPARE(stranger.post(QStringLiteral("/api/v1/account/password"), passwordBody(kGoodPassword))
                 .status,
             401);
    QCOMPARE(storedHash(), QStringLiteral("NULL"));
}

void TestPortalPassword::theHashIsArgon2idAndNeverThePassword()
{
    PortalClient browser(m_portal.port());
    signInAndSetPassword(browser);
    const QString hash = storedHash();
    QVERIFY2(hash.startsWith(QLatin1String("$argon2id$")), qPrintable(hash));
    QVERIFY(!hash.contains(kGoodPassword));
    QVERIFY(PasswordHasher::verify(kGoodPassword, hash));
    QCOMPARE(auditCount(QStringLiteral("password.set")), 1);
    // Nothing anywhere in the trail holds the password either.
    QCOMPARE(m_portal
                 .rows(QStringLiteral("SELECT COUNT(*) FROM audit_event WHERE detail LIKE '%%1%'")
                           .arg(kGoodPassword))
                 .value(0),
             QStringLiteral("0"));
}

void TestPortalPassword::aPasswordSignInOpensANewSessionAndTheCodeStillWorks()
{
    PortalClient first(m_portal.port());
    signInAndSetPassword(first);

    PortalClient second(m_portal.port());
    QCOMPARE(second.get(QStringLiteral("/api/v1/me")).status, 401);
    const HttpReply signedIn = second.post(QStringLiteral("/api/v1/auth/password"),
                                           signInBody(m_portal.contact().email, kGoodPassword));
    QVERIFY2(signedIn.status == 200, signedIn.describe());
    const HttpReply me = second.get(QStringLiteral("/api/v1/me"));
    QVERIFY2(me.status == 200, me.describe());
    QCOMPARE(me.json()
                 .value(QStringLiteral("contact"))
                 .toObject()
                 .value(QStringLiteral("email"))
                 .toString(),
             m_portal.contact().email);
    QCOMPARE(me.json().value(QStringLiteral("passwordMinimumLength")).toInt(),
             PasswordHasher::kMinimumLength);
    // A session of its own: both browsers stay signed in.
    QCOMPARE(first.get(QStringLiteral("/api/v1/me")).status, 200);
    QCOMPARE(m_portal
                 .rows(QStringLiteral("SELECT COUNT(*) FROM portal_session WHERE contact_id = %1")
                           .arg(m_portal.contact().id))
                 .value(0),
             QStringLiteral("2"));
    QCOMPARE(m_portal
                 .rows(QStringLiteral("SELECT COUNT(*) FROM audit_event WHERE action = "
                                      "'login.succeeded' AND detail LIKE '%with a password'"))
                 .value(0),
             QStringLiteral("1"));

    // The emailed code still lets them in, too.
    PortalClient third(m_portal.port());
    QString why;
    m_portal.forgetRateLimits();
    QVERIFY2(m_portal.signIn(third, m_portal.contact().id, &why), qPrintable(why));
    QCOMPARE(third.get(QStringLiteral("/api/v1/me")).status, 200);
}

void TestPortalPassword::wrongPasswordUnknownEmailAndNoPasswordAnswerAlike()
{
    PortalClient visitor(m_portal.port());
    // The contact has no password yet.
    const HttpReply noPassword = visitor.post(QStringLiteral("/api/v1/auth/password"),
                                              signInBody(m_portal.contact().email, kGoodPassword));
    PortalClient browser(m_portal.port());
    signInAndSetPassword(browser);
    const HttpReply wrong
        = visitor.post(QStringLiteral("/api/v1/auth/password"),
                       signInBody(m_portal.contact().email, QStringLiteral("not the password 1")));
    const HttpReply unknown
        = visitor.post(QStringLiteral("/api/v1/auth/password"),
                       signInBody(QStringLiteral("nobody@unknown.example"), kGoodPassword));
    QVERIFY2(wrong.status == 401, wrong.describe());
    QCOMPARE(unknown.status, wrong.status);
    QCOMPARE(noPassword.status, wrong.status);
    QCOMPARE(unknown.body, wrong.body);
    QCOMPARE(noPassword.body, wrong.body);
    QVERIFY(wrong.header("Set-Cookie").isEmpty());
    QVERIFY(unknown.header("Set-Cookie").isEmpty());
    QCOMPARE(visitor.get(QStringLiteral("/api/v1/me")).status, 401);
}

void TestPortalPassword::failedPasswordSignInsAreAudited()
{
    PortalClient browser(m_portal.port());
    signInAndSetPassword(browser);
    const int before = auditCount(QStringLiteral("login.failed"));
    PortalClient visitor(m_portal.port());
    QCOMPARE(visitor
                 .post(QStringLiteral("/api/v1/auth/password"),
                       signInBody(m_portal.contact().email, QStringLiteral("not the password 1")))
                 .status,
             401);
    QCOMPARE(visitor
                 .post(QStringLiteral("/api/v1/auth/password"),
                       signInBody(QStringLiteral("nobody@unknown.example"), kGoodPassword))
                 .status,
             401);
    QCOMPARE(auditCount(QStringLiteral("login.failed")), before + 2);
    const QStringList details = m_portal.rows(
        QStringLiteral("SELECT detail, ip FROM audit_event WHERE action = 'login.failed' "
                       "ORDER BY id DESC LIMIT 2"));
    QVERIFY2(details.value(1).startsWith(QStringLiteral("Wrong portal password entered for ")
                                         + m_portal.contact().email),
             qPrintable(details.join(QLatin1Char('\n'))));
    QVERIFY2(details.value(0).contains(QStringLiteral("nobody@unknown.example")),
             qPrintable(details.join(QLatin1Char('\n'))));
    QVERIFY(details.value(0).endsWith(QStringLiteral("|127.0.0.1")));
}

void TestPortalPassword::passwordAttemptsAreRateLimited_data()
{
    QTest::addColumn<bool>("knownAddress");
    QTest::addRow("a contact's address") << true;
    QTest::addRow("an unknown address") << false;
}

void TestPortalPassword::passwordAttemptsAreRateLimited()
{
    QFETCH(bool, knownAddress);
    PortalClient browser(m_portal.port());
    signInAndSetPassword(browser);
    const QString email
        = knownAddress ? m_portal.contact().email : QStringLiteral("nobody@unknown.example");
    PortalClient visitor(m_portal.port());
    const int allowed = PortalThrottle::kPasswordPerEmail.hits;
    for (int i = 0; i < allowed; ++i) {
        const HttpReply wrong
            = visitor.post(QStringLiteral("/api/v1/auth/password"),
                           signInBody(email, QStringLiteral("wrong guess %1").arg(i)));
        QVERIFY2(wrong.status == 401, wrong.describe());
    }
    // Refused now, even with the right password, until the window ends.
    const HttpReply refused
        = visitor.post(QStringLiteral("/api/v1/auth/password"), signInBody(email, kGoodPassword));
    QVERIFY2(refused.status == 429, refused.describe());
    const int retryAfter = refused.header("Retry-After").toInt();
    QVERIFY2(retryAfter > 0 && retryAfter <= PortalThrottle::kPasswordPerEmail.windowMs / 1000,
             refused.describe());
    QCOMPARE(visitor.get(QStringLiteral("/api/v1/me")).status, 401);
    QCOMPARE(auditCount(QStringLiteral("login.rate_limited")), 1);

    m_portal.clock().advanceMs(PortalThrottle::kPasswordPerEmail.windowMs);
    const HttpReply again
        = visitor.post(QStringLiteral("/api/v1/auth/password"), signInBody(email, kGoodPassword));
    QCOMPARE(again.status, knownAddress ? 200 : 401);
}

void TestPortalPassword::turningPortalAccessOffBlocksPasswordSignIn()
{
    PortalClient browser(m_portal.port());
    signInAndSetPassword(browser);
    PortalClient visitor(m_portal.port());
    const HttpReply wrong
        = visitor.post(QStringLiteral("/api/v1/auth/password"),
                       signInBody(m_portal.contact().email, QStringLiteral("not the password 1")));

    ServiceError error;
    // The demo's administrator: a contact's portal access is a lead's or an admin's (CON-11).
    const Actor staff{Actor::Kind::Staff, WorkspaceSetup::demoCredentials().adminEmail,
                      QStringLiteral("Dana Admin")};
    QVERIFY(PortalAccessService(m_portal.db(), m_portal.clock())
                .setContactAccess(m_portal.contact().id, false, staff, &error));
    const HttpReply blocked = visitor.post(QStringLiteral("/api/v1/auth/password"),
                                           signInBody(m_portal.contact().email, kGoodPassword));
    QVERIFY2(blocked.status == 401, blocked.describe());
    QCOMPARE(blocked.body, wrong.body);
    QCOMPARE(visitor.get(QStringLiteral("/api/v1/me")).status, 401);

    QVERIFY(PortalAccessService(m_portal.db(), m_portal.clock())
                .setContactAccess(m_portal.contact().id, true, staff, &error));
    QCOMPARE(visitor
                 .post(QStringLiteral("/api/v1/auth/password"),
                       signInBody(m_portal.contact().email, kGoodPassword))
                 .status,
             200);
}

QTEST_GUILESS_MAIN(TestPortalPassword)
#include "tst_portal_password.moc"
