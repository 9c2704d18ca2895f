// Credential handoff through the portal's API, on both engines: a contact submits a login,
// pasted text or a file; the server seals it at once, completes the task and afterwards shows
// only that (and when) something was sent. Bad input is refused without changing anything, and
// one company's contact cannot reach another company's task.
#include "PortalClient.h"
#include "PortalFixture.h"
#include "TestDatabase.h"

#include "security/Tokens.h"
#include "services/OnboardingService.h"
#include "services/WorkspaceSetup.h"
#include "storage/DirectoryRepository.h"
#include "storage/TemplateRepository.h"
#include "vault/CredentialService.h"
#include "vault/VaultService.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>
#include <QUrl>

using namespace Gatehouse;
using namespace Gatehouse::Testing;

namespace {

const QByteArray kOwnOrigin = PortalFixture::ownOrigin();

QString credentialsPath(qint64 taskId, const QString &suffix = QString())
{
    return QStringLiteral("/api/v1/tasks/%1/credentials%2").arg(taskId).arg(suffix);
}

QByteArray toBytes(const SecureBytes &secret)
{
    return QByteArray(secret.chars(), qsizetype(secret.size()));
}

} // namespace

class TestPortalCredentials : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(Tokens::initialise()); }
    void initTestCase_data() { TestDatabase::addEngineRows(); }
    void init();
    void cleanup() { m_portal.stop(); }

    void submitEachKindAndRevealIt_data();
    void submitEachKindAndRevealIt();
    void badInputIsRefusedAndChangesNothing_data();
    void badInputIsRefusedAndChangesNothing();
    void tooLargeIsRefused();
    void scopedToTheContactsCompany();

private:
    QStringList state()
    {
        return m_portal.state()
               + m_portal.rows(QStringLiteral("SELECT COUNT(*) FROM credential_submission"))
               + m_portal.rows(QStringLiteral("SELECT COUNT(*) FROM audit_event"));
    }
    qint64 credentialTask()
    {
        return m_portal.taskId(m_portal.contact().companyId, OwnerSide::Client,
                               EvidenceType::Credential, TaskStatus::Pending);
    }

    PortalFixture m_portal;
};

void TestPortalCredentials::init()
{
    QFETCH_GLOBAL(QString, engine);
    QString error;
    QVERIFY2(m_portal.start(engine, &error), qPrintable(error));
}

void TestPortalCredentials::submitEachKindAndRevealIt_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addRow("single") << QStringLiteral("single");
    QTest::addRow("bulk text") << QStringLiteral("bulk_text");
    QTest::addRow("bulk file") << QStringLiteral("bulk_file");
}

