// The TOTP second factor (ACC-10) over HTTP on both database engines, with the fixture's clock
// moved by hand: enrolment in the account view (pending until a current code confirms it), the
// second step of a sign-in in a half-session that reaches nothing else, its five-guess limit,
// single-use recovery codes, replayed codes, turning it off, a workspace that requires it, the
// secret never sent again, and CSRF on every route.
#include "PortalClient.h"
#include "PortalFixture.h"
#include "TestDatabase.h"

#include "domain/Actor.h"
#include "domain/Onboarding.h"
#include "security/Base32.h"
#include "security/Tokens.h"
#include "security/Totp.h"
#include "services/PortalAccessService.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace Gatehouse;
using namespace Gatehouse::Testing;

namespace {

const QString kStart = QStringLiteral("/api/v1/account/totp/start");
const QString kConfirm = QStringLiteral("/api/v1/account/totp/confirm");
const QString kRecoveryCodes = QStringLiteral("/api/v1/account/totp/recovery-codes");
const QString kDisable = QStringLiteral("/api/v1/account/totp/disable");
const QString kSecondStep = QStringLiteral("/api/v1/auth/totp");
const QString kQrCode = QStringLiteral("/api/v1/account/totp/qr.svg");

QJsonObject codeBody(const QString &code)
{
    return {{QStringLiteral("code"), code}};
}

QStringList stringsOf(const QJsonArray &array)
{
    QStringList result;
    for (const QJsonValue &value : array) {
        result.append(value.toString());
    }
    return result;
}

} // namespace

class TestPortalTotp : public QObject
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

    void enrolmentIsPendingUntilACurrentCodeConfirmsIt();
    void signInAsksForTheSecondStepAndTheHalfSessionReachesNothingElse();
    void aPasswordSignInAsksForTheSecondStepToo();
    void fiveWrongCodesEndThePendingSignIn();
    void aRecoveryCodeWorksOnce();
    void aUsedCodeCannotBeReplayed();
    void turningItOffNeedsACode();
    void aWorkspaceThatRequiresItSendsContactsToEnrolment();
    void theSecretIsNeverSentAfterEnrolment();
    void everyRouteNeedsTheCsrfTokenAndOwnOrigin();

private:
    // Signs in by emailed code and enrols: the secret (base32) and the recovery codes.
    void enrol(PortalClient &browser, QString *secret, QStringList *recoveryCodes)
    {
        QString why;
        QVERIFY2(m_portal.signIn(browser, m_portal.contact().id, &why), qPrintable(why));
        const HttpReply started = browser.post(kStart, {});
        QVERIFY2(started.status == 200, started.describe());
        *secret = started.json().value(QStringLiteral("secret")).toString();
        QVERIFY(!secret->isEmpty());
        const HttpReply confirmed = browser.post(kConfirm, codeBody(codeNow(*secret)));
        QVERIFY2(confirmed.status == 200, confirmed.describe());
        *recoveryCodes
            = stringsOf(confirmed.json().value(QStringLiteral("recoveryCodes")).toArray());
        // The step of the confirming code is used: later codes come from later steps.
        m_portal.clock().advanceMs(Totp::kStepMs);
    }
    QString codeNow(const QString &secret, int stepOffset = 0)
    {
        const std::optional<QByteArray> bytes = Base32::decode(secret);
        return bytes ? Totp::code(*bytes, Totp::stepAt(m_portal.clock().nowMs()) + stepOffset)
                     : QString();
    }
    // The first step of a sign-in: the browser holds a half-session afterwards.
    void firstStep(PortalClient &browser)
    {
        QString why;
        QVERIFY2(m_portal.signIn(browser, m_portal.contact().id, &why), qPrintable(why));
    }
    QString required(PortalClient &browser)
    {
        return browser.get(QStringLiteral("/api/v1/me"))
            .json()
            .value(QStringLiteral("required"))
            .toString();
    }
    int count(const QString &sql) { return m_portal.rows(sql).value(0).toInt(); }
    int auditCount(const QString &action)
    {
        return count(
            QStringLiteral("SELECT COUNT(*) FROM audit_event WHERE action = '%1'").arg(action));
    }
    QString totpRow()
    {
        return m_portal
            .rows(QStringLiteral("SELECT CASE WHEN enabled_at IS NULL THEN 0 ELSE 1 END, "
                                 "(SELECT COUNT(*) FROM contact_recovery_code) "
                                 "FROM contact_totp WHERE contact_id = %1")
                      .arg(m_portal.contact().id))
            .join(QLatin1Char(';'));
    }
    qint64 clientTask()
    {
        return m_portal.taskId(m_portal.contact().companyId, OwnerSide::Client,
                               EvidenceType::Standard, TaskStatus::Pending);
    }

    PortalFixture m_portal;
};

