// Documents and approvals (ONB-4, ONB-5, ONB-6) through the portal's HTTP API, on both
// engines: upload, review by staff (reject re-opens, approve completes), download as an
// attachment, every bad upload refused without a trace; approving, or requesting changes with
// a reason.
#include "PortalClient.h"
#include "PortalFixture.h"
#include "TestDatabase.h"
#include "TestStaff.h"

#include "security/Tokens.h"
#include "services/DocumentService.h"
#include "services/OnboardingService.h"
#include "storage/DirectoryRepository.h"
#include "storage/SqlQuery.h"
#include "storage/TemplateRepository.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace Gatehouse;
using namespace Gatehouse::Testing;

namespace {

const QByteArray kOwnOrigin = PortalFixture::ownOrigin();

// A small but real PDF: what QMimeDatabase recognises by its bytes.
QByteArray pdfBytes(const QByteArray &text)
{
    return "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% " + text + "\n%%EOF\n";
}

QByteArray pngBytes()
{
    return QByteArray::fromBase64("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9Q"
                                  "DwADhgGAWjR9awAAAABJRU5ErkJggg==");
}

} // namespace

class TestPortalDocuments : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(Tokens::initialise()); }
    void initTestCase_data() { TestDatabase::addEngineRows(); }
    void init();
    void cleanup() { m_portal.stop(); }

    void uploadReviewAndDownload();
    void badUploadsAreRefusedAndChangeNothing_data();
    void badUploadsAreRefusedAndChangeNothing();
    void reviewedFilesCannotBeTakenBack();
    void otherCompaniesCannotReachFiles();
    void uploadRoutesTakeLargerBodiesThanOthers();
    void approvalsAreDecidedOnceWithAReasonToReject();

private:
    HttpReply upload(PortalClient &browser, qint64 taskId, const QString &name,
                     const QByteArray &bytes, const Headers &headers = {{"Origin", kOwnOrigin}});
    QString taskStatus(qint64 taskId);
    QStringList state();

    PortalFixture m_portal;
    PortalClient *m_browser = nullptr;
    qint64 m_uploadTask = 0;
};

void TestPortalDocuments::init()
{
    QFETCH_GLOBAL(QString, engine);
    QString error;
    QVERIFY2(m_portal.start(engine, &error), qPrintable(error));
    m_uploadTask = m_portal.taskId(m_portal.contact().companyId, OwnerSide::Client,
                                   EvidenceType::Upload, TaskStatus::Pending);
    QVERIFY(m_uploadTask > 0);
}

HttpReply TestPortalDocuments::upload(PortalClient &browser, qint64 taskId, const QString &name,
                                      const QByteArray &bytes, const Headers &headers)
{
    return browser.send("POST",
                        QStringLiteral("/api/v1/tasks/%1/files?name=%2")
                            .arg(taskId)
                            .arg(QString::fromLatin1(QUrl::toPercentEncoding(name))),
                        bytes, "application/octet-stream", headers);
}

QString TestPortalDocuments::taskStatus(qint64 taskId)
{
    return m_portal.rows(QStringLiteral("SELECT status FROM task WHERE id = %1").arg(taskId))
        .value(0);
}

QStringList TestPortalDocuments::state()
{
    return m_portal.state() + m_portal.rows(QStringLiteral("SELECT COUNT(*) FROM stored_file"))
           + m_portal.rows(QStringLiteral("SELECT COUNT(*) FROM file_chunk"))
           + m_portal.rows(QStringLiteral("SELECT id, review_state FROM task_file ORDER BY id"))
           + m_portal.rows(QStringLiteral("SELECT COUNT(*) FROM audit_event"));
}

