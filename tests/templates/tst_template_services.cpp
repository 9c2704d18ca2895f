// TemplateService on both engines: creating, renaming, duplicating, deleting and saving
// templates; refusals change nothing; every kind's settings reach a new onboarding's tasks.
#include "TestDatabase.h"

#include "core/Clock.h"
#include "security/AuditLog.h"
#include "services/OnboardingService.h"
#include "services/TemplateService.h"
#include "services/WorkspaceSetup.h"
#include "storage/DirectoryRepository.h"
#include "storage/OnboardingRepository.h"
#include "storage/SqlQuery.h"
#include "storage/TaskConfigText.h"

#include <QJsonArray>
#include <QSet>
#include <QTest>

#include <functional>

using namespace Gatehouse;
using Gatehouse::Testing::TestDatabase;

namespace {

// The demo's administrator: only staff whose role allows it may change these (CON-11).
const Actor kAdmin(Actor::Kind::Staff, WorkspaceSetup::demoCredentials().adminEmail,
                   QStringLiteral("Dana Admin"));

} // namespace

Q_DECLARE_METATYPE(Gatehouse::OnboardingTemplate)

namespace {

TemplateTask task(const QString &title, EvidenceType type, int offset,
                  const QJsonObject &config = {})
{
    return TemplateTask{
        title, QStringLiteral("About %1").arg(title), type, OwnerSide::Client, offset, config};
}

QJsonObject json(const char *text)
{
    return configFromText(QString::fromUtf8(text));
}

// A template with a task of every kind, each with the settings staff would give it.
OnboardingTemplate everyKind()
{
    OnboardingTemplate tmpl;
    tmpl.name = QStringLiteral("Every kind");
    tmpl.description = QStringLiteral("One task of each kind");
    tmpl.phases = {
        {QStringLiteral("First"),
         {task(QStringLiteral("Welcome"), EvidenceType::Standard, 0),
          task(QStringLiteral("Kick-off"), EvidenceType::Meeting, 1,
               json(R"({"date":"2027-03-01","time":"10:00","timeZone":"Europe/Berlin",
                        "durationMinutes":45,"url":"https://meet.example.com/k"})")),
          task(QStringLiteral("Later meeting"), EvidenceType::Meeting, 2),
          task(QStringLiteral("Documents"), EvidenceType::Upload, 3,
               json(R"({"accept":["pdf","image"],"maxMegabytes":10})")),
          task(QStringLiteral("Agreement"), EvidenceType::Signature, 4)}},
        {QStringLiteral("Second"),
         {task(QStringLiteral("Logins"), EvidenceType::Credential, 10),
          task(QStringLiteral("Big files"), EvidenceType::FileDrop, 11),
          task(QStringLiteral("Video"), EvidenceType::Training, 12,
               json(R"({"mode":"video","videoUrl":"https://youtu.be/dQw4w9WgXcQ"})")),
          task(QStringLiteral("On site"), EvidenceType::Training, 13,
               json(R"({"mode":"in_person","instructions":"Room 4, bring a laptop"})")),
          task(QStringLiteral("Questions"), EvidenceType::Form, 14,
               json(R"({"fields":[{"id":"q1","label":"Seats","type":"number","required":true},
                        {"id":"q2","label":"Systems","type":"multi_select",
                         "options":["Windows","macOS"]}],"multipleEntries":true})")),
          task(QStringLiteral("Check"), EvidenceType::Checklist, 15,
               json(R"({"items":[{"id":"a","text":"Badge"},{"id":"b","text":"Keys"}]})")),
          task(QStringLiteral("Go"), EvidenceType::Approval, 365)}},
    };
    return tmpl;
}

} // namespace

class TestTemplateServices : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addEngineRows(); }
    void init();
    void cleanup();

    void createRenameDuplicate();
    void deletingKeepsOnboardings();
    void refusalsChangeNothing_data();
    void refusalsChangeNothing();
    void everyKindReachesANewOnboarding();
    void settingsAreStoredInTheirCanonicalForm();

