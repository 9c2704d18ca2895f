// ChecklistService on both engines: ticks by contacts and staff with who and when, progress and
// completion, and what is refused (and then left unchanged).
#include "TestDatabase.h"
#include "TestStaff.h"

#include "core/Clock.h"
#include "security/AuditLog.h"
#include "services/ChecklistService.h"
#include "services/OnboardingService.h"
#include "services/WorkspaceSetup.h"
#include "storage/ActivityRepository.h"
#include "storage/DirectoryRepository.h"
#include "storage/OnboardingRepository.h"
#include "storage/SqlQuery.h"
#include "storage/TemplateRepository.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Gatehouse;
using Gatehouse::Testing::staffActor;
using Gatehouse::Testing::TestDatabase;

class TestChecklistServices : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addEngineRows(); }
    void init();
    void cleanup();

    void checklistTicksCompleteTheTask();
    void staffTickAndReopen();
    void checklistRefusals();
    void contactsOfOtherCompaniesCannotTick();

private:
    // A member of staff to act as (the services check the staff table).
    Actor technician()
    {
        return staffActor(db(), StaffRole::Technician, QStringLiteral("Dana Admin"));
    }
    Database &db() { return m_test->db(); }
    QString one(const QString &sql)
    {
        SqlQuery query(db(), sql);
        QString error;
        if (!query.exec(&error) || !query.next()) {
            return QStringLiteral("(none: %1)").arg(error);
        }
        return query.text(0);
    }
    qint64 taskOf(const char *evidenceType, const char *side = "client")
    {
        return one(QStringLiteral("SELECT MIN(t.id) FROM task t JOIN onboarding o ON o.id = "
                                  "t.onboarding_id WHERE o.company_id = %1 AND t.evidence_type = "
                                  "'%2' AND t.owner_side = '%3'")
                       .arg(m_contact.companyId)
                       .arg(QLatin1String(evidenceType), QLatin1String(side)))
            .toLongLong();
    }
    TaskStatus statusOf(qint64 taskId)
    {
        return taskStatusFromString(
                   one(QStringLiteral("SELECT status FROM task WHERE id = %1").arg(taskId)))
            .value_or(TaskStatus::Blocked);
    }
    // Everything a refused call must leave alone.
    QString snapshot()
    {
        QStringList parts;
        for (const char *sql :
             {"SELECT COUNT(*) FROM form_entry",
              "SELECT COALESCE(MAX(updated_at), 0) FROM form_entry",
              "SELECT COUNT(*) FROM checklist_tick", "SELECT COUNT(*) FROM activity",
              "SELECT COUNT(*) FROM audit_event", "SELECT MAX(updated_at) FROM task"}) {
            parts.append(one(QLatin1String(sql)));
        }
        return parts.join(QLatin1Char('|'));
    }
    // The demo has no checklist: a standard client task becomes one, with three items.
    qint64 defineChecklist()
    {
        const qint64 taskId = taskOf("standard");
        SqlQuery query(db(),
                       QStringLiteral("UPDATE task SET evidence_type = 'checklist' WHERE id = ?"));
        query << taskId;
        QString dbError;
        if (!query.exec(&dbError)) {
            qWarning("%s", qPrintable(dbError));
        }
        ChecklistDefinition items;
        items.items = {{QStringLiteral("backup"), QStringLiteral("Backups checked")},
                       {QStringLiteral("fw"), QStringLiteral("Firewall rules sent")},
                       {QStringLiteral("av"), QStringLiteral("Old antivirus removed")}};
        ServiceError error;
        if (!ChecklistService(db(), m_clock).setItems(taskId, items, technician(), &error)) {
            qWarning("setItems: %s", qPrintable(error.message));
        }
        return taskId;
    }

    std::unique_ptr<TestDatabase> m_test;
    ManualClock m_clock{1'800'000'000'000};
    Contact m_contact;
    Contact m_other; // a contact of another company, with an onboarding of its own
};

void TestChecklistServices::init()
{
    QFETCH_GLOBAL(QString, engine);
    m_test = TestDatabase::create(engine);
    QVERIFY(m_test);
    QString error;
    QVERIFY2(WorkspaceSetup(db(), m_clock).ensureDemo(nullptr, nullptr, &error), qPrintable(error));
    DirectoryRepository directory(db());
    m_contact
        = directory.contactsByEmail(WorkspaceSetup::demoCredentials().contactEmail, &error).first();
    const qint64 workspaceId = directory.workspace(&error)->id;
    const qint64 otherCompany = directory.createCompany(workspaceId, QStringLiteral("Other Ltd"),
                                                        m_clock.nowMs(), &error);
    const qint64 otherContact
        = directory.createContact(otherCompany, QStringLiteral("Olga Other"),
                                  QStringLiteral("olga@other.example"), m_clock.nowMs(), &error);
    QVERIFY2(otherContact > 0, qPrintable(error));
    m_other = *directory.contact(otherContact, &error);
    ServiceError serviceError;
    const qint64 templateId = TemplateRepository(db()).list(workspaceId, &error).first().id;
    QVERIFY(OnboardingService(db(), m_clock)
                .createFromTemplate(otherCompany, templateId, QString(), QDate(2027, 1, 1),
                                    Actor::system(QStringLiteral("Dana Admin")), &serviceError)
            > 0);
}

void TestChecklistServices::cleanup()
{
    if (m_test) {
        QString error;
        const AuditLog::VerifyResult result = AuditLog(db()).verify(&error);
        QVERIFY2(result.ok, qPrintable(result.reason));
    }
    m_test.reset();
}

