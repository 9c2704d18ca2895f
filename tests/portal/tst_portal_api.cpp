// The portal's HTTP API as a browser sees it, on both database engines: a contact's home and
// tasks, bad input refused without changing anything, one client company walled off from
// another, security headers and the static pages.
#include "PortalClient.h"
#include "PortalFixture.h"
#include "TestDatabase.h"

#include "security/Tokens.h"
#include "services/OnboardingService.h"
#include "services/PortalAuthService.h"
#include "storage/DirectoryRepository.h"
#include "storage/OnboardingRepository.h"
#include "storage/TemplateRepository.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QTest>

using namespace Gatehouse;
using namespace Gatehouse::Testing;

namespace {

constexpr qint64 kStartMs = PortalFixture::kStartMs;
constexpr qint64 kMinuteMs = 60 * 1000;
constexpr qint64 kUnknownTask = 987654321;
const QByteArray kOwnOrigin = PortalFixture::ownOrigin();

} // namespace

class TestPortalApi : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(Tokens::initialise()); }
    void initTestCase_data() { TestDatabase::addEngineRows(); }
    void init();
    void cleanup();
    void cleanupTestCase() { m_portal.stop(); }

    void signInWithCodeAndCompleteATask();
    void badRequestsAreRefusedAndChangeNothing_data();
    void badRequestsAreRefusedAndChangeNothing();
    void tenantsCannotReachEachOther();

private:
    static bool sharesFixture();

    PortalFixture m_portal;
    QString m_fixture; // engine/function the running fixture was made for
};

void TestPortalApi::init()
{
    QFETCH_GLOBAL(QString, engine);
    // Tables whose rows change nothing share one server and database per engine: a PostgreSQL
    // database per row would make the suite slow for no gain.
    const QString fixture = engine + QLatin1Char('/') + QLatin1String(QTest::currentTestFunction());
    if (m_portal.isRunning() && fixture == m_fixture && sharesFixture()) {
        return;
    }
    m_fixture.clear();
    QString error;
    QVERIFY2(m_portal.start(engine, &error), qPrintable(error));
    m_fixture = fixture;
}

void TestPortalApi::cleanup()
{
    if (!sharesFixture() || QTest::currentTestFailed()) {
        m_portal.stop();
        m_fixture.clear();
    }
}

bool TestPortalApi::sharesFixture()
{
    const QByteArray function = QTest::currentTestFunction();
    return function == "badRequestsAreRefusedAndChangeNothing";
}