void TestPortalDocuments::uploadReviewAndDownload()
{
    PortalClient browser(m_portal.port());
    QString why;
    QVERIFY2(m_portal.signIn(browser, m_portal.contact().id, &why), qPrintable(why));
    const QString files = QStringLiteral("/api/v1/tasks/%1/files").arg(m_uploadTask);

    // What the task accepts is known before anything is sent.
    const HttpReply before = browser.get(files);
    QVERIFY2(before.status == 200, before.describe());
    const QJsonObject accept = before.json()[QStringLiteral("accept")].toObject();
    QCOMPARE(accept[QStringLiteral("maxBytes")].toInteger(), 25 * 1024 * 1024);
    QVERIFY(accept[QStringLiteral("extensions")].toArray().contains(QStringLiteral(".pdf")));
    QVERIFY(before.json()[QStringLiteral("files")].toArray().isEmpty());

    // A file larger than one chunk, to see it stored in pieces and put back together.
    QByteArray big = pdfBytes("network diagram");
    big.append(QByteArray(600 * 1024, 'x'));
    const HttpReply sent = upload(browser, m_uploadTask, QStringLiteral("Netzplan ü.pdf"), big);
    QVERIFY2(sent.status == 201, sent.describe());
    const QJsonObject file = sent.json()[QStringLiteral("file")].toObject();
    QCOMPARE(file[QStringLiteral("name")].toString(), QStringLiteral("Netzplan ü.pdf"));
    QCOMPARE(file[QStringLiteral("mediaType")].toString(), QStringLiteral("application/pdf"));
    QCOMPARE(file[QStringLiteral("size")].toInteger(), big.size());
    QCOMPARE(
        file[QStringLiteral("sha256")].toString(),
        QString::fromLatin1(QCryptographicHash::hash(big, QCryptographicHash::Sha256).toHex()));
    QCOMPARE(file[QStringLiteral("review")].toString(), QStringLiteral("uploaded"));
    QCOMPARE(taskStatus(m_uploadTask), QStringLiteral("in_progress"));
    QCOMPARE(m_portal.rows(QStringLiteral("SELECT COUNT(*) FROM file_chunk")),
             QStringList{QStringLiteral("3")});

    // Downloads come back byte for byte, as attachments that run nothing.
    const HttpReply download = browser.get(file[QStringLiteral("url")].toString());
    QVERIFY2(download.status == 200, download.describe());
    QCOMPARE(download.body, big);
    QVERIFY2(download.header("Content-Disposition").startsWith("attachment;"),
             download.header("Content-Disposition").constData());
    QVERIFY(
        download.header("Content-Disposition").contains("filename*=UTF-8''Netzplan%20%C3%BC.pdf"));
    QVERIFY(download.header("Content-Security-Policy").contains("sandbox"));
    QCOMPARE(download.header("X-Content-Type-Options"), QByteArray("nosniff"));

    // Staff reject it with a note: the task opens again and the contact sees why.
    DocumentService staff(m_portal.db(), m_portal.clock());
    const Actor sam = staffActor(m_portal.db(), StaffRole::Technician, QStringLiteral("Sam Staff"));
    ServiceError error;
    const qint64 fileId = file[QStringLiteral("id")].toInteger();
    QVERIFY(!staff.review(fileId, false, QStringLiteral("  "), sam,
                          &error)); // a rejection needs a reason
    QCOMPARE(error.kind, ServiceError::Kind::Invalid);
    QVERIFY2(staff.review(fileId, false, QStringLiteral("Page 2 is missing."), sam, &error),
             qPrintable(error.message));
    QCOMPARE(taskStatus(m_uploadTask), QStringLiteral("pending"));
    const HttpReply documents = browser.get(QStringLiteral("/api/v1/documents"));
    QVERIFY2(documents.status == 200, documents.describe());
    const QJsonObject document
        = documents.json()[QStringLiteral("documents")].toArray().first().toObject();
    QCOMPARE(document[QStringLiteral("taskId")].toInteger(), m_uploadTask);
    QCOMPARE(document[QStringLiteral("state")].toString(), QStringLiteral("rejected"));
    QCOMPARE(document[QStringLiteral("files")][0][QStringLiteral("reviewNote")].toString(),
             QStringLiteral("Page 2 is missing."));

    // A second try, approved: the task is done and takes no more files.
    const HttpReply again = upload(browser, m_uploadTask, QStringLiteral("scan.png"), pngBytes());
    QVERIFY2(again.status == 201, again.describe());
    QCOMPARE(again.json()[QStringLiteral("file")][QStringLiteral("mediaType")].toString(),
             QStringLiteral("image/png"));
    QVERIFY2(staff.review(again.json()[QStringLiteral("file")][QStringLiteral("id")].toInteger(),
                          true, QString(), sam, &error),
             qPrintable(error.message));
    QCOMPARE(taskStatus(m_uploadTask), QStringLiteral("completed"));
    const HttpReply late = upload(browser, m_uploadTask, QStringLiteral("late.pdf"), pdfBytes("x"));
    QCOMPARE(late.status, 409);
    QCOMPARE(browser.get(QStringLiteral("/api/v1/documents"))
                 .json()[QStringLiteral("documents")][0][QStringLiteral("state")]
                 .toString(),
             QStringLiteral("approved"));
    // Each step is in the audit trail.
    QCOMPARE(m_portal.rows(QStringLiteral("SELECT action FROM audit_event WHERE action LIKE "
                                          "'file.%' ORDER BY id")),
             (QStringList{QStringLiteral("file.uploaded"), QStringLiteral("file.rejected"),
                          QStringLiteral("file.uploaded"), QStringLiteral("file.approved")}));
}

