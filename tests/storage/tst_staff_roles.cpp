// Staff roles (CON-11) on both engines: the one permission table, services refusing a role
// that may not act (and changing nothing), the last active administrator, deactivated members,
// and the audit trail of every change.
#include "TestDatabase.h"

#include "core/Clock.h"
#include "domain/StaffRole.h"
#include "mail/MailConfig.h"
#include "security/AuditLog.h"
#include "services/BrandingService.h"
#include "services/ImpersonationService.h"
#include "services/MailConfigService.h"
#include "services/PageService.h"
#include "services/PortalAccessService.h"
#include "services/StaffAuthService.h"
#include "services/StaffService.h"
#include "services/StarterTemplate.h"
#include "services/TemplateService.h"
#include "services/WorkspaceSetup.h"
#include "storage/DatabaseBackup.h"
#include "storage/DirectoryRepository.h"
#include "storage/SqlQuery.h"

#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>

using namespace Gatehouse;
using Gatehouse::Testing::TestDatabase;

namespace {

constexpr qint64 kStartMs = 1'800'000'000'000;
const QString kAdminEmail = QStringLiteral("dana@northwind.example");
const QString kPassword = QStringLiteral("correct horse battery");
const QString kMemberPassword = QStringLiteral("handed over once 42");

} // namespace

class TestStaffRoles : public QObject
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

    void permissionTable_data();
    void permissionTable();
    void everyPermissionIsInTheTable();
    void technicianIsRefusedAndNothingChanges();
    void leadEditsTemplatesButNotSettings();
    void lastAdminStays();
    void adminsDemotingEachOtherAtOnceKeepOne();
    void deactivatedMemberCannotSignInOrAct();
    void changesAreAudited();
    void newMemberMustChooseAPassword();

private:
    qint64 add(const QString &name, const QString &email, StaffRole role)
    {
        ServiceError error;
        const qint64 id = staff().addMember(name, email, role, kMemberPassword, admin(), &error);
        [&] {
            QVERIFY2(id != 0, qPrintable(error.message));
        }();
        return id;
    }
    Actor admin() const { return Actor(Actor::Kind::Staff, kAdminEmail, QStringLiteral("Dana")); }
    Actor actorOf(qint64 id)
    {
        QString error;
        return Actor::staff(*DirectoryRepository(m_test->db()).staff(id, &error));
    }
    StaffService staff() { return StaffService(m_test->db(), m_clock); }
    int count(const QString &sql)
    {
        SqlQuery query(m_test->db(), sql);
        QString error;
        return query.exec(&error) && query.next() ? query.value(0).toInt() : -1;
    }
    int auditCount() { return count(QStringLiteral("SELECT COUNT(*) FROM audit_event")); }
    AuditEvent latest()
    {
        QString error;
        const QList<AuditEvent> newest = AuditLog(m_test->db()).list({}, 1, 0, &error);
        return newest.isEmpty() ? AuditEvent() : newest.first();
    }

    ManualClock m_clock{kStartMs};
    std::unique_ptr<TestDatabase> m_test;
    qint64 m_workspaceId = 0;
    qint64 m_adminId = 0;
};

void TestStaffRoles::init()
{
    QFETCH_GLOBAL(QString, engine);
    m_test = TestDatabase::create(engine);
    QVERIFY(m_test);
    QString error;
    WorkspaceSetup setup(m_test->db(), m_clock);
    setup.setVaultKdf(KdfParams::minimum());
    m_workspaceId = setup.create(QStringLiteral("Northwind IT"), QStringLiteral("Dana Admin"),
                                 kAdminEmail, kPassword, &error);
    QVERIFY2(m_workspaceId != 0, qPrintable(error));
    m_adminId
        = DirectoryRepository(m_test->db()).staffIdByEmail(m_workspaceId, kAdminEmail, &error);
    QVERIFY(m_adminId != 0);
}

