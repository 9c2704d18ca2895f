// FormService on both engines: what contacts and staff do, what is
// refused (and then left unchanged), and that every change reaches the feed and the audit trail.
#include "TestDatabase.h"
#include "TestStaff.h"

#include "core/Clock.h"
#include "security/AuditLog.h"
#include "services/ChecklistService.h"
#include "services/FormService.h"
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

class TestFormServices : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addEngineRows(); }
    void init();
    void cleanup();

    void staffDefineAForm();
    void aContactSavesAndSubmitsASingleEntryForm();
    void invalidAnswersChangeNothing();
    void multipleEntriesAreAddedEditedAndRemoved();
    void textIsStoredAsWritten();
    void contactsAreScopedToTheirCompany();
    void wrongKindAndSideAreRefused();

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
    FormDefinition questionnaire(bool multiple)
    {
        FormDefinition definition;
        definition.multipleEntries = multiple;
        definition.fields = {{QStringLiteral("company"),
                              QStringLiteral("Company name"),
                              FormFieldType::ShortText,
                              true,
                              QStringLiteral("As on your invoices."),
                              {}},
                             {QStringLiteral("seats"),
                              QStringLiteral("Seats"),
                              FormFieldType::Number,
                              false,
                              {},
                              {}},
                             {QStringLiteral("os"),
                              QStringLiteral("Systems"),
                              FormFieldType::MultiSelect,
                              false,
                              {},
                              {QStringLiteral("Windows"), QStringLiteral("macOS")}}};
        return definition;
    }
    qint64 defineForm(bool multiple)
    {
        const qint64 taskId = taskOf("form");
        ServiceError error;
        if (!FormService(db(), m_clock)
                 .setDefinition(taskId, questionnaire(multiple), technician(), &error)) {
            qWarning("setDefinition: %s", qPrintable(error.message));
        }
        return taskId;
    }
    std::optional<FormEntry> save(qint64 taskId, const QJsonObject &answers, qint64 entryId = 0,
                                  FieldErrors *fields = nullptr, ServiceError *error = nullptr)
    {
        ServiceError ignored;
        return FormService(db(), m_clock)
            .saveEntry(taskId, entryId, answers, m_contact.id, m_contact.companyId,
                       QStringLiteral("203.0.113.9"), fields, error ? error : &ignored);
    }

    std::unique_ptr<TestDatabase> m_test;
    ManualClock m_clock{1'800'000'000'000};
    Contact m_contact;
    Contact m_other; // a contact of another company, with an onboarding of its own
};

void TestFormServices::init()
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

void TestFormServices::cleanup()
{
    if (m_test) {
        QString error;
        const AuditLog::VerifyResult result = AuditLog(db()).verify(&error);
        QVERIFY2(result.ok, qPrintable(result.reason));
    }
    m_test.reset();
}

void TestFormServices::staffDefineAForm()
{
    const Actor staff = staffActor(db(), StaffRole::Technician, QStringLiteral("Dana Admin"));
    const qint64 taskId = taskOf("form");
    SqlQuery setOther(db(), QStringLiteral("UPDATE task SET config = ? WHERE id = ?"));
    setOther << QStringLiteral(R"({"note": "kept"})") << taskId;
    QString dbError;
    QVERIFY(setOther.exec(&dbError));
    const QString before = one(QStringLiteral("SELECT COUNT(*) FROM audit_event"));
    ServiceError error;
    FormService forms(db(), m_clock);
    QVERIFY2(forms.setDefinition(taskId, questionnaire(true), staff, &error),
             qPrintable(error.message));
    const std::optional<FormState> state = forms.stateForStaff(taskId, &error);
    QVERIFY(state);
    QVERIFY(state->definition == questionnaire(true));
    QCOMPARE(state->task.config.value(QStringLiteral("note")).toString(), QStringLiteral("kept"));
    QCOMPARE(one(QStringLiteral("SELECT action FROM audit_event ORDER BY id DESC LIMIT 1")),
             QStringLiteral("form.defined"));
    QCOMPARE(one(QStringLiteral("SELECT COUNT(*) FROM audit_event")).toInt(), before.toInt() + 1);

    // A bad definition is refused with its reason and leaves the old one.
    FormDefinition bad = questionnaire(false);
    bad.fields[1].id = bad.fields[0].id;
    QVERIFY(!forms.setDefinition(taskId, bad, staff, &error));
    QCOMPARE(error.kind, ServiceError::Kind::Invalid);
    QVERIFY2(error.message.contains(QStringLiteral("Two fields have the id")),
             qPrintable(error.message));
    QVERIFY(forms.stateForStaff(taskId, &error)->definition == questionnaire(true));
    // Only form tasks have a form.
    QVERIFY(!forms.setDefinition(taskOf("standard"), questionnaire(false), staff, &error));
    QCOMPARE(error.message, QStringLiteral("This task is not a form."));
}

