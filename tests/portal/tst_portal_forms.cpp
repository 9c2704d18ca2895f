// The form and checklist routes over a real portal on both engines: what a contact sends,
// what is refused (and then changes nothing), and that no contact reaches another company's task.
#include "PortalClient.h"
#include "PortalFixture.h"
#include "TestDatabase.h"
#include "TestStaff.h"

#include "services/ChecklistService.h"
#include "services/FormService.h"
#include "services/OnboardingService.h"
#include "storage/DirectoryRepository.h"
#include "storage/SqlQuery.h"
#include "storage/TemplateRepository.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Gatehouse;
using namespace Gatehouse::Testing;

class TestPortalForms : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addEngineRows(); }
    void init();
    void cleanup() { m_portal.stop(); }

    void saveAndSubmitAForm();
    void badAnswersGetAMessagePerField_data();
    void badAnswersGetAMessagePerField();
    void malformedRequestsAreRefused();
    void multipleEntries();
    void anotherCompanysTaskIsNotFound();
    void completedTasksAreRefused();
    void tickAChecklist();

private:
    QString formPath(const char *suffix = "") const
    {
        return QStringLiteral("/api/v1/tasks/%1/form/entries").arg(m_form) + QLatin1String(suffix);
    }
    QString checklistPath() const
    {
        return QStringLiteral("/api/v1/tasks/%1/checklist").arg(m_checklist);
    }
    // Everything a refused request must leave alone.
    QStringList state()
    {
        return m_portal.state()
               + m_portal.rows(QStringLiteral("SELECT id, task_id, contact_id, answers, updated_at "
                                              "FROM form_entry ORDER BY id"))
               + m_portal.rows(QStringLiteral("SELECT COUNT(*) FROM checklist_tick"))
               + m_portal.rows(QStringLiteral("SELECT COUNT(*) FROM activity"))
               + m_portal.rows(QStringLiteral("SELECT COUNT(*) FROM audit_event"));
    }
    void setFormMultiple(bool multiple);
    HttpReply save(const QJsonObject &answers, const QString &path = QString())
    {
        return m_browser->post(path.isEmpty() ? formPath() : path,
                               {{QStringLiteral("answers"), answers}});
    }

    PortalFixture m_portal;
    std::unique_ptr<PortalClient> m_browser;
    qint64 m_form = 0;
    qint64 m_checklist = 0;
    qint64 m_otherContact = 0;
};

void TestPortalForms::init()
{
    QFETCH_GLOBAL(QString, engine);
    QString error;
    QVERIFY2(m_portal.start(engine, &error), qPrintable(error));
    const qint64 companyId = m_portal.contact().companyId;
    m_form = m_portal.taskId(companyId, OwnerSide::Client, EvidenceType::Form, TaskStatus::Pending);
    m_checklist = m_portal.taskId(companyId, OwnerSide::Client, EvidenceType::Standard,
                                  TaskStatus::Pending);
    QVERIFY(m_form > 0 && m_checklist > 0);
    // The demo has no checklist: a standard task becomes one.
    m_portal.rows(QStringLiteral("UPDATE task SET evidence_type = 'checklist' WHERE id = %1")
                      .arg(m_checklist));
    setFormMultiple(false);
    ChecklistDefinition items;
    items.items = {{QStringLiteral("backup"), QStringLiteral("Backups checked")},
                   {QStringLiteral("fw"), QStringLiteral("Firewall rules sent")}};
    ServiceError serviceError;
    const Actor staff
        = staffActor(m_portal.db(), StaffRole::Technician, QStringLiteral("Dana Admin"));
    QVERIFY(ChecklistService(m_portal.db(), m_portal.clock())
                .setItems(m_checklist, items, staff, &serviceError));

    // Olga, of another company with an onboarding of its own.
    DirectoryRepository directory(m_portal.db());
    const qint64 workspaceId = directory.workspace(&error)->id;
    const qint64 other = directory.createCompany(workspaceId, QStringLiteral("Other Ltd"),
                                                 m_portal.clock().nowMs(), &error);
    m_otherContact = directory.createContact(other, QStringLiteral("Olga Other"),
                                             QStringLiteral("olga@other.example"),
                                             m_portal.clock().nowMs(), &error);
    QVERIFY2(m_otherContact > 0, qPrintable(error));
    const qint64 templateId
        = TemplateRepository(m_portal.db()).list(workspaceId, &error).first().id;
    QVERIFY(OnboardingService(m_portal.db(), m_portal.clock())
                .createFromTemplate(other, templateId, QString(), QDate(2027, 1, 1),
                                    Actor::system(QStringLiteral("Dana Admin")), &serviceError)
            > 0);

    m_browser = std::make_unique<PortalClient>(m_portal.port());
    QVERIFY2(m_portal.signIn(*m_browser, m_portal.contact().id, &error), qPrintable(error));
}