void TestPortalTotp::enrolmentIsPendingUntilACurrentCodeConfirmsIt()
{
    PortalClient browser(m_portal.port());
    QString why;
    QVERIFY2(m_portal.signIn(browser, m_portal.contact().id, &why), qPrintable(why));
    QCOMPARE(browser.get(QStringLiteral("/api/v1/me"))
                 .json()
                 .value(QStringLiteral("totp"))
                 .toObject()
                 .value(QStringLiteral("enabled")),
             QJsonValue(false));

    const HttpReply started = browser.post(kStart, {});
    QVERIFY2(started.status == 200, started.describe());
    const QString secret = started.json().value(QStringLiteral("secret")).toString();
    QCOMPARE(Base32::decode(secret).value_or(QByteArray()).size(), 20);
    const QString uri = started.json().value(QStringLiteral("uri")).toString();
    QVERIFY2(uri.startsWith(QStringLiteral("otpauth://totp/")), qPrintable(uri));
    QVERIFY2(uri.contains(QStringLiteral("secret=") + secret), qPrintable(uri));
    QVERIFY2(uri.contains(QString::fromLatin1(QUrl::toPercentEncoding(m_portal.contact().email))),
             qPrintable(uri));
    QCOMPARE(totpRow(), QStringLiteral("0|0"));
    // The QR code of the pending secret, an image for the phone's camera.
    const HttpReply qr = browser.get(kQrCode);
    QVERIFY2(qr.status == 200, qr.describe());
    QCOMPARE(qr.header("Content-Type"), QByteArray("image/svg+xml"));
    QVERIFY2(qr.body.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""), qr.describe());
    QVERIFY(!qr.body.contains("<script"));
    QCOMPARE(PortalClient(m_portal.port()).get(kQrCode).status, 401);

    // A wrong code (and one from two steps ago) changes nothing.
    const QStringList before = m_portal.state();
    const QString wrongCode = codeNow(secret) == QStringLiteral("000000")
                                  ? QStringLiteral("111111")
                                  : QStringLiteral("000000");
    for (const QString &code : {wrongCode, codeNow(secret, -2), QStringLiteral("12ab56")}) {
        const HttpReply refused = browser.post(kConfirm, codeBody(code));
        QVERIFY2(refused.status == 422, refused.describe());
        QVERIFY(!refused.json().value(QStringLiteral("error")).toString().isEmpty());
    }
    QCOMPARE(totpRow(), QStringLiteral("0|0"));
    QCOMPARE(m_portal.state(), before);
    QCOMPARE(auditCount(QStringLiteral("totp.enabled")), 0);

    const HttpReply confirmed = browser.post(kConfirm, codeBody(codeNow(secret)));
    QVERIFY2(confirmed.status == 200, confirmed.describe());
    const QStringList codes
        = stringsOf(confirmed.json().value(QStringLiteral("recoveryCodes")).toArray());
    QCOMPARE(codes.size(), 10);
    QCOMPARE(QSet<QString>(codes.begin(), codes.end()).size(), 10);
    for (const QString &code : codes) {
        QVERIFY2(
            QRegularExpression(QStringLiteral("^[A-Z2-7]{5}-[A-Z2-7]{5}$")).match(code).hasMatch(),
            qPrintable(code));
        // Stored as hashes only.
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM contact_recovery_code "
                                      "WHERE code_hash LIKE '%%1%'")
                           .arg(code.left(5))),
                 0);
    }
    QCOMPARE(totpRow(), QStringLiteral("1|10"));
    QCOMPARE(browser.get(kQrCode).status, 404);
    QCOMPARE(auditCount(QStringLiteral("totp.enabled")), 1);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM activity WHERE kind = 'totp.enabled'")), 1);
    const QJsonObject totp
        = browser.get(QStringLiteral("/api/v1/me")).json().value(QStringLiteral("totp")).toObject();
    QCOMPARE(totp.value(QStringLiteral("enabled")), QJsonValue(true));
    QCOMPARE(totp.value(QStringLiteral("recoveryCodesLeft")), QJsonValue(10));
    // Confirming again is refused.
    QCOMPARE(browser.post(kConfirm, codeBody(codeNow(secret, 1))).status, 409);
}

