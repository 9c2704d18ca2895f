// Storage on both engines: schema, validation, tenancy scoping, transactions, pending logins.
#include "TestDatabase.h"

#include "core/Clock.h"
#include "domain/MeetingSchedule.h"
#include "domain/TrainingSpec.h"
#include "files/UploadSpec.h"
#include "forms/ChecklistDefinition.h"
#include "forms/FormDefinition.h"
#include "mail/OutboxRepository.h"
#include "security/Tokens.h"
#include "services/OnboardingService.h"
#include "services/PortalAuthService.h"
#include "services/WorkspaceSetup.h"
#include "storage/AccessRepository.h"
#include "storage/DirectoryRepository.h"
#include "storage/Migrations.h"
#include "storage/OnboardingRepository.h"
#include "storage/SqlQuery.h"
#include "storage/TemplateRepository.h"
#include "storage/Transaction.h"

#include <QSet>
#include <QTest>

using namespace Gatehouse;
using Gatehouse::Testing::TestDatabase;

class TestStorage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addEngineRows(); }
    void init()
    {
        QFETCH_GLOBAL(QString, engine);
        m_test = TestDatabase::create(engine);
        QVERIFY(m_test);
    }
    void cleanup() { m_test.reset(); }

    void migrationsAreIdempotent();
    void databaseUrlsAreParsed_data();
    void databaseUrlsAreParsed();
    void demoWorkspaceIsComplete();
    void badInputIsRefusedAndChangesNothing_data();
    void badInputIsRefusedAndChangesNothing();
    void tasksAreScopedToTheirCompany();
    void transactionsRollBackAndNest();
    void codeAttemptsAreLimited();
    void outboxBacksOff();
    void loginByEmailLooksTheSameForUnknownAddresses();

private:
    int count(const QString &table)
    {
        SqlQuery query(m_test->db(), QStringLiteral("SELECT COUNT(*) FROM ") + table);
        QString error;
        if (!query.exec(&error) || !query.next()) {
            return -1;
        }
        return query.value(0).toInt();
    }
    qint64 workspaceId()
    {
        QString error;
        const auto workspace = DirectoryRepository(m_test->db()).workspace(&error);
        return workspace ? workspace->id : 0;
    }

    std::unique_ptr<TestDatabase> m_test;
    ManualClock m_clock{1'800'000'000'000};
};

void TestStorage::migrationsAreIdempotent()
{
    QString error;
    QCOMPARE(m_test->db().schemaVersion(), Migrations::latestVersion());
    QVERIFY2(m_test->db().migrate(&error), qPrintable(error));
    QCOMPARE(m_test->db().schemaVersion(), Migrations::latestVersion());
    QCOMPARE(count(QStringLiteral("schema_version")), Migrations::latestVersion());
}

void TestStorage::databaseUrlsAreParsed_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("database");
    QTest::addRow("postgres") << "postgresql://gh:secret@db.example:6543/portal" << true
                              << "db.example" << 6543 << "portal";
    QTest::addRow("default port") << "postgres://gh@db/portal" << true << "db" << 5432 << "portal";
    QTest::addRow("plain file") << "/var/lib/gatehouse/g.sqlite" << true << "" << 5432 << "";
    QTest::addRow("no database") << "postgresql://gh@db/" << false << "" << 0 << "";
    QTest::addRow("unknown scheme") << "mysql://gh@db/portal" << false << "" << 0 << "";
    QTest::addRow("empty") << "" << false << "" << 0 << "";
}

void TestStorage::databaseUrlsAreParsed()
{
    QFETCH(QString, url);
    QFETCH(bool, valid);
    QString error;
    const std::optional<DatabaseConfig> config = DatabaseConfig::fromUrl(url, &error);
    QCOMPARE(config.has_value(), valid);
    if (!valid) {
        QVERIFY(!error.isEmpty());
        return;
    }
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(QString, database);
    QCOMPARE(config->host, host);
    QCOMPARE(config->port, port);
    QCOMPARE(config->databaseName, database);
    QVERIFY(!config->describe().contains(QLatin1String("secret")));
}