void TestStaffRoles::permissionTable_data()
{
    QTest::addColumn<StaffPermission>("permission");
    QTest::addColumn<bool>("technician");
    QTest::addColumn<bool>("lead");
    QTest::addColumn<bool>("admin");
    const auto row = [](const char *name, StaffPermission p, bool t, bool l, bool a) {
        QTest::addRow("%s", name) << p << t << l << a;
    };
    row("work onboardings", StaffPermission::WorkOnboardings, true, true, true);
    row("review documents", StaffPermission::ReviewDocuments, true, true, true);
    row("answer questions", StaffPermission::AnswerQuestions, true, true, true);
    row("view portal read-only", StaffPermission::ViewPortalReadOnly, true, true, true);
    row("edit templates", StaffPermission::EditTemplates, false, true, true);
    row("start onboardings", StaffPermission::StartOnboardings, false, true, true);
    row("invite contacts", StaffPermission::InviteContacts, false, true, true);
    row("portal access", StaffPermission::ManagePortalAccess, false, true, true);
    row("manage staff", StaffPermission::ManageStaff, false, false, true);
    row("settings", StaffPermission::ManageSettings, false, false, true);
    row("database", StaffPermission::ManageDatabase, false, false, true);
    row("vault access", StaffPermission::ManageVaultAccess, false, false, true);
    row("impersonate acting", StaffPermission::ImpersonateActing, false, false, true);
}

void TestStaffRoles::permissionTable()
{
    QFETCH(StaffPermission, permission);
    QFETCH(bool, technician);
    QFETCH(bool, lead);
    QFETCH(bool, admin);
    QCOMPARE(StaffRoles::allows(StaffRole::Technician, permission), technician);
    QCOMPARE(StaffRoles::allows(StaffRole::Lead, permission), lead);
    QCOMPARE(StaffRoles::allows(StaffRole::Admin, permission), admin);
    QCOMPARE(StaffRoles::allows(QStringLiteral("admin"), permission), admin);
    QVERIFY(!StaffRoles::allows(QStringLiteral("superuser"), permission));
}

void TestStaffRoles::everyPermissionIsInTheTable()
{
    QCOMPARE(StaffRoles::allPermissions().size(), 13);
    for (const StaffPermission permission : StaffRoles::allPermissions()) {
        QVERIFY(!StaffRoles::describe(permission).isEmpty());
        QVERIFY(StaffRoles::refusal(permission).contains(StaffRoles::describe(permission)));
    }
    for (const StaffRole role : StaffRoles::all()) {
        QCOMPARE(StaffRoles::fromKey(StaffRoles::toKey(role)), role);
    }
}

