// Conversations through the portal, on both engines. The thread on each task (ONB-9): contacts
// and staff write, bad messages change nothing, other companies see nothing, and a
// staff-internal note appears in no portal response at all (every GET route of openapi.yaml,
// for every task and file) and in no mail. Questions (ONB-8): mailed to staff, answered back.
#include "PortalClient.h"
#include "PortalFixture.h"
#include "TestDatabase.h"
#include "TestStaff.h"

#include "security/Tokens.h"
#include "services/CommentService.h"
#include "services/DocumentService.h"
#include "services/QuestionService.h"
#include "storage/DirectoryRepository.h"
#include "storage/SqlQuery.h"
#include "storage/TemplateRepository.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

using namespace Gatehouse;
using namespace Gatehouse::Testing;

namespace {

const QByteArray kOwnOrigin = PortalFixture::ownOrigin();
const QString kPlanted = QStringLiteral("INTERNAL-b7e1c94f: client is behind on invoices");

// The GET routes the API documents: the route table every response sweep starts from.
QStringList documentedGetRoutes()
{
    QFile file(QStringLiteral(":/portal/openapi.yaml"));
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    const QRegularExpression pathLine(QStringLiteral("^  (/\\S+):\\s*$"));
    QStringList routes;
    QString current;
    for (const QByteArray &raw : file.readAll().split('\n')) {
        const QString line = QString::fromUtf8(raw);
        const QRegularExpressionMatch match = pathLine.match(line);
        if (match.hasMatch()) {
            current = match.captured(1);
        } else if (!line.startsWith(QLatin1Char(' ')) && !line.trimmed().isEmpty()) {
            current.clear(); // the paths section has ended
        } else if (!current.isEmpty() && line == QLatin1String("    get:")) {
            routes.append(current);
        }
    }
    return routes;
}

} // namespace

class TestPortalComments : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(Tokens::initialise()); }
    void initTestCase_data() { TestDatabase::addEngineRows(); }
    void init();
    void cleanup() { m_portal.stop(); }

    void contactsAndStaffTalkOnATask();
    void badMessagesAreRefusedAndChangeNothing_data();
    void badMessagesAreRefusedAndChangeNothing();
    void internalNotesNeverLeaveTheConsole();
    void questionsReachStaffAndAnswersComeBack();

private:
    QStringList state();

    PortalFixture m_portal;
    qint64 m_task = 0;
};

void TestPortalComments::init()
{
    QFETCH_GLOBAL(QString, engine);
    QString error;
    QVERIFY2(m_portal.start(engine, &error), qPrintable(error));
    m_task = m_portal.taskId(m_portal.contact().companyId, OwnerSide::Client,
                             EvidenceType::Standard, TaskStatus::Pending);
    QVERIFY(m_task > 0);
}

QStringList TestPortalComments::state()
{
    return m_portal.state()
           + m_portal.rows(QStringLiteral("SELECT id, body FROM task_comment ORDER BY id"))
           + m_portal.rows(QStringLiteral("SELECT COUNT(*) FROM audit_event"));
}

void TestPortalComments::contactsAndStaffTalkOnATask()
{
    const Actor staff
        = staffActor(m_portal.db(), StaffRole::Technician, QStringLiteral("Sam Staff"));
    PortalClient browser(m_portal.port());
    QString why;
    QVERIFY2(m_portal.signIn(browser, m_portal.contact().id, &why), qPrintable(why));
    const QString thread = QStringLiteral("/api/v1/tasks/%1/comments").arg(m_task);
    QVERIFY(browser.get(thread).json()[QStringLiteral("comments")].toArray().isEmpty());

    const QString question
        = QStringLiteral("  Do you need <b>all</b> offices?\n<script>x</script> ");
    const HttpReply asked
        = browser.post(thread, {{QStringLiteral("body"), question}}, {{"Origin", kOwnOrigin}});
    QVERIFY2(asked.status == 201, asked.describe());
    ServiceError error;
    QVERIFY(CommentService(m_portal.db(), m_portal.clock())
                .addAsStaff(m_task, QStringLiteral("Yes, all three."), false, staff, &error));

    const QJsonArray comments = browser.get(thread).json()[QStringLiteral("comments")].toArray();
    QCOMPARE(comments.size(), 2);
    // Stored and sent back as the text it was, trimmed: the page shows it as text.
    QCOMPARE(comments[0][QStringLiteral("body")].toString(), question.trimmed());
    QCOMPARE(comments[0][QStringLiteral("author")].toString(), m_portal.contact().name);
    QCOMPARE(comments[0][QStringLiteral("fromProvider")].toBool(), false);
    QCOMPARE(comments[1][QStringLiteral("body")].toString(), QStringLiteral("Yes, all three."));
    QCOMPARE(comments[1][QStringLiteral("fromProvider")].toBool(), true);
    QCOMPARE(m_portal.rows(QStringLiteral("SELECT action FROM audit_event WHERE action = "
                                          "'comment.added'")),
             (QStringList{QStringLiteral("comment.added"), QStringLiteral("comment.added")}));
}

