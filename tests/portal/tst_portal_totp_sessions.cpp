// The TOTP second factor (ACC-10) and the contact's sessions, over HTTP on both engines: every
// second step (right code, wrong code, recovery code) is a row of the contact's access log
// (ACC-11), and turning TOTP on or off ends the contact's other sessions while the session that
// did it stays signed in.
#include "PortalClient.h"
#include "PortalFixture.h"
#include "TestDatabase.h"

#include "domain/Actor.h"
#include "security/Base32.h"
#include "security/Tokens.h"
#include "security/Totp.h"
#include "services/PortalAccessService.h"
#include "storage/AccessRepository.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace Gatehouse;
using namespace Gatehouse::Testing;

namespace {

const QString kStart = QStringLiteral("/api/v1/account/totp/start");
const QString kConfirm = QStringLiteral("/api/v1/account/totp/confirm");
const QString kDisable = QStringLiteral("/api/v1/account/totp/disable");
const QString kSecondStep = QStringLiteral("/api/v1/auth/totp");
const QString kHome = QStringLiteral("/api/v1/home");

QJsonObject codeBody(const QString &code)
{
    return {{QStringLiteral("code"), code}};
}

// "kind/method" of each access, oldest first.
QStringList describe(const QList<PortalAccess> &log)
{
    QStringList rows;
    for (auto it = log.crbegin(); it != log.crend(); ++it) {
        const QString kind = it->kind == PortalAccess::Kind::SignIn ? QStringLiteral("sign_in")
                             : it->kind == PortalAccess::Kind::Request
                                 ? QStringLiteral("request")
                                 : QStringLiteral("second_step_failed");
        rows.append(kind + QLatin1Char('/') + it->method);
    }
    return rows;
}

} // namespace

class TestPortalTotpSessions : public QObject
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

    void everySecondStepIsInTheAccessLog();
    void turningItOnEndsTheOtherSessions();
    void turningItOffEndsTheOtherSessions();
    void aRequiredEnrolmentEndsTheOtherSessions();

private:
    void signIn(PortalClient &browser)
    {
        m_portal.forgetRateLimits();
        QString why;
        QVERIFY2(m_portal.signIn(browser, m_portal.contact().id, &why), qPrintable(why));
    }
    // Enrols in a signed-in browser: the secret and the recovery codes.
    void enrol(PortalClient &browser, QString *secret, QStringList *recoveryCodes)
    {
        const HttpReply started = browser.post(kStart, {});
        QVERIFY2(started.status == 200, started.describe());
        *secret = started.json().value(QStringLiteral("secret")).toString();
        const HttpReply confirmed = browser.post(kConfirm, codeBody(codeNow(*secret)));
        QVERIFY2(confirmed.status == 200, confirmed.describe());
        for (const QJsonValue &code : confirmed.json()[QStringLiteral("recoveryCodes")].toArray()) {
            recoveryCodes->append(code.toString());
        }
        m_portal.clock().advanceMs(Totp::kStepMs);
    }
    QString codeNow(const QString &secret)
    {
        const std::optional<QByteArray> bytes = Base32::decode(secret);
        return bytes ? Totp::code(*bytes, Totp::stepAt(m_portal.clock().nowMs())) : QString();
    }
    QString wrongCode(const QString &secret)
    {
        return codeNow(secret) == QStringLiteral("000000") ? QStringLiteral("111111")
                                                           : QStringLiteral("000000");
    }
    QStringList accessLog()
    {
        QString error;
        return describe(
            AccessRepository(m_portal.db()).accesses(m_portal.contact().id, 100, &error));
    }

    PortalFixture m_portal;
};

