// "View portal as…" (CON-7), on both engines: a member of staff views the portal as a contact
// through ImpersonationService, with the session cookie the console's web view would hold. A
// reason is required, only administrators may allow actions, a read-only view is refused every
// state-changing route of openapi.yaml (and changes nothing), the view ends at its time limit
// however it is used, start, requests and end are in the audit trail, and the contact sees who
// viewed their portal.
#include "OpenApiOperations.h"
#include "PortalClient.h"
#include "PortalFixture.h"
#include "TestDatabase.h"

#include "security/AuditLog.h"
#include "security/Tokens.h"
#include "services/ImpersonationService.h"
#include "services/WorkspaceSetup.h"
#include "storage/DirectoryRepository.h"

#include <QDateTime>
#include <QJsonArray>
#include <QTest>

using namespace Gatehouse;
using namespace Gatehouse::Testing;

namespace {

constexpr qint64 kMinuteMs = 60 * 1000;

} // namespace

class TestImpersonation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(Tokens::initialise()); }
    void initTestCase_data() { TestDatabase::addEngineRows(); }
    void init();
    void cleanup();

    void reasonIsRequired_data();
    void reasonIsRequired();
    void onlyAdministratorsMayAllowActions();
    void contactWithoutPortalAccessCannotBeViewed();
    void meNamesTheStaffMember();
    void readOnlyRefusesEveryStateChangingRoute();
    void allowedActionsGoThrough();
    void aViewCannotSwitchToTheContactsOtherCompanies();
    void endsAtItsTimeLimitWithoutSliding();
    void closingEndsTheSession();
    void signingOutEndsTheView();
    void requestsAreAuditedAndThrottled();
    void contactSeesWhoViewedTheirPortal();
    void lifetimeIsAWorkspaceSetting();

private:
    // The cookie the console's web view holds: only the token, set for the portal's origin.
    std::unique_ptr<PortalClient> viewAs(const StartedImpersonation &started);
    std::optional<StartedImpersonation> start(qint64 staffId, bool readOnly = true);
    QString one(const QString &sql) { return m_portal.rows(sql).value(0); }
    // Every table's rows except what a refused request may touch: sessions, the access log,
    // rate limits, and the audit trail and request counts that record the refusal.
    QStringList snapshot();
    ImpersonationService service() { return ImpersonationService(m_portal.db(), m_portal.clock()); }

    PortalFixture m_portal;
    QString m_engine;
    qint64 m_adminId = 0;
    qint64 m_technicianId = 0;
};

void TestImpersonation::init()
{
    QFETCH_GLOBAL(QString, engine);
    m_engine = engine;
    QString error;
    QVERIFY2(m_portal.start(engine, &error), qPrintable(error));
    DirectoryRepository directory(m_portal.db());
    const qint64 workspaceId = directory.workspace(&error)->id;
    m_adminId = directory.staffIdByEmail(workspaceId, WorkspaceSetup::demoCredentials().adminEmail,
                                         &error);
    m_technicianId = directory.createStaff(
        workspaceId, QStringLiteral("tom@northwind.example"), QStringLiteral("Tom Technician"),
        QStringLiteral("a long technician passphrase"), QStringLiteral("technician"),
        PortalFixture::kStartMs, &error);
    QVERIFY2(m_adminId > 0 && m_technicianId > 0, qPrintable(error));
}

void TestImpersonation::cleanup()
{
    m_portal.stop();
}

std::unique_ptr<PortalClient> TestImpersonation::viewAs(const StartedImpersonation &started)
{
    auto browser = std::make_unique<PortalClient>(m_portal.port());
    browser->setCookie("gh_session", started.token.toLatin1());
    return browser;
}

std::optional<StartedImpersonation> TestImpersonation::start(qint64 staffId, bool readOnly)
{
    ServiceError error;
    std::optional<StartedImpersonation> started = service().start(
        staffId, m_portal.contact().id,
        QStringLiteral("Ticket 4711: the client cannot find the upload"), readOnly, &error);
    if (!started) {
        qWarning("not started: %s", qPrintable(error.message));
    }
    return started;
}