void TestStaffRoles::technicianIsRefusedAndNothingChanges()
{
    const qint64 techId = add(QStringLiteral("Toni Tech"), QStringLiteral("toni@northwind.example"),
                              StaffRole::Technician);
    const Actor tech = actorOf(techId);
    const int auditBefore = auditCount();
    const int staffBefore = count(QStringLiteral("SELECT COUNT(*) FROM staff"));
    const int templatesBefore = count(QStringLiteral("SELECT COUNT(*) FROM template"));
    const int pagesBefore = count(QStringLiteral("SELECT COUNT(*) FROM portal_page"));
    QString dbError;
    const Workspace before = *DirectoryRepository(m_test->db()).workspace(&dbError);

    const auto refused = [](bool ok, const ServiceError &error) {
        return !ok && error.kind == ServiceError::Kind::Forbidden && !error.message.isEmpty();
    };
    ServiceError error;
    QVERIFY(refused(staff().addMember(QStringLiteral("X"), QStringLiteral("x@northwind.example"),
                                      StaffRole::Admin, kMemberPassword, tech, &error),
                    error));
    QVERIFY(error.message.contains(QStringLiteral("administrator")));
    error = {};
    QVERIFY(refused(staff().setRole(techId, StaffRole::Admin, tech, &error), error));
    error = {};
    QVERIFY(refused(staff().setActive(m_adminId, false, tech, &error), error));
    error = {};
    QVERIFY(refused(
        BrandingService(m_test->db(), m_clock)
            .update(QStringLiteral("Hijacked"), QStringLiteral("#000000"), QString(), tech, &error),
        error));
    error = {};
    QVERIFY(refused(PageService(m_test->db(), m_clock)
                        .create(QStringLiteral("T"), QStringLiteral("B"), true, tech, &error),
                    error));
    error = {};
    MailConfig mail;
    mail.fromName = QStringLiteral("Hijacked");
    QVERIFY(refused(MailConfigService(m_test->db(), m_clock).save(mail, tech, &error), error));
    error = {};
    PortalAccessService access(m_test->db(), m_clock);
    QVERIFY(refused(access.setNewContactsDefault(false, tech, &error), error));
    error = {};
    QVERIFY(refused(access.setRequireContactTotp(true, tech, &error), error));
    error = {};
    QVERIFY(refused(access.setLifetimes(5, 2, tech, &error), error));
    error = {};
    QVERIFY(!ImpersonationService(m_test->db(), m_clock).setLifetimeMinutes(techId, 5, &error));
    error = {};
    OnboardingTemplate tmpl;
    tmpl.name = QStringLiteral("Sneaky");
    QVERIFY(refused(TemplateService(m_test->db(), m_clock).create(tmpl, tech, &error), error));
    QTemporaryDir dir;
    QString backupError;
    QVERIFY(!DatabaseBackup(m_test->db(), m_clock)
                 .backup(dir.filePath(QStringLiteral("b")), tech, m_workspaceId, &backupError));
    QVERIFY(backupError.contains(QStringLiteral("administrator")));
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("b"))));

    QCOMPARE(auditCount(), auditBefore);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM staff")), staffBefore);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM portal_page")), pagesBefore);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM template")), templatesBefore);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM mail_config WHERE from_name = "
                                  "'Hijacked'")),
             0);
    const Workspace after = *DirectoryRepository(m_test->db()).workspace(&dbError);
    QCOMPARE(after.name, before.name);
    QCOMPARE(after.newContactsPortalAccess, before.newContactsPortalAccess);
    QCOMPARE(after.requireContactTotp, before.requireContactTotp);
    QCOMPARE(after.codeLifetimeMinutes, before.codeLifetimeMinutes);
    QCOMPARE(DirectoryRepository(m_test->db()).staff(techId, &dbError)->role,
             QStringLiteral("technician"));
}

void TestStaffRoles::leadEditsTemplatesButNotSettings()
{
    const qint64 leadId
        = add(QStringLiteral("Lee Lead"), QStringLiteral("lee@northwind.example"), StaffRole::Lead);
    ServiceError error;
    OnboardingTemplate tmpl = StarterTemplate::create();
    tmpl.name = QStringLiteral("Lead's template");
    QVERIFY2(TemplateService(m_test->db(), m_clock).create(tmpl, actorOf(leadId), &error) != 0,
             qPrintable(error.message));
    QVERIFY(!PortalAccessService(m_test->db(), m_clock)
                 .setNewContactsDefault(false, actorOf(leadId), &error));
    QCOMPARE(error.kind, ServiceError::Kind::Forbidden);
    // An administrator may, and a system actor (the command line) too.
    QVERIFY(
        PortalAccessService(m_test->db(), m_clock).setNewContactsDefault(false, admin(), &error));
    QVERIFY(PortalAccessService(m_test->db(), m_clock)
                .setNewContactsDefault(true, Actor::system(QStringLiteral("cli")), &error));
}

