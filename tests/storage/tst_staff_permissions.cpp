// The services themselves refuse a member of staff whose role lacks the permission (CON-11), not
// only the console's buttons: for each (permission, entry point), a role below the permission is
// refused with Forbidden and StaffRoles::refusal and nothing in the database changes, while the
// least role that has it succeeds. On both engines.
#include "TestDatabase.h"
#include "TestStaff.h"

#include "core/Clock.h"
#include "domain/MeetingSchedule.h"
#include "domain/PortalRole.h"
#include "domain/StaffRole.h"
#include "domain/TrainingSpec.h"
#include "forms/ChecklistDefinition.h"
#include "forms/FormDefinition.h"
#include "security/AuditLog.h"
#include "services/ChecklistService.h"
#include "services/CommentService.h"
#include "services/ContactService.h"
#include "services/DocumentService.h"
#include "services/FileDropService.h"
#include "services/FormService.h"
#include "services/InviteService.h"
#include "services/OnboardingService.h"
#include "services/PortalAccessService.h"
#include "services/PortalRoleService.h"
#include "services/QuestionService.h"
#include "services/StaffOwnerService.h"
#include "services/StaffService.h"
#include "services/TaskSetupService.h"
#include "services/WorkspaceSetup.h"
#include "storage/DirectoryRepository.h"
#include "storage/PortalRoleRepository.h"
#include "storage/SqlQuery.h"
#include "storage/TemplateRepository.h"

#include <QSqlRecord>
#include <QTest>

using namespace Gatehouse;
using Gatehouse::Testing::staffActor;
using Gatehouse::Testing::TestDatabase;

namespace {

const QString kPublicUrl = QStringLiteral("https://portal.example");

// Everything an entry point below could write.
const char *const kTables[]
    = {"company",   "contact",   "onboarding", "phase",        "task",
       "invite",    "outbox",    "activity",   "audit_event",  "portal_role",
       "workspace", "task_file", "question",   "task_comment", "checklist_tick"};

} // namespace

class TestStaffPermissions : public QObject
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

    void belowThePermissionIsRefused_data() { entryPoints(); }
    void belowThePermissionIsRefused();
    void theLeastRoleWithItSucceeds_data() { entryPoints(); }
    void theLeastRoleWithItSucceeds();
    void aDeactivatedMemberIsRefused();

private:
    // Columns "entry" and "permission".
    void entryPoints();
    // Calls the entry point as the actor; whether it did what was asked.
    bool call(const QString &entry, const Actor &actor, ServiceError *error);
    static ChecklistDefinition checklist();
    // A member of staff to hand tasks to, who owns nothing yet; added on first use (staff is
    // not among the tables compared, and adding one hashes a password: only where needed).
    qint64 ownerStaffId();
    // Refused: a contact where every role has the permission, else the role just below it.
    Actor refusedFor(StaffPermission permission);
    QStringList snapshot();

    ManualClock m_clock{1'800'000'000'000};
    std::unique_ptr<TestDatabase> m_test;
    Actor m_admin = Actor::system(QString());
    Contact m_contact;
    qint64 m_templateId = 0;
    qint64 m_mspTaskId = 0;
    qint64 m_fileId = 0;
    qint64 m_questionId = 0;
    qint64 m_customRoleId = 0;
    qint64 m_readOnlyRoleId = 0;
    qint64 m_onboardingId = 0;
    // A task of each kind the technicians' entry points set up or act on.
    QMap<EvidenceType, qint64> m_taskOfKind;
};