private:
    Database &db() { return m_test->db(); }
    TemplateService service() { return TemplateService(db(), m_clock); }
    QString one(const QString &sql)
    {
        SqlQuery query(db(), sql);
        QString error;
        if (!query.exec(&error) || !query.next()) {
            return QStringLiteral("(none: %1)").arg(error);
        }
        return query.text(0);
    }
    QString lastAction()
    {
        return one(QStringLiteral("SELECT action FROM audit_event ORDER BY id DESC LIMIT 1"));
    }
    // Everything a refused call must leave alone, the stored structure included.
    QString snapshot()
    {
        QStringList parts;
        for (const char *sql :
             {"SELECT COUNT(*) FROM template", "SELECT COUNT(*) FROM template_phase",
              "SELECT COUNT(*) FROM template_task", "SELECT COUNT(*) FROM activity",
              "SELECT COUNT(*) FROM audit_event"}) {
            parts.append(one(QLatin1String(sql)));
        }
        SqlQuery rows(db(), QStringLiteral("SELECT p.name, t.title, t.evidence_type, "
                                           "t.due_offset_days, t.config FROM template_phase p "
                                           "JOIN template_task t ON t.template_phase_id = p.id "
                                           "ORDER BY p.template_id, p.position, t.position"));
        QString error;
        if (rows.exec(&error)) {
            while (rows.next()) {
                parts.append(QStringList{rows.text(0), rows.text(1), rows.text(2), rows.text(3),
                                         rows.text(4)}
                                 .join(QLatin1Char('/')));
            }
        }
        for (const OnboardingTemplate &tmpl : service().list(nullptr)) {
            parts.append(tmpl.name + QLatin1Char(':') + tmpl.description);
        }
        return parts.join(QLatin1Char('|'));
    }

    std::unique_ptr<TestDatabase> m_test;
    ManualClock m_clock{1'800'000'000'000};
    qint64 m_companyId = 0;
    qint64 m_starterId = 0;
};

void TestTemplateServices::init()
{
    QFETCH_GLOBAL(QString, engine);
    m_test = TestDatabase::create(engine);
    QVERIFY(m_test);
    QString error;
    QVERIFY2(WorkspaceSetup(db(), m_clock).ensureDemo(nullptr, nullptr, &error), qPrintable(error));
    DirectoryRepository directory(db());
    const qint64 workspaceId = directory.workspace(&error)->id;
    m_companyId = directory.createCompany(workspaceId, QStringLiteral("Birch Ltd"), m_clock.nowMs(),
                                          &error);
    QVERIFY2(m_companyId > 0, qPrintable(error));
    const QList<OnboardingTemplate> templates = service().list(nullptr);
    QCOMPARE(templates.size(), 1);
    m_starterId = templates.first().id;
}

void TestTemplateServices::cleanup()
{
    if (m_test) {
        QString error;
        const AuditLog::VerifyResult result = AuditLog(db()).verify(&error);
        QVERIFY2(result.ok, qPrintable(result.reason));
    }
    m_test.reset();
}