void TestPortalDocuments::badUploadsAreRefusedAndChangeNothing_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<bool>("csrf");
    QTest::addColumn<QByteArray>("origin");
    QTest::addColumn<QString>("config");
    QTest::addColumn<int>("status");

    const QByteArray pdf = pdfBytes("ok");
    const QByteArray octet = "application/octet-stream";
    QTest::newRow("program named .pdf") << "invoice.pdf"
                                        << QByteArray("\x7f"
                                                      "ELF\x02\x01\x01"
                                                      + QByteArray(200, '\0'))
                                        << octet << true << kOwnOrigin << "" << 422;
    QTest::newRow("PDF named .png")
        << "photo.png" << pdf << octet << true << kOwnOrigin << "" << 422;
    QTest::newRow("web page named .txt")
        << "notes.txt" << QByteArray("<html><script>alert(1)</script></html>") << octet << true
        << kOwnOrigin << "" << 422;
    QTest::newRow("SVG image") << "logo.svg"
                               << QByteArray("<svg xmlns=\"http://www.w3.org/2000/svg\">"
                                             "<script>alert(1)</script></svg>")
                               << octet << true << kOwnOrigin << "" << 422;
    QTest::newRow("empty file") << "empty.pdf" << QByteArray() << octet << true << kOwnOrigin << ""
                                << 422;
    QTest::newRow("type not accepted") << "scan.png" << pngBytes() << octet << true << kOwnOrigin
                                       << R"({"accept":["pdf"]})" << 422;
    QTest::newRow("over the task's limit")
        << "big.pdf" << pdf + QByteArray(1024 * 1024, ' ') << octet << true << kOwnOrigin
        << R"({"maxMegabytes":1})" << 422;
    QTest::newRow("sent as a form")
        << "a.pdf" << pdf << QByteArray("multipart/form-data") << true << kOwnOrigin << "" << 415;
    QTest::newRow("no CSRF token") << "a.pdf" << pdf << octet << false << kOwnOrigin << "" << 403;
    QTest::newRow("foreign origin")
        << "a.pdf" << pdf << octet << true << QByteArray("https://evil.example") << "" << 403;
}

void TestPortalDocuments::badUploadsAreRefusedAndChangeNothing()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, bytes);
    QFETCH(QByteArray, contentType);
    QFETCH(bool, csrf);
    QFETCH(QByteArray, origin);
    QFETCH(QString, config);
    QFETCH(int, status);

    if (!config.isEmpty()) {
        SqlQuery set(m_portal.db(), QStringLiteral("UPDATE task SET config = ? WHERE id = ?"));
        set << config << m_uploadTask;
        QString error;
        QVERIFY2(set.exec(&error), qPrintable(error));
    }
    PortalClient browser(m_portal.port());
    QString why;
    QVERIFY2(m_portal.signIn(browser, m_portal.contact().id, &why), qPrintable(why));
    browser.setSendsCsrfToken(csrf);
    const QStringList before = state();
    const HttpReply reply
        = browser.send("POST",
                       QStringLiteral("/api/v1/tasks/%1/files?name=%2")
                           .arg(m_uploadTask)
                           .arg(QString::fromLatin1(QUrl::toPercentEncoding(name))),
                       bytes, contentType, {{"Origin", origin}});
    QVERIFY2(reply.status == status, reply.describe());
    QVERIFY2(!reply.json()[QStringLiteral("error")].toString().isEmpty(), reply.describe());
    QCOMPARE(state(), before);
}