void TestStaffPermissions::init()
{
    QFETCH_GLOBAL(QString, engine);
    m_test = TestDatabase::create(engine);
    QVERIFY(m_test);
    Database &db = m_test->db();
    QString error;
    DemoCredentials demo;
    WorkspaceSetup setup(db, m_clock);
    setup.setVaultKdf(KdfParams::minimum());
    QVERIFY2(setup.ensureDemo(&demo, nullptr, &error), qPrintable(error));
    m_admin = Actor(Actor::Kind::Staff, demo.adminEmail, QStringLiteral("Dana Admin"));
    DirectoryRepository directory(db);
    m_contact = directory.contactsByEmail(demo.contactEmail, &error).first();
    const std::optional<Workspace> workspace = directory.workspace(&error);
    QVERIFY(workspace);
    m_templateId = TemplateRepository(db).list(workspace->id, &error).first().id;

    const auto firstId = [&](const QString &sql) {
        SqlQuery query(db, sql);
        QString queryError;
        return query.exec(&queryError) && query.next() ? query.int64(0) : 0;
    };
    m_mspTaskId = firstId(QStringLiteral(
        "SELECT MIN(id) FROM task WHERE owner_side = 'msp' AND status <> 'completed'"));
    const qint64 uploadTask
        = firstId(QStringLiteral("SELECT MIN(id) FROM task WHERE evidence_type = 'upload'"));
    const qint64 onboardingId = firstId(QStringLiteral("SELECT MIN(id) FROM onboarding"));
    QVERIFY(m_mspTaskId && uploadTask && onboardingId);

    ServiceError serviceError;
    const std::optional<TaskFile> file
        = DocumentService(db, m_clock)
              .upload(uploadTask, m_contact.id, m_contact.companyId, QStringLiteral("plan.pdf"),
                      QByteArray("%PDF-1.4\n% plan\n%%EOF\n"), QString(), &serviceError);
    QVERIFY2(file, qPrintable(serviceError.message));
    m_fileId = file->id;
    const std::optional<Question> question
        = QuestionService(db, m_clock, kPublicUrl)
              .askAsContact(m_contact.id, m_contact.companyId, onboardingId,
                            QStringLiteral("When do we start?"), QString(), &serviceError);
    QVERIFY2(question, qPrintable(serviceError.message));
    m_questionId = question->id;
    const std::optional<qint64> custom
        = PortalRoleService(db, m_clock)
              .createRole(QStringLiteral("Reviewers"),
                          PortalPermissions(PortalPermission::ViewOnboarding), m_admin,
                          &serviceError);
    QVERIFY2(custom, qPrintable(serviceError.message));
    m_customRoleId = *custom;
    const std::optional<PortalRole> readOnly
        = PortalRoleRepository(db).builtIn(BuiltInRole::ReadOnly, &error);
    QVERIFY(readOnly);
    m_readOnlyRoleId = readOnly->id;

    // Tasks made into the kinds below (the demo's own are kept as they are).
    m_onboardingId = onboardingId;
    SqlQuery spare(db, QStringLiteral("SELECT id FROM task WHERE id <> ? AND id <> ? "
                                      "ORDER BY id DESC"));
    spare << m_mspTaskId << uploadTask;
    QVERIFY2(spare.exec(&error), qPrintable(error));
    for (const EvidenceType kind :
         {EvidenceType::Checklist, EvidenceType::Form, EvidenceType::Meeting,
          EvidenceType::Training, EvidenceType::Signature, EvidenceType::FileDrop}) {
        QVERIFY(spare.next());
        m_taskOfKind.insert(kind, spare.int64(0));
    }
    for (auto it = m_taskOfKind.cbegin(); it != m_taskOfKind.cend(); ++it) {
        SqlQuery change(db, QStringLiteral("UPDATE task SET evidence_type = ?, config = '{}' "
                                           "WHERE id = ?"));
        change << toKey(it.key()) << it.value();
        QVERIFY2(change.exec(&error), qPrintable(error));
    }
    QVERIFY2(ChecklistService(db, m_clock)
                 .setItems(m_taskOfKind.value(EvidenceType::Checklist), checklist(), m_admin,
                           &serviceError),
             qPrintable(serviceError.message));
}

qint64 TestStaffPermissions::ownerStaffId()
{
    const Actor owner
        = staffActor(m_test->db(), StaffRole::Technician, QStringLiteral("Olli Owner"));
    QString error;
    DirectoryRepository directory(m_test->db());
    const std::optional<Workspace> workspace = directory.workspace(&error);
    return workspace ? directory.staffIdByEmail(workspace->id, owner.id, &error) : 0;
}

ChecklistDefinition TestStaffPermissions::checklist()
{
    ChecklistDefinition definition;
    definition.items = {{QStringLiteral("backup"), QStringLiteral("Backups checked")},
                        {QStringLiteral("fw"), QStringLiteral("Firewall rules sent")}};
    return definition;
}

