// Portal roles (ACC-12), on both engines. The IDOR matrix is generated from openapi.yaml: for
// every documented operation, a contact whose role lacks exactly the operation's x-permission
// is refused with 403 and changes nothing; for every operation with an id in its path, a
// contact of another company gets 403/404 and changes nothing, while the company's primary
// contact is not refused. An operation without x-permission fails the test, so a new route
// cannot forget it. Role changes apply to the very next request; /me lists the permissions.
#include "OpenApiOperations.h"
#include "OtherConnection.h"
#include "PortalClient.h"
#include "PortalFixture.h"
#include "TestDatabase.h"
#include "TestStaff.h"

#include "domain/PortalRole.h"
#include "security/Tokens.h"
#include "services/OnboardingService.h"
#include "services/PortalRoleService.h"
#include "storage/DirectoryRepository.h"
#include "storage/PortalRoleRepository.h"
#include "storage/TemplateRepository.h"

#include <QJsonArray>
#include <QTest>

using namespace Gatehouse;
using namespace Gatehouse::Testing;

class TestPortalRoles : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(Tokens::initialise()); }
    void initTestCase_data() { TestDatabase::addEngineRows(); }
    void init();
    void cleanup();

    void everyOperationNamesAPermission();
    void idorMatrixFromTheRouteTable();
    void roleChangeAppliesOnTheNextRequest();
    void customRoleGrantsWhatItLists();
    void taskKindNeedsItsOwnPermission();
    void meListsThePermissions();
    void newContactsGetTheDefaultRole();

private:
    // Portal roles are a lead's to change.
    Actor lead() { return staffActor(m_portal.db(), StaffRole::Lead, QStringLiteral("Dana Lead")); }
    qint64 addContact(const QString &name, const QString &email);
    void setRole(qint64 contactId, qint64 roleId);
    qint64 builtIn(BuiltInRole role);
    // The path with ids of the demo company's objects the operation fits.
    QString pathFor(const Operation &operation) const;
    HttpReply call(PortalClient &browser, const Operation &operation);
    // Every table's rows (file chunks counted), except what a refused request may touch
    // (sessions, the access log, rate limits).
    QStringList snapshot();

    PortalFixture m_portal;
    QString m_engine;
    std::unique_ptr<PortalClient> m_primary;
    qint64 m_companyB = 0;
    qint64 m_contactB = 0;
    QHash<QString, qint64> m_taskOfKind; // "upload" -> the demo company's upload task
    qint64 m_fileId = 0;
    qint64 m_entryId = 0;
    qint64 m_dropId = 0;
};

void TestPortalRoles::init()
{
    QFETCH_GLOBAL(QString, engine);
    m_engine = engine;
    QString error;
    QVERIFY2(m_portal.start(engine, &error), qPrintable(error));
    for (const Task &task : m_portal.tasksOf(m_portal.contact().companyId)) {
        if (task.ownerSide == OwnerSide::Client && task.status == TaskStatus::Pending
            && !m_taskOfKind.contains(toKey(task.evidenceType))) {
            m_taskOfKind.insert(toKey(task.evidenceType), task.id);
        }
    }
    QCOMPARE(m_taskOfKind.size(), 10); // the demo has a pending client task of every kind

    // A second company, with its own onboarding and primary contact.
    DirectoryRepository directory(m_portal.db());
    const qint64 workspaceId = directory.workspace(&error)->id;
    m_companyB = directory.createCompany(workspaceId, QStringLiteral("Other Clinic"),
                                         PortalFixture::kStartMs, &error);
    m_contactB = directory.createContact(m_companyB, QStringLiteral("Olly Other"),
                                         QStringLiteral("olly@other.example"),
                                         PortalFixture::kStartMs, &error);
    QVERIFY2(m_contactB > 0, qPrintable(error));
    ServiceError serviceError;
    QVERIFY(OnboardingService(m_portal.db(), m_portal.clock())
                .createFromTemplate(
                    m_companyB,
                    TemplateRepository(m_portal.db()).list(workspaceId, &error).first().id,
                    QStringLiteral("Other onboarding"), QDate(2027, 1, 1),
                    Actor::system(QStringLiteral("test")), &serviceError)
            > 0);

    // Objects with ids of their own: a document, a form entry, a file drop.
    m_primary = std::make_unique<PortalClient>(m_portal.port());
    QVERIFY2(m_portal.signIn(*m_primary, m_portal.contact().id, &error), qPrintable(error));
    HttpReply reply = m_primary->send("POST",
                                      QStringLiteral("/api/v1/tasks/%1/files?name=plan.txt")
                                          .arg(m_taskOfKind.value(QStringLiteral("upload"))),
                                      "The network plan, version 1.\n", "application/octet-stream");
    QVERIFY2(reply.status == 201, reply.describe());
    m_fileId = reply.json()[QStringLiteral("file")][QStringLiteral("id")].toInteger();
    reply = m_primary->post(
        QStringLiteral("/api/v1/tasks/%1/form/entries")
            .arg(m_taskOfKind.value(QStringLiteral("form"))),
        {{QStringLiteral("answers"),
          QJsonObject{{QStringLiteral("employees"), 12},
                      {QStringLiteral("offices"), QStringLiteral("Main Street 1")},
                      {QStringLiteral("microsoft365"), true},
                      {QStringLiteral("backup"), QStringLiteral("USB drives")},
                      {QStringLiteral("it_email"), QStringLiteral("it@example.test")}}}});
    QVERIFY2(reply.status == 200, reply.describe());
    m_entryId = reply.json()[QStringLiteral("entry")][QStringLiteral("id")].toInteger();
    reply = m_primary->send("POST",
                            QStringLiteral("/api/v1/tasks/%1/drops?name=backup.txt")
                                .arg(m_taskOfKind.value(QStringLiteral("file_drop"))),
                            "drop me", "application/octet-stream");
    QVERIFY2(reply.status == 201, reply.describe());
    m_dropId = reply.json()[QStringLiteral("drop")][QStringLiteral("id")].toInteger();
    QVERIFY(m_fileId > 0 && m_entryId > 0 && m_dropId > 0);
}