void TestPortalApi::signInWithCodeAndCompleteATask()
{
    PortalClient browser(m_portal.port());
    const QString token = m_portal.inviteToken(m_portal.contact().id);
    QVERIFY(Tokens::looksLikeToken(token));

    // The invite starts a pending login and mails a code.
    const HttpReply started
        = browser.post(QStringLiteral("/api/v1/auth/invite"), {{QStringLiteral("token"), token}});
    QVERIFY2(started.status == 200, started.describe());
    const QString challenge = started.json().value(QStringLiteral("challenge")).toString();
    QVERIFY(Tokens::looksLikeToken(challenge));
    QCOMPARE(started.json().value(QStringLiteral("email")).toString(),
             QStringLiteral("d\u2022\u2022\u2022@example.com"));
    QVERIFY(started.header("Set-Cookie").isEmpty());
    const MailMessage mail = m_portal.lastMailTo(m_portal.contact().email);
    const QString code = signInCodeIn(mail.text);
    QCOMPARE(code.size(), 6);

    // The code becomes a session cookie the page's scripts cannot read.
    const HttpReply signedIn
        = browser.post(QStringLiteral("/api/v1/auth/code"),
                       {{QStringLiteral("challenge"), challenge}, {QStringLiteral("code"), code}},
                       {{"Origin", kOwnOrigin}});
    QVERIFY2(signedIn.status == 200, signedIn.describe());
    const QByteArray setCookie = signedIn.header("Set-Cookie");
    QVERIFY2(setCookie.startsWith("gh_session="), setCookie.constData());
    const QStringList attributes = cookieAttributes(setCookie);
    QVERIFY2(attributes.contains(QStringLiteral("HttpOnly")), setCookie.constData());
    QVERIFY2(attributes.contains(QStringLiteral("SameSite=Lax")), setCookie.constData());
    QVERIFY2(attributes.contains(QStringLiteral("Path=/")), setCookie.constData());
    // The server ends the session; the cookie only has to outlive the sliding 24 hours.
    const QString maxAge = attributes.filter(QStringLiteral("Max-Age=")).value(0);
    QVERIFY2(maxAge.mid(8).toLongLong() >= PortalAuthService::kSessionLifetimeMs / 1000,
             setCookie.constData());
    QVERIFY2(!attributes.contains(QStringLiteral("Secure")), setCookie.constData()); // plain http
    const QString session = browser.cookie(QStringLiteral("gh_session"));
    QVERIFY(Tokens::looksLikeToken(session));
    // Only the token's hash is stored.
    QCOMPARE(
        m_portal.rows(QStringLiteral("SELECT COUNT(*) FROM portal_session WHERE token_hash = '%1'")
                          .arg(Tokens::hash(session))),
        QStringList{QStringLiteral("1")});
    QCOMPARE(
        m_portal.rows(QStringLiteral("SELECT COUNT(*) FROM portal_session WHERE token_hash = '%1'")
                          .arg(session)),
        QStringList{QStringLiteral("0")});

    const HttpReply me = browser.get(QStringLiteral("/api/v1/me"));
    QVERIFY2(me.status == 200, me.describe());
    QCOMPARE(me.json()[QStringLiteral("contact")][QStringLiteral("email")].toString(),
             m_portal.contact().email);
    QCOMPARE(me.json()[QStringLiteral("company")][QStringLiteral("name")].toString(),
             QStringLiteral("Example Dental"));
    QCOMPARE(me.json()[QStringLiteral("workspace")][QStringLiteral("name")].toString(),
             QStringLiteral("Northwind IT"));

    // Home: the demo onboarding, one of fifteen tasks done, the first phase current.
    HttpReply home = browser.get(QStringLiteral("/api/v1/home"));
    QVERIFY2(home.status == 200, home.describe());
    QJsonArray onboardings = home.json()[QStringLiteral("onboardings")].toArray();
    QCOMPARE(onboardings.size(), 1);
    QJsonObject onboarding = onboardings.first().toObject();
    QCOMPARE(onboarding[QStringLiteral("progress")].toObject(),
             (QJsonObject{{QStringLiteral("completed"), 1},
                          {QStringLiteral("total"), 15},
                          {QStringLiteral("percent"), 6}}));
    const QJsonArray phases = onboarding[QStringLiteral("phases")].toArray();
    QStringList names;
    QStringList states;
    int taskCount = 0;
    for (const QJsonValue &phase : phases) {
        names.append(phase[QStringLiteral("name")].toString());
        states.append(phase[QStringLiteral("state")].toString());
        taskCount += phase[QStringLiteral("tasks")].toArray().size();
    }
    QCOMPARE(names, (QStringList{QStringLiteral("Kick-off"), QStringLiteral("Discovery"),
                                 QStringLiteral("Rollout"), QStringLiteral("Go live")}));
    QCOMPARE(states, (QStringList{QStringLiteral("current"), QStringLiteral("upcoming"),
                                  QStringLiteral("upcoming"), QStringLiteral("upcoming")}));
    QCOMPARE(taskCount, 15);
    const QJsonObject kickOffCall = phases.first()[QStringLiteral("tasks")][0].toObject();
    QCOMPARE(kickOffCall[QStringLiteral("status")].toString(), QStringLiteral("completed"));
    QCOMPARE(kickOffCall[QStringLiteral("ownerSide")].toString(), QStringLiteral("msp"));
    const QJsonObject contactsTask = phases.first()[QStringLiteral("tasks")][1].toObject();
    QCOMPARE(contactsTask[QStringLiteral("title")].toString(),
             QStringLiteral("Confirm your main contacts"));
    QCOMPARE(contactsTask[QStringLiteral("status")].toString(), QStringLiteral("pending"));
    QCOMPARE(contactsTask[QStringLiteral("ownerSide")].toString(), QStringLiteral("client"));
    QCOMPARE(contactsTask[QStringLiteral("evidenceType")].toString(), QStringLiteral("standard"));
    const qint64 id = contactsTask[QStringLiteral("id")].toInteger();
    const QString taskPath = QStringLiteral("/api/v1/tasks/%1").arg(id);

    const HttpReply task = browser.get(taskPath);
    QVERIFY2(task.status == 200, task.describe());
    QCOMPARE(task.json()[QStringLiteral("task")].toObject(), contactsTask);

    // Complete it with a note.
    const int activities
        = m_portal.rows(QStringLiteral("SELECT COUNT(*) FROM activity")).first().toInt();
    const HttpReply completed = browser.post(
        taskPath + QStringLiteral("/complete"),
        {{QStringLiteral("note"), QStringLiteral("  Anna decides, Ben approves. Grüße!  ")}},
        {{"Origin", kOwnOrigin}});
    QVERIFY2(completed.status == 200, completed.describe());
    const QJsonObject done = completed.json()[QStringLiteral("task")].toObject();
    QCOMPARE(done[QStringLiteral("status")].toString(), QStringLiteral("completed"));
    QCOMPARE(done[QStringLiteral("completionNote")].toString(),
             QStringLiteral("Anna decides, Ben approves. Grüße!"));
    QCOMPARE(done[QStringLiteral("completedAt")].toString(),
             QStringLiteral("2027-01-15T08:00:00Z"));
    QString error;
    const std::optional<Task> stored
        = OnboardingRepository(m_portal.db())
              .taskForCompany(id, m_portal.contact().companyId, &error);
    QVERIFY(stored);
    QCOMPARE(stored->status, TaskStatus::Completed);
    QCOMPARE(stored->completedBy, m_portal.contact().name);
    QCOMPARE(stored->completedAtMs, kStartMs);
    QCOMPARE(
        m_portal.rows(QStringLiteral("SELECT COUNT(*) FROM activity WHERE kind = 'task.completed' "
                                     "AND task_id = %1")
                          .arg(id)),
        QStringList{QStringLiteral("1")});
    QCOMPARE(m_portal.rows(QStringLiteral("SELECT COUNT(*) FROM activity")).first().toInt(),
             activities + 1);

    // Completing it again is a conflict and changes nothing.
    const QStringList before = m_portal.state();
    m_portal.clock().advanceMs(kMinuteMs);
    const HttpReply again = browser.post(taskPath + QStringLiteral("/complete"),
                                         {{QStringLiteral("note"), QStringLiteral("again")}});
    QVERIFY2(again.status == 409, again.describe());
    QCOMPARE(again.json()[QStringLiteral("code")].toString(), QStringLiteral("conflict"));
    QVERIFY(!again.json()[QStringLiteral("error")].toString().isEmpty());
    QCOMPARE(m_portal.state(), before);

    home = browser.get(QStringLiteral("/api/v1/home"));
    onboarding = home.json()[QStringLiteral("onboardings")][0].toObject();
    QCOMPARE(onboarding[QStringLiteral("progress")].toObject(),
             (QJsonObject{{QStringLiteral("completed"), 2},
                          {QStringLiteral("total"), 15},
                          {QStringLiteral("percent"), 13}}));
    QCOMPARE(onboarding[QStringLiteral("phases")][0][QStringLiteral("tasks")][1]
                       [QStringLiteral("status")]
                           .toString(),
             QStringLiteral("completed"));
}