void TestTemplateServices::createRenameDuplicate()
{
    TemplateService templates = service();
    ServiceError error;
    OnboardingTemplate fresh;
    fresh.name = QStringLiteral("  Small office  ");
    fresh.phases = {{QStringLiteral("Start"), {}}};
    const qint64 id = templates.create(fresh, kAdmin, &error);
    QVERIFY2(id > 0, qPrintable(error.message));
    QCOMPARE(lastAction(), QStringLiteral("template.created"));
    QCOMPARE(templates.get(id, &error)->name, QStringLiteral("Small office"));
    QCOMPARE(templates.get(id, &error)->phases.size(), 1);

    // Names are unique in the workspace, ignoring case.
    fresh.name = QStringLiteral("SMALL OFFICE");
    QCOMPARE(templates.create(fresh, kAdmin, &error), 0);
    QCOMPARE(error.kind, ServiceError::Kind::Conflict);
    QCOMPARE(error.message, QStringLiteral("Another template is already called \"Small office\"."));

    QVERIFY2(templates.rename(id, QStringLiteral("Small business"), kAdmin, &error),
             qPrintable(error.message));
    QCOMPARE(lastAction(), QStringLiteral("template.renamed"));
    QCOMPARE(one(QStringLiteral("SELECT detail FROM audit_event ORDER BY id DESC LIMIT 1")),
             QStringLiteral("Dana Admin renamed template \"Small office\" to \"Small business\""));
    const QString starterName = templates.get(m_starterId, &error)->name;
    QVERIFY(!templates.rename(id, starterName.toUpper(), kAdmin, &error));
    QCOMPARE(error.kind, ServiceError::Kind::Conflict);
    QVERIFY(!templates.rename(id, QStringLiteral("   "), kAdmin, &error));
    QCOMPARE(error.message, QStringLiteral("Give the template a name."));
    QVERIFY(!templates.rename(4242, QStringLiteral("Gone"), kAdmin, &error));
    QCOMPARE(error.kind, ServiceError::Kind::NotFound);

    // A copy has the whole structure under a free name.
    const qint64 copy = templates.duplicate(m_starterId, QString(), kAdmin, &error);
    QVERIFY2(copy > 0, qPrintable(error.message));
    QCOMPARE(lastAction(), QStringLiteral("template.duplicated"));
    const OnboardingTemplate original = *templates.get(m_starterId, &error);
    const OnboardingTemplate copied = *templates.get(copy, &error);
    QCOMPARE(copied.name, QStringLiteral("Copy of %1").arg(original.name));
    QCOMPARE(copied.phases.size(), original.phases.size());
    for (int p = 0; p < original.phases.size(); ++p) {
        QCOMPARE(copied.phases.at(p).name, original.phases.at(p).name);
        QCOMPARE(copied.phases.at(p).tasks.size(), original.phases.at(p).tasks.size());
        for (int t = 0; t < original.phases.at(p).tasks.size(); ++t) {
            QCOMPARE(copied.phases.at(p).tasks.at(t).title,
                     original.phases.at(p).tasks.at(t).title);
            QCOMPARE(copied.phases.at(p).tasks.at(t).dueOffsetDays,
                     original.phases.at(p).tasks.at(t).dueOffsetDays);
        }
    }
    const qint64 second = templates.duplicate(m_starterId, QString(), kAdmin, &error);
    QCOMPARE(templates.get(second, &error)->name,
             QStringLiteral("Copy of %1 (2)").arg(original.name));
    QCOMPARE(templates.duplicate(m_starterId, QStringLiteral("small business"), kAdmin, &error), 0);
    QCOMPARE(error.kind, ServiceError::Kind::Conflict);
    QCOMPARE(templates.list(&error).size(), 4);
}

void TestTemplateServices::deletingKeepsOnboardings()
{
    TemplateService templates = service();
    ServiceError error;
    const qint64 copy = templates.duplicate(m_starterId, QStringLiteral("To go"), kAdmin, &error);
    QVERIFY(copy > 0);
    const qint64 onboarding
        = OnboardingService(db(), m_clock)
              .createFromTemplate(m_companyId, copy, QString(), QDate(2027, 1, 4), kAdmin, &error);
    QVERIFY2(onboarding > 0, qPrintable(error.message));
    const QString tasksBefore
        = one(QStringLiteral("SELECT COUNT(*) FROM task WHERE onboarding_id = %1").arg(onboarding));
    QVERIFY(tasksBefore.toInt() > 0);
    QCOMPARE(templates.onboardingCount(copy, &error), 1);

    QVERIFY2(templates.remove(copy, kAdmin, &error), qPrintable(error.message));
    QCOMPARE(lastAction(), QStringLiteral("template.deleted"));
    QVERIFY(!templates.get(copy, &error));
    QCOMPARE(error.kind, ServiceError::Kind::NotFound);
    QCOMPARE(
        one(QStringLiteral("SELECT COUNT(*) FROM template_phase WHERE template_id = %1").arg(copy)),
        QStringLiteral("0"));
    // The onboarding keeps every task and only forgets where they came from.
    QCOMPARE(
        one(QStringLiteral("SELECT COUNT(*) FROM task WHERE onboarding_id = %1").arg(onboarding)),
        tasksBefore);
    QCOMPARE(one(QStringLiteral("SELECT COALESCE(template_id, 0) FROM onboarding WHERE id = %1")
                     .arg(onboarding)),
             QStringLiteral("0"));
    QVERIFY(!templates.remove(copy, kAdmin, &error));
    QCOMPARE(error.kind, ServiceError::Kind::NotFound);
}

