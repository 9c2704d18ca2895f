// A member of staff's two-step sign-in (CON-11) on both engines: enrolment, signing in with a
// code, wrong codes ending the attempt, replayed codes, single-use recovery codes, and an
// administrator's reset, each in the audit trail.
#include "TestDatabase.h"

#include "core/Clock.h"
#include "security/AuditLog.h"
#include "security/Base32.h"
#include "security/Totp.h"
#include "services/StaffAuthService.h"
#include "services/StaffService.h"
#include "services/StaffTotpService.h"
#include "services/WorkspaceSetup.h"
#include "storage/DirectoryRepository.h"
#include "storage/SqlQuery.h"

#include <QTest>

using namespace Gatehouse;
using Gatehouse::Testing::TestDatabase;

namespace {

constexpr qint64 kStartMs = 1'800'000'000'000;
const QString kAdminEmail = QStringLiteral("dana@northwind.example");
const QString kPassword = QStringLiteral("correct horse battery");

} // namespace

class TestStaffTotp : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addEngineRows(); }
    void init();
    void cleanup()
    {
        if (m_test) {
            QString error;
            const AuditLog::VerifyResult result = AuditLog(m_test->db()).verify(&error);
            QVERIFY2(result.ok, qPrintable(result.reason));
        }
        m_test.reset();
    }

    void enrolmentNeedsACurrentCode();
    void signInAsksForTheCode();
    void fiveWrongCodesEndTheAttempt();
    void replayedCodeIsRefused();
    void recoveryCodeWorksOnce();
    void adminResetTurnsItOff();

private:
    // Turns TOTP on for the administrator; returns the secret and fills the recovery codes.
    QByteArray enrol(QList<QString> *recoveryCodes = nullptr);
    QString codeNow(const QByteArray &secret, int stepOffset = 0) const
    {
        return Totp::code(secret, Totp::stepAt(m_clock.nowMs()) + stepOffset);
    }
    StaffAuthService auth()
    {
        StaffAuthService service(m_test->db(), m_clock);
        service.setVaultKdf(KdfParams::minimum());
        return service;
    }
    std::optional<StaffSignIn> begin()
    {
        ServiceError error;
        std::optional<StaffSignIn> attempt
            = auth().beginSignIn(kAdminEmail, kPassword, QString(), &error);
        [&] {
            QVERIFY2(attempt, qPrintable(error.message));
        }();
        return attempt;
    }
    AuditEvent latest()
    {
        QString error;
        const QList<AuditEvent> newest = AuditLog(m_test->db()).list({}, 1, 0, &error);
        return newest.isEmpty() ? AuditEvent() : newest.first();
    }

    ManualClock m_clock{kStartMs};
    std::unique_ptr<TestDatabase> m_test;
    qint64 m_adminId = 0;
};

void TestStaffTotp::init()
{
    QFETCH_GLOBAL(QString, engine);
    m_test = TestDatabase::create(engine);
    QVERIFY(m_test);
    QString error;
    WorkspaceSetup setup(m_test->db(), m_clock);
    setup.setVaultKdf(KdfParams::minimum());
    const qint64 workspaceId
        = setup.create(QStringLiteral("Northwind IT"), QStringLiteral("Dana Admin"), kAdminEmail,
                       kPassword, &error);
    QVERIFY2(workspaceId != 0, qPrintable(error));
    m_adminId = DirectoryRepository(m_test->db()).staffIdByEmail(workspaceId, kAdminEmail, &error);
    QVERIFY(m_adminId != 0);
}

QByteArray TestStaffTotp::enrol(QList<QString> *recoveryCodes)
{
    StaffTotpService service(m_test->db(), m_clock);
    ServiceError error;
    const std::optional<TotpEnrolment> enrolment = service.startEnrolment(m_adminId, &error);
    if (!enrolment) {
        qWarning() << error.message;
        return QByteArray();
    }
    const QByteArray secret = Base32::decode(enrolment->secret).value_or(QByteArray());
    const std::optional<QList<QString>> codes
        = service.confirmEnrolment(m_adminId, codeNow(secret), &error);
    if (!codes) {
        qWarning() << error.message;
        return QByteArray();
    }
    if (recoveryCodes) {
        *recoveryCodes = *codes;
    }
    // The next code must be of a later step than the one that confirmed it.
    m_clock.advanceMs(Totp::kStepMs);
    return secret;
}

void TestStaffTotp::enrolmentNeedsACurrentCode()
{
    StaffTotpService service(m_test->db(), m_clock);
    ServiceError error;
    const std::optional<TotpEnrolment> enrolment = service.startEnrolment(m_adminId, &error);
    QVERIFY(enrolment);
    QVERIFY(enrolment->uri.startsWith(QStringLiteral("otpauth://totp/")));
    QVERIFY(enrolment->uri.contains(QStringLiteral("dana%40northwind.example"))
            || enrolment->uri.contains(kAdminEmail));
    QCOMPARE(latest().action, QStringLiteral("staff.totp_enrolment_started"));
    const QByteArray secret = *Base32::decode(enrolment->secret);
    QVERIFY(!service.confirmEnrolment(m_adminId, codeNow(secret, 5), &error));
    QCOMPARE(error.kind, ServiceError::Kind::Invalid);
    QVERIFY(!service.status(m_adminId, &error)->enabled);
    // Until it is confirmed the password alone still signs in.
    QVERIFY(begin()->finished);

    const std::optional<QList<QString>> codes
        = service.confirmEnrolment(m_adminId, codeNow(secret), &error);
    QVERIFY2(codes, qPrintable(error.message));
    QCOMPARE(codes->size(), 10);
    QCOMPARE(QSet<QString>(codes->begin(), codes->end()).size(), 10);
    QCOMPARE(latest().action, QStringLiteral("staff.totp_enabled"));
    const std::optional<StaffTotpStatus> status = service.status(m_adminId, &error);
    QVERIFY(status->enabled);
    QCOMPARE(status->recoveryCodesLeft, 10);
    QVERIFY(!service.startEnrolment(m_adminId, &error));
    QCOMPARE(error.kind, ServiceError::Kind::Conflict);
}