void TestPortalComments::badMessagesAreRefusedAndChangeNothing_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("otherTask");
    QTest::addColumn<int>("status");
    QTest::newRow("empty") << QByteArray(R"({"body":"   "})") << false << 422;
    QTest::newRow("not text") << QByteArray(R"({"body":42})") << false << 400;
    QTest::newRow("missing") << QByteArray(R"({})") << false << 400;
    QTest::newRow("too long") << ("{\"body\":\"" + QByteArray(4001, 'a') + "\"}") << false << 422;
    QTest::newRow("not JSON") << QByteArray("body=hello") << false << 400;
    QTest::newRow("unknown task") << QByteArray(R"({"body":"hi"})") << true << 404;
}

void TestPortalComments::badMessagesAreRefusedAndChangeNothing()
{
    QFETCH(QByteArray, body);
    QFETCH(bool, otherTask);
    QFETCH(int, status);
    PortalClient browser(m_portal.port());
    QString why;
    QVERIFY2(m_portal.signIn(browser, m_portal.contact().id, &why), qPrintable(why));
    const QStringList before = state();
    const HttpReply reply = browser.send(
        "POST", QStringLiteral("/api/v1/tasks/%1/comments").arg(otherTask ? 987654321 : m_task),
        body, "application/json", {{"Origin", kOwnOrigin}});
    QVERIFY2(reply.status == status, reply.describe());
    QCOMPARE(state(), before);
}

void TestPortalComments::internalNotesNeverLeaveTheConsole()
{
    const Actor staff
        = staffActor(m_portal.db(), StaffRole::Technician, QStringLiteral("Sam Staff"));
    const qint64 uploadTask = m_portal.taskId(m_portal.contact().companyId, OwnerSide::Client,
                                              EvidenceType::Upload, TaskStatus::Pending);
    ServiceError error;
    QVERIFY(DocumentService(m_portal.db(), m_portal.clock())
                .upload(uploadTask, m_portal.contact().id, m_portal.contact().companyId,
                        QStringLiteral("plan.pdf"), "%PDF-1.4\n%%EOF\n", QString(), &error));
    // A note on every task of the company, and a public reply next to one.
    const QList<Task> tasks = m_portal.tasksOf(m_portal.contact().companyId);
    CommentService comments(m_portal.db(), m_portal.clock());
    for (const Task &task : tasks) {
        QVERIFY2(comments.addAsStaff(task.id, kPlanted, true, staff, &error),
                 qPrintable(error.message));
    }
    QVERIFY(comments.addAsStaff(m_task, QStringLiteral("A public reply"), false, staff, &error));
    QString dbError;
    QCOMPARE(comments.forStaff(m_task, &dbError).size(), 2); // staff see both

    PortalClient browser(m_portal.port());
    QString why;
    QVERIFY2(m_portal.signIn(browser, m_portal.contact().id, &why), qPrintable(why));
    const QStringList routes = documentedGetRoutes();
    QVERIFY2(routes.contains(QStringLiteral("/api/v1/tasks/{id}/comments")),
             qPrintable(routes.join(QLatin1Char(' '))));
    const QStringList fileIds
        = m_portal.rows(QStringLiteral("SELECT id FROM task_file ORDER BY id"));
    QVERIFY(!fileIds.isEmpty());
    int swept = 0;
    for (const QString &route : routes) {
        QStringList paths{route};
        if (route.contains(QLatin1String("{id}"))) {
            paths.clear();
            for (const Task &task : tasks) {
                paths.append(
                    QString(route).replace(QLatin1String("{id}"), QString::number(task.id)));
            }
        }
        if (route.contains(QLatin1String("{fileId}"))) {
            paths.clear();
            for (const QString &id : fileIds) {
                paths.append(QString(route).replace(QLatin1String("{fileId}"), id));
            }
        }
        for (const QString &path : paths) {
            QVERIFY2(!path.contains(QLatin1Char('{')),
                     qPrintable(QStringLiteral("teach this sweep the parameter of %1").arg(route)));
            const HttpReply reply = browser.get(path);
            QVERIFY2(reply.status != 0 && reply.status < 500, qPrintable(path));
            QVERIFY2(!reply.body.contains("INTERNAL-b7e1c94f"), qPrintable(path));
            ++swept;
        }
    }
    QVERIFY(swept > tasks.size() * 3);
    // The public reply did come through: the sweep reads real threads.
    QVERIFY(browser.get(QStringLiteral("/api/v1/tasks/%1/comments").arg(m_task))
                .body.contains("A public reply"));
    for (const QString &mail : m_portal.rows(QStringLiteral("SELECT subject || body_text || "
                                                            "body_html FROM outbox"))) {
        QVERIFY(!mail.contains(QLatin1String("INTERNAL-b7e1c94f")));
    }
    for (const QString &summary : m_portal.rows(QStringLiteral("SELECT summary FROM activity"))) {
        QVERIFY(!summary.contains(QLatin1String("INTERNAL-b7e1c94f")));
    }
}