void TestPortalForms::setFormMultiple(bool multiple)
{
    const Actor staff
        = staffActor(m_portal.db(), StaffRole::Technician, QStringLiteral("Dana Admin"));
    QString error;
    const std::optional<FormDefinition> definition
        = FormDefinition::fromConfig(QJsonDocument::fromJson(R"({"fields": [
            {"id": "company", "label": "Company name", "type": "short_text", "required": true,
             "help": "As on your invoices."},
            {"id": "size", "label": "Size", "type": "single_select", "required": true,
             "options": ["1-10", "11-50"]},
            {"id": "backup", "label": "Backups?", "type": "yes_no"},
            {"id": "seats", "label": "Seats", "type": "number"},
            {"id": "email", "label": "IT email", "type": "email"}]})")
                                         .object(),
                                     &error);
    QVERIFY2(definition, qPrintable(error));
    FormDefinition form = *definition;
    form.multipleEntries = multiple;
    ServiceError serviceError;
    QVERIFY2(FormService(m_portal.db(), m_portal.clock())
                 .setDefinition(m_form, form, staff, &serviceError),
             qPrintable(serviceError.message));
}

void TestPortalForms::saveAndSubmitAForm()
{
    HttpReply reply = m_browser->get(formPath());
    QVERIFY2(reply.status == 200, reply.describe());
    const QJsonObject definition = reply.json().value(QStringLiteral("definition")).toObject();
    QCOMPARE(definition.value(QStringLiteral("fields")).toArray().size(), 5);
    QCOMPARE(definition.value(QStringLiteral("fields"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QStringLiteral("help")),
             QJsonValue(QStringLiteral("As on your invoices.")));
    QVERIFY(reply.json().value(QStringLiteral("entries")).toArray().isEmpty());

    const QString payload = QStringLiteral("<img src=x onerror=alert(1)>");
    reply = save({{QStringLiteral("company"), payload},
                  {QStringLiteral("size"), QStringLiteral("1-10")},
                  {QStringLiteral("backup"), true}});
    QVERIFY2(reply.status == 200, reply.describe());
    QCOMPARE(reply.json().value(QStringLiteral("task")).toObject().value(QStringLiteral("status")),
             QJsonValue(QStringLiteral("in_progress")));
    const QJsonObject entry = reply.json().value(QStringLiteral("entry")).toObject();
    // The payload comes back as JSON text, exactly as written: the page puts it in as text.
    QCOMPARE(entry.value(QStringLiteral("answers")).toObject().value(QStringLiteral("company")),
             QJsonValue(payload));
    QCOMPARE(reply.header("Content-Type"), QByteArray("application/json"));
    QCOMPARE(m_portal.rows(QStringLiteral("SELECT author_name FROM form_entry")),
             QStringList{m_portal.contact().name});

    // A second save replaces the single entry.
    reply = save({{QStringLiteral("company"), QStringLiteral("Example Dental")},
                  {QStringLiteral("size"), QStringLiteral("11-50")}});
    QVERIFY2(reply.status == 200, reply.describe());
    QCOMPARE(reply.json().value(QStringLiteral("entries")).toArray().size(), 1);
    QCOMPARE(m_portal.rows(QStringLiteral("SELECT COUNT(*) FROM form_entry")),
             QStringList{QStringLiteral("1")});

    reply = m_browser->post(QStringLiteral("/api/v1/tasks/%1/form/submit").arg(m_form), {});
    QVERIFY2(reply.status == 200, reply.describe());
    QCOMPARE(m_portal.rows(
                 QStringLiteral("SELECT status, completed_by FROM task WHERE id = %1").arg(m_form)),
             QStringList{QStringLiteral("completed|Jordan Client")});
    // The home page shows it completed too (its cache follows the activity feed).
    reply = m_browser->get(QStringLiteral("/api/v1/tasks/%1").arg(m_form));
    QCOMPARE(reply.json().value(QStringLiteral("task")).toObject().value(QStringLiteral("status")),
             QJsonValue(QStringLiteral("completed")));
}

void TestPortalForms::badAnswersGetAMessagePerField_data()
{
    QTest::addColumn<QByteArray>("answers");
    QTest::addColumn<QStringList>("fields");
    QTest::addRow("missing required")
        << QByteArray(R"({"backup": false})")
        << QStringList{QStringLiteral("company"), QStringLiteral("size")};
    QTest::addRow("unknown option") << QByteArray(R"({"company": "A", "size": "5000+"})")
                                    << QStringList{QStringLiteral("size")};
    QTest::addRow("wrong types") << QByteArray(
        R"({"company": ["A"], "size": "1-10", "backup": "yes", "seats": "12"})")
                                 << QStringList{QStringLiteral("backup"), QStringLiteral("company"),
                                                QStringLiteral("seats")};
    QTest::addRow("bad email") << QByteArray(
        R"({"company": "A", "size": "1-10", "email": "it at example"})")
                               << QStringList{QStringLiteral("email")};
    QTest::addRow("unknown field")
        << QByteArray(R"({"company": "A", "size": "1-10", "status": "completed"})")
        << QStringList{QStringLiteral("status")};
    QTest::addRow("too long") << QStringLiteral(R"({"company": "%1", "size": "1-10"})")
                                     .arg(QString(501, QLatin1Char('a')))
                                     .toUtf8()
                              << QStringList{QStringLiteral("company")};
}

void TestPortalForms::badAnswersGetAMessagePerField()
{
    QFETCH(QByteArray, answers);
    QFETCH(QStringList, fields);
    const QStringList before = state();
    const HttpReply reply = save(QJsonDocument::fromJson(answers).object());
    QCOMPARE(reply.status, 400);
    const QJsonObject body = reply.json();
    QCOMPARE(body.value(QStringLiteral("code")).toString(), QStringLiteral("invalid_fields"));
    QVERIFY(!body.value(QStringLiteral("error")).toString().isEmpty());
    const QJsonObject messages = body.value(QStringLiteral("fields")).toObject();
    QCOMPARE(messages.keys(), fields);
    for (const QString &field : fields) {
        QVERIFY(!messages.value(field).toString().isEmpty());
    }
    QCOMPARE(state(), before);
}

void TestPortalForms::malformedRequestsAreRefused()
{
    const QStringList before = state();
    HttpReply reply
        = m_browser->post(formPath(), {{QStringLiteral("answers"), QStringLiteral("x")}});
    QCOMPARE(reply.status, 400);
    reply = m_browser->send("POST", formPath(), "{not json", "application/json");
    QCOMPARE(reply.status, 400);
    // Without the session's CSRF token nothing is saved.
    m_browser->setSendsCsrfToken(false);
    reply = save({{QStringLiteral("company"), QStringLiteral("A")},
                  {QStringLiteral("size"), QStringLiteral("1-10")}});
    QCOMPARE(reply.status, 403);
    m_browser->setSendsCsrfToken(true);
    // Nor from a foreign Origin.
    reply = m_browser->post(formPath(),
                            {{QStringLiteral("answers"),
                              QJsonObject{{QStringLiteral("company"), QStringLiteral("A")},
                                          {QStringLiteral("size"), QStringLiteral("1-10")}}}},
                            {{"Origin", "https://evil.example"}});
    QCOMPARE(reply.status, 403);
    // Checklist: an item that does not exist, and a body of the wrong shape.
    reply = m_browser->post(checklistPath(), {{QStringLiteral("item"), QStringLiteral("nope")},
                                              {QStringLiteral("ticked"), true}});
    QCOMPARE(reply.status, 404);
    reply = m_browser->post(checklistPath(), {{QStringLiteral("item"), QStringLiteral("fw")},
                                              {QStringLiteral("ticked"), QStringLiteral("yes")}});
    QCOMPARE(reply.status, 400);
    // The wrong kind of task.
    reply = m_browser->post(
        QStringLiteral("/api/v1/tasks/%1/checklist").arg(m_form),
        {{QStringLiteral("item"), QStringLiteral("fw")}, {QStringLiteral("ticked"), true}});
    QCOMPARE(reply.status, 422);
    QCOMPARE(reply.json().value(QStringLiteral("error")).toString(),
             QStringLiteral("This task is not a checklist."));
    reply = m_browser->get(QStringLiteral("/api/v1/tasks/%1/form/entries").arg(m_checklist));
    QCOMPARE(reply.status, 422);
    // Submitting before anything was saved.
    reply = m_browser->post(QStringLiteral("/api/v1/tasks/%1/form/submit").arg(m_form), {});
    QCOMPARE(reply.status, 409);
    QCOMPARE(state(), before);
}

void TestPortalForms::multipleEntries()
{
    setFormMultiple(true);
    HttpReply a = save({{QStringLiteral("company"), QStringLiteral("Site A")},
                        {QStringLiteral("size"), QStringLiteral("1-10")}});
    HttpReply b = save({{QStringLiteral("company"), QStringLiteral("Site B")},
                        {QStringLiteral("size"), QStringLiteral("1-10")}});
    QVERIFY2(a.status == 200 && b.status == 200, b.describe());
    const qint64 idA = a.json()
                           .value(QStringLiteral("entry"))
                           .toObject()
                           .value(QStringLiteral("id"))
                           .toInteger();
    const qint64 idB = b.json()
                           .value(QStringLiteral("entry"))
                           .toObject()
                           .value(QStringLiteral("id"))
                           .toInteger();
    QCOMPARE(b.json().value(QStringLiteral("entries")).toArray().size(), 2);
    HttpReply reply = save({{QStringLiteral("company"), QStringLiteral("Site A2")},
                            {QStringLiteral("size"), QStringLiteral("11-50")}},
                           formPath("/") + QString::number(idA));
    QVERIFY2(reply.status == 200, reply.describe());
    reply = m_browser->post(formPath("/") + QString::number(idB) + QStringLiteral("/delete"), {});
    QVERIFY2(reply.status == 200, reply.describe());
    const QJsonArray entries = reply.json().value(QStringLiteral("entries")).toArray();
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.at(0)
                 .toObject()
                 .value(QStringLiteral("answers"))
                 .toObject()
                 .value(QStringLiteral("company")),
             QJsonValue(QStringLiteral("Site A2")));
    // Gone is gone.
    const QStringList before = state();
    reply = m_browser->post(formPath("/") + QString::number(idB) + QStringLiteral("/delete"), {});
    QCOMPARE(reply.status, 404);
    QCOMPARE(state(), before);
}

