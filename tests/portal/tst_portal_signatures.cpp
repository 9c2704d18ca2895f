// Signature tasks through the portal's HTTP API, on both engines: a drawn signature stored
// with its evidence and verified, tampering with the document or the image caught, the
// certificate PDF kept and mailed, and bad signatures refused without a trace.
#include "PortalClient.h"
#include "PortalFixture.h"
#include "TestDatabase.h"
#include "TestStaff.h"

#include "security/Tokens.h"
#include "services/BrandingService.h"
#include "services/DocumentService.h"
#include "services/SignatureService.h"
#include "services/StaffOwnerService.h"
#include "services/WorkspaceSetup.h"
#include "storage/DirectoryRepository.h"
#include "storage/SqlQuery.h"

#include <QBuffer>
#include <QImage>
#include <QJsonObject>
#include <QPainter>
#include <QTest>

using namespace Gatehouse;
using namespace Gatehouse::Testing;

namespace {

const QByteArray kOwnOrigin = PortalFixture::ownOrigin();

QByteArray png(bool withInk)
{
    QImage image(600, 200, QImage::Format_ARGB32);
    image.fill(Qt::transparent);
    if (withInk) {
        QPainter painter(&image);
        painter.setPen(QPen(Qt::black, 4));
        painter.drawLine(40, 150, 200, 40);
        painter.drawLine(200, 40, 380, 160);
        painter.drawLine(380, 160, 560, 60);
    }
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

QJsonObject signature(const QString &name, const QByteArray &image)
{
    return {{QStringLiteral("name"), name},
            {QStringLiteral("method"), QStringLiteral("drawn")},
            {QStringLiteral("image"), QString::fromLatin1(image.toBase64())}};
}

} // namespace

class TestPortalSignatures : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(Tokens::initialise()); }
    void initTestCase_data() { TestDatabase::addEngineRows(); }
    void init();
    void cleanup() { m_portal.stop(); }

    void signedVerifiedAndTamperCaught();
    void attachedDocumentIsWhatIsSigned();
    void badSignaturesAreRefusedAndChangeNothing_data();
    void badSignaturesAreRefusedAndChangeNothing();
    void brandingLogoIsServedAsAPng();

private:
    void exec(const QString &sql, const QVariantList &values);
    QStringList state();

    PortalFixture m_portal;
    qint64 m_task = 0;
};

void TestPortalSignatures::init()
{
    QFETCH_GLOBAL(QString, engine);
    QString error;
    QVERIFY2(m_portal.start(engine, &error), qPrintable(error));
    m_task = m_portal.taskId(m_portal.contact().companyId, OwnerSide::Client,
                             EvidenceType::Signature, TaskStatus::Pending);
    QVERIFY(m_task > 0);
}

void TestPortalSignatures::exec(const QString &sql, const QVariantList &values)
{
    SqlQuery query(m_portal.db(), sql);
    for (const QVariant &value : values) {
        query << value;
    }
    QString error;
    QVERIFY2(query.exec(&error), qPrintable(error));
}

QStringList TestPortalSignatures::state()
{
    return m_portal.state() + m_portal.rows(QStringLiteral("SELECT COUNT(*) FROM task_signature"))
           + m_portal.rows(QStringLiteral("SELECT COUNT(*) FROM stored_file"))
           + m_portal.rows(QStringLiteral("SELECT COUNT(*) FROM audit_event"));
}

