// Every security-relevant service path writes its audit event, with who, what and from where,
// in the same transaction as the change; on both engines.
#include "TestDatabase.h"

#include "core/Clock.h"
#include "mail/OutboxRepository.h"
#include "security/AuditLog.h"
#include "services/InviteService.h"
#include "services/OnboardingService.h"
#include "services/PortalAuthService.h"
#include "services/StaffAuthService.h"
#include "services/WorkspaceSetup.h"
#include "storage/DirectoryRepository.h"
#include "storage/OnboardingRepository.h"

#include <QRegularExpression>
#include <QTest>

using namespace Gatehouse;
using Gatehouse::Testing::TestDatabase;

class TestAuditServices : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addEngineRows(); }
    void init()
    {
        QFETCH_GLOBAL(QString, engine);
        m_test = TestDatabase::create(engine);
        QVERIFY(m_test);
        QString error;
        DemoCredentials demo;
        QVERIFY2(WorkspaceSetup(m_test->db(), m_clock).ensureDemo(&demo, nullptr, &error),
                 qPrintable(error));
        m_demo = demo;
        m_contact
            = DirectoryRepository(m_test->db()).contactsByEmail(demo.contactEmail, &error).first();
    }
    void cleanup()
    {
        if (m_test) {
            QString error;
            const AuditLog::VerifyResult result = AuditLog(m_test->db()).verify(&error);
            QVERIFY2(result.ok, qPrintable(result.reason)); // every path keeps the chain whole
        }
        m_test.reset();
    }

    void workspaceSetupIsRecorded();
    void staffSignInIsRecordedEitherWay();
    void invitesAndRevocationsAreRecorded();
    void portalSignInIsRecorded();
    void wrongCodesAndTheLockoutAreRecorded();
    void taskChangesAreRecorded();
    void refusalsWithoutAChangeRecordNothingElse();

private:
    // The newest event.
    AuditEvent latest()
    {
        QString error;
        const QList<AuditEvent> newest = AuditLog(m_test->db()).list({}, 1, 0, &error);
        return newest.isEmpty() ? AuditEvent() : newest.first();
    }
    // Actions after the event with this id, oldest first.
    QStringList actionsAfter(qint64 id)
    {
        AuditFilter filter;
        filter.minId = id + 1;
        QString error;
        QStringList actions;
        const QList<AuditEvent> events = AuditLog(m_test->db()).list(filter, 1000, 0, &error);
        for (auto it = events.crbegin(); it != events.crend(); ++it) {
            actions.append(it->action);
        }
        return actions;
    }
    // The six-digit code and the link token of the newest sign-in mail.
    std::pair<QString, QString> lastSignInMail()
    {
        QString error;
        const QString text = OutboxRepository(m_test->db()).recent(1, &error).first().text;
        const QString code
            = QRegularExpression(QStringLiteral("code: (\\d{6})")).match(text).captured(1);
        const QString link
            = QRegularExpression(QStringLiteral("/m/([A-Za-z0-9_-]{43})")).match(text).captured(1);
        return {code, link};
    }

    std::unique_ptr<TestDatabase> m_test;
    ManualClock m_clock{1'800'000'000'000};
    DemoCredentials m_demo;
    Contact m_contact;
};

void TestAuditServices::workspaceSetupIsRecorded()
{
    // The demo's three portal pages come last.
    QCOMPARE(actionsAfter(0),
             (QStringList{QStringLiteral("workspace.created"), QStringLiteral("vault.created"),
                          QStringLiteral("onboarding.created"), QStringLiteral("task.status"),
                          QStringLiteral("page.created"), QStringLiteral("page.created"),
                          QStringLiteral("page.created")}));
    QString error;
    AuditFilter created;
    created.action = QStringLiteral("workspace.created");
    const AuditEvent event = AuditLog(m_test->db()).list(created, 1, 0, &error).first();
    QCOMPARE(event.actor, m_demo.adminEmail);
    QCOMPARE(event.actorKind, QStringLiteral("staff"));
    QCOMPARE(event.createdAtMs, m_clock.nowMs());
    QVERIFY(event.detail.contains(QLatin1String("Northwind IT")));
}