void TestPortalCredentials::submitEachKindAndRevealIt()
{
    QFETCH(QString, kind);
    PortalClient browser(m_portal.port());
    QString why;
    QVERIFY2(m_portal.signIn(browser, m_portal.contact().id, &why), qPrintable(why));
    const qint64 taskId = credentialTask();
    QVERIFY(taskId > 0);

    const HttpReply none = browser.get(credentialsPath(taskId));
    QVERIFY2(none.status == 200, none.describe());
    QCOMPARE(none.json()[QStringLiteral("submissions")].toArray().size(), 0);

    const QByteArray secret = "S3cret-" + kind.toLatin1() + "-\xc3\xa9\xe2\x82\xac";
    const QByteArray file = QByteArray("\x00\x01licence ", 10) + secret + QByteArray(3000, '\x7f');
    HttpReply sent;
    if (kind == QLatin1String("single")) {
        sent = browser.post(credentialsPath(taskId),
                            {{QStringLiteral("mode"), kind},
                             {QStringLiteral("username"), QStringLiteral("admin@example.com")},
                             {QStringLiteral("password"), QString::fromUtf8(secret)}});
    } else if (kind == QLatin1String("bulk_text")) {
        sent = browser.post(credentialsPath(taskId),
                            {{QStringLiteral("mode"), kind},
                             {QStringLiteral("text"),
                              QString(QStringLiteral("router: ") + QString::fromUtf8(secret))}});
    } else {
        sent = browser.send(
            "POST",
            credentialsPath(taskId, QStringLiteral("/file?name=")
                                        + QString::fromLatin1(QUrl::toPercentEncoding(
                                            QStringLiteral("fire wall.lic")))),
            file, "application/octet-stream");
    }
    QVERIFY2(sent.status == 201, sent.describe());
    const QJsonObject submission = sent.json()[QStringLiteral("submission")].toObject();
    QCOMPARE(submission[QStringLiteral("kind")].toString(), kind);
    QCOMPARE(submission[QStringLiteral("submittedAt")].toString(),
             QStringLiteral("2027-01-15T08:00:00Z"));
    QVERIFY(!sent.body.contains(secret));

    // The task is done; what the contact sees afterwards names the submission, never its content.
    const HttpReply task = browser.get(QStringLiteral("/api/v1/tasks/%1").arg(taskId));
    QCOMPARE(task.json()[QStringLiteral("task")][QStringLiteral("status")].toString(),
             QStringLiteral("completed"));
    const HttpReply listed = browser.get(credentialsPath(taskId));
    QVERIFY2(listed.status == 200, listed.describe());
    const QJsonArray submissions = listed.json()[QStringLiteral("submissions")].toArray();
    QCOMPARE(submissions.size(), 1);
    const QJsonObject item = submissions.first().toObject();
    QStringList keys = item.keys();
    keys.sort();
    QStringList expected{QStringLiteral("id"), QStringLiteral("kind"),
                         QStringLiteral("submittedAt"), QStringLiteral("submittedBy")};
    if (kind == QLatin1String("bulk_file")) {
        expected += {QStringLiteral("fileName"), QStringLiteral("fileSize")};
        QCOMPARE(item[QStringLiteral("fileName")].toString(), QStringLiteral("fire wall.lic"));
        QCOMPARE(item[QStringLiteral("fileSize")].toInteger(), file.size());
    }
    expected.sort();
    QCOMPARE(keys, expected);
    const HttpReply home = browser.get(QStringLiteral("/api/v1/home"));
    for (const HttpReply *reply : {&listed, &task, &home}) {
        QVERIFY(!reply->body.contains(secret));
        QVERIFY(!reply->body.contains(QByteArray("S3cret-")));
    }

    // A second submission to the completed task is refused.
    const HttpReply again = browser.post(credentialsPath(taskId),
                                         {{QStringLiteral("mode"), QStringLiteral("bulk_text")},
                                          {QStringLiteral("text"), QStringLiteral("x")}});
    QCOMPARE(again.status, 409);

    // Staff with the unlocked vault get back exactly what was sent.
    QString error;
    const std::optional<StaffMember> admin
        = DirectoryRepository(m_portal.db())
              .authenticateStaff(WorkspaceSetup::demoCredentials().adminEmail,
                                 WorkspaceSetup::demoCredentials().adminPassword, &error);
    QVERIFY(admin);
    ServiceError serviceError;
    const std::optional<SecureBytes> vaultKey
        = VaultService(m_portal.db(), m_portal.clock())
              .unlock(admin->id, WorkspaceSetup::demoCredentials().adminPassword, &serviceError);
    QVERIFY2(vaultKey, qPrintable(serviceError.message));
    const std::optional<RevealedCredential> revealed
        = CredentialService(m_portal.db(), m_portal.clock())
              .reveal(*vaultKey, Actor::staff(*admin), submission[QStringLiteral("id")].toInteger(),
                      QString(), &serviceError);
    QVERIFY2(revealed, qPrintable(serviceError.message));
    if (kind == QLatin1String("single")) {
        const std::optional<SingleCredentialSecret> fields
            = CredentialPayload::decode(revealed->plaintext);
        QVERIFY(fields);
        QCOMPARE(toBytes(fields->password), secret);
        QCOMPARE(fields->username.toUtf8String(), QStringLiteral("admin@example.com"));
    } else if (kind == QLatin1String("bulk_text")) {
        QCOMPARE(toBytes(revealed->plaintext), "router: " + secret);
    } else {
        QCOMPARE(toBytes(revealed->plaintext), file);
    }
}