void TestPortalForms::anotherCompanysTaskIsNotFound()
{
    QVERIFY(save({{QStringLiteral("company"), QStringLiteral("Example Dental")},
                  {QStringLiteral("size"), QStringLiteral("1-10")}})
                .status
            == 200);
    const QString entryId = m_portal.rows(QStringLiteral("SELECT id FROM form_entry")).value(0);
    PortalClient olga(m_portal.port());
    QString error;
    QVERIFY2(m_portal.signIn(olga, m_otherContact, &error), qPrintable(error));
    const QStringList before = state();
    const QJsonObject answers{{QStringLiteral("company"), QStringLiteral("Mine now")},
                              {QStringLiteral("size"), QStringLiteral("1-10")}};
    const QList<HttpReply> replies{
        olga.get(formPath()),
        olga.post(formPath(), {{QStringLiteral("answers"), answers}}),
        olga.post(formPath("/") + entryId, {{QStringLiteral("answers"), answers}}),
        olga.post(formPath("/") + entryId + QStringLiteral("/delete"), {}),
        olga.post(QStringLiteral("/api/v1/tasks/%1/form/submit").arg(m_form), {}),
        olga.get(checklistPath()),
        olga.post(checklistPath(), {{QStringLiteral("item"), QStringLiteral("fw")},
                                    {QStringLiteral("ticked"), true}}),
    };
    for (const HttpReply &reply : replies) {
        QCOMPARE(reply.status, 404);
        QVERIFY2(!reply.body.contains("Example Dental"), reply.body.constData());
    }
    QCOMPARE(state(), before);
    // Without a session: 401.
    PortalClient stranger(m_portal.port());
    QCOMPARE(stranger.get(formPath()).status, 401);
    QCOMPARE(stranger.get(checklistPath()).status, 401);
}

