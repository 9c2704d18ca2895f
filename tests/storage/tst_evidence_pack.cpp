// Evidence packs on both engines: after a contact uploads, signs and fills in a form, the
// onboarding's pack is a ZIP that an independent reader (Python's zipfile) opens, whose
// MANIFEST.sha256 matches every file, which holds the signed PDF, the form answers as JSON and
// PDF, the documents' hashes and only this onboarding's audit events; a tampered signature is
// reported as no longer verifying; the export itself is audited; failures leave no file.
#include "TestDatabase.h"

#include "core/Clock.h"
#include "evidence/EvidencePack.h"
#include "security/AuditLog.h"
#include "services/DocumentService.h"
#include "services/FormService.h"
#include "services/SignatureService.h"
#include "services/WorkspaceSetup.h"
#include "storage/DirectoryRepository.h"
#include "storage/SqlQuery.h"

#include <QBuffer>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPainter>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Gatehouse;
using Gatehouse::Testing::TestDatabase;

namespace {

QByteArray inkedPng()
{
    QImage image(600, 200, QImage::Format_ARGB32);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    painter.setPen(QPen(Qt::black, 4));
    painter.drawLine(40, 150, 200, 40);
    painter.drawLine(200, 40, 560, 160);
    painter.end();
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

} // namespace

class TestEvidencePack : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addEngineRows(); }
    void init();
    void cleanup() { m_test.reset(); }

    void packHoldsWhatHappened();
    void tamperedSignatureIsReported();
    void failuresLeaveNoFile();

private:
    Database &db() { return m_test->db(); }
    qint64 task(const char *kind)
    {
        SqlQuery query(db(), QStringLiteral("SELECT MIN(id) FROM task WHERE onboarding_id = ? AND "
                                            "evidence_type = ?"));
        query << m_onboarding << QString::fromLatin1(kind);
        QString error;
        return query.exec(&error) && query.next() ? query.int64(0) : 0;
    }
    QJsonObject readZip(const QString &path)
    {
        QProcess python;
        const QString interpreter
            = qEnvironmentVariable("GATEHOUSE_TEST_PYTHON", QStringLiteral("python3"));
        // tests/storage/read_zip.py: Python's zipfile checks the manifest and lists the files.
        python.start(interpreter, {qEnvironmentVariable("GATEHOUSE_ZIP_READER"), path});
        if (!python.waitForFinished(30000) || python.exitCode() != 0) {
            qWarning("%s", python.readAllStandardError().constData());
            return {};
        }
        return QJsonDocument::fromJson(python.readAllStandardOutput()).object();
    }

    std::unique_ptr<TestDatabase> m_test;
    ManualClock m_clock{1'800'000'000'000};
    Contact m_contact;
    qint64 m_onboarding = 0;
    QTemporaryDir m_dir;
};

void TestEvidencePack::init()
{
    QFETCH_GLOBAL(QString, engine);
    m_test = TestDatabase::create(engine);
    QVERIFY(m_test);
    QString error;
    QVERIFY2(WorkspaceSetup(db(), m_clock).ensureDemo(nullptr, nullptr, &error), qPrintable(error));
    m_contact = DirectoryRepository(db())
                    .contactsByEmail(WorkspaceSetup::demoCredentials().contactEmail, &error)
                    .first();
    SqlQuery onboarding(db(), QStringLiteral("SELECT MIN(id) FROM onboarding"));
    QVERIFY(onboarding.exec(&error) && onboarding.next());
    m_onboarding = onboarding.int64(0);

    ServiceError serviceError;
    QVERIFY2(
        DocumentService(db(), m_clock)
            .upload(task("upload"), m_contact.id, m_contact.companyId,
                    QStringLiteral("insurance.pdf"),
                    QByteArrayLiteral("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"),
                    QStringLiteral("203.0.113.9"), &serviceError),
        qPrintable(serviceError.message));
    QVERIFY2(SignatureService(db(), m_clock, QStringLiteral("https://portal.example"))
                 .signAsContact(task("signature"), m_contact.id, m_contact.companyId,
                                QStringLiteral("Jordan Client"), SignatureEvidence::Method::Drawn,
                                inkedPng(), QStringLiteral("203.0.113.9"),
                                QStringLiteral("Test/1.0"), &serviceError),
             qPrintable(serviceError.message));
    FieldErrors fieldErrors;
    QVERIFY2(FormService(db(), m_clock)
                 .saveEntry(task("form"), 0,
                            {{QStringLiteral("employees"), 12},
                             {QStringLiteral("offices"), QStringLiteral("1 High Street")},
                             {QStringLiteral("microsoft365"), true},
                             {QStringLiteral("backup"), QStringLiteral("USB drives")},
                             {QStringLiteral("it_email"), QStringLiteral("it@dental.example")}},
                            m_contact.id, m_contact.companyId, QString(), &fieldErrors,
                            &serviceError),
             qPrintable(serviceError.message));
}