void TestPortalApi::badRequestsAreRefusedAndChangeNothing_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("origin");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("session"); // valid, none, unknown, garbage
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");

    const QByteArray json = "application/json";
    const QString complete = QStringLiteral("/api/v1/tasks/{client}/complete");
    const QByteArray note = R"({"note":"Done"})";
    const QString valid = QStringLiteral("valid");
    const auto add
        = [&](const char *name, const QByteArray &method, const QString &path,
              const QByteArray &contentType, const QByteArray &origin, const QByteArray &body,
              const QString &session, int status, const char *code) {
              QTest::addRow("%s", name) << method << path << contentType << origin << body
                                        << session << status << QString::fromLatin1(code);
          };

    add("complete: no body", "POST", complete, json, {}, {}, valid, 400, "bad_json");
    add("complete: garbled json", "POST", complete, json, {}, R"({"note": )", valid, 400,
        "bad_json");
    add("complete: json array", "POST", complete, json, {}, "[1, 2]", valid, 400, "bad_json");
    add("complete: json string", "POST", complete, json, {}, R"("Done")", valid, 400, "bad_json");
    add("complete: nul bytes", "POST", complete, json, {}, QByteArray("{\0}", 3), valid, 400,
        "bad_json");
    add("complete: text/plain", "POST", complete, "text/plain", {}, note, valid, 415,
        "bad_content_type");
    add("complete: form post", "POST", complete, "application/x-www-form-urlencoded", {},
        "note=Done", valid, 415, "bad_content_type");
    add("complete: multipart", "POST", complete, "multipart/form-data; boundary=x", {}, note, valid,
        415, "bad_content_type");
    add("complete: foreign origin", "POST", complete, json, "https://evil.example", note, valid,
        403, "bad_origin");
    add("complete: null origin", "POST", complete, json, "null", note, valid, 403, "bad_origin");
    add("complete: look-alike origin", "POST", complete, json,
        "http://portal.example.test:8443.evil.example", note, valid, 403, "bad_origin");
    add("complete: other port", "POST", complete, json, "http://portal.example.test:8444", note,
        valid, 403, "bad_origin");
    add("complete: https origin", "POST", complete, json, "https://portal.example.test:8443", note,
        valid, 403, "bad_origin");
    add("complete: note is a number", "POST", complete, json, {}, R"({"note": 42})", valid, 400,
        "bad_field");
    add("complete: note is an object", "POST", complete, json, {}, R"({"note": {"a": 1}})", valid,
        400, "bad_field");
    add("complete: note is a list", "POST", complete, json, {}, R"({"note": ["Done"]})", valid, 400,
        "bad_field");
    add("complete: note is true", "POST", complete, json, {}, R"({"note": true})", valid, 400,
        "bad_field");
    add("complete: note too long", "POST", complete, json, {},
        toJson({{QStringLiteral("note"), QString(2001, QLatin1Char('x'))}}), valid, 422, "invalid");
    add("complete: note too long in umlauts", "POST", complete, json, {},
        toJson({{QStringLiteral("note"), QString(2001, QChar(0x00FC))}}), valid, 422, "invalid");
    add("complete: body too large", "POST", complete, json, {},
        toJson({{QStringLiteral("note"), QString(70 * 1024, QLatin1Char('x'))}}), valid, 413,
        "too_large");
    add("complete: unknown task", "POST",
        QStringLiteral("/api/v1/tasks/%1/complete").arg(kUnknownTask), json, {}, note, valid, 404,
        "not_found");
    add("complete: negative id", "POST", QStringLiteral("/api/v1/tasks/-1/complete"), json, {},
        note, valid, 404, "not_found");
    add("complete: id is not a number", "POST", QStringLiteral("/api/v1/tasks/abc/complete"), json,
        {}, note, valid, 404, "not_found");
    add("complete: id overflows", "POST",
        QStringLiteral("/api/v1/tasks/99999999999999999999999/complete"), json, {}, note, valid,
        404, "not_found");
    add("complete: msp task", "POST", QStringLiteral("/api/v1/tasks/{msp}/complete"), json, {},
        note, valid, 422, "invalid");
    add("complete: completed msp task", "POST", QStringLiteral("/api/v1/tasks/{done}/complete"),
        json, {}, note, valid, 422, "invalid");
    add("complete: upload task", "POST", QStringLiteral("/api/v1/tasks/{upload}/complete"), json,
        {}, note, valid, 422, "invalid");
    add("complete: no session", "POST", complete, json, {}, note, QStringLiteral("none"), 401,
        "unauthorized");
    add("complete: unknown session", "POST", complete, json, {}, note, QStringLiteral("unknown"),
        401, "unauthorized");
    add("complete: garbage session", "POST", complete, json, {}, note, QStringLiteral("garbage"),
        401, "unauthorized");
    add("complete: GET", "GET", complete, {}, {}, {}, valid, 404, "not_found");
    add("complete: PUT", "PUT", complete, json, {}, note, valid, 404, "not_found");
    add("task: unknown", "GET", QStringLiteral("/api/v1/tasks/%1").arg(kUnknownTask), {}, {}, {},
        valid, 404, "not_found");
    add("task: no session", "GET", QStringLiteral("/api/v1/tasks/{client}"), {}, {}, {},
        QStringLiteral("none"), 401, "unauthorized");
    add("home: no session", "GET", QStringLiteral("/api/v1/home"), {}, {}, {},
        QStringLiteral("none"), 401, "unauthorized");
    add("home: unknown session", "GET", QStringLiteral("/api/v1/home"), {}, {}, {},
        QStringLiteral("unknown"), 401, "unauthorized");
    add("me: garbage session", "GET", QStringLiteral("/api/v1/me"), {}, {}, {},
        QStringLiteral("garbage"), 401, "unauthorized");
    add("invite: garbled json", "POST", QStringLiteral("/api/v1/auth/invite"), json, {}, "{", valid,
        400, "bad_json");
    add("invite: text/plain", "POST", QStringLiteral("/api/v1/auth/invite"), "text/plain", {},
        R"({"token":"x"})", valid, 415, "bad_content_type");
    add("invite: foreign origin", "POST", QStringLiteral("/api/v1/auth/invite"), json,
        "https://evil.example", R"({"token":"{invite}"})", valid, 403, "bad_origin");
    add("code: garbled json", "POST", QStringLiteral("/api/v1/auth/code"), json, {}, "{]", valid,
        400, "bad_json");
    add("code: not six digits", "POST", QStringLiteral("/api/v1/auth/code"), json, {},
        R"({"challenge":"{challenge}","code":"12345"})", valid, 422, "invalid");
    add("code: letters", "POST", QStringLiteral("/api/v1/auth/code"), json, {},
        R"({"challenge":"{challenge}","code":"12345a"})", valid, 422, "invalid");
    add("code: code is a number", "POST", QStringLiteral("/api/v1/auth/code"), json, {},
        R"({"challenge":"{challenge}","code":123456})", valid, 422, "invalid");
    add("code: unknown challenge", "POST", QStringLiteral("/api/v1/auth/code"), json, {},
        R"({"challenge":"{unknown}","code":"123456"})", valid, 401, "unauthorized");
    add("code: foreign origin", "POST", QStringLiteral("/api/v1/auth/code"), json,
        "https://evil.example", R"({"challenge":"{challenge}","code":"{code}"})", valid, 403,
        "bad_origin");
    add("magic: unknown token", "POST", QStringLiteral("/api/v1/auth/magic"), json, {},
        R"({"token":"{unknown}"})", valid, 401, "unauthorized");
    add("magic: foreign origin", "POST", QStringLiteral("/api/v1/auth/magic"), json,
        "https://evil.example", R"({"token":"{magic}"})", valid, 403, "bad_origin");
    add("magic: form post", "POST", QStringLiteral("/api/v1/auth/magic"),
        "application/x-www-form-urlencoded", {}, "token={magic}", valid, 415, "bad_content_type");
    add("logout: foreign origin", "POST", QStringLiteral("/api/v1/auth/logout"), json,
        "https://evil.example", "{}", valid, 403, "bad_origin");
    add("logout: text/plain", "POST", QStringLiteral("/api/v1/auth/logout"), "text/plain", {}, "{}",
        valid, 415, "bad_content_type");
}