void TestPortalRoles::cleanup()
{
    m_primary.reset();
    m_taskOfKind.clear();
    m_portal.stop();
}

qint64 TestPortalRoles::addContact(const QString &name, const QString &email)
{
    QString error;
    const qint64 id = DirectoryRepository(m_portal.db())
                          .createContact(m_portal.contact().companyId, name, email,
                                         m_portal.clock().nowMs(), &error);
    if (id == 0) {
        qWarning("no contact: %s", qPrintable(error));
    }
    return id;
}

void TestPortalRoles::setRole(qint64 contactId, qint64 roleId)
{
    // As staff change it in the console: through a connection other than the portal's.
    ServiceError error;
    bool changed = false;
    const Actor actor = lead();
    onOtherConnection([&] {
        changed = PortalRoleService(m_portal.db(), m_portal.clock())
                      .setContactRole(contactId, roleId, actor, &error);
    });
    QVERIFY2(changed, qPrintable(error.message));
}

qint64 TestPortalRoles::builtIn(BuiltInRole role)
{
    QString error;
    const std::optional<PortalRole> found
        = PortalRoleRepository(m_portal.db()).builtIn(role, &error);
    return found ? found->id : 0;
}

QString TestPortalRoles::pathFor(const Operation &operation) const
{
    // The task whose kind the route is about; the plain task routes take a standard task.
    static const QList<QPair<QString, QString>> kinds = {
        {QStringLiteral("/meeting.ics"), QStringLiteral("meeting")},
        {QStringLiteral("/files"), QStringLiteral("upload")},
        {QStringLiteral("/decision"), QStringLiteral("approval")},
        {QStringLiteral("/form/"), QStringLiteral("form")},
        {QStringLiteral("/checklist"), QStringLiteral("checklist")},
        {QStringLiteral("/credentials"), QStringLiteral("credential")},
        {QStringLiteral("/signature"), QStringLiteral("signature")},
        {QStringLiteral("/drops"), QStringLiteral("file_drop")},
    };
    QString kind = QStringLiteral("standard");
    for (const auto &[fragment, taskKind] : kinds) {
        if (operation.path.contains(fragment)) {
            kind = taskKind;
            break;
        }
    }
    QString path = operation.path;
    path.replace(QLatin1String("{id}"), QString::number(m_taskOfKind.value(kind)));
    path.replace(QLatin1String("{fileId}"), QString::number(m_fileId));
    path.replace(QLatin1String("{entryId}"), QString::number(m_entryId));
    path.replace(QLatin1String("{dropId}"), QString::number(m_dropId));
    return path;
}

HttpReply TestPortalRoles::call(PortalClient &browser, const Operation &operation)
{
    // An empty JSON object: enough to be refused for who sends it, or for what is missing.
    if (operation.method == "GET" || operation.method == "DELETE") {
        return browser.send(operation.method, pathFor(operation), {}, {});
    }
    return browser.send(operation.method, pathFor(operation), "{}", "application/json");
}