void TestStorage::demoWorkspaceIsComplete()
{
    WorkspaceSetup setup(m_test->db(), m_clock);
    QString error;
    bool created = false;
    QVERIFY2(setup.ensureDemo(nullptr, &created, &error), qPrintable(error));
    QVERIFY(created);
    QVERIFY2(setup.ensureDemo(nullptr, &created, &error), qPrintable(error));
    QVERIFY(!created);

    const QList<Onboarding> onboardings
        = OnboardingRepository(m_test->db()).list(workspaceId(), &error);
    QCOMPARE(onboardings.size(), 1);
    const std::optional<Onboarding> full
        = OnboardingRepository(m_test->db()).get(onboardings.first().id, &error);
    QVERIFY(full);
    const OnboardingTemplate starter = WorkspaceSetup::starterTemplate();
    QCOMPARE(full->phases.size(), starter.phases.size());
    int total = 0;
    for (const TemplatePhase &phase : starter.phases) {
        total += phase.tasks.size();
    }
    QCOMPARE(full->progress.total, total);
    QCOMPARE(full->progress.completed, 1);
    // One onboarding that uses every kind of task, each kind's settings valid as staff would
    // save them, and the walk-through meeting booked.
    QSet<EvidenceType> kinds;
    for (const Phase &phase : full->phases) {
        for (const Task &task : phase.tasks) {
            kinds.insert(task.evidenceType);
            QString why;
            FieldErrors errors;
            switch (task.evidenceType) {
            case EvidenceType::Upload:
                QVERIFY2(UploadSpec::fromConfig(task.config, &why), qPrintable(why));
                break;
            case EvidenceType::Form:
                QVERIFY2(FormDefinition::fromConfig(task.config, &why), qPrintable(why));
                break;
            case EvidenceType::Checklist:
                QVERIFY2(ChecklistDefinition::fromConfig(task.config, &why), qPrintable(why));
                break;
            case EvidenceType::Training:
                QVERIFY(TrainingSpec::fromConfig(task.config, &errors));
                break;
            case EvidenceType::Meeting:
                if (task.ownerSide == OwnerSide::Client) {
                    QVERIFY(MeetingSchedule::fromConfig(task.config, &errors));
                }
                break;
            default:
                break;
            }
        }
    }
    QCOMPARE(kinds.size(), 10);
    QCOMPARE(full->phases.first().tasks.first().status, TaskStatus::Completed);
    // The due dates follow the template's offsets from the start date.
    QCOMPARE(full->phases.first().tasks.first().dueDate,
             full->startDate.addDays(starter.phases.first().tasks.first().dueOffsetDays));
    QVERIFY(DirectoryRepository(m_test->db())
                .authenticateStaff(QStringLiteral("DEMO.admin@example.com"),
                                   WorkspaceSetup::demoCredentials().adminPassword, &error));
    QVERIFY(!DirectoryRepository(m_test->db())
                 .authenticateStaff(QStringLiteral("demo.admin@example.com"),
                                    QStringLiteral("wrong password"), &error));
    QVERIFY(!error.isEmpty());
}

void TestStorage::badInputIsRefusedAndChangesNothing_data()
{
    QTest::addColumn<QString>("what");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("email");
    QTest::addRow("company without name") << "company"
                                          << "  "
                                          << "";
    QTest::addRow("company name too long") << "company" << QString(201, QLatin1Char('x')) << "";
    QTest::addRow("duplicate company") << "company"
                                       << "Example Dental"
                                       << "";
    QTest::addRow("contact without name") << "contact"
                                          << ""
                                          << "a@example.com";
    QTest::addRow("contact bad email") << "contact"
                                       << "Ann"
                                       << "not-an-email";
    QTest::addRow("contact email with newline") << "contact"
                                                << "Ann"
                                                << "a@example.com\nBcc: x@y.z";
    QTest::addRow("duplicate contact") << "contact"
                                       << "Jordan"
                                       << "DEMO.contact@example.com";
    QTest::addRow("staff weak password") << "staff"
                                         << "Sam"
                                         << "sam@example.com";
}