void TestPortalTotp::signInAsksForTheSecondStepAndTheHalfSessionReachesNothingElse()
{
    QString secret;
    QStringList recovery;
    {
        PortalClient enrolling(m_portal.port());
        enrol(enrolling, &secret, &recovery);
    }
    PortalClient browser(m_portal.port());
    firstStep(browser);
    const QString halfToken = browser.cookie(QStringLiteral("gh_session"));
    const HttpReply me = browser.get(QStringLiteral("/api/v1/me"));
    QVERIFY2(me.status == 200, me.describe());
    QCOMPARE(me.json().value(QStringLiteral("required")).toString(), QStringLiteral("totp"));
    // Nothing about the contact's company or work.
    QVERIFY(!me.json().contains(QStringLiteral("company")));
    QVERIFY(!me.body.contains(m_portal.contact().email.toUtf8()));

    const qint64 task = clientTask();
    QVERIFY(task != 0);
    const QString taskPath = QStringLiteral("/api/v1/tasks/%1").arg(task);
    const QStringList before = m_portal.state();
    for (const QString &path :
         {QStringLiteral("/api/v1/home"), taskPath, QStringLiteral("/api/v1/documents"),
          QStringLiteral("/api/v1/questions")}) {
        const HttpReply refused = browser.get(path);
        QVERIFY2(refused.status == 401 || refused.status == 403,
                 qPrintable(path + QLatin1Char(' ') + QString::fromUtf8(refused.describe())));
    }
    const QString completePath = taskPath + QStringLiteral("/complete");
    for (const QString &path : {completePath, QStringLiteral("/api/v1/account/password"),
                                kRecoveryCodes, kDisable, kStart, kConfirm}) {
        const HttpReply refused = browser.post(
            path, {{QStringLiteral("note"), QStringLiteral("x")},
                   {QStringLiteral("password"), QStringLiteral("harbour lantern 42 violet")},
                   {QStringLiteral("code"), codeNow(secret)}});
        QVERIFY2(refused.status == 401 || refused.status == 403,
                 qPrintable(path + QLatin1Char(' ') + QString::fromUtf8(refused.describe())));
    }
    QCOMPARE(m_portal.state(), before);

    const HttpReply done = browser.post(kSecondStep, codeBody(codeNow(secret)));
    QVERIFY2(done.status == 200, done.describe());
    const QString fullToken = browser.cookie(QStringLiteral("gh_session"));
    // A new token: the half-session's never becomes a full session.
    QVERIFY(!fullToken.isEmpty());
    QVERIFY(fullToken != halfToken);
    const HttpReply home = browser.get(QStringLiteral("/api/v1/home"));
    QVERIFY2(home.status == 200, home.describe());
    QVERIFY(!browser.get(QStringLiteral("/api/v1/me")).json().contains(QStringLiteral("required")));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM portal_access_log WHERE kind = 'sign_in'")),
             2);

    PortalClient replay(m_portal.port());
    replay.setCookie("gh_session", halfToken.toLatin1());
    QCOMPARE(replay.get(QStringLiteral("/api/v1/me")).status, 401);
    QCOMPARE(replay.get(QStringLiteral("/api/v1/home")).status, 401);
}