QStringList TestImpersonation::snapshot()
{
    const QStringList tables
        = m_engine == QLatin1String("sqlite")
              ? m_portal.rows(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' "
                                             "AND name NOT LIKE 'sqlite_%' ORDER BY name"))
              : m_portal.rows(QStringLiteral("SELECT tablename FROM pg_tables "
                                             "WHERE schemaname = current_schema() "
                                             "ORDER BY tablename"));
    static const QStringList touched
        = {QStringLiteral("portal_session"), QStringLiteral("portal_access_log"),
           QStringLiteral("rate_limit"), QStringLiteral("audit_event"),
           QStringLiteral("impersonation_request")};
    QStringList state;
    for (const QString &table : tables) {
        if (touched.contains(table)) {
            continue;
        }
        state.append(QStringLiteral("== ") + table);
        state += table == QLatin1String("file_chunk")
                     ? m_portal.rows(QStringLiteral("SELECT COUNT(*) FROM file_chunk"))
                     : m_portal.rows(QStringLiteral("SELECT * FROM %1 ORDER BY 1").arg(table));
    }
    return state;
}

void TestImpersonation::reasonIsRequired_data()
{
    QTest::addColumn<QString>("reason");
    QTest::addRow("empty") << QString();
    QTest::addRow("spaces") << QStringLiteral("   \t ");
    QTest::addRow("too long") << QString(501, QLatin1Char('x'));
}

void TestImpersonation::reasonIsRequired()
{
    QFETCH(QString, reason);
    const QStringList before = snapshot()
                               + m_portal.rows(QStringLiteral("SELECT COUNT(*) FROM "
                                                              "portal_session"))
                               + m_portal.rows(QStringLiteral("SELECT COUNT(*) FROM audit_event"));
    ServiceError error;
    QVERIFY(!service().start(m_adminId, m_portal.contact().id, reason, true, &error));
    QCOMPARE(error.kind, ServiceError::Kind::Invalid);
    QVERIFY2(error.message.contains(QLatin1String("reason")), qPrintable(error.message));
    QCOMPARE(snapshot() + m_portal.rows(QStringLiteral("SELECT COUNT(*) FROM portal_session"))
                 + m_portal.rows(QStringLiteral("SELECT COUNT(*) FROM audit_event")),
             before);
}

void TestImpersonation::onlyAdministratorsMayAllowActions()
{
    const QString count = QStringLiteral("SELECT COUNT(*) FROM impersonation");
    ServiceError error;
    QVERIFY(!service().start(m_technicianId, m_portal.contact().id, QStringLiteral("Helping"),
                             false, &error));
    QCOMPARE(error.kind, ServiceError::Kind::Unauthorized);
    QVERIFY2(error.message.contains(QLatin1String("administrator")), qPrintable(error.message));
    QCOMPARE(one(count), QStringLiteral("0"));

    // Read-only, a technician may; actions allowed, an administrator may.
    const std::optional<StartedImpersonation> technician = start(m_technicianId, true);
    QVERIFY(technician && technician->readOnly);
    const std::optional<StartedImpersonation> admin = start(m_adminId, false);
    QVERIFY(admin && !admin->readOnly);
    QCOMPARE(one(QStringLiteral("SELECT staff_name, read_only FROM impersonation ORDER BY id")),
             QStringLiteral("Tom Technician|1"));
    QCOMPARE(one(count), QStringLiteral("2"));
}

void TestImpersonation::contactWithoutPortalAccessCannotBeViewed()
{
    QString dbError;
    QVERIFY(
        DirectoryRepository(m_portal.db()).setPortalAccess(m_portal.contact().id, false, &dbError));
    ServiceError error;
    QVERIFY(!service().start(m_adminId, m_portal.contact().id, QStringLiteral("Helping"), true,
                             &error));
    QCOMPARE(error.kind, ServiceError::Kind::Conflict);
    QVERIFY(!service().start(m_adminId, 987654, QStringLiteral("Helping"), true, &error));
    QCOMPARE(error.kind, ServiceError::Kind::NotFound);
    QCOMPARE(one(QStringLiteral("SELECT COUNT(*) FROM impersonation")), QStringLiteral("0"));
}