void TestChecklistServices::checklistTicksCompleteTheTask()
{
    const qint64 taskId = defineChecklist();
    ChecklistService checklists(db(), m_clock);
    ServiceError error;
    std::optional<ChecklistState> state
        = checklists.stateForContact(taskId, m_contact.companyId, &error);
    QVERIFY(state);
    QCOMPARE(state->items.size(), 3);
    QCOMPARE(state->tickedCount(), 0);

    const auto tick = [&](const char *item, bool on) {
        return checklists.tickAsContact(taskId, QLatin1String(item), on, m_contact.id,
                                        m_contact.companyId, QStringLiteral("198.51.100.7"),
                                        &error);
    };
    state = tick("backup", true);
    QVERIFY2(state, qPrintable(error.message));
    QCOMPARE(state->tickedCount(), 1);
    QCOMPARE(state->items.at(0).byName, m_contact.name);
    QCOMPARE(state->items.at(0).byKind, QStringLiteral("contact"));
    QCOMPARE(state->items.at(0).atMs, m_clock.nowMs());
    QCOMPARE(state->task.status, TaskStatus::InProgress);
    // Unticking is allowed and recorded.
    m_clock.advanceMs(1000);
    state = tick("backup", false);
    QCOMPARE(state->tickedCount(), 0);
    QCOMPARE(one(QStringLiteral("SELECT COUNT(*) FROM checklist_tick WHERE ticked = 0")),
             QStringLiteral("1"));
    QCOMPARE(one(QStringLiteral("SELECT action FROM audit_event ORDER BY id DESC LIMIT 1")),
             QStringLiteral("checklist.unticked"));
    // Ticking what is ticked already records nothing.
    tick("fw", true);
    const QString before = snapshot();
    QVERIFY(tick("fw", true));
    QCOMPARE(snapshot(), before);

    tick("backup", true);
    state = tick("av", true);
    QCOMPARE(state->tickedCount(), 3);
    QCOMPARE(state->task.status, TaskStatus::Completed);
    QCOMPARE(state->task.completedBy, m_contact.name);
    QCOMPARE(
        one(QStringLiteral("SELECT summary FROM activity ORDER BY id DESC LIMIT 1")),
        QStringLiteral("Jordan Client ticked \"Old antivirus removed\" in \"%1\" (3 of 3 done)")
            .arg(state->task.title));
    // Completed: closed to contacts.
    const QString done = snapshot();
    QVERIFY(!tick("av", false));
    QCOMPARE(error.kind, ServiceError::Kind::Conflict);
    QCOMPARE(error.message,
             QStringLiteral("This checklist is completed and can no longer be changed."));
    QCOMPARE(snapshot(), done);
}

void TestChecklistServices::staffTickAndReopen()
{
    const Actor staff = staffActor(db(), StaffRole::Technician, QStringLiteral("Dana Admin"));
    const qint64 taskId = defineChecklist();
    ChecklistService checklists(db(), m_clock);
    ServiceError error;
    for (const char *item : {"backup", "fw", "av"}) {
        QVERIFY(checklists.tickAsStaff(taskId, QLatin1String(item), true, staff, &error));
    }
    QCOMPARE(statusOf(taskId), TaskStatus::Completed);
    std::optional<ChecklistState> state
        = checklists.stateForContact(taskId, m_contact.companyId, &error);
    QCOMPARE(state->items.at(1).byKind, QStringLiteral("staff"));
    QCOMPARE(state->items.at(1).byName, QStringLiteral("Dana Admin"));
    // Staff may untick a completed checklist, which reopens it.
    state = checklists.tickAsStaff(taskId, QStringLiteral("fw"), false, staff, &error);
    QVERIFY(state);
    QCOMPARE(state->task.status, TaskStatus::InProgress);
    QCOMPARE(state->tickedCount(), 2);
}

void TestChecklistServices::checklistRefusals()
{
    const Actor staff = staffActor(db(), StaffRole::Technician, QStringLiteral("Dana Admin"));
    const qint64 taskId = defineChecklist();
    ChecklistService checklists(db(), m_clock);
    ServiceError error;
    const QString before = snapshot();
    QVERIFY(!checklists.tickAsContact(taskId, QStringLiteral("nope"), true, m_contact.id,
                                      m_contact.companyId, QString(), &error));
    QCOMPARE(error.kind, ServiceError::Kind::NotFound);
    QCOMPARE(error.message, QStringLiteral("This checklist has no such item."));
    QCOMPARE(snapshot(), before);

    ChecklistDefinition bad;
    bad.items
        = {{QStringLiteral("a"), QStringLiteral("A")}, {QStringLiteral("a"), QStringLiteral("B")}};
    QVERIFY(!checklists.setItems(taskId, bad, staff, &error));
    QCOMPARE(error.kind, ServiceError::Kind::Invalid);
    QCOMPARE(snapshot(), before);
    QCOMPARE(checklists.stateForStaff(taskId, &error)->items.size(), 3);
}

void TestChecklistServices::contactsOfOtherCompaniesCannotTick()
{
    ServiceError error;
    const qint64 checklist = defineChecklist();
    const QString beforeTicks = snapshot();
    ChecklistService checklists(db(), m_clock);
    QVERIFY(!checklists.tickAsContact(checklist, QStringLiteral("backup"), true, m_other.id,
                                      m_other.companyId, QString(), &error));
    QCOMPARE(error.kind, ServiceError::Kind::NotFound);
    QVERIFY(!checklists.stateForContact(checklist, m_other.companyId, &error));
    QCOMPARE(snapshot(), beforeTicks);
}

QTEST_GUILESS_MAIN(TestChecklistServices)
#include "tst_checklist_services.moc"