QStringList TestPortalRoles::snapshot()
{
    const QStringList tables
        = m_engine == QLatin1String("sqlite")
              ? m_portal.rows(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' "
                                             "AND name NOT LIKE 'sqlite_%' ORDER BY name"))
              : m_portal.rows(QStringLiteral("SELECT tablename FROM pg_tables "
                                             "WHERE schemaname = current_schema() "
                                             "ORDER BY tablename"));
    QStringList state;
    for (const QString &table : tables) {
        if (table == QLatin1String("portal_session") || table == QLatin1String("portal_access_log")
            || table == QLatin1String("rate_limit")) {
            continue;
        }
        state.append(QStringLiteral("== ") + table);
        state += table == QLatin1String("file_chunk")
                     ? m_portal.rows(QStringLiteral("SELECT COUNT(*) FROM file_chunk"))
                     : m_portal.rows(QStringLiteral("SELECT * FROM %1 ORDER BY 1").arg(table));
    }
    return state;
}

void TestPortalRoles::everyOperationNamesAPermission()
{
    const QList<Operation> operations = documentedOperations();
    QVERIFY2(operations.size() >= 40, "openapi.yaml was not read, or lost its operations");
    for (const Operation &operation : operations) {
        QVERIFY2(!operation.permission.isEmpty(),
                 qPrintable(operation.describe() + QStringLiteral(" has no x-permission")));
        QVERIFY2(operation.permission == QLatin1String("none")
                     || PortalRole::permissionFromKey(operation.permission),
                 qPrintable(operation.describe() + QStringLiteral(": unknown x-permission ")
                            + operation.permission));
        // Whatever reaches a company's objects is a role's business, never "none".
        QVERIFY2(!operation.path.contains(QLatin1Char('{'))
                     || operation.permission != QLatin1String("none"),
                 qPrintable(operation.describe()));
    }
}

void TestPortalRoles::idorMatrixFromTheRouteTable()
{
    const QList<Operation> operations = documentedOperations();
    QVERIFY(!operations.isEmpty());

    // Lee, of the same company, whose custom role lacks one permission at a time.
    const qint64 lee = addContact(QStringLiteral("Lee Lesser"), QStringLiteral("lee@example.test"));
    QVERIFY(lee > 0);
    ServiceError serviceError;
    PortalRoleService roles(m_portal.db(), m_portal.clock());
    const std::optional<qint64> lesser = roles.createRole(
        QStringLiteral("All but one"), PortalRole::everything(), lead(), &serviceError);
    QVERIFY2(lesser, qPrintable(serviceError.message));
    setRole(lee, *lesser);
    PortalClient leeBrowser(m_portal.port());
    PortalClient other(m_portal.port());
    QString why;
    QVERIFY2(m_portal.signIn(leeBrowser, lee, &why), qPrintable(why));
    QVERIFY2(m_portal.signIn(other, m_contactB, &why), qPrintable(why));

    int withIds = 0;
    int gated = 0;
    for (const Operation &operation : operations) {
        if (operation.permission == QLatin1String("none")) {
            continue;
        }
        ++gated;
        const QStringList before = snapshot();
        if (operation.path.contains(QLatin1Char('{'))) {
            ++withIds;
            // (a) Another company's contact, primary there: as if nothing were there.
            const HttpReply foreign = call(other, operation);
            QVERIFY2(foreign.status == 404 || foreign.status == 403,
                     qPrintable(operation.describe() + QLatin1Char(' ')
                                + QString::fromUtf8(foreign.describe())));
            QVERIFY2(snapshot() == before, qPrintable(operation.describe()));
        }
        // (b) A contact of the right company whose role lacks exactly this permission. The
        // role changes between requests of one session: each change applies at once.
        const PortalPermission needed = *PortalRole::permissionFromKey(operation.permission);
        QVERIFY(roles.updateRole(*lesser, QStringLiteral("All but one"),
                                 PortalRole::everything() & ~PortalPermissions(needed), lead(),
                                 &serviceError));
        const QStringList withRoleChange = snapshot();
        const HttpReply lacking = call(leeBrowser, operation);
        QVERIFY2(lacking.status == 403, qPrintable(operation.describe() + QLatin1Char(' ')
                                                   + QString::fromUtf8(lacking.describe())));
        QCOMPARE(lacking.json()[QStringLiteral("code")].toString(),
                 QStringLiteral("not_permitted"));
        QVERIFY2(snapshot() == withRoleChange, qPrintable(operation.describe()));
    }
    QVERIFY(withIds >= 25);
    QVERIFY(gated > withIds);

    // (c) The company's primary contact is not refused for who they are (a bad or empty body
    // may still be refused). Reads first, removals last, so every id is still there.
    QList<Operation> ordered;
    for (const Operation &operation : operations) {
        if (operation.permission != QLatin1String("none")
            && operation.path.contains(QLatin1Char('{'))) {
            ordered.append(operation);
        }
    }
    std::stable_sort(ordered.begin(), ordered.end(), [](const Operation &a, const Operation &b) {
        const auto rank = [](const Operation &o) {
            return o.method == "GET"                                                   ? 0
                   : o.method == "DELETE" || o.path.endsWith(QLatin1String("/delete")) ? 2
                                                                                       : 1;
        };
        return rank(a) < rank(b);
    });
    for (const Operation &operation : ordered) {
        const HttpReply own = call(*m_primary, operation);
        QVERIFY2(own.status != 403 && own.status != 404 && own.status != 401 && own.status != 0,
                 qPrintable(operation.describe() + QLatin1Char(' ')
                            + QString::fromUtf8(own.describe())));
    }
}