void TestPortalSignatures::signedVerifiedAndTamperCaught()
{
    const Actor staff
        = staffActor(m_portal.db(), StaffRole::Technician, QStringLiteral("Dana Admin"));
    PortalClient browser(m_portal.port());
    QString why;
    QVERIFY2(m_portal.signIn(browser, m_portal.contact().id, &why), qPrintable(why));
    const QString path = QStringLiteral("/api/v1/tasks/%1/signature").arg(m_task);
    const HttpReply before = browser.get(path);
    QVERIFY2(before.status == 200, before.describe());
    QVERIFY(before.json()[QStringLiteral("signature")].isNull());
    QVERIFY(before.json()[QStringLiteral("document")][QStringLiteral("text")].toString().contains(
        QStringLiteral("Sign the service agreement")));
    // The task's own owner hears of it, not the rest of staff.
    QString dbError;
    DirectoryRepository directory(m_portal.db());
    const qint64 owner = directory.createStaff(
        directory.workspace(&dbError)->id, QStringLiteral("sam.tech@northwind.example"),
        QStringLiteral("Sam Tech"), QStringLiteral("a long enough passphrase"),
        QStringLiteral("technician"), 0, &dbError);
    QVERIFY2(owner > 0, qPrintable(dbError));
    ServiceError assignError;
    QVERIFY2(StaffOwnerService(m_portal.db(), m_portal.clock())
                 .assignTask(m_task, owner, staff, &assignError),
             qPrintable(assignError.message));
    const int mails = m_portal.rows(QStringLiteral("SELECT COUNT(*) FROM outbox")).first().toInt();

    const QByteArray image = png(true);
    const HttpReply signedReply = browser.post(
        path, signature(QStringLiteral("  Jordan   Client "), image), {{"Origin", kOwnOrigin}});
    QVERIFY2(signedReply.status == 201, signedReply.describe());
    const QJsonObject result = signedReply.json()[QStringLiteral("signature")].toObject();
    QCOMPARE(result[QStringLiteral("signerName")].toString(), QStringLiteral("Jordan Client"));
    QCOMPARE(m_portal.rows(QStringLiteral("SELECT status FROM task WHERE id = %1").arg(m_task)),
             QStringList{QStringLiteral("completed")});
    QCOMPARE(browser.post(path, signature(QStringLiteral("Again"), image), {{"Origin", kOwnOrigin}})
                 .status,
             409);

    // The certificate: a PDF the contact can download, mailed to the signer and the task's owner.
    const HttpReply pdf = browser.get(result[QStringLiteral("certificateUrl")].toString());
    QVERIFY2(pdf.status == 200, pdf.describe());
    QVERIFY(pdf.body.startsWith("%PDF-"));
    const QStringList certificateMails = m_portal.rows(
        QStringLiteral("SELECT o.recipient FROM outbox o WHERE o.subject LIKE 'Signed:%' "
                       "ORDER BY o.id"));
    QCOMPARE(certificateMails,
             QStringList({m_portal.contact().email, QStringLiteral("sam.tech@northwind.example")}));
    QCOMPARE(m_portal.rows(QStringLiteral("SELECT COUNT(*) FROM outbox")).first().toInt(),
             mails + certificateMails.size());

    // Staff verify it; a changed document or image no longer verifies.
    SignatureService service(m_portal.db(), m_portal.clock());
    ServiceError error;
    std::optional<SignatureEvidence> evidence = service.forTask(m_task, 0, &error);
    QVERIFY(evidence);
    QCOMPARE(evidence->ip, QStringLiteral("127.0.0.1"));
    QCOMPARE(evidence->image, image);
    QVERIFY2(service.verify(*evidence, &why), qPrintable(why));

    exec(QStringLiteral("UPDATE task SET description = description || '!' WHERE id = ?"), {m_task});
    QVERIFY(!service.verify(*evidence, &why));
    QVERIFY2(why.contains(QStringLiteral("document has changed")), qPrintable(why));
    exec(QStringLiteral("UPDATE task SET description = substr(description, 1, "
                        "length(description) - 1) WHERE id = ?"),
         {m_task});
    QVERIFY2(service.verify(*service.forTask(m_task, 0, &error), &why), qPrintable(why));

    exec(QStringLiteral("UPDATE task_signature SET image = ? WHERE task_id = ?"),
         {QVariant(png(true) + QByteArray(1, 0)), m_task});
    QVERIFY(!service.verify(*service.forTask(m_task, 0, &error), &why));
    QVERIFY2(why.contains(QStringLiteral("record has changed")), qPrintable(why));
}

void TestPortalSignatures::attachedDocumentIsWhatIsSigned()
{
    const Actor staff
        = staffActor(m_portal.db(), StaffRole::Technician, QStringLiteral("Sam Staff"));
    ServiceError error;
    const auto attached = DocumentService(m_portal.db(), m_portal.clock())
                              .attachAsStaff(m_task, QStringLiteral("Agreement.pdf"),
                                             "%PDF-1.4\n% the agreement\n%%EOF\n", staff, &error);
    QVERIFY2(attached, qPrintable(error.message));
    PortalClient browser(m_portal.port());
    QString why;
    QVERIFY2(m_portal.signIn(browser, m_portal.contact().id, &why), qPrintable(why));
    const QString path = QStringLiteral("/api/v1/tasks/%1/signature").arg(m_task);
    QCOMPARE(
        browser.get(path).json()[QStringLiteral("document")][QStringLiteral("name")].toString(),
        QStringLiteral("Agreement.pdf"));
    const HttpReply signedReply = browser.post(
        path, signature(QStringLiteral("Jordan Client"), png(true)), {{"Origin", kOwnOrigin}});
    QVERIFY2(signedReply.status == 201, signedReply.describe());

    SignatureService service(m_portal.db(), m_portal.clock());
    const auto evidence = service.forTask(m_task, 0, &error);
    QCOMPARE(evidence->documentName, QStringLiteral("Agreement.pdf"));
    QCOMPARE(evidence->documentSha256, attached->file.sha256);
    QVERIFY2(service.verify(*evidence, &why), qPrintable(why));
    // Someone edits the stored document's bytes.
    exec(QStringLiteral("UPDATE file_chunk SET data = ? WHERE file_id = ?"),
         {QByteArray("%PDF-1.4\n% another agreement\n%%EOF\n"), attached->file.id});
    QVERIFY(!service.verify(*evidence, &why));
    QVERIFY2(why.contains(QStringLiteral("document has changed")), qPrintable(why));
}