void TestImpersonation::meNamesTheStaffMember()
{
    const std::optional<StartedImpersonation> started = start(m_technicianId);
    QVERIFY(started);
    const std::unique_ptr<PortalClient> view = viewAs(*started);
    const HttpReply me = view->get(QStringLiteral("/api/v1/me"));
    QVERIFY2(me.status == 200, me.describe());
    const QJsonObject impersonation = me.json()[QStringLiteral("impersonation")].toObject();
    QCOMPARE(impersonation[QStringLiteral("staffName")].toString(),
             QStringLiteral("Tom Technician"));
    QCOMPARE(impersonation[QStringLiteral("readOnly")].toBool(), true);
    QCOMPARE(impersonation[QStringLiteral("expiresAt")].toString(),
             QDateTime::fromMSecsSinceEpoch(PortalFixture::kStartMs + 15 * kMinuteMs, Qt::UTC)
                 .toString(Qt::ISODate));
    QCOMPARE(me.json()[QStringLiteral("contact")][QStringLiteral("email")].toString(),
             m_portal.contact().email);

    // The contact's own session says nothing of it.
    PortalClient own(m_portal.port());
    QString why;
    QVERIFY2(m_portal.signIn(own, m_portal.contact().id, &why), qPrintable(why));
    QVERIFY(
        !own.get(QStringLiteral("/api/v1/me")).json().contains(QStringLiteral("impersonation")));
}

void TestImpersonation::readOnlyRefusesEveryStateChangingRoute()
{
    const QList<Operation> operations = documentedOperations();
    QVERIFY2(operations.size() >= 40, "openapi.yaml was not read");
    const qint64 task = m_portal.taskId(m_portal.contact().companyId, OwnerSide::Client,
                                        EvidenceType::Standard, TaskStatus::Pending);
    QVERIFY(task > 0);
    const std::optional<StartedImpersonation> started = start(m_adminId, true);
    QVERIFY(started);
    const std::unique_ptr<PortalClient> view = viewAs(*started);
    QVERIFY(view->learnCsrfToken());
    QCOMPARE(view->get(QStringLiteral("/api/v1/home")).status, 200);

    const QStringList before = snapshot();
    const qint64 auditBefore = one(QStringLiteral("SELECT COUNT(*) FROM audit_event")).toLongLong();
    int refused = 0;
    for (const Operation &operation : operations) {
        // Signing in needs no session, and signing out is the one change a view may make.
        if (!operation.changesState()
            || operation.path.startsWith(QLatin1String("/api/v1/auth/"))) {
            continue;
        }
        QString path = operation.path;
        path.replace(QLatin1String("{id}"), QString::number(task));
        path.replace(QLatin1String("{fileId}"), QStringLiteral("1"));
        path.replace(QLatin1String("{entryId}"), QStringLiteral("1"));
        path.replace(QLatin1String("{dropId}"), QStringLiteral("1"));
        const HttpReply reply = operation.method == "DELETE"
                                    ? view->send(operation.method, path, {}, {})
                                    : view->send(operation.method, path, "{}", "application/json");
        QVERIFY2(reply.status == 403, qPrintable(operation.describe() + QLatin1Char(' ')
                                                 + QString::fromUtf8(reply.describe())));
        QCOMPARE(reply.json()[QStringLiteral("code")].toString(), QStringLiteral("read_only_view"));
        QVERIFY(
            reply.json()[QStringLiteral("error")].toString().contains(QLatin1String("read-only")));
        ++refused;
    }
    QVERIFY2(refused >= 15, qPrintable(QString::number(refused)));
    QCOMPARE(snapshot(), before);
    // Each refusal is in the audit trail, and nothing else is.
    QCOMPARE(one(QStringLiteral("SELECT COUNT(*) FROM audit_event WHERE action = "
                                "'impersonation.refused'"))
                 .toLongLong(),
             qint64(refused));
    QCOMPARE(one(QStringLiteral("SELECT COUNT(*) FROM audit_event")).toLongLong(),
             auditBefore + refused);
    // Reading still works, and the session is still the view's.
    QCOMPARE(view->get(QStringLiteral("/api/v1/tasks/%1").arg(task)).status, 200);
}