void TestPortalRoles::roleChangeAppliesOnTheNextRequest()
{
    const qint64 sam = addContact(QStringLiteral("Sam Second"), QStringLiteral("sam@example.test"));
    QVERIFY(sam > 0);
    PortalClient browser(m_portal.port());
    QString why;
    QVERIFY2(m_portal.signIn(browser, sam, &why), qPrintable(why));
    const QString complete = QStringLiteral("/api/v1/tasks/%1/complete")
                                 .arg(m_taskOfKind.value(QStringLiteral("standard")));
    QCOMPARE(browser.get(QStringLiteral("/api/v1/home")).status, 200);

    // Read-only, in the middle of the session: the next request is refused.
    setRole(sam, builtIn(BuiltInRole::ReadOnly));
    QCOMPARE(browser.get(QStringLiteral("/api/v1/home")).status, 200);
    const QStringList before = snapshot();
    HttpReply reply = browser.post(complete, {{QStringLiteral("note"), QStringLiteral("done")}});
    QVERIFY2(reply.status == 403, reply.describe());
    QVERIFY(reply.json()[QStringLiteral("error")].toString().contains(QLatin1String("role")));
    QCOMPARE(snapshot(), before);

    // Technical again, without signing in again: the same request goes through.
    setRole(sam, builtIn(BuiltInRole::Technical));
    reply = browser.post(complete, {{QStringLiteral("note"), QStringLiteral("done")}});
    QVERIFY2(reply.status == 200, reply.describe());
    QCOMPARE(reply.json()[QStringLiteral("task")][QStringLiteral("status")].toString(),
             QStringLiteral("completed"));
}

void TestPortalRoles::customRoleGrantsWhatItLists()
{
    ServiceError error;
    const std::optional<qint64> talker
        = PortalRoleService(m_portal.db(), m_portal.clock())
              .createRole(QStringLiteral("Talks only"),
                          PortalPermissions(PortalPermission::ViewOnboarding)
                              | PortalPermission::ReadComments | PortalPermission::WriteComments,
                          lead(), &error);
    QVERIFY2(talker, qPrintable(error.message));
    const qint64 tia = addContact(QStringLiteral("Tia Talker"), QStringLiteral("tia@example.test"));
    setRole(tia, *talker);
    PortalClient browser(m_portal.port());
    QString why;
    QVERIFY2(m_portal.signIn(browser, tia, &why), qPrintable(why));
    const qint64 task = m_taskOfKind.value(QStringLiteral("standard"));
    const HttpReply said
        = browser.post(QStringLiteral("/api/v1/tasks/%1/comments").arg(task),
                       {{QStringLiteral("body"), QStringLiteral("Which offices?")}});
    QVERIFY2(said.status == 201, said.describe());
    const QStringList before = snapshot();
    QCOMPARE(browser.post(QStringLiteral("/api/v1/tasks/%1/complete").arg(task), {}).status, 403);
    QCOMPARE(browser
                 .post(QStringLiteral("/api/v1/questions"),
                       {{QStringLiteral("body"), QStringLiteral("Hello?")}})
                 .status,
             403);
    QCOMPARE(snapshot(), before);
}

