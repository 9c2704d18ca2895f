// Rate limits on the portal's ways in and CSRF tokens on signed-in changes, over HTTP on both
// database engines. Time moves by the fixture's clock, never by sleeping.
#include "PortalClient.h"
#include "PortalFixture.h"
#include "TestDatabase.h"

#include "PortalServer.h"
#include "security/Tokens.h"
#include "services/PortalThrottle.h"
#include "storage/Database.h"

#include <QJsonObject>
#include <QTest>

using namespace Gatehouse;
using namespace Gatehouse::Testing;

namespace {

constexpr qint64 kMinuteMs = 60 * 1000;
const QByteArray kOwnOrigin = PortalFixture::ownOrigin();

QJsonObject emailBody(const QString &email)
{
    return {{QStringLiteral("email"), email}};
}

QString stranger(int i)
{
    return QStringLiteral("stranger%1@example.com").arg(i);
}

} // namespace

class TestPortalLimits : public QObject
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

    void loginIsLimitedPerAddress();
    void knownAndUnknownEmailsShareOneLimit();
    void codesAndLinksAreLimitedPerAddress();
    void serversOnOneDatabaseShareTheCounters();
    void changesNeedTheSessionsCsrfToken_data();
    void changesNeedTheSessionsCsrfToken();
    void theRightCsrfTokenWorks();

private:
    // A refusal of the limit: 429, Retry-After in seconds, a JSON error.
    static bool isRefusal(const HttpReply &reply, int retryAfter);

    PortalFixture m_portal;
};

bool TestPortalLimits::isRefusal(const HttpReply &reply, int retryAfter)
{
    return reply.status == 429 && reply.header("Retry-After") == QByteArray::number(retryAfter)
           && reply.json().value(QStringLiteral("code")).toString() == QLatin1String("rate_limited")
           && !reply.json().value(QStringLiteral("error")).toString().isEmpty();
}

void TestPortalLimits::loginIsLimitedPerAddress()
{
    const PortalThrottle::Limit limit = PortalThrottle::kSignInPerIp;
    PortalClient browser(m_portal.port());
    // Invites and the login page draw on the same allowance of the address.
    const HttpReply invite
        = browser.post(QStringLiteral("/api/v1/auth/invite"),
                       {{QStringLiteral("token"), m_portal.inviteToken(m_portal.contact().id)}});
    QVERIFY2(invite.status == 200, invite.describe());
    for (int i = 1; i < limit.hits; ++i) {
        const HttpReply reply
            = browser.post(QStringLiteral("/api/v1/auth/login"), emailBody(stranger(i)));
        QVERIFY2(reply.status == 200, reply.describe());
    }
    const QString secondInvite = m_portal.inviteToken(m_portal.contact().id);
    const QStringList before = m_portal.state();
    m_portal.clock().advanceMs(4 * kMinuteMs);
    const HttpReply refused
        = browser.post(QStringLiteral("/api/v1/auth/login"), emailBody(stranger(99)));
    QVERIFY2(isRefusal(refused, int((limit.windowMs - 4 * kMinuteMs) / 1000)), refused.describe());
    const HttpReply refusedInvite = browser.post(QStringLiteral("/api/v1/auth/invite"),
                                                 {{QStringLiteral("token"), secondInvite}});
    QVERIFY2(refusedInvite.status == 429, refusedInvite.describe());
    QCOMPARE(m_portal.state(), before); // no pending login, no mail
    // Recorded once per window, with the address.
    const QStringList audited = m_portal.rows(
        QStringLiteral("SELECT ip FROM audit_event WHERE action = 'login.rate_limited'"));
    QVERIFY2(audited == QStringList{QStringLiteral("127.0.0.1")}, qPrintable(audited.join(u',')));

    m_portal.clock().advanceMs(limit.windowMs - 4 * kMinuteMs);
    const HttpReply again
        = browser.post(QStringLiteral("/api/v1/auth/login"), emailBody(stranger(99)));
    QVERIFY2(again.status == 200, again.describe());
}