void TestTemplateServices::refusalsChangeNothing_data()
{
    QTest::addColumn<OnboardingTemplate>("tmpl");
    QTest::addColumn<QString>("message");
    QTest::addColumn<int>("phase");
    QTest::addColumn<int>("task");

    const OnboardingTemplate good = everyKind();
    const auto with = [&good](const std::function<void(OnboardingTemplate &)> &change) {
        OnboardingTemplate changed = good;
        change(changed);
        return changed;
    };
    QTest::addRow("no name") << with([](OnboardingTemplate &t) { t.name = QStringLiteral(" "); })
                             << QStringLiteral("Give the template a name.") << -1 << -1;
    QTest::addRow("name taken") << with(
        [](OnboardingTemplate &t) { t.name = QStringLiteral("managed SERVICES onboarding"); })
                                << QStringLiteral("Another template is already called") << -1 << -1;
    QTest::addRow("no phase") << with([](OnboardingTemplate &t) { t.phases.clear(); })
                              << QStringLiteral("A template needs at least one phase.") << -1 << -1;
    QTest::addRow("unnamed phase")
        << with([](OnboardingTemplate &t) { t.phases[1].name = QString(); })
        << QStringLiteral("Phase 2 needs a name.") << 1 << -1;
    QTest::addRow("untitled task")
        << with([](OnboardingTemplate &t) { t.phases[0].tasks[2].title = QStringLiteral("  "); })
        << QStringLiteral("First, task 3 needs a title.") << 0 << 2;
    QTest::addRow("offset before the start")
        << with([](OnboardingTemplate &t) { t.phases[0].tasks[0].dueOffsetDays = -1; })
        << QStringLiteral("\"Welcome\": the due date must be 0 to 365 days after the start.") << 0
        << 0;
    QTest::addRow("offset over a year")
        << with([](OnboardingTemplate &t) { t.phases[1].tasks[6].dueOffsetDays = 366; })
        << QStringLiteral("\"Go\": the due date must be 0 to 365 days after the start.") << 1 << 6;
    QTest::addRow("upload of an unknown kind") << with([](OnboardingTemplate &t) {
        t.phases[0].tasks[3].config = json(R"({"accept":["exe"]})");
    }) << QStringLiteral("\"exe\" is not a kind of file Gatehouse knows.")
                                               << 0 << 3;
    QTest::addRow("upload too large") << with([](OnboardingTemplate &t) {
        t.phases[0].tasks[3].config = json(R"({"maxMegabytes":101})");
    }) << QStringLiteral("The size limit must be a whole number of MB from 1 to 100.")
                                      << 0 << 3;
    QTest::addRow("meeting in no zone") << with([](OnboardingTemplate &t) {
        t.phases[0].tasks[1].config[QStringLiteral("timeZone")] = QStringLiteral("Mars/Olympus");
    }) << QStringLiteral("Choose a time zone from the list.")
                                        << 0 << 1;
    QTest::addRow("training from another host") << with([](OnboardingTemplate &t) {
        t.phases[1].tasks[2].config
            = json(R"({"mode":"video","videoUrl":"https://evil.example/v"})");
    }) << QStringLiteral("\"Video\" (") << 1 << 2;
    QTest::addRow("form with a field twice") << with([](OnboardingTemplate &t) {
        t.phases[1].tasks[4].config = json(R"({"fields":[{"id":"a","label":"A","type":"short_text"},
                                                         {"id":"a","label":"B","type":"email"}]})");
    }) << QStringLiteral("Two fields have the id")
                                             << 1 << 4;
    QTest::addRow("form field of no type") << with([](OnboardingTemplate &t) {
        t.phases[1].tasks[4].config
            = json(R"({"fields":[{"id":"a","label":"A","type":"colour"}]})");
    }) << QStringLiteral("\"Questions\" (") << 1
                                           << 4;
    QTest::addRow("checklist item without text") << with([](OnboardingTemplate &t) {
        t.phases[1].tasks[5].config = json(R"({"items":[{"id":"a","text":" "}]})");
    }) << QStringLiteral("\"Check\" (") << 1 << 5;
}