void TestStaffRoles::lastAdminStays()
{
    ServiceError error;
    QVERIFY(!staff().setRole(m_adminId, StaffRole::Lead, admin(), &error));
    QCOMPARE(error.kind, ServiceError::Kind::Conflict);
    QVERIFY(error.message.contains(QStringLiteral("last active administrator")));
    QVERIFY(!staff().setActive(m_adminId, false, admin(), &error));
    QCOMPARE(error.kind, ServiceError::Kind::Conflict);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM staff WHERE role = 'admin' AND "
                                  "active = 1")),
             1);

    // A deactivated administrator does not count as the other one.
    const qint64 other = add(QStringLiteral("Olu Other"), QStringLiteral("olu@northwind.example"),
                             StaffRole::Admin);
    QVERIFY(staff().setActive(other, false, admin(), &error));
    QVERIFY(!staff().setRole(m_adminId, StaffRole::Technician, admin(), &error));
    QVERIFY(staff().setActive(other, true, admin(), &error));
    QVERIFY2(staff().setRole(m_adminId, StaffRole::Technician, admin(), &error),
             qPrintable(error.message));
    QVERIFY(!staff().setRole(other, StaffRole::Lead, actorOf(other), &error));
    QCOMPARE(error.kind, ServiceError::Kind::Conflict);
}

void TestStaffRoles::adminsDemotingEachOtherAtOnceKeepOne()
{
    QFETCH_GLOBAL(QString, engine);
    if (engine != QLatin1String("postgresql")) {
        QSKIP("SQLite takes the write lock when a transaction begins: writers never overlap.");
    }
    const qint64 otherId = add(QStringLiteral("Olu Other"), QStringLiteral("olu@northwind.example"),
                               StaffRole::Admin);
    const Actor dana = admin();
    const Actor olu = actorOf(otherId);
    const Actor setup = Actor::system(QStringLiteral("test"));
    const Database &db = m_test->db();
    // The race needs both to count before either writes; enough rounds make that likely.
    constexpr int kRounds = 25;
    int bothDemoted = 0;
    for (int round = 0; round < kRounds; ++round) {
        ServiceError error;
        QVERIFY(staff().setRole(m_adminId, StaffRole::Admin, setup, &error));
        QVERIFY(staff().setRole(otherId, StaffRole::Admin, setup, &error));
        std::atomic<int> ready{0};
        std::atomic<int> demoted{0};
        const auto demote = [&](qint64 target, const Actor &actor) {
            return QThread::create([&, target, actor] {
                QString openError;
                if (!db.open(&openError)) { // each thread's own connection, opened before the start
                    qWarning().noquote() << openError;
                }
                for (++ready; ready.load() < 2;) {
                    QThread::yieldCurrentThread();
                }
                ServiceError refusal;
                if (StaffService(db, m_clock)
                        .setRole(target, StaffRole::Technician, actor, &refusal)) {
                    ++demoted;
                }
            });
        };
        std::unique_ptr<QThread> first(demote(otherId, dana));
        std::unique_ptr<QThread> second(demote(m_adminId, olu));
        first->start();
        second->start();
        QVERIFY(first->wait(60000));
        QVERIFY(second->wait(60000));
        bothDemoted += demoted.load() == 2 ? 1 : 0;
        QVERIFY2(count(QStringLiteral("SELECT COUNT(*) FROM staff WHERE role = 'admin' AND "
                                      "active = 1"))
                     >= 1,
                 qPrintable(QStringLiteral("no administrator left after round %1").arg(round)));
        QCOMPARE(demoted.load(), 1);
    }
    QCOMPARE(bothDemoted, 0);
}