void TestPortalTotpSessions::everySecondStepIsInTheAccessLog()
{
    QString secret;
    QStringList recovery;
    {
        PortalClient enrolling(m_portal.port());
        signIn(enrolling);
        enrol(enrolling, &secret, &recovery);
    }
    QCOMPARE(accessLog(), QStringList{QStringLiteral("sign_in/code")});

    // A wrong code, then the right one.
    PortalClient browser(m_portal.port());
    signIn(browser);
    QCOMPARE(browser.post(kSecondStep, codeBody(wrongCode(secret))).status, 422);
    QCOMPARE(browser.post(kSecondStep, codeBody(codeNow(secret))).status, 200);
    // A wrong recovery code, then a right one.
    PortalClient lostPhone(m_portal.port());
    signIn(lostPhone);
    QCOMPARE(lostPhone.post(kSecondStep, codeBody(QStringLiteral("AAAAA-AAAAA"))).status, 422);
    QCOMPARE(lostPhone.post(kSecondStep, codeBody(recovery.value(0))).status, 200);
    QCOMPARE(accessLog(),
             (QStringList{QStringLiteral("sign_in/code"), QStringLiteral("second_step_failed/totp"),
                          QStringLiteral("sign_in/totp"),
                          QStringLiteral("second_step_failed/recovery_code"),
                          QStringLiteral("sign_in/recovery_code")}));
    // Each row is of the session it happened in, with the client's address.
    QString error;
    const QList<PortalAccess> log
        = AccessRepository(m_portal.db()).accesses(m_portal.contact().id, 100, &error);
    QCOMPARE(log.value(3).ip, QStringLiteral("127.0.0.1"));
    QVERIFY(log.value(3).sessionId != 0);
    QVERIFY(log.value(3).sessionId != log.value(2).sessionId); // the half-session, then the full
}

void TestPortalTotpSessions::turningItOnEndsTheOtherSessions()
{
    PortalClient phone(m_portal.port());
    PortalClient laptop(m_portal.port());
    signIn(phone);
    signIn(laptop);
    QCOMPARE(phone.get(kHome).status, 200);
    const QString laptopToken = laptop.cookie(QStringLiteral("gh_session"));

    QString secret;
    QStringList recovery;
    enrol(laptop, &secret, &recovery);
    // The session that turned it on keeps its token; the other one, which never passed the
    // second factor, is over.
    QCOMPARE(laptop.cookie(QStringLiteral("gh_session")), laptopToken);
    QCOMPARE(laptop.get(kHome).status, 200);
    const HttpReply ended = phone.get(kHome);
    QVERIFY2(ended.status == 401, ended.describe());
    // Staff see one session live.
    QCOMPARE(m_portal.rows(QStringLiteral("SELECT COUNT(*) FROM portal_session "
                                          "WHERE revoked_at IS NULL")),
             QStringList{QStringLiteral("1")});
}

void TestPortalTotpSessions::turningItOffEndsTheOtherSessions()
{
    QString secret;
    QStringList recovery;
    PortalClient laptop(m_portal.port());
    signIn(laptop);
    enrol(laptop, &secret, &recovery);
    PortalClient phone(m_portal.port());
    signIn(phone);
    QCOMPARE(phone.post(kSecondStep, codeBody(recovery.value(1))).status, 200);
    QVERIFY(phone.learnCsrfToken());
    QCOMPARE(phone.get(kHome).status, 200);
    // A sign-in waiting for its second step ends too.
    PortalClient pending(m_portal.port());
    signIn(pending);

    const QString laptopToken = laptop.cookie(QStringLiteral("gh_session"));
    const HttpReply off = laptop.post(kDisable, codeBody(codeNow(secret)));
    QVERIFY2(off.status == 204, off.describe());
    QCOMPARE(laptop.cookie(QStringLiteral("gh_session")), laptopToken);
    QCOMPARE(laptop.get(kHome).status, 200);
    QCOMPARE(phone.get(kHome).status, 401);
    QCOMPARE(pending.post(kSecondStep, codeBody(recovery.value(2))).status, 401);
}

void TestPortalTotpSessions::aRequiredEnrolmentEndsTheOtherSessions()
{
    PortalClient before(m_portal.port());
    signIn(before);
    ServiceError failure;
    QVERIFY(PortalAccessService(m_portal.db(), m_portal.clock())
                .setRequireContactTotp(true, Actor::system(QStringLiteral("test")), &failure));
    PortalClient held(m_portal.port());
    signIn(held);
    const QString halfToken = held.cookie(QStringLiteral("gh_session"));
    const HttpReply started = held.post(kStart, {});
    QVERIFY2(started.status == 200, started.describe());
    const QString secret = started.json().value(QStringLiteral("secret")).toString();
    const HttpReply confirmed = held.post(kConfirm, codeBody(codeNow(secret)));
    QVERIFY2(confirmed.status == 200, confirmed.describe());
    QVERIFY(held.cookie(QStringLiteral("gh_session")) != halfToken);
    QCOMPARE(held.get(kHome).status, 200);
    QCOMPARE(before.get(kHome).status, 401);
    QCOMPARE(accessLog().last(), QStringLiteral("sign_in/totp_enrolment"));
}

QTEST_GUILESS_MAIN(TestPortalTotpSessions)
#include "tst_portal_totp_sessions.moc"