void TestTemplateServices::refusalsChangeNothing()
{
    QFETCH(OnboardingTemplate, tmpl);
    QFETCH(QString, message);
    QFETCH(int, phase);
    QFETCH(int, task);

    // A template with every kind, saved once; then a bad version of it on top.
    TemplateService templates = service();
    ServiceError error;
    OnboardingTemplate stored = everyKind();
    const qint64 id = templates.create(stored, kAdmin, &error);
    QVERIFY2(id > 0, qPrintable(error.message));
    const QString before = snapshot();

    tmpl.id = id;
    TemplateProblem problem;
    QVERIFY(!templates.save(tmpl, kAdmin, &error, &problem));
    QVERIFY2(error.message.contains(message), qPrintable(error.message));
    QVERIFY(error.kind == ServiceError::Kind::Invalid
            || error.kind == ServiceError::Kind::Conflict);
    if (error.kind == ServiceError::Kind::Invalid) {
        QCOMPARE(problem.message, error.message);
        QCOMPARE(problem.phase, phase);
        QCOMPARE(problem.task, task);
    }
    QCOMPARE(snapshot(), before);

    // Creating it anew is refused just the same.
    tmpl.id = 0;
    if (error.kind == ServiceError::Kind::Invalid) {
        QCOMPARE(templates.create(tmpl, kAdmin, &error), 0);
        QVERIFY2(error.message.contains(message), qPrintable(error.message));
        QCOMPARE(snapshot(), before);
    }
}