void TestPortalTotp::aPasswordSignInAsksForTheSecondStepToo()
{
    const QString password = QStringLiteral("harbour lantern 42 violet");
    QString secret;
    QStringList recovery;
    {
        PortalClient enrolling(m_portal.port());
        enrol(enrolling, &secret, &recovery);
        QCOMPARE(enrolling
                     .post(QStringLiteral("/api/v1/account/password"),
                           {{QStringLiteral("password"), password}})
                     .status,
                 204);
    }
    PortalClient browser(m_portal.port());
    const HttpReply first = browser.post(QStringLiteral("/api/v1/auth/password"),
                                         {{QStringLiteral("email"), m_portal.contact().email},
                                          {QStringLiteral("password"), password}});
    QVERIFY2(first.status == 200, first.describe());
    QCOMPARE(required(browser), QStringLiteral("totp"));
    QCOMPARE(browser.get(QStringLiteral("/api/v1/home")).status, 401);
    QCOMPARE(browser.post(kSecondStep, codeBody(codeNow(secret))).status, 200);
    QCOMPARE(browser.get(QStringLiteral("/api/v1/home")).status, 200);
}

void TestPortalTotp::fiveWrongCodesEndThePendingSignIn()
{
    QString secret;
    QStringList recovery;
    {
        PortalClient enrolling(m_portal.port());
        enrol(enrolling, &secret, &recovery);
    }
    PortalClient browser(m_portal.port());
    firstStep(browser);
    const QString halfToken = browser.cookie(QStringLiteral("gh_session"));
    const QString right = codeNow(secret);
    const QString wrong
        = right == QStringLiteral("123456") ? QStringLiteral("654321") : QStringLiteral("123456");
    for (int i = 1; i <= 4; ++i) {
        const HttpReply refused = browser.post(kSecondStep, codeBody(wrong));
        QVERIFY2(refused.status == 422, refused.describe());
    }
    const HttpReply locked = browser.post(kSecondStep, codeBody(wrong));
    QVERIFY2(locked.status == 429, locked.describe());
    QCOMPARE(auditCount(QStringLiteral("login.locked_out")), 1);
    // The answer cleared the cookie; the half-session is gone on the server too, so the right
    // code comes too late even with the old cookie put back.
    QVERIFY2(locked.header("Set-Cookie").contains("Max-Age=0"), locked.describe());
    browser.setCookie("gh_session", halfToken.toLatin1());
    const HttpReply late = browser.post(kSecondStep, codeBody(right));
    QVERIFY2(late.status == 401, late.describe());
    QCOMPARE(browser.get(QStringLiteral("/api/v1/home")).status, 401);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM portal_session "
                                  "WHERE revoked_at IS NULL AND stage = 'full'")),
             1); // the enrolling browser's
}

void TestPortalTotp::aRecoveryCodeWorksOnce()
{
    QString secret;
    QStringList recovery;
    {
        PortalClient enrolling(m_portal.port());
        enrol(enrolling, &secret, &recovery);
    }
    const QString code = recovery.value(3);
    {
        PortalClient browser(m_portal.port());
        firstStep(browser);
        // As people type it: lower case, no dash.
        const HttpReply done
            = browser.post(kSecondStep, codeBody(code.toLower().remove(QLatin1Char('-'))));
        QVERIFY2(done.status == 200, done.describe());
        QCOMPARE(browser.get(QStringLiteral("/api/v1/home")).status, 200);
        QCOMPARE(browser.get(QStringLiteral("/api/v1/me"))
                     .json()
                     .value(QStringLiteral("totp"))
                     .toObject()
                     .value(QStringLiteral("recoveryCodesLeft")),
                 QJsonValue(9));
    }
    QCOMPARE(auditCount(QStringLiteral("totp.recovery_code_used")), 1);
    PortalClient again(m_portal.port());
    firstStep(again);
    const HttpReply refused = again.post(kSecondStep, codeBody(code));
    QVERIFY2(refused.status == 422, refused.describe());
    QCOMPARE(again.get(QStringLiteral("/api/v1/home")).status, 401);
    // Another, unused one still works.
    const HttpReply other = again.post(kSecondStep, codeBody(recovery.value(4)));
    QVERIFY2(other.status == 200, other.describe());
}