void TestPortalRoles::taskKindNeedsItsOwnPermission()
{
    // A custom role that may complete tasks but not sign: completing a signature task through
    // the plain "complete" route is refused for the task's kind, not only by the task's rules.
    ServiceError error;
    const std::optional<qint64> doer
        = PortalRoleService(m_portal.db(), m_portal.clock())
              .createRole(QStringLiteral("Doer"),
                          PortalPermissions(PortalPermission::ViewOnboarding)
                              | PortalPermission::CompleteTasks,
                          lead(), &error);
    QVERIFY(doer);
    const qint64 dee = addContact(QStringLiteral("Dee Doer"), QStringLiteral("dee@example.test"));
    setRole(dee, *doer);
    PortalClient browser(m_portal.port());
    QString why;
    QVERIFY2(m_portal.signIn(browser, dee, &why), qPrintable(why));
    const QStringList before = snapshot();
    for (const QString &kind : {QStringLiteral("signature"), QStringLiteral("approval"),
                                QStringLiteral("upload"), QStringLiteral("form")}) {
        const HttpReply reply = browser.post(
            QStringLiteral("/api/v1/tasks/%1/complete").arg(m_taskOfKind.value(kind)), {});
        QVERIFY2(reply.status == 403, qPrintable(kind + QString::fromUtf8(reply.describe())));
        QCOMPARE(reply.json()[QStringLiteral("code")].toString(), QStringLiteral("not_permitted"));
    }
    QCOMPARE(snapshot(), before);
    // The primary contact gets the kind's own answer instead: such tasks are not completed
    // directly.
    const HttpReply primary
        = m_primary->post(QStringLiteral("/api/v1/tasks/%1/complete")
                              .arg(m_taskOfKind.value(QStringLiteral("signature"))),
                          {});
    QVERIFY2(primary.status != 403 && primary.status != 200, primary.describe());
}

void TestPortalRoles::meListsThePermissions()
{
    HttpReply me = m_primary->get(QStringLiteral("/api/v1/me"));
    QCOMPARE(me.json()[QStringLiteral("permissions")].toArray().size(),
             PortalRole::allPermissions().size());
    const qint64 rae = addContact(QStringLiteral("Rae Reader"), QStringLiteral("rae@example.test"));
    setRole(rae, builtIn(BuiltInRole::ReadOnly));
    PortalClient browser(m_portal.port());
    QString why;
    QVERIFY2(m_portal.signIn(browser, rae, &why), qPrintable(why));
    me = browser.get(QStringLiteral("/api/v1/me"));
    QCOMPARE(me.json()[QStringLiteral("permissions")].toArray(),
             QJsonArray({QStringLiteral("onboarding.view"), QStringLiteral("comments.read")}));
    setRole(rae, builtIn(BuiltInRole::Billing));
    me = browser.get(QStringLiteral("/api/v1/me"));
    QVERIFY(me.json()[QStringLiteral("permissions")].toArray().contains(
        QStringLiteral("billing.view")));
    QVERIFY(!me.json()[QStringLiteral("permissions")].toArray().contains(
        QStringLiteral("tasks.complete")));
}

void TestPortalRoles::newContactsGetTheDefaultRole()
{
    ServiceError error;
    QVERIFY(PortalRoleService(m_portal.db(), m_portal.clock())
                .setNewContactsRole(builtIn(BuiltInRole::ReadOnly), lead(), &error));
    const qint64 nia = addContact(QStringLiteral("Nia New"), QStringLiteral("nia@example.test"));
    QString dbError;
    PortalRoleRepository roles(m_portal.db());
    QCOMPARE(roles.roleOfContact(nia, &dbError)->builtIn, std::optional(BuiltInRole::ReadOnly));
    // Contacts that were there before keep what they had.
    QCOMPARE(roles.roleOfContact(m_portal.contact().id, &dbError)->builtIn,
             std::optional(BuiltInRole::Primary));
    PortalClient browser(m_portal.port());
    QString why;
    QVERIFY2(m_portal.signIn(browser, nia, &why), qPrintable(why));
    QCOMPARE(browser
                 .post(QStringLiteral("/api/v1/tasks/%1/complete")
                           .arg(m_taskOfKind.value(QStringLiteral("standard"))),
                       {})
                 .status,
             403);
    // The change is in the audit trail.
    QCOMPARE(m_portal
                 .rows(QStringLiteral("SELECT COUNT(*) FROM audit_event WHERE action = "
                                      "'role.default_changed'"))
                 .value(0),
             QStringLiteral("1"));
}

QTEST_GUILESS_MAIN(TestPortalRoles)
#include "tst_portal_roles.moc"