void TestPortalApi::badRequestsAreRefusedAndChangeNothing()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, origin);
    QFETCH(QByteArray, body);
    QFETCH(QString, session);
    QFETCH(int, status);
    QFETCH(QString, code);

    // A signed-in contact, a pending sign-in and the demo's tasks to aim at; each row signs in
    // anew, more often than the rate limits allow one address.
    m_portal.forgetRateLimits();
    PortalClient user(m_portal.port());
    QString why;
    QVERIFY2(m_portal.signIn(user, m_portal.contact().id, &why), qPrintable(why));
    PortalClient pending(m_portal.port());
    QString challenge;
    QString pendingCode;
    QString magic;
    QVERIFY2(
        m_portal.startLogin(pending, m_portal.contact().id, &challenge, &pendingCode, &magic, &why),
        qPrintable(why));
    const qint64 company = m_portal.contact().companyId;
    const QList<QPair<QString, qint64>> ids = {
        {QStringLiteral("{client}"),
         m_portal.taskId(company, OwnerSide::Client, EvidenceType::Standard, TaskStatus::Pending)},
        {QStringLiteral("{msp}"),
         m_portal.taskId(company, OwnerSide::Msp, EvidenceType::Standard, TaskStatus::Pending)},
        {QStringLiteral("{done}"),
         m_portal.taskId(company, OwnerSide::Msp, EvidenceType::Meeting, TaskStatus::Completed)},
        {QStringLiteral("{upload}"),
         m_portal.taskId(company, OwnerSide::Client, EvidenceType::Upload, TaskStatus::Pending)}};
    for (const auto &[placeholder, id] : ids) {
        QVERIFY2(id != 0, qPrintable(placeholder));
        path.replace(placeholder, QString::number(id));
    }
    body.replace("{challenge}", challenge.toLatin1())
        .replace("{code}", pendingCode.toLatin1())
        .replace("{magic}", magic.toLatin1())
        .replace("{invite}", m_portal.inviteToken(m_portal.contact().id).toLatin1())
        .replace("{unknown}", Tokens::generate().toLatin1());

    PortalClient stranger(m_portal.port());
    if (session == QLatin1String("unknown")) {
        stranger.setCookie("gh_session", Tokens::generate().toLatin1());
    } else if (session == QLatin1String("garbage")) {
        stranger.setCookie("gh_session", "../../etc/passwd' OR 1=1 --");
    }
    PortalClient &browser = session == QLatin1String("valid") ? user : stranger;
    Headers headers;
    if (!origin.isEmpty()) {
        headers.append({"Origin", origin});
    }

    const QStringList before = m_portal.state();
    const HttpReply refused = browser.send(method, path, body, contentType, headers);
    QVERIFY2(refused.status == status, refused.describe());
    QVERIFY2(refused.header("Content-Type").startsWith("application/json"), refused.describe());
    QCOMPARE(refused.json()[QStringLiteral("code")].toString(), code);
    const QString message = refused.json()[QStringLiteral("error")].toString();
    QVERIFY2(!message.isEmpty(), refused.describe());
    QVERIFY(refused.header("Set-Cookie").isEmpty());
    QCOMPARE(m_portal.state(), before);
    // The contact's own session still works, and the pending sign-in is still usable.
    QCOMPARE(user.get(QStringLiteral("/api/v1/me")).status, 200);
    const HttpReply stillPending = pending.post(
        QStringLiteral("/api/v1/auth/code"),
        {{QStringLiteral("challenge"), challenge}, {QStringLiteral("code"), pendingCode}});
    QVERIFY2(stillPending.status == 200, stillPending.describe());
}