void TestPortalCredentials::badInputIsRefusedAndChangesNothing_data()
{
    QTest::addColumn<QString>("route"); // "json" or "file"
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");

    const QByteArray json = "application/json";
    const QByteArray octets = "application/octet-stream";
    QTest::addRow("not json") << "json" << QByteArray("mode=single") << json << QString() << 400
                              << "bad_json";
    QTest::addRow("no mode") << "json" << QByteArray(R"({"username":"a"})") << json << QString()
                             << 400 << "bad_field";
    QTest::addRow("unknown mode") << "json" << QByteArray(R"({"mode":"file","text":"a"})") << json
                                  << QString() << 400 << "bad_field";
    QTest::addRow("password not text")
        << "json" << QByteArray(R"({"mode":"single","password":12345})") << json << QString() << 400
        << "bad_field";
    QTest::addRow("text not text") << "json" << QByteArray(R"({"mode":"bulk_text","text":["a"]})")
                                   << json << QString() << 400 << "bad_field";
    QTest::addRow("form post") << "json" << QByteArray("mode=single&password=x")
                               << QByteArray("application/x-www-form-urlencoded") << QString()
                               << 415 << "bad_content_type";
    QTest::addRow("all fields empty")
        << "json" << QByteArray(R"({"mode":"single","username":" ","password":""})") << json
        << QString() << 422 << "invalid";
    QTest::addRow("blank text") << "json" << QByteArray(R"({"mode":"bulk_text","text":"  \n"})")
                                << json << QString() << 422 << "invalid";
    QTest::addRow("file without name")
        << "file" << QByteArray("bytes") << octets << QString() << 400 << "bad_field";
    QTest::addRow("file as form") << "file" << QByteArray("bytes")
                                  << QByteArray("multipart/form-data; boundary=x")
                                  << QStringLiteral("a.txt") << 415 << "bad_content_type";
    QTest::addRow("empty file") << "file" << QByteArray() << octets << QStringLiteral("a.txt")
                                << 422 << "invalid";
}

void TestPortalCredentials::badInputIsRefusedAndChangesNothing()
{
    QFETCH(QString, route);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentType);
    QFETCH(QString, query);
    QFETCH(int, status);
    QFETCH(QString, code);
    PortalClient browser(m_portal.port());
    QString why;
    QVERIFY2(m_portal.signIn(browser, m_portal.contact().id, &why), qPrintable(why));
    QVERIFY(browser.learnCsrfToken());
    const qint64 taskId = credentialTask();
    const QStringList before = state();
    const QString path
        = route == QLatin1String("json")
              ? credentialsPath(taskId)
              : credentialsPath(taskId, query.isEmpty() ? QStringLiteral("/file")
                                                        : QStringLiteral("/file?name=") + query);
    const HttpReply reply = browser.send("POST", path, body, contentType);
    QVERIFY2(reply.status == status, reply.describe());
    QCOMPARE(reply.json()[QStringLiteral("code")].toString(), code);
    QCOMPARE(state(), before);
}

void TestPortalCredentials::tooLargeIsRefused()
{
    PortalClient browser(m_portal.port());
    QString why;
    QVERIFY2(m_portal.signIn(browser, m_portal.contact().id, &why), qPrintable(why));
    QVERIFY(browser.learnCsrfToken());
    const qint64 taskId = credentialTask();
    const QStringList before = state();
    // Past the route's body limit (10 MiB and a little): refused before it reaches the route.
    const HttpReply reply
        = browser.send("POST", credentialsPath(taskId, QStringLiteral("/file?name=big.bin")),
                       QByteArray(11 * 1024 * 1024, 'x'), "application/octet-stream");
    QCOMPARE(reply.status, 413);
    QCOMPARE(state(), before);

    // Neither CSRF token nor session: nothing.
    browser.setSendsCsrfToken(false);
    const HttpReply noCsrf
        = browser.send("POST", credentialsPath(taskId, QStringLiteral("/file?name=a.txt")),
                       QByteArray("abc"), "application/octet-stream");
    QCOMPARE(noCsrf.status, 403);
    PortalClient stranger(m_portal.port());
    QCOMPARE(stranger.get(credentialsPath(taskId)).status, 401);
    QCOMPARE(state(), before);
}