void TestImpersonation::allowedActionsGoThrough()
{
    const qint64 task = m_portal.taskId(m_portal.contact().companyId, OwnerSide::Client,
                                        EvidenceType::Standard, TaskStatus::Pending);
    const std::optional<StartedImpersonation> started = start(m_adminId, false);
    QVERIFY(started);
    const std::unique_ptr<PortalClient> view = viewAs(*started);
    const HttpReply reply = view->post(QStringLiteral("/api/v1/tasks/%1/complete").arg(task),
                                       {{QStringLiteral("note"), QStringLiteral("done for them")}});
    QVERIFY2(reply.status == 200, reply.describe());
    QCOMPARE(one(QStringLiteral("SELECT detail FROM audit_event WHERE action = "
                                "'impersonation.request' AND detail LIKE '%POST%'")),
             QStringLiteral("Viewing the portal as a contact: POST /api/v1/tasks/%1/complete")
                 .arg(task));
}

// The same person at a second company: a staff member's view, even with actions allowed, proved
// no email, so it neither lists nor reaches that other account (ACC-8).
void TestImpersonation::aViewCannotSwitchToTheContactsOtherCompanies()
{
    QString error;
    DirectoryRepository directory(m_portal.db());
    const qint64 company = directory.createCompany(directory.workspace(&error)->id,
                                                   QStringLiteral("Second Practice"),
                                                   PortalFixture::kStartMs, &error);
    const qint64 other
        = directory.createContact(company, m_portal.contact().name, m_portal.contact().email,
                                  PortalFixture::kStartMs, &error);
    QVERIFY2(other != 0, qPrintable(error));
    const std::optional<StartedImpersonation> started = start(m_adminId, false);
    QVERIFY(started);
    const std::unique_ptr<PortalClient> view = viewAs(*started);
    const HttpReply me = view->get(QStringLiteral("/api/v1/me"));
    QVERIFY2(me.status == 200, me.describe());
    QCOMPARE(me.json()[QStringLiteral("otherAccounts")].toArray(), QJsonArray());
    const HttpReply switched = view->post(QStringLiteral("/api/v1/account/switch"),
                                          {{QStringLiteral("account"), QString::number(other)}});
    QVERIFY2(switched.status == 403 || switched.status == 404, switched.describe());
    QCOMPARE(
        one(QStringLiteral("SELECT COUNT(*) FROM portal_session WHERE contact_id = %1").arg(other)),
        QStringLiteral("0"));
}

void TestImpersonation::endsAtItsTimeLimitWithoutSliding()
{
    const std::optional<StartedImpersonation> started = start(m_adminId);
    QVERIFY(started);
    QCOMPARE(started->expiresAtMs, PortalFixture::kStartMs + 15 * kMinuteMs);
    const std::unique_ptr<PortalClient> view = viewAs(*started);
    // Used all along: a contact's session would slide, this one does not.
    for (int minute = 0; minute < 14; ++minute) {
        m_portal.clock().advanceMs(kMinuteMs);
        QCOMPARE(view->get(QStringLiteral("/api/v1/me")).status, 200);
    }
    QCOMPARE(one(QStringLiteral("SELECT expires_at FROM portal_session WHERE id = (SELECT "
                                "session_id FROM impersonation)"))
                 .toLongLong(),
             started->expiresAtMs);
    // Not before its time.
    ServiceError error;
    QVERIFY(!service().end(started->id, ImpersonationEnd::Expired, &error));
    QCOMPARE(error.kind, ServiceError::Kind::Conflict);

    m_portal.clock().advanceMs(kMinuteMs);
    QCOMPARE(view->get(QStringLiteral("/api/v1/me")).status, 401);
    QCOMPARE(view->get(QStringLiteral("/api/v1/home")).status, 401);
    // The console's timer ends it; the portal's access log never saw the contact.
    QVERIFY2(service().end(started->id, ImpersonationEnd::Expired, &error),
             qPrintable(error.message));
    QCOMPARE(one(QStringLiteral("SELECT ended_how, ended_at FROM impersonation")),
             QStringLiteral("expired|%1").arg(started->expiresAtMs));
    QCOMPARE(one(QStringLiteral("SELECT COUNT(*) FROM portal_access_log")), QStringLiteral("0"));
    QCOMPARE(one(QStringLiteral("SELECT detail FROM audit_event WHERE action = "
                                "'impersonation.ended'")),
             QStringLiteral("Stopped viewing the portal as %1: its time limit was reached")
                 .arg(m_portal.contact().name));
    // Ending it again changes nothing.
    QVERIFY(service().end(started->id, ImpersonationEnd::Closed, &error));
    QCOMPARE(one(QStringLiteral("SELECT COUNT(*) FROM audit_event WHERE action = "
                                "'impersonation.ended'")),
             QStringLiteral("1"));

    // One a console left open is ended as expired when the next view starts.
    const std::optional<StartedImpersonation> forgotten = start(m_adminId);
    QVERIFY(forgotten);
    m_portal.clock().advanceMs(16 * kMinuteMs);
    QVERIFY(start(m_technicianId));
    QCOMPARE(m_portal.rows(QStringLiteral("SELECT ended_how FROM impersonation ORDER BY id")),
             QStringList(
                 {QStringLiteral("expired"), QStringLiteral("expired"), QStringLiteral("NULL")}));
}