void TestPortalApi::tenantsCannotReachEachOther()
{
    // A second client company with its own contact and onboarding.
    QString error;
    const qint64 workspaceId = DirectoryRepository(m_portal.db()).workspace(&error)->id;
    const qint64 otherCompany
        = DirectoryRepository(m_portal.db())
              .createCompany(workspaceId, QStringLiteral("Other Clinic"), kStartMs, &error);
    QVERIFY2(otherCompany > 0, qPrintable(error));
    const qint64 otherContact
        = DirectoryRepository(m_portal.db())
              .createContact(otherCompany, QStringLiteral("Olly Other"),
                             QStringLiteral("olly@other.example"), kStartMs, &error);
    QVERIFY2(otherContact > 0, qPrintable(error));
    const QList<OnboardingTemplate> templates
        = TemplateRepository(m_portal.db()).list(workspaceId, &error);
    QVERIFY(!templates.isEmpty());
    ServiceError serviceError;
    const qint64 otherOnboarding
        = OnboardingService(m_portal.db(), m_portal.clock())
              .createFromTemplate(otherCompany, templates.first().id,
                                  QStringLiteral("Other onboarding"), QDate(2027, 1, 1),
                                  Actor::system(QStringLiteral("test")), &serviceError);
    QVERIFY2(otherOnboarding > 0, qPrintable(serviceError.message));

    PortalClient first(m_portal.port());
    PortalClient other(m_portal.port());
    QString why;
    QVERIFY2(m_portal.signIn(first, m_portal.contact().id, &why), qPrintable(why));
    QVERIFY2(m_portal.signIn(other, otherContact, &why), qPrintable(why));

    const QList<Task> firstTasks = m_portal.tasksOf(m_portal.contact().companyId);
    const QList<Task> otherTasks = m_portal.tasksOf(otherCompany);
    QCOMPARE(firstTasks.size(), 15);
    QCOMPARE(otherTasks.size(), 15);

    // Each home shows only its own onboarding.
    const HttpReply otherHome = other.get(QStringLiteral("/api/v1/home"));
    QVERIFY2(otherHome.status == 200, otherHome.describe());
    const QJsonArray otherOnboardings = otherHome.json()[QStringLiteral("onboardings")].toArray();
    QCOMPARE(otherOnboardings.size(), 1);
    QCOMPARE(otherOnboardings.first()[QStringLiteral("id")].toInteger(), otherOnboarding);
    QCOMPARE(
        otherOnboardings.first()[QStringLiteral("progress")][QStringLiteral("completed")].toInt(),
        0);
    QSet<qint64> shownToOther;
    for (const QJsonValue &phase : otherOnboardings.first()[QStringLiteral("phases")].toArray()) {
        for (const QJsonValue &task : phase[QStringLiteral("tasks")].toArray()) {
            shownToOther.insert(task[QStringLiteral("id")].toInteger());
        }
    }
    QCOMPARE(shownToOther.size(), otherTasks.size());
    for (const Task &task : firstTasks) {
        QVERIFY(!shownToOther.contains(task.id));
    }
    const HttpReply firstHome = first.get(QStringLiteral("/api/v1/home"));
    const QJsonArray firstOnboardings = firstHome.json()[QStringLiteral("onboardings")].toArray();
    QCOMPARE(firstOnboardings.size(), 1);
    QVERIFY(firstOnboardings.first()[QStringLiteral("id")].toInteger() != otherOnboarding);

    // Every task route, with every one of the other company's ids: 404, as for no task at all.
    const HttpReply nothing = other.get(QStringLiteral("/api/v1/tasks/%1").arg(kUnknownTask));
    QCOMPARE(nothing.status, 404);
    const QStringList before = m_portal.state();
    for (const Task &task : firstTasks) {
        const QString path = QStringLiteral("/api/v1/tasks/%1").arg(task.id);
        const HttpReply read = other.get(path);
        QVERIFY2(read.status == 404, qPrintable(path + QString::fromUtf8(read.describe())));
        QCOMPARE(read.body, nothing.body);
        const HttpReply write = other.post(path + QStringLiteral("/complete"),
                                           {{QStringLiteral("note"), QStringLiteral("mine now")}});
        QVERIFY2(write.status == 404, qPrintable(path + QString::fromUtf8(write.describe())));
        QCOMPARE(write.json()[QStringLiteral("code")].toString(), QStringLiteral("not_found"));
    }
    for (const Task &task : otherTasks) {
        const HttpReply read = first.get(QStringLiteral("/api/v1/tasks/%1").arg(task.id));
        QVERIFY2(read.status == 404, read.describe());
    }
    QCOMPARE(m_portal.state(), before);

    // Their own tasks stay within reach.
    const qint64 own = m_portal.taskId(otherCompany, OwnerSide::Client, EvidenceType::Standard,
                                       TaskStatus::Pending);
    QCOMPARE(other.get(QStringLiteral("/api/v1/tasks/%1").arg(own)).status, 200);
    const HttpReply completed = other.post(QStringLiteral("/api/v1/tasks/%1/complete").arg(own),
                                           {{QStringLiteral("note"), QStringLiteral("ok")}});
    QVERIFY2(completed.status == 200, completed.describe());
    QCOMPARE(m_portal.tasksOf(m_portal.contact().companyId).size(), firstTasks.size());
    for (const Task &task : m_portal.tasksOf(m_portal.contact().companyId)) {
        const auto was = std::find_if(firstTasks.cbegin(), firstTasks.cend(),
                                      [&task](const Task &t) { return t.id == task.id; });
        QVERIFY(was != firstTasks.cend());
        QCOMPARE(task.status, was->status);
    }
}

QTEST_GUILESS_MAIN(TestPortalApi)
#include "tst_portal_api.moc"