void TestPortalCredentials::scopedToTheContactsCompany()
{
    // A second client company with its own contact and onboarding.
    QString error;
    DirectoryRepository directory(m_portal.db());
    const qint64 workspaceId = directory.workspace(&error)->id;
    const qint64 otherCompany = directory.createCompany(workspaceId, QStringLiteral("Other Clinic"),
                                                        PortalFixture::kStartMs, &error);
    const qint64 otherContact = directory.createContact(otherCompany, QStringLiteral("Olly Other"),
                                                        QStringLiteral("olly@other.example"),
                                                        PortalFixture::kStartMs, &error);
    QVERIFY2(otherContact > 0, qPrintable(error));
    ServiceError serviceError;
    QVERIFY(OnboardingService(m_portal.db(), m_portal.clock())
                .createFromTemplate(
                    otherCompany,
                    TemplateRepository(m_portal.db()).list(workspaceId, &error).first().id,
                    QStringLiteral("Other onboarding"), QDate(2027, 1, 1),
                    Actor::system(QStringLiteral("test")), &serviceError)
            > 0);

    PortalClient first(m_portal.port());
    PortalClient other(m_portal.port());
    QString why;
    QVERIFY2(m_portal.signIn(first, m_portal.contact().id, &why), qPrintable(why));
    QVERIFY2(m_portal.signIn(other, otherContact, &why), qPrintable(why));
    const qint64 firstTask = credentialTask();
    const qint64 otherTask = m_portal.taskId(otherCompany, OwnerSide::Client,
                                             EvidenceType::Credential, TaskStatus::Pending);
    QVERIFY(firstTask > 0 && otherTask > 0);

    // The first company's contact hands over a login.
    QCOMPARE(first
                 .post(credentialsPath(firstTask),
                       {{QStringLiteral("mode"), QStringLiteral("single")},
                        {QStringLiteral("password"), QStringLiteral("first-company-secret")}})
                 .status,
             201);
    const QStringList before = state();
    // The other contact reaches none of it: 404 as for a task that does not exist.
    const HttpReply read = other.get(credentialsPath(firstTask));
    QVERIFY2(read.status == 404, read.describe());
    QVERIFY(!read.body.contains("first-company-secret"));
    const HttpReply write = other.post(credentialsPath(firstTask),
                                       {{QStringLiteral("mode"), QStringLiteral("bulk_text")},
                                        {QStringLiteral("text"), QStringLiteral("mine")}});
    QCOMPARE(write.status, 404);
    const HttpReply upload
        = other.send("POST", credentialsPath(firstTask, QStringLiteral("/file?name=a.txt")),
                     QByteArray("mine"), "application/octet-stream");
    QCOMPARE(upload.status, 404);
    // Nor the other way round; and a task of another kind is not a credential task.
    QCOMPARE(first.get(credentialsPath(otherTask)).status, 404);
    const qint64 standardTask = m_portal.taskId(m_portal.contact().companyId, OwnerSide::Client,
                                                EvidenceType::Standard, TaskStatus::Pending);
    const HttpReply wrongKind = first.post(credentialsPath(standardTask),
                                           {{QStringLiteral("mode"), QStringLiteral("single")},
                                            {QStringLiteral("password"), QStringLiteral("x")}});
    QCOMPARE(wrongKind.status, 422);
    QCOMPARE(state(), before);

    // The other contact's own task works.
    QCOMPARE(other
                 .post(credentialsPath(otherTask),
                       {{QStringLiteral("mode"), QStringLiteral("bulk_text")},
                        {QStringLiteral("text"), QStringLiteral("ok")}})
                 .status,
             201);
    QCOMPARE(other.get(credentialsPath(otherTask))
                 .json()[QStringLiteral("submissions")]
                 .toArray()
                 .size(),
             1);
    QCOMPARE(first.get(credentialsPath(firstTask))
                 .json()[QStringLiteral("submissions")]
                 .toArray()
                 .size(),
             1);
}

QTEST_GUILESS_MAIN(TestPortalCredentials)
#include "tst_portal_credentials.moc"