void TestStaffTotp::signInAsksForTheCode()
{
    const QByteArray secret = enrol();
    QVERIFY(!secret.isEmpty());
    ServiceError error;
    QVERIFY(!auth().signIn(kAdminEmail, kPassword, QString(), &error));
    std::optional<StaffSignIn> attempt = begin();
    QVERIFY(attempt->codeNeeded);
    QVERIFY(!attempt->finished);
    QVERIFY2(auth().completeSignIn(*attempt, kPassword, codeNow(secret), QString(), &error),
             qPrintable(error.message));
    QVERIFY(attempt->finished);
    const AuditEvent event = latest();
    QCOMPARE(event.action, QStringLiteral("staff.login"));
    QVERIFY(event.detail.contains(QStringLiteral("authenticator code")));
}

void TestStaffTotp::fiveWrongCodesEndTheAttempt()
{
    const QByteArray secret = enrol();
    std::optional<StaffSignIn> attempt = begin();
    ServiceError error;
    const QString wrong = codeNow(secret) == QStringLiteral("000000") ? QStringLiteral("111111")
                                                                      : QStringLiteral("000000");
    for (int i = 1; i < StaffAuthService::kMaxWrongCodes; ++i) {
        QVERIFY(!auth().completeSignIn(*attempt, kPassword, wrong, QString(), &error));
        QCOMPARE(error.kind, ServiceError::Kind::Invalid);
    }
    QVERIFY(!auth().completeSignIn(*attempt, kPassword, wrong, QString(), &error));
    QCOMPARE(error.kind, ServiceError::Kind::RateLimited);
    QCOMPARE(latest().action, QStringLiteral("staff.login_locked_out"));
    // Even the right code does not finish this attempt now.
    QVERIFY(!auth().completeSignIn(*attempt, kPassword, codeNow(secret), QString(), &error));
    QVERIFY(!attempt->finished);
    // A new attempt may.
    attempt = begin();
    QVERIFY(auth().completeSignIn(*attempt, kPassword, codeNow(secret), QString(), &error));
}

void TestStaffTotp::replayedCodeIsRefused()
{
    const QByteArray secret = enrol();
    const QString code = codeNow(secret);
    std::optional<StaffSignIn> first = begin();
    ServiceError error;
    QVERIFY(auth().completeSignIn(*first, kPassword, code, QString(), &error));
    std::optional<StaffSignIn> second = begin();
    QVERIFY(!auth().completeSignIn(*second, kPassword, code, QString(), &error));
    QCOMPARE(error.kind, ServiceError::Kind::Invalid);
    QVERIFY(!second->finished);
}

void TestStaffTotp::recoveryCodeWorksOnce()
{
    QList<QString> codes;
    QVERIFY(!enrol(&codes).isEmpty());
    const QString recovery = codes.at(3);
    std::optional<StaffSignIn> attempt = begin();
    ServiceError error;
    QVERIFY2(auth().completeSignIn(*attempt, kPassword, recovery.toLower(), QString(), &error),
             qPrintable(error.message));
    QVERIFY(latest().detail.contains(QStringLiteral("recovery code")));
    QCOMPARE(StaffTotpService(m_test->db(), m_clock).status(m_adminId, &error)->recoveryCodesLeft,
             9);
    attempt = begin();
    QVERIFY(!auth().completeSignIn(*attempt, kPassword, recovery, QString(), &error));
    QCOMPARE(error.kind, ServiceError::Kind::Invalid);
}

void TestStaffTotp::adminResetTurnsItOff()
{
    QVERIFY(!enrol().isEmpty());
    // A second administrator resets the first one's TOTP.
    ServiceError error;
    const Actor dana(Actor::Kind::Staff, kAdminEmail, QStringLiteral("Dana"));
    const qint64 otherId
        = StaffService(m_test->db(), m_clock)
              .addMember(QStringLiteral("Olu Other"), QStringLiteral("olu@northwind.example"),
                         StaffRole::Admin, QStringLiteral("handed over once 42"), dana, &error);
    QVERIFY(otherId != 0);
    const Actor olu(Actor::Kind::Staff, QStringLiteral("olu@northwind.example"),
                    QStringLiteral("Olu"));
    QVERIFY(StaffService(m_test->db(), m_clock).resetTotp(m_adminId, olu, &error));
    const AuditEvent event = latest();
    QCOMPARE(event.action, QStringLiteral("staff.totp_reset"));
    QCOMPARE(event.actor, QStringLiteral("olu@northwind.example"));
    QCOMPARE(event.subject, QStringLiteral("staff:%1").arg(m_adminId));
    QVERIFY(!StaffTotpService(m_test->db(), m_clock).status(m_adminId, &error)->enabled);
    QVERIFY(begin()->finished);
    SqlQuery codes(m_test->db(), QStringLiteral("SELECT COUNT(*) FROM staff_recovery_code"));
    QString dbError;
    QVERIFY(codes.exec(&dbError) && codes.next());
    QCOMPARE(codes.value(0).toInt(), 0);
}

QTEST_GUILESS_MAIN(TestStaffTotp)
#include "tst_staff_totp.moc"