void TestStorage::badInputIsRefusedAndChangesNothing()
{
    QFETCH(QString, what);
    QFETCH(QString, name);
    QFETCH(QString, email);
    QString error;
    QVERIFY(WorkspaceSetup(m_test->db(), m_clock).ensureDemo(nullptr, nullptr, &error));
    DirectoryRepository directory(m_test->db());
    const qint64 companyId = directory.companies(workspaceId(), &error).first().id;
    const int companies = count(QStringLiteral("company"));
    const int contacts = count(QStringLiteral("contact"));
    const int staff = count(QStringLiteral("staff"));
    error.clear();
    qint64 id = -1;
    if (what == QLatin1String("company")) {
        id = directory.createCompany(workspaceId(), name, m_clock.nowMs(), &error);
    } else if (what == QLatin1String("contact")) {
        id = directory.createContact(companyId, name, email, m_clock.nowMs(), &error);
    } else {
        id = directory.createStaff(workspaceId(), email, name, QStringLiteral("short"),
                                   QStringLiteral("admin"), m_clock.nowMs(), &error);
    }
    QCOMPARE(id, 0);
    QVERIFY(!error.isEmpty());
    QVERIFY2(!error.contains(QLatin1String("Database error")), qPrintable(error));
    QCOMPARE(count(QStringLiteral("company")), companies);
    QCOMPARE(count(QStringLiteral("contact")), contacts);
    QCOMPARE(count(QStringLiteral("staff")), staff);
}

void TestStorage::tasksAreScopedToTheirCompany()
{
    QString error;
    QVERIFY(WorkspaceSetup(m_test->db(), m_clock).ensureDemo(nullptr, nullptr, &error));
    DirectoryRepository directory(m_test->db());
    const qint64 ownCompany = directory.companies(workspaceId(), &error).first().id;
    const qint64 otherCompany = directory.createCompany(workspaceId(), QStringLiteral("Other Co"),
                                                        m_clock.nowMs(), &error);
    const qint64 otherContact
        = directory.createContact(otherCompany, QStringLiteral("Olly"),
                                  QStringLiteral("olly@other.example"), m_clock.nowMs(), &error);
    QVERIFY(otherContact > 0);

    OnboardingRepository onboardings(m_test->db());
    const Onboarding demo = onboardings.forCompany(ownCompany, &error).first();
    const Task clientTask = demo.phases.first().tasks.at(1);
    QCOMPARE(clientTask.ownerSide, OwnerSide::Client);

    QVERIFY(onboardings.taskForCompany(clientTask.id, ownCompany, &error));
    QVERIFY(!onboardings.taskForCompany(clientTask.id, otherCompany, &error));
    QVERIFY(onboardings.forCompany(otherCompany, &error).isEmpty());

    ServiceError refused;
    OnboardingService service(m_test->db(), m_clock);
    QVERIFY(
        !service.completeAsContact(clientTask.id, otherContact, otherCompany, QString(), &refused));
    QCOMPARE(refused.kind, ServiceError::Kind::NotFound);
    QCOMPARE(onboardings.taskForCompany(clientTask.id, ownCompany, &error)->status,
             TaskStatus::Pending);
}

void TestStorage::transactionsRollBackAndNest()
{
    QString error;
    const qint64 workspace
        = DirectoryRepository(m_test->db()).createWorkspace(QStringLiteral("W"), 1, &error);
    QVERIFY(workspace > 0);
    {
        Transaction outer(m_test->db());
        QVERIFY(outer.isActive());
        QVERIFY(DirectoryRepository(m_test->db())
                    .createCompany(workspace, QStringLiteral("Kept"), 1, &error));
        {
            Transaction inner(m_test->db());
            QVERIFY(inner.isActive());
            QVERIFY(DirectoryRepository(m_test->db())
                        .createCompany(workspace, QStringLiteral("Dropped"), 1, &error));
            // no commit: the savepoint rolls back, the outer transaction goes on
        }
        {
            Transaction inner(m_test->db());
            QVERIFY(DirectoryRepository(m_test->db())
                        .createCompany(workspace, QStringLiteral("Nested"), 1, &error));
            QVERIFY2(inner.commit(&error), qPrintable(error));
        }
        QVERIFY2(outer.commit(&error), qPrintable(error));
    }
    {
        Transaction abandoned(m_test->db());
        QVERIFY(DirectoryRepository(m_test->db())
                    .createCompany(workspace, QStringLiteral("Lost"), 1, &error));
    }
    QStringList names;
    for (const Company &company : DirectoryRepository(m_test->db()).companies(workspace, &error)) {
        names.append(company.name);
    }
    QCOMPARE(names, (QStringList{QStringLiteral("Kept"), QStringLiteral("Nested")}));
}