void TestPortalForms::completedTasksAreRefused()
{
    QVERIFY(save({{QStringLiteral("company"), QStringLiteral("Example Dental")},
                  {QStringLiteral("size"), QStringLiteral("1-10")}})
                .status
            == 200);
    QCOMPARE(m_browser->post(QStringLiteral("/api/v1/tasks/%1/form/submit").arg(m_form), {}).status,
             200);
    const QString entryId = m_portal.rows(QStringLiteral("SELECT id FROM form_entry")).value(0);
    const QStringList before = state();
    HttpReply reply = save({{QStringLiteral("company"), QStringLiteral("Changed")},
                            {QStringLiteral("size"), QStringLiteral("1-10")}});
    QCOMPARE(reply.status, 409);
    QCOMPARE(reply.json().value(QStringLiteral("error")).toString(),
             QStringLiteral("This form has been submitted and can no longer be changed."));
    QCOMPARE(m_browser->post(formPath("/") + entryId + QStringLiteral("/delete"), {}).status, 409);
    QCOMPARE(m_browser->post(QStringLiteral("/api/v1/tasks/%1/form/submit").arg(m_form), {}).status,
             409);
    QCOMPARE(state(), before);
}

void TestPortalForms::tickAChecklist()
{
    HttpReply reply = m_browser->get(checklistPath());
    QVERIFY2(reply.status == 200, reply.describe());
    QCOMPARE(reply.json()
                 .value(QStringLiteral("progress"))
                 .toObject()
                 .value(QStringLiteral("total"))
                 .toInt(),
             2);
    reply = m_browser->post(checklistPath(), {{QStringLiteral("item"), QStringLiteral("fw")},
                                              {QStringLiteral("ticked"), true}});
    QVERIFY2(reply.status == 200, reply.describe());
    QJsonObject item = reply.json().value(QStringLiteral("items")).toArray().at(1).toObject();
    QCOMPARE(item.value(QStringLiteral("ticked")), QJsonValue(true));
    QCOMPARE(item.value(QStringLiteral("byName")), QJsonValue(QStringLiteral("Jordan Client")));
    QCOMPARE(item.value(QStringLiteral("at")).toString(), QStringLiteral("2027-01-15T08:00:00Z"));
    QCOMPARE(reply.json().value(QStringLiteral("task")).toObject().value(QStringLiteral("status")),
             QJsonValue(QStringLiteral("in_progress")));
    reply = m_browser->post(checklistPath(), {{QStringLiteral("item"), QStringLiteral("backup")},
                                              {QStringLiteral("ticked"), true}});
    QCOMPARE(reply.json()
                 .value(QStringLiteral("progress"))
                 .toObject()
                 .value(QStringLiteral("ticked"))
                 .toInt(),
             2);
    QCOMPARE(reply.json().value(QStringLiteral("task")).toObject().value(QStringLiteral("status")),
             QJsonValue(QStringLiteral("completed")));
    // Completed: unticking is refused and changes nothing.
    const QStringList before = state();
    reply = m_browser->post(checklistPath(), {{QStringLiteral("item"), QStringLiteral("fw")},
                                              {QStringLiteral("ticked"), false}});
    QCOMPARE(reply.status, 409);
    QCOMPARE(state(), before);
}

QTEST_GUILESS_MAIN(TestPortalForms)
#include "tst_portal_forms.moc"