void TestImpersonation::closingEndsTheSession()
{
    const std::optional<StartedImpersonation> started = start(m_adminId);
    QVERIFY(started);
    const std::unique_ptr<PortalClient> view = viewAs(*started);
    QCOMPARE(view->get(QStringLiteral("/api/v1/me")).status, 200);
    ServiceError error;
    QVERIFY2(service().end(started->id, ImpersonationEnd::Closed, &error),
             qPrintable(error.message));
    QCOMPARE(view->get(QStringLiteral("/api/v1/me")).status, 401);
    QCOMPARE(one(QStringLiteral("SELECT ended_how FROM impersonation")), QStringLiteral("closed"));
    QCOMPARE(
        one(QStringLiteral("SELECT COUNT(*) FROM portal_session WHERE revoked_at IS NOT NULL")),
        QStringLiteral("1"));
}

void TestImpersonation::signingOutEndsTheView()
{
    const std::optional<StartedImpersonation> started = start(m_adminId);
    QVERIFY(started);
    const std::unique_ptr<PortalClient> view = viewAs(*started);
    QVERIFY(view->learnCsrfToken());
    const HttpReply out = view->post(QStringLiteral("/api/v1/auth/logout"), {});
    QVERIFY2(out.status == 204, out.describe());
    QCOMPARE(one(QStringLiteral("SELECT ended_how FROM impersonation")),
             QStringLiteral("signed_out"));
    QCOMPARE(view->get(QStringLiteral("/api/v1/me")).status, 401);
    QCOMPARE(one(QStringLiteral("SELECT detail FROM audit_event WHERE action = "
                                "'impersonation.ended'")),
             QStringLiteral("Stopped viewing the portal as %1: signed out in the portal")
                 .arg(m_portal.contact().name));
}

void TestImpersonation::requestsAreAuditedAndThrottled()
{
    const std::optional<StartedImpersonation> started = start(m_adminId);
    QVERIFY(started);
    QCOMPARE(one(QStringLiteral("SELECT actor, subject, detail FROM audit_event WHERE action = "
                                "'impersonation.started'")),
             QStringLiteral("%1|contact:%2|Started viewing the portal as %3 <%4>, read-only, for "
                            "15 minutes. Reason: Ticket 4711: the client cannot find the upload")
                 .arg(WorkspaceSetup::demoCredentials().adminEmail)
                 .arg(m_portal.contact().id)
                 .arg(m_portal.contact().name, m_portal.contact().email));
    const std::unique_ptr<PortalClient> view = viewAs(*started);
    const QString home = QStringLiteral("SELECT COUNT(*) FROM audit_event WHERE action = "
                                        "'impersonation.request' AND detail LIKE '%GET "
                                        "/api/v1/home'");
    // Three loads of a page within a minute: counted three times, audited once.
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(view->get(QStringLiteral("/api/v1/home")).status, 200);
        m_portal.clock().advanceMs(10 * 1000);
    }
    QCOMPARE(one(home), QStringLiteral("1"));
    QCOMPARE(one(QStringLiteral("SELECT hits FROM impersonation_request WHERE route = "
                                "'GET /api/v1/home'")),
             QStringLiteral("3"));
    // A minute after the audited one, the next load is audited again.
    m_portal.clock().advanceMs(31 * 1000);
    QCOMPARE(view->get(QStringLiteral("/api/v1/home")).status, 200);
    QCOMPARE(one(home), QStringLiteral("2"));
    // Another route is audited on its own.
    QCOMPARE(view->get(QStringLiteral("/api/v1/questions")).status, 200);
    QCOMPARE(one(QStringLiteral("SELECT COUNT(*) FROM audit_event WHERE action = "
                                "'impersonation.request' AND detail LIKE '%/api/v1/questions'")),
             QStringLiteral("1"));
    ServiceError error;
    QVERIFY(service().end(started->id, ImpersonationEnd::Closed, &error));
    QCOMPARE(m_portal.rows(QStringLiteral("SELECT action FROM audit_event WHERE action LIKE "
                                          "'impersonation.%' ORDER BY id")),
             QStringList(
                 {QStringLiteral("impersonation.started"), QStringLiteral("impersonation.request"),
                  QStringLiteral("impersonation.request"), QStringLiteral("impersonation.request"),
                  QStringLiteral("impersonation.ended")}));
    QString dbError;
    QVERIFY(AuditLog(m_portal.db()).verify(&dbError).ok);
}