void TestStorage::codeAttemptsAreLimited()
{
    QString error;
    QVERIFY(WorkspaceSetup(m_test->db(), m_clock).ensureDemo(nullptr, nullptr, &error));
    const Contact contact = DirectoryRepository(m_test->db())
                                .contactsByEmail(QStringLiteral("demo.contact@example.com"), &error)
                                .first();
    AccessRepository access(m_test->db());
    const qint64 id = access.createChallenge(
        contact.id, Tokens::hash(Tokens::generate()), Tokens::hash(Tokens::generate()),
        QStringLiteral("s$h"), m_clock.nowMs(), m_clock.nowMs() + 60000, &error);
    QVERIFY2(id > 0, qPrintable(error));
    for (int i = 0; i < 5; ++i) {
        QVERIFY(access.takeAttempt(id, 5, &error));
    }
    QVERIFY(!access.takeAttempt(id, 5, &error));
    QVERIFY(error.isEmpty());
    QVERIFY(access.consumeChallenge(id, m_clock.nowMs(), &error));
    QVERIFY(!access.consumeChallenge(id, m_clock.nowMs(), &error)); // single use
}

void TestStorage::outboxBacksOff()
{
    OutboxRepository outbox(m_test->db());
    QString error;
    MailMessage message;
    message.to = QStringLiteral("a@example.com");
    message.subject = QStringLiteral("Hello");
    message.text = QStringLiteral("Body");
    const qint64 id = outbox.enqueue(message, m_clock.nowMs(), &error);
    QVERIFY2(id > 0, qPrintable(error));
    QCOMPARE(outbox.due(m_clock.nowMs(), 10, &error).size(), 1);
    QVERIFY(outbox.markFailed(id, QStringLiteral("connection refused"), m_clock.nowMs() + 30000,
                              &error));
    QCOMPARE(outbox.due(m_clock.nowMs(), 10, &error).size(), 0);
    QCOMPARE(outbox.due(m_clock.nowMs() + 30000, 10, &error).size(), 1);
    QCOMPARE(outbox.recent(1, &error).first().lastError, QStringLiteral("connection refused"));
    QVERIFY(outbox.markSent(id, m_clock.nowMs(), &error));
    QCOMPARE(outbox.pendingCount(&error), 0);
}

void TestStorage::loginByEmailLooksTheSameForUnknownAddresses()
{
    QString error;
    QVERIFY(WorkspaceSetup(m_test->db(), m_clock).ensureDemo(nullptr, nullptr, &error));
    PortalAuthService auth(m_test->db(), m_clock, QStringLiteral("https://portal.example"));
    const int mailsBefore = count(QStringLiteral("outbox"));
    ServiceError refused;

    const auto known = auth.startFromEmail(QStringLiteral(" Demo.Contact@example.com "), &refused);
    QVERIFY(known);
    QCOMPARE(count(QStringLiteral("outbox")), mailsBefore + 1);
    const auto unknown = auth.startFromEmail(QStringLiteral("stranger@example.com"), &refused);
    QVERIFY(unknown);
    QCOMPARE(count(QStringLiteral("outbox")), mailsBefore + 1); // nobody to mail
    QCOMPARE(unknown->handle.size(), known->handle.size());
    QCOMPARE(unknown->maskedEmail, QStringLiteral("s\u2022\u2022\u2022@example.com"));

    const auto wrongKnown
        = auth.verifyCode(known->handle, QStringLiteral("000000"), {}, {}, &refused);
    const QString knownMessage = refused.message;
    const auto wrongUnknown
        = auth.verifyCode(unknown->handle, QStringLiteral("000000"), {}, {}, &refused);
    QVERIFY(!wrongKnown && !wrongUnknown);
    QCOMPARE(refused.kind, ServiceError::Kind::Unauthorized);
    QCOMPARE(refused.message, knownMessage);

    QVERIFY(!auth.startFromEmail(QStringLiteral("not an address"), &refused));
    QCOMPARE(refused.kind, ServiceError::Kind::Invalid);
}

QTEST_GUILESS_MAIN(TestStorage)
#include "tst_storage.moc"