void TestAuditServices::staffSignInIsRecordedEitherWay()
{
    StaffAuthService staff(m_test->db(), m_clock);
    ServiceError error;
    QVERIFY(!staff.signIn(QStringLiteral(" Demo.Admin@example.com"),
                          QStringLiteral("wrong password"), QStringLiteral("192.0.2.7"), &error));
    QCOMPARE(error.kind, ServiceError::Kind::Unauthorized);
    QCOMPARE(error.message, QStringLiteral("The email or password is not correct."));
    AuditEvent event = latest();
    QCOMPARE(event.action, QStringLiteral("staff.login_failed"));
    QCOMPARE(event.actor, m_demo.adminEmail);
    QCOMPARE(event.ip, QStringLiteral("192.0.2.7"));
    QVERIFY(!event.detail.contains(QLatin1String("wrong password"))); // never the password

    const std::optional<StaffMember> member
        = staff.signIn(m_demo.adminEmail, m_demo.adminPassword, QString(), &error);
    QVERIFY(member);
    event = latest();
    QCOMPARE(event.action, QStringLiteral("staff.login"));
    QCOMPARE(event.actor, m_demo.adminEmail);
    QCOMPARE(event.subject, QStringLiteral("staff:%1").arg(member->id));
}

void TestAuditServices::invitesAndRevocationsAreRecorded()
{
    StaffMember dana;
    dana.email = m_demo.adminEmail;
    dana.name = QStringLiteral("Dana Admin");
    InviteService invites(m_test->db(), m_clock, QStringLiteral("https://portal.example"));
    ServiceError error;
    QVERIFY(invites.invite(m_contact.id, Actor::staff(dana), true, &error));
    AuditEvent event = latest();
    QCOMPARE(event.action, QStringLiteral("invite.sent"));
    QCOMPARE(event.actor, m_demo.adminEmail);
    QCOMPARE(event.subject, QStringLiteral("contact:%1").arg(m_contact.id));
    QVERIFY(event.detail.contains(m_contact.email));

    // The command line acts as the system.
    QVERIFY(invites.revoke(m_contact.id, Actor::system(QStringLiteral("command line")), &error));
    event = latest();
    QCOMPARE(event.action, QStringLiteral("access.revoked"));
    QCOMPARE(event.actor, QStringLiteral("command line"));
    QCOMPARE(event.actorKind, QStringLiteral("system"));
}

void TestAuditServices::portalSignInIsRecorded()
{
    PortalAuthService auth(m_test->db(), m_clock, QStringLiteral("https://portal.example"));
    ServiceError error;
    const qint64 before = latest().id;
    const auto pending
        = auth.startFromEmail(m_contact.email, QStringLiteral("198.51.100.4"), &error);
    QVERIFY(pending);
    AuditEvent event = latest();
    QCOMPARE(event.action, QStringLiteral("login.code_sent"));
    QCOMPARE(event.actor, m_contact.email);
    QCOMPARE(event.actorKind, QStringLiteral("contact"));
    QCOMPARE(event.ip, QStringLiteral("198.51.100.4"));

    const auto [code, link] = lastSignInMail();
    QCOMPARE(code.size(), 6);
    QVERIFY(auth.verifyCode(pending->handle, code, QStringLiteral("198.51.100.4"), {}, &error));
    event = latest();
    QCOMPARE(event.action, QStringLiteral("login.succeeded"));
    QVERIFY2(event.detail.contains(QLatin1String("code")), qPrintable(event.detail));
    QCOMPARE(event.ip, QStringLiteral("198.51.100.4"));

    // The magic link, after an invitation (the portal passes no address there yet).
    const std::optional<QString> invite
        = InviteService(m_test->db(), m_clock, QStringLiteral("https://portal.example"))
              .invite(m_contact.id, Actor::system(QStringLiteral("test")), false, &error);
    QVERIFY(invite);
    QVERIFY(auth.startFromInvite(invite->section(QLatin1Char('/'), -1), &error));
    QVERIFY(
        auth.confirmMagicLink(lastSignInMail().second, QStringLiteral("203.0.113.9"), {}, &error));
    event = latest();
    QCOMPARE(event.action, QStringLiteral("login.succeeded"));
    QVERIFY2(event.detail.contains(QLatin1String("link")), qPrintable(event.detail));
    QCOMPARE(event.ip, QStringLiteral("203.0.113.9"));
    QCOMPARE(actionsAfter(before),
             (QStringList{QStringLiteral("login.code_sent"), QStringLiteral("login.succeeded"),
                          QStringLiteral("invite.sent"), QStringLiteral("login.code_sent"),
                          QStringLiteral("login.succeeded")}));
}