void TestStaffPermissions::entryPoints()
{
    QTest::addColumn<QString>("entry");
    QTest::addColumn<StaffPermission>("permission");
    const auto row = [](const char *entry, StaffPermission permission) {
        QTest::addRow("%s", entry) << QString::fromLatin1(entry) << permission;
    };
    row("OnboardingService::createFromTemplate", StaffPermission::StartOnboardings);
    row("TaskSetupService::startOnboarding", StaffPermission::StartOnboardings);
    row("ContactService::addCompany", StaffPermission::InviteContacts);
    row("ContactService::addContact", StaffPermission::InviteContacts);
    row("InviteService::invite", StaffPermission::InviteContacts);
    row("InviteService::inviteBatch", StaffPermission::InviteContacts);
    row("InviteService::revoke", StaffPermission::InviteContacts);
    row("PortalAccessService::setContactAccess", StaffPermission::ManagePortalAccess);
    row("PortalRoleService::setContactRole", StaffPermission::ManagePortalAccess);
    row("PortalRoleService::createRole", StaffPermission::ManagePortalAccess);
    row("PortalRoleService::updateRole", StaffPermission::ManagePortalAccess);
    row("PortalRoleService::removeRole", StaffPermission::ManagePortalAccess);
    row("PortalRoleService::setNewContactsRole", StaffPermission::ManagePortalAccess);
    row("OnboardingService::setStatusAsStaff", StaffPermission::WorkOnboardings);
    row("DocumentService::review", StaffPermission::ReviewDocuments);
    row("QuestionService::answerAsStaff", StaffPermission::AnswerQuestions);
    row("ChecklistService::setItems", StaffPermission::WorkOnboardings);
    row("ChecklistService::tickAsStaff", StaffPermission::WorkOnboardings);
    row("FormService::setDefinition", StaffPermission::WorkOnboardings);
    row("CommentService::addAsStaff", StaffPermission::WorkOnboardings);
    row("DocumentService::attachAsStaff", StaffPermission::WorkOnboardings);
    row("FileDropService::setExpiryDays", StaffPermission::WorkOnboardings);
    row("StaffOwnerService::assignTask", StaffPermission::WorkOnboardings);
    row("StaffOwnerService::assignOnboarding", StaffPermission::WorkOnboardings);
    row("TaskSetupService::scheduleMeeting", StaffPermission::WorkOnboardings);
    row("TaskSetupService::setTraining", StaffPermission::WorkOnboardings);
}