void TestPortalDocuments::reviewedFilesCannotBeTakenBack()
{
    PortalClient browser(m_portal.port());
    QString why;
    QVERIFY2(m_portal.signIn(browser, m_portal.contact().id, &why), qPrintable(why));
    const HttpReply first = upload(browser, m_uploadTask, QStringLiteral("a.pdf"), pdfBytes("a"));
    const HttpReply second = upload(browser, m_uploadTask, QStringLiteral("b.pdf"), pdfBytes("b"));
    QVERIFY2(first.status == 201 && second.status == 201, second.describe());
    const QString firstUrl = first.json()[QStringLiteral("file")][QStringLiteral("url")].toString();
    const QString secondUrl
        = second.json()[QStringLiteral("file")][QStringLiteral("url")].toString();

    // Not yet reviewed: the contact may take it back, and its bytes go with it.
    const HttpReply removed = browser.send("DELETE", firstUrl, {}, {}, {{"Origin", kOwnOrigin}});
    QVERIFY2(removed.status == 204, removed.describe());
    QCOMPARE(browser.get(firstUrl).status, 404);
    QCOMPARE(taskStatus(m_uploadTask), QStringLiteral("in_progress"));

    ServiceError error;
    QVERIFY(
        DocumentService(m_portal.db(), m_portal.clock())
            .review(second.json()[QStringLiteral("file")][QStringLiteral("id")].toInteger(), true,
                    QString(),
                    staffActor(m_portal.db(), StaffRole::Technician, QStringLiteral("Sam Staff")),
                    &error));
    const QStringList before = state();
    const HttpReply refused = browser.send("DELETE", secondUrl, {}, {}, {{"Origin", kOwnOrigin}});
    QVERIFY2(refused.status == 409, refused.describe());
    QCOMPARE(state(), before);
}

void TestPortalDocuments::otherCompaniesCannotReachFiles()
{
    QString error;
    const qint64 workspaceId = DirectoryRepository(m_portal.db()).workspace(&error)->id;
    const qint64 otherCompany = DirectoryRepository(m_portal.db())
                                    .createCompany(workspaceId, QStringLiteral("Other Clinic"),
                                                   PortalFixture::kStartMs, &error);
    const qint64 otherContact
        = DirectoryRepository(m_portal.db())
              .createContact(otherCompany, QStringLiteral("Olly Other"),
                             QStringLiteral("olly@other.example"), PortalFixture::kStartMs, &error);
    QVERIFY2(otherContact > 0, qPrintable(error));
    ServiceError serviceError;
    QVERIFY(OnboardingService(m_portal.db(), m_portal.clock())
                .createFromTemplate(
                    otherCompany,
                    TemplateRepository(m_portal.db()).list(workspaceId, &error).first().id,
                    QStringLiteral("Other onboarding"), QDate(2027, 1, 1),
                    Actor::system(QStringLiteral("test")), &serviceError)
            > 0);

    PortalClient own(m_portal.port());
    PortalClient other(m_portal.port());
    QString why;
    QVERIFY2(m_portal.signIn(own, m_portal.contact().id, &why), qPrintable(why));
    QVERIFY2(m_portal.signIn(other, otherContact, &why), qPrintable(why));
    const HttpReply sent = upload(own, m_uploadTask, QStringLiteral("a.pdf"), pdfBytes("secret"));
    QVERIFY2(sent.status == 201, sent.describe());
    const QString url = sent.json()[QStringLiteral("file")][QStringLiteral("url")].toString();

    const QStringList before = state();
    QCOMPARE(other.get(url).status, 404);
    QCOMPARE(other.send("DELETE", url, {}, {}, {{"Origin", kOwnOrigin}}).status, 404);
    QCOMPARE(other.get(QStringLiteral("/api/v1/tasks/%1/files").arg(m_uploadTask)).status, 404);
    QCOMPARE(upload(other, m_uploadTask, QStringLiteral("b.pdf"), pdfBytes("b")).status, 404);
    QVERIFY(!other.get(QStringLiteral("/api/v1/documents")).body.contains("secret"));
    QVERIFY(!other.get(QStringLiteral("/api/v1/documents")).body.contains("a.pdf"));
    QCOMPARE(state(), before);
}