void TestFormServices::aContactSavesAndSubmitsASingleEntryForm()
{
    FormService forms(db(), m_clock);
    ServiceError error;
    // Until staff write the questions there is nothing to answer (the demo's form has some).
    QString dbError;
    QCOMPARE(OnboardingRepository(db()).setTaskConfig(taskOf("form"), {}, 0, &dbError), 1);
    QVERIFY(!save(taskOf("form"), {{QStringLiteral("company"), QStringLiteral("x")}}, 0, nullptr,
                  &error));
    QCOMPARE(error.message, QStringLiteral("This form has no questions yet."));
    const qint64 taskId = defineForm(false);
    // Nothing saved yet: nothing to submit.
    QVERIFY(!forms.submit(taskId, m_contact.id, m_contact.companyId, QString(), &error));
    QCOMPARE(error.kind, ServiceError::Kind::Conflict);

    const std::optional<FormEntry> first
        = save(taskId, {{QStringLiteral("company"), QStringLiteral("Example Dental")}});
    QVERIFY(first);
    QCOMPARE(first->authorName, m_contact.name);
    QCOMPARE(statusOf(taskId), TaskStatus::InProgress);
    QCOMPARE(one(QStringLiteral("SELECT kind FROM activity ORDER BY id DESC LIMIT 1")),
             QStringLiteral("form.entry_saved"));
    QCOMPARE(one(QStringLiteral("SELECT actor_kind || ' ' || actor || ' ' || ip FROM audit_event "
                                "ORDER BY id DESC LIMIT 1")),
             QStringLiteral("contact demo.contact@example.com 203.0.113.9"));

    // Saving again replaces the one entry.
    m_clock.advanceMs(60'000);
    const std::optional<FormEntry> second
        = save(taskId, {{QStringLiteral("company"), QStringLiteral("Example Dental Ltd")},
                        {QStringLiteral("seats"), 12}});
    QVERIFY(second);
    QCOMPARE(second->id, first->id);
    QCOMPARE(second->updatedAtMs, first->updatedAtMs + 60'000);
    std::optional<FormState> state = forms.stateForContact(taskId, m_contact.companyId, &error);
    QCOMPARE(state->entries.size(), 1);
    QCOMPARE(state->entries.first().answers.value(QStringLiteral("seats")).toInt(), 12);

    const std::optional<Task> done
        = forms.submit(taskId, m_contact.id, m_contact.companyId, QString(), &error);
    QVERIFY2(done, qPrintable(error.message));
    QCOMPARE(done->status, TaskStatus::Completed);
    QCOMPARE(done->completedBy, m_contact.name);

    // Submitted: no more changes, and the answers stay as they were.
    const QString before = snapshot();
    QVERIFY(
        !save(taskId, {{QStringLiteral("company"), QStringLiteral("Late")}}, 0, nullptr, &error));
    QCOMPARE(error.kind, ServiceError::Kind::Conflict);
    QCOMPARE(error.message,
             QStringLiteral("This form has been submitted and can no longer be changed."));
    QVERIFY(!forms.removeEntry(taskId, first->id, m_contact.id, m_contact.companyId, QString(),
                               &error));
    QVERIFY(!forms.submit(taskId, m_contact.id, m_contact.companyId, QString(), &error));
    QCOMPARE(snapshot(), before);
    // Staff see the entry.
    state = forms.stateForStaff(taskId, &error);
    QCOMPARE(state->entries.first().answers.value(QStringLiteral("company")).toString(),
             QStringLiteral("Example Dental Ltd"));
}

void TestFormServices::invalidAnswersChangeNothing()
{
    const qint64 taskId = defineForm(false);
    const QString before = snapshot();
    FieldErrors fields;
    ServiceError error;
    QVERIFY(!save(taskId,
                  {{QStringLiteral("seats"), QStringLiteral("twelve")},
                   {QStringLiteral("os"), QJsonArray{QStringLiteral("Amiga")}},
                   {QStringLiteral("extra"), 1}},
                  0, &fields, &error));
    QCOMPARE(error.kind, ServiceError::Kind::Invalid);
    QCOMPARE(fields.keys(), QStringList({QStringLiteral("company"), QStringLiteral("extra"),
                                         QStringLiteral("os"), QStringLiteral("seats")}));
    QCOMPARE(fields.value(QStringLiteral("company")), QStringLiteral("This field is required."));
    QCOMPARE(snapshot(), before);
    QCOMPARE(statusOf(taskId), TaskStatus::Pending);
}

void TestFormServices::multipleEntriesAreAddedEditedAndRemoved()
{
    const qint64 taskId = defineForm(true);
    FormService forms(db(), m_clock);
    const std::optional<FormEntry> a
        = save(taskId, {{QStringLiteral("company"), QStringLiteral("Site A")}});
    const std::optional<FormEntry> b
        = save(taskId, {{QStringLiteral("company"), QStringLiteral("Site B")}});
    QVERIFY(a && b);
    QVERIFY(a->id != b->id);
    const std::optional<FormEntry> edited
        = save(taskId, {{QStringLiteral("company"), QStringLiteral("Site A, first floor")}}, a->id);
    QVERIFY(edited);
    QCOMPARE(edited->id, a->id);
    ServiceError error;
    QVERIFY2(forms.removeEntry(taskId, b->id, m_contact.id, m_contact.companyId, QString(), &error),
             qPrintable(error.message));
    const std::optional<FormState> state
        = forms.stateForContact(taskId, m_contact.companyId, &error);
    QCOMPARE(state->entries.size(), 1);
    QCOMPARE(state->entries.first().answers.value(QStringLiteral("company")).toString(),
             QStringLiteral("Site A, first floor"));
    QCOMPARE(one(QStringLiteral("SELECT kind FROM activity ORDER BY id DESC LIMIT 1")),
             QStringLiteral("form.entry_removed"));
    // A removed entry is gone for editing and removing too.
    const QString before = snapshot();
    QVERIFY(!save(taskId, {{QStringLiteral("company"), QStringLiteral("B again")}}, b->id, nullptr,
                  &error));
    QCOMPARE(error.kind, ServiceError::Kind::NotFound);
    QVERIFY(
        !forms.removeEntry(taskId, b->id, m_contact.id, m_contact.companyId, QString(), &error));
    QCOMPARE(error.kind, ServiceError::Kind::NotFound);
    QCOMPARE(snapshot(), before);
}

void TestFormServices::textIsStoredAsWritten()
{
    const qint64 taskId = defineForm(false);
    const QString payload
        = QStringLiteral("<script>alert(1)</script>\"'><img src=x onerror=alert(2)>"
                         "'; DROP TABLE task; --");
    QVERIFY(save(taskId, {{QStringLiteral("company"), payload}}));
    const QJsonObject stored
        = QJsonDocument::fromJson(one(QStringLiteral("SELECT answers FROM form_entry")).toUtf8())
              .object();
    QCOMPARE(stored.value(QStringLiteral("company")).toString(), payload);
    ServiceError error;
    QCOMPARE(FormService(db(), m_clock)
                 .stateForStaff(taskId, &error)
                 ->entries.first()
                 .answers.value(QStringLiteral("company"))
                 .toString(),
             payload);
}

void TestFormServices::contactsAreScopedToTheirCompany()
{
    const qint64 taskId = defineForm(false);
    QVERIFY(save(taskId, {{QStringLiteral("company"), QStringLiteral("Example Dental")}}));
    const qint64 entryId = one(QStringLiteral("SELECT id FROM form_entry")).toLongLong();
    const QString before = snapshot();
    FormService forms(db(), m_clock);
    ServiceError error;
    // Olga of another company gets "no such task" for everything of this one.
    QVERIFY(!forms.stateForContact(taskId, m_other.companyId, &error));
    QCOMPARE(error.kind, ServiceError::Kind::NotFound);
    QVERIFY(!forms.saveEntry(taskId, 0, {{QStringLiteral("company"), QStringLiteral("Mine")}},
                             m_other.id, m_other.companyId, QString(), nullptr, &error));
    QCOMPARE(error.kind, ServiceError::Kind::NotFound);
    QVERIFY(!forms.saveEntry(taskId, entryId, {{QStringLiteral("company"), QStringLiteral("Mine")}},
                             m_other.id, m_other.companyId, QString(), nullptr, &error));
    QCOMPARE(error.kind, ServiceError::Kind::NotFound);
    QVERIFY(!forms.removeEntry(taskId, entryId, m_other.id, m_other.companyId, QString(), &error));
    QCOMPARE(error.kind, ServiceError::Kind::NotFound);
    QVERIFY(!forms.submit(taskId, m_other.id, m_other.companyId, QString(), &error));
    QCOMPARE(error.kind, ServiceError::Kind::NotFound);
    // A contact id with someone else's company is refused too.
    QVERIFY(!forms.saveEntry(taskId, 0, {{QStringLiteral("company"), QStringLiteral("Mine")}},
                             m_other.id, m_contact.companyId, QString(), nullptr, &error));
    QCOMPARE(snapshot(), before);
}

void TestFormServices::wrongKindAndSideAreRefused()
{
    const Actor staff = staffActor(db(), StaffRole::Technician, QStringLiteral("Dana Admin"));
    defineForm(false);
    FormService forms(db(), m_clock);
    ServiceError error;
    QVERIFY(!forms.saveEntry(taskOf("standard"), 0, {}, m_contact.id, m_contact.companyId,
                             QString(), nullptr, &error));
    QCOMPARE(error.message, QStringLiteral("This task is not a form."));
    // An MSP-side form is not the contact's to fill in.
    const qint64 msp = taskOf("standard", "msp");
    SqlQuery query(db(), QStringLiteral("UPDATE task SET evidence_type = 'form' WHERE id = ?"));
    query << msp;
    QString dbError;
    QVERIFY(query.exec(&dbError));
    QVERIFY(forms.setDefinition(msp, questionnaire(false), staff, &error));
    const QString before = snapshot();
    QVERIFY(!forms.saveEntry(msp, 0, {{QStringLiteral("company"), QStringLiteral("x")}},
                             m_contact.id, m_contact.companyId, QString(), nullptr, &error));
    QVERIFY2(error.message.contains(QStringLiteral("not by you")), qPrintable(error.message));
    QCOMPARE(snapshot(), before);
    // Checklists are not forms and the other way round.
    QVERIFY(!ChecklistService(db(), m_clock)
                 .tickAsContact(taskOf("form"), QStringLiteral("x"), true, m_contact.id,
                                m_contact.companyId, QString(), &error));
    QCOMPARE(error.message, QStringLiteral("This task is not a checklist."));
}

QTEST_GUILESS_MAIN(TestFormServices)
#include "tst_form_services.moc"