bool TestStaffPermissions::call(const QString &entry, const Actor &actor, ServiceError *error)
{
    const Database &db = m_test->db();
    const QDate start(2027, 1, 4);
    if (entry == QLatin1String("OnboardingService::createFromTemplate")) {
        return OnboardingService(db, m_clock)
                   .createFromTemplate(m_contact.companyId, m_templateId, QString(), start, actor,
                                       error)
               != 0;
    }
    if (entry == QLatin1String("TaskSetupService::startOnboarding")) {
        return TaskSetupService(db, m_clock, kPublicUrl)
                   .startOnboarding(m_contact.companyId, m_templateId, QString(), start, actor,
                                    error)
               != 0;
    }
    if (entry == QLatin1String("ContactService::addCompany")) {
        return ContactService(db, m_clock).addCompany(QStringLiteral("Fresh Bakery"), actor, error)
               != 0;
    }
    if (entry == QLatin1String("ContactService::addContact")) {
        return ContactService(db, m_clock)
                   .addContact(m_contact.companyId, QStringLiteral("Robin New"),
                               QStringLiteral("robin@example.com"), actor, error)
               != 0;
    }
    if (entry == QLatin1String("InviteService::invite")) {
        return InviteService(db, m_clock, kPublicUrl)
            .invite(m_contact.id, actor, true, error)
            .has_value();
    }
    if (entry == QLatin1String("InviteService::inviteBatch")) {
        const std::optional<int> invited
            = InviteService(db, m_clock, kPublicUrl).inviteBatch({m_contact.id}, actor, error);
        return invited && *invited == 1;
    }
    if (entry == QLatin1String("InviteService::revoke")) {
        return InviteService(db, m_clock, kPublicUrl).revoke(m_contact.id, actor, error);
    }
    if (entry == QLatin1String("PortalAccessService::setContactAccess")) {
        return PortalAccessService(db, m_clock).setContactAccess(m_contact.id, false, actor, error);
    }
    if (entry == QLatin1String("PortalRoleService::setContactRole")) {
        return PortalRoleService(db, m_clock)
            .setContactRole(m_contact.id, m_readOnlyRoleId, actor, error);
    }
    if (entry == QLatin1String("PortalRoleService::createRole")) {
        return PortalRoleService(db, m_clock)
            .createRole(QStringLiteral("Billing only"),
                        PortalPermissions(PortalPermission::ViewOnboarding), actor, error)
            .has_value();
    }
    if (entry == QLatin1String("PortalRoleService::updateRole")) {
        return PortalRoleService(db, m_clock)
            .updateRole(m_customRoleId, QStringLiteral("Renamed"),
                        PortalPermissions(PortalPermission::ViewOnboarding), actor, error);
    }
    if (entry == QLatin1String("PortalRoleService::removeRole")) {
        return PortalRoleService(db, m_clock).removeRole(m_customRoleId, actor, error);
    }
    if (entry == QLatin1String("PortalRoleService::setNewContactsRole")) {
        return PortalRoleService(db, m_clock).setNewContactsRole(m_readOnlyRoleId, actor, error);
    }
    if (entry == QLatin1String("OnboardingService::setStatusAsStaff")) {
        return OnboardingService(db, m_clock)
            .setStatusAsStaff(m_mspTaskId, TaskStatus::Completed, actor, error);
    }
    if (entry == QLatin1String("DocumentService::review")) {
        return DocumentService(db, m_clock).review(m_fileId, true, QString(), actor, error);
    }
    if (entry == QLatin1String("QuestionService::answerAsStaff")) {
        return QuestionService(db, m_clock, kPublicUrl)
            .answerAsStaff(m_questionId, QStringLiteral("Next Monday."), actor, error);
    }
    if (entry == QLatin1String("ChecklistService::setItems")) {
        ChecklistDefinition definition = checklist();
        definition.items.append({QStringLiteral("av"), QStringLiteral("Old antivirus removed")});
        return ChecklistService(db, m_clock)
            .setItems(m_taskOfKind.value(EvidenceType::Checklist), definition, actor, error);
    }
    if (entry == QLatin1String("ChecklistService::tickAsStaff")) {
        return ChecklistService(db, m_clock)
            .tickAsStaff(m_taskOfKind.value(EvidenceType::Checklist), QStringLiteral("backup"),
                         true, actor, error)
            .has_value();
    }
    if (entry == QLatin1String("FormService::setDefinition")) {
        FormDefinition form;
        form.fields = {{QStringLiteral("company"),
                        QStringLiteral("Company name"),
                        FormFieldType::ShortText,
                        true,
                        {},
                        {}}};
        return FormService(db, m_clock)
            .setDefinition(m_taskOfKind.value(EvidenceType::Form), form, actor, error);
    }
    if (entry == QLatin1String("CommentService::addAsStaff")) {
        return CommentService(db, m_clock)
            .addAsStaff(m_mspTaskId, QStringLiteral("Done on our side."), false, actor, error)
            .has_value();
    }
    if (entry == QLatin1String("DocumentService::attachAsStaff")) {
        return DocumentService(db, m_clock)
            .attachAsStaff(m_taskOfKind.value(EvidenceType::Signature),
                           QStringLiteral("Agreement.pdf"),
                           QByteArray("%PDF-1.4\n% agreement\n%%EOF\n"), actor, error)
            .has_value();
    }
    if (entry == QLatin1String("FileDropService::setExpiryDays")) {
        return FileDropService(db, m_clock)
            .setExpiryDays(m_taskOfKind.value(EvidenceType::FileDrop), 3, actor, error);
    }
    if (entry == QLatin1String("StaffOwnerService::assignTask")) {
        return StaffOwnerService(db, m_clock).assignTask(m_mspTaskId, ownerStaffId(), actor, error);
    }
    if (entry == QLatin1String("StaffOwnerService::assignOnboarding")) {
        return StaffOwnerService(db, m_clock)
            .assignOnboarding(m_onboardingId, ownerStaffId(), actor, error);
    }
    if (entry == QLatin1String("TaskSetupService::scheduleMeeting")) {
        MeetingSchedule meeting;
        meeting.date = QDate(2027, 3, 10);
        meeting.time = QTime(15, 0);
        meeting.timeZone = QStringLiteral("Europe/Berlin");
        meeting.url = QStringLiteral("https://meet.example.com/kick-off");
        return TaskSetupService(db, m_clock, kPublicUrl)
            .scheduleMeeting(m_taskOfKind.value(EvidenceType::Meeting), meeting, actor, error);
    }
    if (entry == QLatin1String("TaskSetupService::setTraining")) {
        return TaskSetupService(db, m_clock, kPublicUrl)
            .setTraining(m_taskOfKind.value(EvidenceType::Training),
                         TrainingSpec::inPerson(QStringLiteral("Room 4")), actor, error);
    }
    qFatal("unknown entry point %s", qPrintable(entry));
}