void TestPortalLimits::knownAndUnknownEmailsShareOneLimit()
{
    const PortalThrottle::Limit limit = PortalThrottle::kSignInPerEmail;
    // The contact's address, typed two ways, against one that belongs to nobody.
    const QStringList known{QStringLiteral("demo.contact@example.com"),
                            QStringLiteral(" Demo.Contact@EXAMPLE.com ")};
    QCOMPARE(known.first(), m_portal.contact().email);
    PortalClient browser(m_portal.port());
    for (int i = 0; i <= limit.hits; ++i) {
        const HttpReply forKnown
            = browser.post(QStringLiteral("/api/v1/auth/login"), emailBody(known.at(i % 2)));
        const HttpReply forNobody = browser.post(QStringLiteral("/api/v1/auth/login"),
                                                 emailBody(QStringLiteral("nobody@example.com")));
        QCOMPARE(forKnown.status, forNobody.status);
        if (i < limit.hits) {
            QVERIFY2(forKnown.status == 200, forKnown.describe());
            continue;
        }
        QVERIFY2(isRefusal(forKnown, int(limit.windowMs / 1000)), forKnown.describe());
        QCOMPARE(forNobody.describe(), forKnown.describe());
        QCOMPARE(forNobody.header("Retry-After"), forKnown.header("Retry-After"));
    }
    // One mail per allowed request to the contact, none for the refused one.
    QCOMPARE(m_portal.rows(QStringLiteral("SELECT COUNT(*) FROM outbox")),
             QStringList{QString::number(limit.hits)});
    m_portal.clock().advanceMs(limit.windowMs);
    QCOMPARE(browser.post(QStringLiteral("/api/v1/auth/login"), emailBody(known.first())).status,
             200);
}

void TestPortalLimits::codesAndLinksAreLimitedPerAddress()
{
    const PortalThrottle::Limit limit = PortalThrottle::kVerifyPerIp;
    PortalClient browser(m_portal.port());
    QString challenge;
    QString code;
    QString magic;
    QString why;
    QVERIFY2(m_portal.startLogin(browser, m_portal.contact().id, &challenge, &code, &magic, &why),
             qPrintable(why));
    // Guesses at other pending logins and links (each would be wrong anyway).
    for (int i = 0; i < limit.hits; ++i) {
        const HttpReply reply
            = i % 2 ? browser.post(QStringLiteral("/api/v1/auth/magic"),
                                   {{QStringLiteral("token"), Tokens::generate()}})
                    : browser.post(QStringLiteral("/api/v1/auth/code"),
                                   {{QStringLiteral("challenge"), Tokens::generate()},
                                    {QStringLiteral("code"), QStringLiteral("123456")}});
        QVERIFY2(reply.status == 401, reply.describe());
    }
    const QStringList before = m_portal.state();
    const HttpReply refused
        = browser.post(QStringLiteral("/api/v1/auth/code"),
                       {{QStringLiteral("challenge"), challenge}, {QStringLiteral("code"), code}});
    QVERIFY2(isRefusal(refused, int(limit.windowMs / 1000)), refused.describe());
    QVERIFY2(isRefusal(browser.post(QStringLiteral("/api/v1/auth/magic"),
                                    {{QStringLiteral("token"), magic}}),
                       int(limit.windowMs / 1000)),
             "magic link not refused");
    QCOMPARE(m_portal.state(), before); // the right code was not even looked at
    QVERIFY(browser.cookie(QStringLiteral("gh_session")).isEmpty());

    m_portal.clock().advanceMs(limit.windowMs);
    const HttpReply signedIn
        = browser.post(QStringLiteral("/api/v1/auth/code"),
                       {{QStringLiteral("challenge"), challenge}, {QStringLiteral("code"), code}});
    QVERIFY2(signedIn.status == 200, signedIn.describe());
}

void TestPortalLimits::serversOnOneDatabaseShareTheCounters()
{
    // A second server, with a database connection of its own, on the same database.
    Database secondDb(m_portal.db().config());
    QString error;
    QVERIFY2(secondDb.open(&error), qPrintable(error));
    PortalConfig config;
    config.port = 0;
    config.publicUrl = PortalFixture::publicUrl();
    PortalServer second(secondDb, config, m_portal.clock());
    QVERIFY2(second.start(&error), qPrintable(error));

    const PortalThrottle::Limit limit = PortalThrottle::kSignInPerIp;
    PortalClient first(m_portal.port());
    PortalClient other(second.port());
    for (int i = 0; i < limit.hits; ++i) {
        PortalClient &browser = i % 2 ? other : first;
        const HttpReply reply
            = browser.post(QStringLiteral("/api/v1/auth/login"), emailBody(stranger(i)));
        QVERIFY2(reply.status == 200, reply.describe());
    }
    QCOMPARE(first.post(QStringLiteral("/api/v1/auth/login"), emailBody(stranger(98))).status, 429);
    QCOMPARE(other.post(QStringLiteral("/api/v1/auth/login"), emailBody(stranger(99))).status, 429);
}