void TestPortalDocuments::uploadRoutesTakeLargerBodiesThanOthers()
{
    PortalClient browser(m_portal.port());
    QString why;
    QVERIFY2(m_portal.signIn(browser, m_portal.contact().id, &why), qPrintable(why));
    // Two MiB: past the front door's general limit of one, within the upload route's.
    const QByteArray big = pdfBytes("big") + QByteArray(2 * 1024 * 1024, ' ');
    const HttpReply uploaded = upload(browser, m_uploadTask, QStringLiteral("big.pdf"), big);
    QVERIFY2(uploaded.status == 201, uploaded.describe());
    const qint64 standardTask = m_portal.taskId(m_portal.contact().companyId, OwnerSide::Client,
                                                EvidenceType::Standard, TaskStatus::Pending);
    const HttpReply completed
        = browser.send("POST", QStringLiteral("/api/v1/tasks/%1/complete").arg(standardTask), big,
                       "application/json", {{"Origin", kOwnOrigin}});
    QCOMPARE(completed.status, 413);
}

void TestPortalDocuments::approvalsAreDecidedOnceWithAReasonToReject()
{
    const qint64 approval = m_portal.taskId(m_portal.contact().companyId, OwnerSide::Client,
                                            EvidenceType::Approval, TaskStatus::Pending);
    QVERIFY(approval > 0);
    PortalClient browser(m_portal.port());
    QString why;
    QVERIFY2(m_portal.signIn(browser, m_portal.contact().id, &why), qPrintable(why));
    const QString decision = QStringLiteral("/api/v1/tasks/%1/decision").arg(approval);
    const Headers origin{{"Origin", kOwnOrigin}};

    // Refused without a trace: no reason for changes, a wrong type, another kind of task.
    const QStringList before = state()
                               + m_portal.rows(QStringLiteral("SELECT COUNT(*) FROM "
                                                              "task_decision"));
    QCOMPARE(browser.post(decision, {{QStringLiteral("approve"), false}}, origin).status, 422);
    QCOMPARE(
        browser.post(decision, {{QStringLiteral("approve"), QStringLiteral("yes")}}, origin).status,
        400);
    QCOMPARE(browser
                 .post(QStringLiteral("/api/v1/tasks/%1/decision").arg(m_uploadTask),
                       {{QStringLiteral("approve"), true}}, origin)
                 .status,
             422);
    QCOMPARE(state() + m_portal.rows(QStringLiteral("SELECT COUNT(*) FROM task_decision")), before);

    // Changes requested: the task is blocked until staff reopen it.
    const HttpReply rejected = browser.post(
        decision,
        {{QStringLiteral("approve"), false},
         {QStringLiteral("comment"), QStringLiteral("Go-live on a Friday? Please move it.")}},
        origin);
    QVERIFY2(rejected.status == 200, rejected.describe());
    QCOMPARE(taskStatus(approval), QStringLiteral("blocked"));
    QCOMPARE(browser.post(decision, {{QStringLiteral("approve"), true}}, origin).status, 409);
    ServiceError error;
    QVERIFY(OnboardingService(m_portal.db(), m_portal.clock())
                .setStatusAsStaff(
                    approval, TaskStatus::Pending,
                    staffActor(m_portal.db(), StaffRole::Technician, QStringLiteral("Sam Staff")),
                    &error));

    const HttpReply approved = browser.post(decision, {{QStringLiteral("approve"), true}}, origin);
    QVERIFY2(approved.status == 200, approved.describe());
    QCOMPARE(taskStatus(approval), QStringLiteral("completed"));
    QCOMPARE(browser.post(decision, {{QStringLiteral("approve"), true}}, origin).status, 409);

    // The history, newest first, in the task and in the Approvals section.
    const QJsonArray decisions
        = browser.get(decision).json()[QStringLiteral("decisions")].toArray();
    QCOMPARE(decisions.size(), 2);
    QCOMPARE(decisions[0][QStringLiteral("decision")].toString(), QStringLiteral("approved"));
    QCOMPARE(decisions[1][QStringLiteral("comment")].toString(),
             QStringLiteral("Go-live on a Friday? Please move it."));
    const QJsonObject section = browser.get(QStringLiteral("/api/v1/approvals"))
                                    .json()[QStringLiteral("approvals")][0]
                                    .toObject();
    QCOMPARE(section[QStringLiteral("taskId")].toInteger(), approval);
    QCOMPARE(section[QStringLiteral("status")].toString(), QStringLiteral("completed"));
    QCOMPARE(m_portal.rows(QStringLiteral("SELECT COUNT(*) FROM task_decision WHERE ip <> ''")),
             QStringList{QStringLiteral("2")});
}

QTEST_GUILESS_MAIN(TestPortalDocuments)
#include "tst_portal_documents.moc"