void TestEvidencePack::packHoldsWhatHappened()
{
    const QString path = m_dir.filePath(QStringLiteral("pack.zip"));
    ServiceError error;
    QList<double> progress;
    QVERIFY2(EvidencePack(db(), m_clock)
                 .write(m_onboarding, path, QStringLiteral("Dana Admin"), &error,
                        [&progress](double done) { progress.append(done); }),
             qPrintable(error.message));
    QVERIFY(!progress.isEmpty());
    QCOMPARE(progress.last(), 1.0);

    const QJsonObject zip = readZip(path);
    QVERIFY2(!zip.isEmpty(), "the archive could not be read");
    QCOMPARE(zip[QStringLiteral("bad")].toArray().size(), 0);
    QCOMPARE(zip[QStringLiteral("unlisted")].toArray().size(), 0);
    const QJsonObject files = zip[QStringLiteral("files")].toObject();
    const QString signature = QStringLiteral("signatures/task-%1-").arg(task("signature"));
    const QString form = QStringLiteral("forms/task-%1-").arg(task("form"));
    QStringList found;
    for (auto it = files.begin(); it != files.end(); ++it) {
        if (it.key().startsWith(signature) || it.key().startsWith(form)) {
            found.append(it.key().section(QLatin1Char('-'), -1));
        }
    }
    found.sort();
    // The form's PDF, its JSON; the signature's certificate, evidence and image.
    QVERIFY2(found.size() == 5, qPrintable(found.join(QLatin1Char(' '))));
    for (auto it = files.begin(); it != files.end(); ++it) {
        if (it.key().endsWith(QLatin1String(".pdf"))) {
            QCOMPARE(it.value().toString(), QStringLiteral("%PDF-"));
        }
        if (it.key().startsWith(form) && it.key().endsWith(QLatin1String(".json"))) {
            QVERIFY(it.value().toString().contains(QStringLiteral("1 High Street")));
        }
        if (it.key().startsWith(signature) && it.key().endsWith(QLatin1String(".json"))) {
            const QJsonObject evidence
                = QJsonDocument::fromJson(it.value().toString().toUtf8()).object();
            QCOMPARE(evidence[QStringLiteral("signerName")].toString(),
                     QStringLiteral("Jordan Client"));
            QVERIFY(evidence[QStringLiteral("verifiesNow")].toBool());
        }
    }
    // The document's hash, not the document.
    QVERIFY(files[QStringLiteral("documents.csv")].toString().contains(
        QStringLiteral("insurance.pdf")));
    QVERIFY(!files.contains(QStringLiteral("insurance.pdf")));
    const QJsonObject overview
        = QJsonDocument::fromJson(files[QStringLiteral("onboarding.json")].toString().toUtf8())
              .object();
    QCOMPARE(overview[QStringLiteral("company")].toString(), QStringLiteral("Example Dental"));
    QCOMPARE(overview[QStringLiteral("owner")].toString(), QStringLiteral("Dana Admin"));
    // Only this onboarding's events: the signature is there, the workspace's creation is not.
    const QString audit = files[QStringLiteral("audit-events.csv")].toString();
    QVERIFY2(audit.contains(QStringLiteral("task:%1").arg(task("signature"))), qPrintable(audit));
    QVERIFY(!audit.contains(QStringLiteral("workspace:")));

    // The export is on record, and the chain still holds.
    SqlQuery exported(db(), QStringLiteral("SELECT COUNT(*) FROM audit_event WHERE action = "
                                           "'evidence.exported' AND subject = ?"));
    exported << QStringLiteral("onboarding:%1").arg(m_onboarding);
    QString dbError;
    QVERIFY(exported.exec(&dbError) && exported.next());
    QCOMPARE(exported.int64(0), 1);
    QVERIFY(AuditLog(db()).verify(&dbError).ok);
}

void TestEvidencePack::tamperedSignatureIsReported()
{
    SqlQuery tamper(db(), QStringLiteral("UPDATE task_signature SET signer_name = 'Someone Else'"));
    QString dbError;
    QVERIFY2(tamper.exec(&dbError), qPrintable(dbError));
    QString error;
    const std::optional<QList<EvidencePack::File>> files
        = EvidencePack(db(), m_clock).collect(m_onboarding, &error);
    QVERIFY2(files, qPrintable(error));
    bool seen = false;
    for (const EvidencePack::File &file : *files) {
        if (file.path.startsWith(QLatin1String("signatures/"))
            && file.path.endsWith(QLatin1String(".json"))) {
            const QJsonObject evidence = QJsonDocument::fromJson(file.data).object();
            QVERIFY(!evidence[QStringLiteral("verifiesNow")].toBool());
            QVERIFY(!evidence[QStringLiteral("verification")].toString().isEmpty());
            seen = true;
        }
    }
    QVERIFY(seen);
}

void TestEvidencePack::failuresLeaveNoFile()
{
    ServiceError error;
    const QString nowhere = m_dir.filePath(QStringLiteral("missing-folder/pack.zip"));
    QVERIFY(
        !EvidencePack(db(), m_clock).write(m_onboarding, nowhere, QStringLiteral("Dana"), &error));
    QVERIFY(!error.message.isEmpty());
    QVERIFY(!QFile::exists(nowhere));
    const QString unknown = m_dir.filePath(QStringLiteral("unknown.zip"));
    QVERIFY(!EvidencePack(db(), m_clock).write(999'999, unknown, QStringLiteral("Dana"), &error));
    QVERIFY(error.message.contains(QStringLiteral("no such onboarding")));
    QVERIFY(!QFile::exists(unknown));
}

QTEST_MAIN(TestEvidencePack)
#include "tst_evidence_pack.moc"