void TestPortalLimits::changesNeedTheSessionsCsrfToken_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("token"); // "own", "other" (another session's), or as sent
    for (const char *path : {"/api/v1/tasks/<task>/complete", "/api/v1/auth/logout"}) {
        QTest::addRow("%s, no token", path) << QString::fromLatin1(path) << QByteArray();
        QTest::addRow("%s, a wrong token", path)
            << QString::fromLatin1(path) << QByteArray(64, 'a');
        QTest::addRow("%s, another session's token", path)
            << QString::fromLatin1(path) << QByteArray("other");
        QTest::addRow("%s, the session token itself", path)
            << QString::fromLatin1(path) << QByteArray("cookie");
    }
}

void TestPortalLimits::changesNeedTheSessionsCsrfToken()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, token);
    PortalClient browser(m_portal.port());
    PortalClient someoneElse(m_portal.port());
    QString why;
    QVERIFY2(m_portal.signIn(browser, m_portal.contact().id, &why), qPrintable(why));
    QVERIFY2(m_portal.signIn(someoneElse, m_portal.contact().id, &why), qPrintable(why));
    QVERIFY(browser.csrfToken() != someoneElse.csrfToken());
    if (token == "other") {
        token = someoneElse.csrfToken();
    } else if (token == "cookie") {
        token = browser.cookie(QStringLiteral("gh_session")).toLatin1();
    }
    const qint64 task = m_portal.taskId(m_portal.contact().companyId, OwnerSide::Client,
                                        EvidenceType::Standard, TaskStatus::Pending);
    path.replace(QStringLiteral("<task>"), QString::number(task));

    const QStringList before = m_portal.state();
    browser.setSendsCsrfToken(false);
    Headers headers{{"Origin", kOwnOrigin}};
    if (!token.isEmpty()) {
        headers.append({"X-CSRF-Token", token});
    }
    const HttpReply refused
        = browser.post(path, {{QStringLiteral("note"), QStringLiteral("forged")}}, headers);
    QVERIFY2(refused.status == 403, refused.describe());
    QCOMPARE(refused.json().value(QStringLiteral("code")).toString(),
             QStringLiteral("bad_csrf_token"));
    QVERIFY(refused.header("Set-Cookie").isEmpty());
    QCOMPARE(m_portal.state(), before);
    QCOMPARE(browser.get(QStringLiteral("/api/v1/me")).status, 200);
}

void TestPortalLimits::theRightCsrfTokenWorks()
{
    PortalClient browser(m_portal.port());
    QString why;
    QVERIFY2(m_portal.signIn(browser, m_portal.contact().id, &why), qPrintable(why));
    const QByteArray token = browser.csrfToken();
    QCOMPARE(token.size(), 64);
    // Stable for the session (every tab shares it), not stored anywhere.
    QVERIFY(browser.learnCsrfToken());
    QCOMPARE(browser.csrfToken(), token);
    QVERIFY(m_portal.rows(QStringLiteral("SELECT COUNT(*) FROM portal_session WHERE token_hash = '")
                          + QString::fromLatin1(token) + QStringLiteral("'"))
            == QStringList{QStringLiteral("0")});

    const qint64 task = m_portal.taskId(m_portal.contact().companyId, OwnerSide::Client,
                                        EvidenceType::Standard, TaskStatus::Pending);
    const HttpReply completed = browser.post(QStringLiteral("/api/v1/tasks/%1/complete").arg(task),
                                             {{QStringLiteral("note"), QStringLiteral("done")}},
                                             {{"Origin", kOwnOrigin}});
    QVERIFY2(completed.status == 200, completed.describe());
    const HttpReply loggedOut
        = browser.post(QStringLiteral("/api/v1/auth/logout"), {}, {{"Origin", kOwnOrigin}});
    QVERIFY2(loggedOut.status == 204, loggedOut.describe());
    QCOMPARE(browser.get(QStringLiteral("/api/v1/me")).status, 401);
    // A signed-out browser may still clear its cookie without a token.
    browser.setSendsCsrfToken(false);
    QCOMPARE(browser.post(QStringLiteral("/api/v1/auth/logout"), {}).status, 204);
}

QTEST_GUILESS_MAIN(TestPortalLimits)
#include "tst_portal_limits.moc"
