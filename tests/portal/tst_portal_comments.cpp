// The thread on each task (ONB-9) through the portal, on both engines: contacts and staff
// write, bad messages change nothing, other companies see nothing, and a staff-internal note
// appears in no portal response at all (every GET route of openapi.yaml, for every task and
// file) and in no mail.
#include "PortalClient.h"
#include "PortalFixture.h"
#include "TestDatabase.h"

#include "security/Tokens.h"
#include "services/CommentService.h"
#include "services/DocumentService.h"
#include "storage/DirectoryRepository.h"
#include "storage/SqlQuery.h"

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
                .addAsStaff(m_task, QStringLiteral("Yes, all three."), false,
                            QStringLiteral("Sam Staff"), &error));

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
        QVERIFY2(comments.addAsStaff(task.id, kPlanted, true, QStringLiteral("Sam Staff"), &error),
                 qPrintable(error.message));
    }
    QVERIFY(comments.addAsStaff(m_task, QStringLiteral("A public reply"), false,
                                QStringLiteral("Sam Staff"), &error));
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

QTEST_GUILESS_MAIN(TestPortalComments)
#include "tst_portal_comments.moc"