Actor TestStaffPermissions::refusedFor(StaffPermission permission)
{
    switch (StaffRoles::minimumRole(permission)) {
    case StaffRole::Technician:
        return Actor::contact(m_contact);
    case StaffRole::Lead:
        return staffActor(m_test->db(), StaffRole::Technician);
    case StaffRole::Admin:
        return staffActor(m_test->db(), StaffRole::Lead);
    }
    return Actor::contact(m_contact);
}

QStringList TestStaffPermissions::snapshot()
{
    QStringList rows;
    for (const char *table : kTables) {
        SqlQuery query(m_test->db(),
                       QStringLiteral("SELECT * FROM %1 ORDER BY id").arg(QLatin1String(table)));
        QString error;
        if (!query.exec(&error)) {
            return {QStringLiteral("error: ") + error};
        }
        while (query.next()) {
            QStringList cells{QLatin1String(table)};
            for (int i = 0; i < query.raw().record().count(); ++i) {
                cells.append(query.isNull(i) ? QStringLiteral("NULL") : query.text(i));
            }
            rows.append(cells.join(QLatin1Char('|')));
        }
    }
    return rows;
}

void TestStaffPermissions::belowThePermissionIsRefused()
{
    QFETCH(QString, entry);
    QFETCH(StaffPermission, permission);
    const Actor actor = refusedFor(permission);
    const QStringList before = snapshot();
    QVERIFY(before.size() > 10);

    ServiceError error;
    QVERIFY(!call(entry, actor, &error));
    QCOMPARE(error.kind, ServiceError::Kind::Forbidden);
    QCOMPARE(error.message, StaffRoles::refusal(permission));
    QCOMPARE(snapshot(), before);
}

void TestStaffPermissions::theLeastRoleWithItSucceeds()
{
    QFETCH(QString, entry);
    QFETCH(StaffPermission, permission);
    const Actor actor = staffActor(m_test->db(), StaffRoles::minimumRole(permission));
    const QStringList before = snapshot();

    ServiceError error;
    QVERIFY2(call(entry, actor, &error), qPrintable(error.message));
    // What the refused call would have changed.
    QVERIFY(snapshot() != before);
}

void TestStaffPermissions::aDeactivatedMemberIsRefused()
{
    const Actor lead = staffActor(m_test->db(), StaffRole::Lead);
    ServiceError error;
    QString dbError;
    const std::optional<Workspace> workspace
        = DirectoryRepository(m_test->db()).workspace(&dbError);
    const qint64 leadId
        = DirectoryRepository(m_test->db()).staffIdByEmail(workspace->id, lead.id, &dbError);
    QVERIFY(StaffService(m_test->db(), m_clock).setActive(leadId, false, m_admin, &error));
    const QStringList before = snapshot();

    QVERIFY(!call(QStringLiteral("InviteService::invite"), lead, &error));
    QCOMPARE(error.kind, ServiceError::Kind::Forbidden);
    QCOMPARE(error.message, QStringLiteral("Only an active member of staff can do this."));
    QVERIFY(!call(QStringLiteral("OnboardingService::setStatusAsStaff"), lead, &error));
    QCOMPARE(error.kind, ServiceError::Kind::Forbidden);
    QVERIFY(!call(QStringLiteral("CommentService::addAsStaff"), lead, &error));
    QCOMPARE(error.kind, ServiceError::Kind::Forbidden);
    QCOMPARE(snapshot(), before);
}

QTEST_GUILESS_MAIN(TestStaffPermissions)
#include "tst_staff_permissions.moc"