void TestStaffRoles::deactivatedMemberCannotSignInOrAct()
{
    const qint64 leadId
        = add(QStringLiteral("Lee Lead"), QStringLiteral("lee@northwind.example"), StaffRole::Lead);
    const Actor lead = actorOf(leadId);
    StaffAuthService auth(m_test->db(), m_clock);
    auth.setVaultKdf(KdfParams::minimum());
    ServiceError error;
    QVERIFY(
        auth.signIn(QStringLiteral("lee@northwind.example"), kMemberPassword, QString(), &error));
    QVERIFY(staff().setActive(leadId, false, admin(), &error));
    QVERIFY(
        !auth.signIn(QStringLiteral("lee@northwind.example"), kMemberPassword, QString(), &error));
    QCOMPARE(error.kind, ServiceError::Kind::Unauthorized);
    QVERIFY(error.message.contains(QStringLiteral("deactivated")));
    QCOMPARE(latest().action, QStringLiteral("staff.login_failed"));
    // A console signed in before the deactivation is refused by the services too.
    OnboardingTemplate tmpl;
    tmpl.name = QStringLiteral("After leaving");
    QCOMPARE(TemplateService(m_test->db(), m_clock).create(tmpl, lead, &error), 0);
    QCOMPARE(error.kind, ServiceError::Kind::Forbidden);

    QVERIFY(staff().setActive(leadId, true, admin(), &error));
    QVERIFY(
        auth.signIn(QStringLiteral("lee@northwind.example"), kMemberPassword, QString(), &error));
    // Never deleted: the row stays, named in the audit trail.
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM staff")), 2);
}

void TestStaffRoles::changesAreAudited()
{
    const qint64 id = add(QStringLiteral("Toni Tech"), QStringLiteral("toni@northwind.example"),
                          StaffRole::Technician);
    AuditEvent event = latest();
    QCOMPARE(event.action, QStringLiteral("staff.added"));
    QCOMPARE(event.actor, kAdminEmail);
    QCOMPARE(event.subject, QStringLiteral("staff:%1").arg(id));
    QVERIFY(event.detail.contains(QStringLiteral("toni@northwind.example")));

    ServiceError error;
    QVERIFY(staff().setRole(id, StaffRole::Lead, admin(), &error));
    event = latest();
    QCOMPARE(event.action, QStringLiteral("staff.role_changed"));
    QVERIFY(event.detail.contains(QStringLiteral("from technician to lead")));
    const int before = auditCount();
    QVERIFY(staff().setRole(id, StaffRole::Lead, admin(), &error)); // unchanged: not recorded
    QCOMPARE(auditCount(), before);

    QVERIFY(staff().setActive(id, false, admin(), &error));
    QCOMPARE(latest().action, QStringLiteral("staff.deactivated"));
    QVERIFY(staff().setActive(id, true, admin(), &error));
    QCOMPARE(latest().action, QStringLiteral("staff.reactivated"));
    QVERIFY(staff().resetTotp(id, admin(), &error));
    QCOMPARE(latest().action, QStringLiteral("staff.totp_reset"));

    const std::optional<QList<StaffAccount>> accounts = staff().list(&error);
    QVERIFY(accounts);
    QCOMPARE(accounts->size(), 2);
}

void TestStaffRoles::newMemberMustChooseAPassword()
{
    const qint64 id = add(QStringLiteral("Toni Tech"), QStringLiteral("toni@northwind.example"),
                          StaffRole::Technician);
    StaffAuthService auth(m_test->db(), m_clock);
    auth.setVaultKdf(KdfParams::minimum());
    ServiceError error;
    std::optional<StaffSignIn> attempt = auth.beginSignIn(QStringLiteral("toni@northwind.example"),
                                                          kMemberPassword, QString(), &error);
    QVERIFY2(attempt, qPrintable(error.message));
    QVERIFY(attempt->finished);
    QVERIFY(attempt->staff.mustChangePassword);
    QCOMPARE(attempt->staff.role, QStringLiteral("technician"));
    const QString chosen = QStringLiteral("my very own phrase");
    QVERIFY2(auth.changePassword(id, kMemberPassword, chosen, QString(), &error),
             qPrintable(error.message));
    attempt = auth.beginSignIn(QStringLiteral("toni@northwind.example"), chosen, QString(), &error);
    QVERIFY(attempt);
    QVERIFY(!attempt->staff.mustChangePassword);
    QVERIFY(
        !auth.signIn(QStringLiteral("toni@northwind.example"), kMemberPassword, QString(), &error));
}

QTEST_GUILESS_MAIN(TestStaffRoles)
#include "tst_staff_roles.moc"