void TestPortalSignatures::badSignaturesAreRefusedAndChangeNothing_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("kind"); // which task: "signature", "other company", "upload"
    QTest::addColumn<int>("status");
    const auto json = [](const QString &name, const QString &method, const QByteArray &image) {
        return toJson({{QStringLiteral("name"), name},
                       {QStringLiteral("method"), method},
                       {QStringLiteral("image"), QString::fromLatin1(image)}});
    };
    const QByteArray ink = png(true).toBase64();
    QTest::newRow("blank pad") << json(QStringLiteral("Jordan"), QStringLiteral("drawn"),
                                       png(false).toBase64())
                               << "signature" << 422;
    QTest::newRow("not a PNG") << json(QStringLiteral("Jordan"), QStringLiteral("drawn"),
                                       QByteArray("GIF89a....").toBase64())
                               << "signature" << 422;
    QTest::newRow("not base64") << json(QStringLiteral("Jordan"), QStringLiteral("drawn"),
                                        "!!not base64!!")
                                << "signature" << 400;
    QTest::newRow("no name") << json(QStringLiteral("   "), QStringLiteral("drawn"), ink)
                             << "signature" << 422;
    QTest::newRow("unknown method")
        << json(QStringLiteral("Jordan"), QStringLiteral("stamped"), ink) << "signature" << 400;
    QTest::newRow("name not text")
        << QByteArray(R"({"name":7,"method":"drawn","image":""})") << "signature" << 400;
    QTest::newRow("another kind of task")
        << json(QStringLiteral("Jordan"), QStringLiteral("drawn"), ink) << "upload" << 422;
    QTest::newRow("no such task") << json(QStringLiteral("Jordan"), QStringLiteral("drawn"), ink)
                                  << "unknown" << 404;
}

void TestPortalSignatures::badSignaturesAreRefusedAndChangeNothing()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, kind);
    QFETCH(int, status);
    const qint64 task = kind == QLatin1String("signature") ? m_task
                        : kind == QLatin1String("upload")
                            ? m_portal.taskId(m_portal.contact().companyId, OwnerSide::Client,
                                              EvidenceType::Upload, TaskStatus::Pending)
                            : 987654321;
    PortalClient browser(m_portal.port());
    QString why;
    QVERIFY2(m_portal.signIn(browser, m_portal.contact().id, &why), qPrintable(why));
    const QStringList before = state();
    const HttpReply reply
        = browser.send("POST", QStringLiteral("/api/v1/tasks/%1/signature").arg(task), body,
                       "application/json", {{"Origin", kOwnOrigin}});
    QVERIFY2(reply.status == status, reply.describe());
    QCOMPARE(state(), before);
}

// Branding (ONB-10) reaches the portal: the logo is a PNG at an address that changes with it.
// (Here because drawing logos needs a GUI application, as signatures do.)
void TestPortalSignatures::brandingLogoIsServedAsAPng()
{
    PortalClient browser(m_portal.port());
    QVERIFY(
        browser.get(QStringLiteral("/api/v1/branding")).json()[QStringLiteral("logoUrl")].isNull());
    QCOMPARE(browser.get(QStringLiteral("/api/v1/branding/logo")).status, 404);
    ServiceError error;
    QVERIFY2(BrandingService(m_portal.db(), m_portal.clock())
                 .setLogo("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"120\" "
                          "height=\"40\"><circle cx=\"20\" cy=\"20\" r=\"18\"/></svg>",
                          Actor(Actor::Kind::Staff, WorkspaceSetup::demoCredentials().adminEmail,
                                QStringLiteral("Dana Admin")),
                          &error),
             qPrintable(error.message));
    const QString url = browser.get(QStringLiteral("/api/v1/branding"))
                            .json()[QStringLiteral("logoUrl")]
                            .toString();
    QVERIFY2(url.startsWith(QStringLiteral("/api/v1/branding/logo?v=")), qPrintable(url));
    const HttpReply logo = browser.get(url);
    QVERIFY2(logo.status == 200, logo.describe());
    QCOMPARE(logo.header("Content-Type"), QByteArray("image/png"));
    QCOMPARE(logo.header("X-Content-Type-Options"), QByteArray("nosniff"));
    QVERIFY(logo.body.startsWith("\x89PNG"));
}

QTEST_MAIN(TestPortalSignatures)
#include "tst_portal_signatures.moc"