void TestPortalTotp::aUsedCodeCannotBeReplayed()
{
    QString secret;
    QStringList recovery;
    {
        PortalClient enrolling(m_portal.port());
        enrol(enrolling, &secret, &recovery);
    }
    const QString code = codeNow(secret);
    PortalClient first(m_portal.port());
    firstStep(first);
    QCOMPARE(first.post(kSecondStep, codeBody(code)).status, 200);

    PortalClient second(m_portal.port());
    firstStep(second);
    const HttpReply replayed = second.post(kSecondStep, codeBody(code));
    QVERIFY2(replayed.status == 422, replayed.describe());
    // Nor the previous step's code, still in the window but older than the used one.
    QCOMPARE(second.post(kSecondStep, codeBody(codeNow(secret, -1))).status, 422);
    // The next step's code is new.
    m_portal.clock().advanceMs(Totp::kStepMs);
    QCOMPARE(second.post(kSecondStep, codeBody(codeNow(secret))).status, 200);
}

void TestPortalTotp::turningItOffNeedsACode()
{
    QString secret;
    QStringList recovery;
    PortalClient browser(m_portal.port());
    enrol(browser, &secret, &recovery);
    const QString wrong = codeNow(secret) == QStringLiteral("000000") ? QStringLiteral("999999")
                                                                      : QStringLiteral("000000");
    for (const QJsonObject &body : {QJsonObject(), codeBody(QString()), codeBody(wrong),
                                    codeBody(QStringLiteral("AAAAA-AAAAA"))}) {
        const HttpReply refused = browser.post(kDisable, body);
        QVERIFY2(refused.status == 422, refused.describe());
    }
    QCOMPARE(totpRow(), QStringLiteral("1|10"));
    QCOMPARE(auditCount(QStringLiteral("totp.disabled")), 0);

    const HttpReply off = browser.post(kDisable, codeBody(codeNow(secret)));
    QVERIFY2(off.status == 204, off.describe());
    QCOMPARE(totpRow(), QString());
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM contact_recovery_code")), 0);
    QCOMPARE(auditCount(QStringLiteral("totp.disabled")), 1);

    // The next sign-in is one step again.
    PortalClient next(m_portal.port());
    firstStep(next);
    QCOMPARE(next.get(QStringLiteral("/api/v1/home")).status, 200);
}

void TestPortalTotp::aWorkspaceThatRequiresItSendsContactsToEnrolment()
{
    ServiceError failure;
    QVERIFY(PortalAccessService(m_portal.db(), m_portal.clock())
                .setRequireContactTotp(true, Actor::system(QStringLiteral("test")), &failure));
    QCOMPARE(auditCount(QStringLiteral("totp.requirement_changed")), 1);

    PortalClient browser(m_portal.port());
    firstStep(browser);
    const QString halfToken = browser.cookie(QStringLiteral("gh_session"));
    QCOMPARE(required(browser), QStringLiteral("totp_enrolment"));
    QCOMPARE(browser.get(QStringLiteral("/api/v1/home")).status, 401);
    QCOMPARE(browser
                 .post(QStringLiteral("/api/v1/tasks/%1/complete").arg(clientTask()),
                       {{QStringLiteral("note"), QString()}})
                 .status,
             401);
    // It cannot answer a second step it does not have.
    QCOMPARE(browser.post(kSecondStep, codeBody(QStringLiteral("123456"))).status, 409);

    const HttpReply started = browser.post(kStart, {});
    QVERIFY2(started.status == 200, started.describe());
    const QString secret = started.json().value(QStringLiteral("secret")).toString();
    const HttpReply confirmed = browser.post(kConfirm, codeBody(codeNow(secret)));
    QVERIFY2(confirmed.status == 200, confirmed.describe());
    QCOMPARE(confirmed.json().value(QStringLiteral("signedIn")), QJsonValue(true));
    QVERIFY(browser.cookie(QStringLiteral("gh_session")) != halfToken);
    QCOMPARE(browser.get(QStringLiteral("/api/v1/home")).status, 200);
    QVERIFY(required(browser).isEmpty());

    // Required: it cannot be turned off.
    m_portal.clock().advanceMs(Totp::kStepMs);
    const HttpReply off = browser.post(kDisable, codeBody(codeNow(secret)));
    QVERIFY2(off.status == 409, off.describe());
    QCOMPARE(totpRow(), QStringLiteral("1|10"));

    // The next sign-in asks for the code, not for enrolment.
    PortalClient next(m_portal.port());
    firstStep(next);
    QCOMPARE(required(next), QStringLiteral("totp"));
}