void TestPortalComments::questionsReachStaffAndAnswersComeBack()
{
    PortalClient browser(m_portal.port());
    QString why;
    QVERIFY2(m_portal.signIn(browser, m_portal.contact().id, &why), qPrintable(why));
    const QString questions = QStringLiteral("/api/v1/questions");
    const Headers origin{{"Origin", kOwnOrigin}};
    const qint64 onboardingId
        = m_portal.rows(QStringLiteral("SELECT id FROM onboarding")).first().toLongLong();
    const int staff = m_portal.rows(QStringLiteral("SELECT COUNT(*) FROM staff")).first().toInt();

    // Refused without a trace.
    const QStringList before
        = state() + m_portal.rows(QStringLiteral("SELECT COUNT(*) FROM question"));
    QCOMPARE(
        browser.post(questions, {{QStringLiteral("body"), QStringLiteral("  ")}}, origin).status,
        422);
    QCOMPARE(
        browser.post(questions, {{QStringLiteral("body"), QString(4001, QLatin1Char('x'))}}, origin)
            .status,
        422);
    QCOMPARE(browser.post(questions, {{QStringLiteral("body"), 5}}, origin).status, 400);
    QCOMPARE(browser
                 .post(questions,
                       {{QStringLiteral("body"), QStringLiteral("Hi")},
                        {QStringLiteral("onboardingId"), QStringLiteral("1")}},
                       origin)
                 .status,
             400);
    QCOMPARE(browser
                 .post(questions,
                       {{QStringLiteral("body"), QStringLiteral("Hi")},
                        {QStringLiteral("onboardingId"), 987654}},
                       origin)
                 .status,
             404);
    QCOMPARE(state() + m_portal.rows(QStringLiteral("SELECT COUNT(*) FROM question")), before);

    const int mails = m_portal.rows(QStringLiteral("SELECT COUNT(*) FROM outbox")).first().toInt();
    const HttpReply asked = browser.post(
        questions,
        {{QStringLiteral("body"), QStringLiteral("Can the rollout wait until <b>May</b>?")},
         {QStringLiteral("onboardingId"), onboardingId}},
        origin);
    QVERIFY2(asked.status == 201, asked.describe());
    // Every member of staff is told, by mail; the feed has it too.
    QCOMPARE(m_portal.rows(QStringLiteral("SELECT COUNT(*) FROM outbox")).first().toInt(),
             mails + staff);
    QCOMPARE(m_portal.rows(QStringLiteral("SELECT kind FROM activity ORDER BY id DESC LIMIT 1")),
             QStringList{QStringLiteral("question.asked")});

    ServiceError error;
    const qint64 questionId
        = asked.json()[QStringLiteral("question")][QStringLiteral("id")].toInteger();
    QuestionService service(m_portal.db(), m_portal.clock(), PortalFixture::publicUrl());
    const Actor sam = staffActor(m_portal.db(), StaffRole::Technician, QStringLiteral("Sam Staff"));
    QVERIFY(!service.answerAsStaff(questionId, QStringLiteral(" "), sam, &error));
    QVERIFY(service.answerAsStaff(questionId, QStringLiteral("Yes, May works."), sam, &error));
    QVERIFY(!service.answerAsStaff(questionId, QStringLiteral("Again"), sam, &error));
    QCOMPARE(error.kind, ServiceError::Kind::Conflict);
    const MailMessage answerMail = m_portal.lastMailTo(m_portal.contact().email);
    QVERIFY(answerMail.text.contains(QStringLiteral("Yes, May works.")));
    QVERIFY(answerMail.text.contains(PortalFixture::publicUrl()));

    const QJsonObject listed
        = browser.get(questions).json()[QStringLiteral("questions")][0].toObject();
    QCOMPARE(listed[QStringLiteral("body")].toString(),
             QStringLiteral("Can the rollout wait until <b>May</b>?"));
    QCOMPARE(listed[QStringLiteral("answer")].toString(), QStringLiteral("Yes, May works."));
    QCOMPARE(listed[QStringLiteral("answeredBy")].toString(), QStringLiteral("Sam Staff"));

    // Another company's contact sees none of it.
    QString dbError;
    const qint64 workspaceId = DirectoryRepository(m_portal.db()).workspace(&dbError)->id;
    const qint64 otherCompany = DirectoryRepository(m_portal.db())
                                    .createCompany(workspaceId, QStringLiteral("Other Clinic"),
                                                   PortalFixture::kStartMs, &dbError);
    const qint64 otherContact = DirectoryRepository(m_portal.db())
                                    .createContact(otherCompany, QStringLiteral("Olly Other"),
                                                   QStringLiteral("olly@other.example"),
                                                   PortalFixture::kStartMs, &dbError);
    PortalClient other(m_portal.port());
    QVERIFY2(m_portal.signIn(other, otherContact, &why), qPrintable(why));
    QVERIFY(other.get(questions).json()[QStringLiteral("questions")].toArray().isEmpty());
    QCOMPARE(other
                 .post(questions,
                       {{QStringLiteral("body"), QStringLiteral("Hi")},
                        {QStringLiteral("onboardingId"), onboardingId}},
                       origin)
                 .status,
             404);
}

QTEST_GUILESS_MAIN(TestPortalComments)
#include "tst_portal_comments.moc"