void TestAuditServices::wrongCodesAndTheLockoutAreRecorded()
{
    PortalAuthService auth(m_test->db(), m_clock, QStringLiteral("https://portal.example"));
    ServiceError error;
    const auto pending = auth.startFromEmail(m_contact.email, &error);
    QVERIFY(pending);
    const qint64 before = latest().id;
    const QString right = lastSignInMail().first;
    const QString wrong
        = right == QLatin1String("000000") ? QStringLiteral("111111") : QStringLiteral("000000");
    for (int i = 0; i < PortalAuthService::kMaxCodeAttempts; ++i) {
        QVERIFY(!auth.verifyCode(pending->handle, wrong, QStringLiteral("192.0.2.1"), {}, &error));
        QCOMPARE(error.kind, ServiceError::Kind::Unauthorized);
    }
    QVERIFY(!auth.verifyCode(pending->handle, right, QStringLiteral("192.0.2.1"), {}, &error));
    QCOMPARE(error.kind, ServiceError::Kind::RateLimited);
    QStringList expected(PortalAuthService::kMaxCodeAttempts, QStringLiteral("login.failed"));
    expected.append(QStringLiteral("login.locked_out"));
    QCOMPARE(actionsAfter(before), expected);
    const AuditEvent event = latest();
    QCOMPARE(event.actor, m_contact.email);
    QCOMPARE(event.ip, QStringLiteral("192.0.2.1"));

    // Guessing at an address that is no contact's is recorded too, without a name to give.
    const auto decoy = auth.startFromEmail(QStringLiteral("stranger@example.com"), &error);
    QVERIFY(decoy);
    QVERIFY(!auth.verifyCode(decoy->handle, wrong, QStringLiteral("192.0.2.2"), {}, &error));
    QCOMPARE(latest().action, QStringLiteral("login.failed"));
    QCOMPARE(latest().subject, QString());
}

void TestAuditServices::taskChangesAreRecorded()
{
    QString dbError;
    OnboardingRepository onboardings(m_test->db());
    const Onboarding demo = onboardings.forCompany(m_contact.companyId, &dbError).first();
    const Task clientTask = demo.phases.first().tasks.at(1);
    OnboardingService service(m_test->db(), m_clock);
    ServiceError error;
    QVERIFY(service.completeAsContact(clientTask.id, m_contact.id, m_contact.companyId,
                                      QStringLiteral("done"), QStringLiteral("198.51.100.20"),
                                      &error));
    AuditEvent event = latest();
    QCOMPARE(event.action, QStringLiteral("task.completed"));
    QCOMPARE(event.actor, m_contact.email);
    QCOMPARE(event.subject, QStringLiteral("task:%1").arg(clientTask.id));
    QCOMPARE(event.ip, QStringLiteral("198.51.100.20"));

    const Actor dana(Actor::Kind::Staff, m_demo.adminEmail, QStringLiteral("Dana Admin"));
    QVERIFY(service.setStatusAsStaff(clientTask.id, TaskStatus::Pending, dana, &error));
    event = latest();
    QCOMPARE(event.action, QStringLiteral("task.status"));
    QCOMPARE(event.actor, m_demo.adminEmail);
    QVERIFY2(event.detail.contains(QLatin1String("from completed to pending")),
             qPrintable(event.detail));
    // The name still goes where people read it.
    const Task mspTask = demo.phases.at(1).tasks.first();
    QCOMPARE(mspTask.ownerSide, OwnerSide::Msp);
    QVERIFY(service.setStatusAsStaff(mspTask.id, TaskStatus::Completed, dana, &error));
    QCOMPARE(onboardings.taskForCompany(mspTask.id, m_contact.companyId, &dbError)->completedBy,
             QStringLiteral("Dana Admin"));
    QCOMPARE(latest().subject, QStringLiteral("task:%1").arg(mspTask.id));
}

void TestAuditServices::refusalsWithoutAChangeRecordNothingElse()
{
    const qint64 before = latest().id;
    ServiceError error;
    PortalAuthService auth(m_test->db(), m_clock, QStringLiteral("https://portal.example"));
    QVERIFY(!auth.startFromEmail(QStringLiteral("not an address"), &error));
    QVERIFY(!auth.startFromInvite(QStringLiteral("not-a-token"), &error));
    QVERIFY(!InviteService(m_test->db(), m_clock, QStringLiteral("https://portal.example"))
                 .invite(999999,
                         Actor(Actor::Kind::Staff, m_demo.adminEmail, QStringLiteral("Dana Admin")),
                         true, &error));
    QCOMPARE(error.kind, ServiceError::Kind::NotFound);
    QVERIFY(!OnboardingService(m_test->db(), m_clock)
                 .completeAsContact(999999, m_contact.id, m_contact.companyId, QString(), &error));
    QCOMPARE(actionsAfter(before), QStringList());
}

QTEST_GUILESS_MAIN(TestAuditServices)
#include "tst_audit_services.moc"