void TestImpersonation::contactSeesWhoViewedTheirPortal()
{
    const std::optional<StartedImpersonation> first = start(m_technicianId);
    QVERIFY(first);
    ServiceError error;
    QVERIFY(service().end(first->id, ImpersonationEnd::Closed, &error));
    m_portal.clock().advanceMs(30 * kMinuteMs);
    QVERIFY(start(m_adminId));

    PortalClient own(m_portal.port());
    QString why;
    QVERIFY2(m_portal.signIn(own, m_portal.contact().id, &why), qPrintable(why));
    const HttpReply reply = own.get(QStringLiteral("/api/v1/account/impersonations"));
    QVERIFY2(reply.status == 200, reply.describe());
    const QJsonArray views = reply.json()[QStringLiteral("views")].toArray();
    QCOMPARE(views.size(), 2);
    QCOMPARE(views[0][QStringLiteral("staffName")].toString(), QStringLiteral("Dana Admin"));
    QCOMPARE(views[0][QStringLiteral("startedAt")].toString(),
             QDateTime::fromMSecsSinceEpoch(PortalFixture::kStartMs + 30 * kMinuteMs, Qt::UTC)
                 .toString(Qt::ISODate));
    QCOMPARE(views[1][QStringLiteral("staffName")].toString(), QStringLiteral("Tom Technician"));
    QVERIFY(!views[1][QStringLiteral("endedAt")].toString().isEmpty());
    // The reason stays with staff.
    QVERIFY(!reply.body.contains("4711"));

    // Another company's contact sees none of it.
    QString dbError;
    DirectoryRepository directory(m_portal.db());
    const qint64 other
        = directory.createCompany(directory.workspace(&dbError)->id, QStringLiteral("Other Clinic"),
                                  m_portal.clock().nowMs(), &dbError);
    const qint64 olly = directory.createContact(other, QStringLiteral("Olly Other"),
                                                QStringLiteral("olly@other.example"),
                                                m_portal.clock().nowMs(), &dbError);
    PortalClient stranger(m_portal.port());
    QVERIFY2(m_portal.signIn(stranger, olly, &why), qPrintable(why));
    QCOMPARE(stranger.get(QStringLiteral("/api/v1/account/impersonations"))
                 .json()[QStringLiteral("views")]
                 .toArray()
                 .size(),
             0);
}

void TestImpersonation::lifetimeIsAWorkspaceSetting()
{
    ServiceError error;
    QCOMPARE(service().lifetimeMinutes(&error), 15);
    QVERIFY(!service().setLifetimeMinutes(m_technicianId, 30, &error));
    QCOMPARE(error.kind, ServiceError::Kind::Unauthorized);
    QVERIFY(!service().setLifetimeMinutes(m_adminId, 0, &error));
    QCOMPARE(error.kind, ServiceError::Kind::Invalid);
    QVERIFY2(service().setLifetimeMinutes(m_adminId, 5, &error), qPrintable(error.message));
    QCOMPARE(service().lifetimeMinutes(&error), 5);
    const std::optional<StartedImpersonation> started = start(m_adminId);
    QVERIFY(started);
    QCOMPARE(started->expiresAtMs, PortalFixture::kStartMs + 5 * kMinuteMs);
    QCOMPARE(one(QStringLiteral("SELECT COUNT(*) FROM audit_event WHERE action = "
                                "'impersonation.lifetime_changed'")),
             QStringLiteral("1"));
}

QTEST_GUILESS_MAIN(TestImpersonation)
#include "tst_impersonation.moc"