void TestPortalTotp::theSecretIsNeverSentAfterEnrolment()
{
    QString secret;
    QStringList recovery;
    PortalClient browser(m_portal.port());
    enrol(browser, &secret, &recovery);
    QList<HttpReply> replies;
    replies << browser.get(QStringLiteral("/api/v1/me"))
            << browser.get(QStringLiteral("/api/v1/home"))
            << browser.post(kStart, {}) // already on: refused
            << browser.post(kRecoveryCodes, {}) << browser.get(kQrCode);
    PortalClient next(m_portal.port());
    firstStep(next);
    replies << next.get(QStringLiteral("/api/v1/me")) << next.get(kQrCode) << next.post(kStart, {})
            << next.post(kSecondStep, codeBody(codeNow(secret)))
            << next.get(QStringLiteral("/api/v1/me"));
    QCOMPARE(replies.at(2).status, 409);
    QCOMPARE(replies.at(3).status, 200);
    QCOMPARE(replies.at(4).status, 404);
    QCOMPARE(replies.at(6).status, 401);
    QCOMPARE(replies.at(7).status, 401);
    QCOMPARE(replies.at(8).status, 200);
    for (const HttpReply &reply : replies) {
        QVERIFY2(!reply.body.contains(secret.toLatin1()), reply.describe());
        QVERIFY2(!reply.body.contains(secret.toLower().toLatin1()), reply.describe());
    }
    // New recovery codes replace the old ones.
    const QStringList fresh
        = stringsOf(replies.at(3).json().value(QStringLiteral("recoveryCodes")).toArray());
    QCOMPARE(fresh.size(), 10);
    PortalClient old(m_portal.port());
    firstStep(old);
    QCOMPARE(old.post(kSecondStep, codeBody(recovery.value(0))).status, 422);
    QCOMPARE(old.post(kSecondStep, codeBody(fresh.value(0))).status, 200);
}

void TestPortalTotp::everyRouteNeedsTheCsrfTokenAndOwnOrigin()
{
    QString secret;
    QStringList recovery;
    {
        PortalClient enrolling(m_portal.port());
        enrol(enrolling, &secret, &recovery);
    }
    PortalClient half(m_portal.port());
    firstStep(half);
    half.setSendsCsrfToken(false);
    QCOMPARE(half.post(kSecondStep, codeBody(codeNow(secret))).status, 403);
    half.setSendsCsrfToken(true);
    const HttpReply foreign
        = half.post(kSecondStep, codeBody(codeNow(secret)), {{"Origin", "https://evil.example"}});
    QCOMPARE(foreign.status, 403);
    QCOMPARE(half.get(QStringLiteral("/api/v1/home")).status, 401);
    QCOMPARE(auditCount(QStringLiteral("login.failed")), 0);

    QVERIFY(half.post(kSecondStep, codeBody(codeNow(secret))).status == 200);
    const QString totpBefore = totpRow();
    for (const QString &path : {kStart, kConfirm, kRecoveryCodes, kDisable}) {
        half.setSendsCsrfToken(false);
        const HttpReply noToken = half.post(path, codeBody(recovery.value(0)));
        QVERIFY2(noToken.status == 403, qPrintable(path + QString::fromUtf8(noToken.describe())));
        half.setSendsCsrfToken(true);
        const HttpReply badOrigin
            = half.post(path, codeBody(recovery.value(0)), {{"Origin", "https://evil.example"}});
        QVERIFY2(badOrigin.status == 403,
                 qPrintable(path + QString::fromUtf8(badOrigin.describe())));
    }
    QCOMPARE(totpRow(), totpBefore);
}

QTEST_GUILESS_MAIN(TestPortalTotp)
#include "tst_portal_totp.moc"