void TestTemplateServices::everyKindReachesANewOnboarding()
{
    TemplateService templates = service();
    ServiceError error;
    const qint64 id = templates.create(everyKind(), kAdmin, &error);
    QVERIFY2(id > 0, qPrintable(error.message));

    // Edited: a phase moved, a task renamed, an offset changed; saved in one go.
    OnboardingTemplate edited = *templates.get(id, &error);
    edited.phases.move(1, 0);
    edited.phases[0].tasks[0].title = QStringLiteral("Logins please");
    edited.phases[1].tasks[0].dueOffsetDays = 7;
    edited.name = QStringLiteral("Every kind, edited");
    QVERIFY2(templates.save(edited, kAdmin, &error), qPrintable(error.message));
    QCOMPARE(lastAction(), QStringLiteral("template.saved"));
    QVERIFY(one(QStringLiteral("SELECT detail FROM audit_event ORDER BY id DESC LIMIT 1"))
                .contains(QStringLiteral("(was \"Every kind\"): 2 phases, 12 tasks")));

    const OnboardingTemplate saved = *templates.get(id, &error);
    QCOMPARE(saved.name, edited.name);
    QCOMPARE(saved.phases.first().name, QStringLiteral("Second"));

    const QDate start(2027, 2, 1);
    const qint64 onboardingId
        = OnboardingService(db(), m_clock)
              .createFromTemplate(m_companyId, id, QString(), start, kAdmin, &error);
    QVERIFY2(onboardingId > 0, qPrintable(error.message));
    QString dbError;
    const std::optional<Onboarding> onboarding
        = OnboardingRepository(db()).get(onboardingId, &dbError);
    QVERIFY2(onboarding, qPrintable(dbError));
    QCOMPARE(onboarding->phases.size(), saved.phases.size());
    QSet<QString> kinds;
    for (int p = 0; p < saved.phases.size(); ++p) {
        const TemplatePhase &want = saved.phases.at(p);
        const Phase &got = onboarding->phases.at(p);
        QCOMPARE(got.name, want.name);
        QCOMPARE(got.tasks.size(), want.tasks.size());
        for (int t = 0; t < want.tasks.size(); ++t) {
            const Task &made = got.tasks.at(t);
            QCOMPARE(made.title, want.tasks.at(t).title);
            QCOMPARE(made.evidenceType, want.tasks.at(t).evidenceType);
            QCOMPARE(made.dueDate, start.addDays(want.tasks.at(t).dueOffsetDays));
            QCOMPARE(configToText(made.config), configToText(want.tasks.at(t).config));
            kinds.insert(toKey(made.evidenceType));
        }
    }
    QCOMPARE(kinds.size(), 10);
    // The settings are what the kinds' own code reads.
    const Task &video = onboarding->phases.at(0).tasks.at(2);
    QCOMPARE(video.config.value(QStringLiteral("embedUrl")).toString(),
             QStringLiteral("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"));
    const Task &form = onboarding->phases.at(0).tasks.at(4);
    QCOMPARE(form.config.value(QStringLiteral("fields")).toArray().size(), 2);
    QCOMPARE(form.config.value(QStringLiteral("multipleEntries")).toBool(), true);
    const Task &checklist = onboarding->phases.at(0).tasks.at(5);
    QCOMPARE(checklist.config.value(QStringLiteral("items")).toArray().size(), 2);
    const Task &meeting = onboarding->phases.at(1).tasks.at(1);
    QCOMPARE(meeting.config.value(QStringLiteral("timeZone")).toString(),
             QStringLiteral("Europe/Berlin"));
    QVERIFY(onboarding->phases.at(1).tasks.at(2).config.isEmpty()); // a meeting not yet set
    const Task &upload = onboarding->phases.at(1).tasks.at(3);
    QCOMPARE(upload.config.value(QStringLiteral("maxMegabytes")).toInt(), 10);
    QCOMPARE(onboarding->phases.at(0).tasks.at(6).dueDate, start.addDays(365));
}

void TestTemplateServices::settingsAreStoredInTheirCanonicalForm()
{
    TemplateService templates = service();
    ServiceError error;
    OnboardingTemplate tmpl = everyKind();
    // An embed address given by the client is never trusted: it is derived from the link.
    tmpl.phases[1].tasks[2].config[QStringLiteral("embedUrl")]
        = QStringLiteral("https://evil.example/embed");
    // An upload without settings gets the defaults written out.
    tmpl.phases[0].tasks[3].config = QJsonObject();
    const qint64 id = templates.create(tmpl, kAdmin, &error);
    QVERIFY2(id > 0, qPrintable(error.message));
    const OnboardingTemplate stored = *templates.get(id, &error);
    QCOMPARE(stored.phases.at(1).tasks.at(2).config.value(QStringLiteral("embedUrl")).toString(),
             QStringLiteral("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"));
    QCOMPARE(stored.phases.at(0).tasks.at(3).config.value(QStringLiteral("maxMegabytes")).toInt(),
             25);
    QVERIFY(!stored.phases.at(0)
                 .tasks.at(3)
                 .config.value(QStringLiteral("accept"))
                 .toArray()
                 .isEmpty());
    QCOMPARE(stored.phases.at(0).tasks.at(0).description, QStringLiteral("About Welcome"));
}

QTEST_GUILESS_MAIN(TestTemplateServices)
#include "tst_template_services.moc"
