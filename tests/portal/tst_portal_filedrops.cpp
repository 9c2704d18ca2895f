// Secure file drops through the portal's API, on both engines: a contact drops files (past the
// front door's 1 MiB default, up to the route's 100 MiB), lists them with their expiry, deletes
// one before staff downloaded it and is refused after. Bad input changes nothing, a body past
// the route's limit gets 413, and one company's contact cannot reach another company's drops.
#include "FileDropPurger.h"
#include "PortalClient.h"
#include "PortalFixture.h"
#include "TestDatabase.h"
#include "TestStaff.h"

#include "security/Tokens.h"
#include "services/FileDropService.h"
#include "services/OnboardingService.h"
#include "services/WorkspaceSetup.h"
#include "storage/DirectoryRepository.h"
#include "storage/TemplateRepository.h"
#include "vault/VaultService.h"

#include <QBuffer>
#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace Gatehouse;
using namespace Gatehouse::Testing;

namespace {

constexpr qint64 kDayMs = 24 * 60 * 60 * 1000;

QString dropsPath(qint64 taskId, const QString &name = QString())
{
    return QStringLiteral("/api/v1/tasks/%1/drops").arg(taskId)
           + (name.isEmpty()
                  ? QString()
                  : QStringLiteral("?name=") + QString::fromLatin1(QUrl::toPercentEncoding(name)));
}

QString dropPath(qint64 dropId)
{
    return QStringLiteral("/api/v1/drops/%1").arg(dropId);
}

} // namespace

class TestPortalFileDrops : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(Tokens::initialise()); }
    void initTestCase_data() { TestDatabase::addEngineRows(); }
    void init();
    void cleanup() { m_portal.stop(); }

    void dropListDeleteAndDownload();
    void badInputIsRefusedAndChangesNothing_data();
    void badInputIsRefusedAndChangesNothing();
    void tooLargeIsRefused();
    void expiredDropsShowAsExpired();
    void scopedToTheContactsCompany();

private:
    QStringList state()
    {
        return m_portal.state()
               + m_portal.rows(QStringLiteral("SELECT id, deleted_at, downloaded_at, purged_at "
                                              "FROM file_drop ORDER BY id"))
               + m_portal.rows(QStringLiteral("SELECT COUNT(*) FROM stored_file"))
               + m_portal.rows(QStringLiteral("SELECT COUNT(*) FROM file_chunk"))
               + m_portal.rows(QStringLiteral("SELECT COUNT(*) FROM audit_event"));
    }
    // The company's first pending client "standard" task, turned into a file drop.
    qint64 fileDropTask(qint64 companyId)
    {
        const qint64 id = m_portal.taskId(companyId, OwnerSide::Client, EvidenceType::Standard,
                                          TaskStatus::Pending);
        m_portal.rows(
            QStringLiteral("UPDATE task SET evidence_type = 'file_drop' WHERE id = %1").arg(id));
        return id;
    }
    QByteArray downloadAsStaff(qint64 dropId, ServiceError *error)
    {
        QString dbError;
        const std::optional<StaffMember> admin
            = DirectoryRepository(m_portal.db())
                  .authenticateStaff(WorkspaceSetup::demoCredentials().adminEmail,
                                     WorkspaceSetup::demoCredentials().adminPassword, &dbError);
        const std::optional<SecureBytes> key
            = VaultService(m_portal.db(), m_portal.clock())
                  .unlock(admin->id, WorkspaceSetup::demoCredentials().adminPassword, error);
        QByteArray bytes;
        QBuffer sink(&bytes);
        sink.open(QIODevice::WriteOnly);
        if (!key
            || !FileDropService(m_portal.db(), m_portal.clock())
                    .download(*key, Actor::staff(*admin), dropId, QString(), sink, error)) {
            return QByteArray();
        }
        return bytes;
    }

    PortalFixture m_portal;
};

void TestPortalFileDrops::init()
{
    QFETCH_GLOBAL(QString, engine);
    QString error;
    QVERIFY2(m_portal.start(engine, &error), qPrintable(error));
}

void TestPortalFileDrops::dropListDeleteAndDownload()
{
    PortalClient browser(m_portal.port());
    QString why;
    QVERIFY2(m_portal.signIn(browser, m_portal.contact().id, &why), qPrintable(why));
    QVERIFY(browser.learnCsrfToken());
    const qint64 taskId = fileDropTask(m_portal.contact().companyId);

    const HttpReply empty = browser.get(dropsPath(taskId));
    QVERIFY2(empty.status == 200, empty.describe());
    QCOMPARE(empty.json()[QStringLiteral("drops")].toArray().size(), 0);
    QCOMPARE(empty.json()[QStringLiteral("maxBytes")].toInteger(), 100 * 1024 * 1024);
    QCOMPARE(empty.json()[QStringLiteral("expiryDays")].toInt(), 7);

    // 3 MiB: more than the front door lets through elsewhere, and several encrypted frames.
    QByteArray file(3 * 1024 * 1024 + 77, Qt::Uninitialized);
    for (qsizetype i = 0; i < file.size(); ++i) {
        file[i] = char((i * 131) ^ (i >> 9));
    }
    const QByteArray marker = "Portal-Drop-Marker-7Hq2";
    file.replace(1000, marker.size(), marker);
    const HttpReply sent
        = browser.send("POST", dropsPath(taskId, QStringLiteral("bank export.csv")), file,
                       "application/octet-stream");
    QVERIFY2(sent.status == 201, sent.describe());
    const QJsonObject drop = sent.json()[QStringLiteral("drop")].toObject();
    QCOMPARE(drop[QStringLiteral("name")].toString(), QStringLiteral("bank export.csv"));
    QCOMPARE(drop[QStringLiteral("size")].toInteger(), file.size());
    QCOMPARE(drop[QStringLiteral("state")].toString(), QStringLiteral("available"));
    QCOMPARE(drop[QStringLiteral("downloaded")].toBool(), false);
    QCOMPARE(QDateTime::fromString(drop[QStringLiteral("expiresAt")].toString(), Qt::ISODateWithMs)
                 .toMSecsSinceEpoch(),
             PortalFixture::kStartMs + 7 * kDayMs);
    QCOMPARE(m_portal.rows(QStringLiteral("SELECT status FROM task WHERE id = %1").arg(taskId)),
             QStringList{QStringLiteral("completed")});
    // Only ciphertext is stored.
    const QStringList chunks = m_portal.rows(QStringLiteral("SELECT data FROM file_chunk"));
    QVERIFY(chunks.size() >= 12);
    for (const QString &chunk : chunks) {
        QVERIFY(!chunk.contains(QString::fromLatin1(marker.toHex())));
    }

    // A second file; the first is deleted again before anyone downloaded it.
    const HttpReply second = browser.send("POST", dropsPath(taskId, QStringLiteral("keys.txt")),
                                          "second", "application/octet-stream");
    QCOMPARE(second.status, 201);
    const qint64 firstId = drop[QStringLiteral("id")].toInteger();
    const qint64 secondId = second.json()[QStringLiteral("drop")][QStringLiteral("id")].toInteger();
    const HttpReply deleted = browser.send("DELETE", dropPath(firstId));
    QVERIFY2(deleted.status == 204, deleted.describe());
    const QJsonArray listed
        = browser.get(dropsPath(taskId)).json()[QStringLiteral("drops")].toArray();
    QCOMPARE(listed.size(), 1);
    QCOMPARE(listed.at(0)[QStringLiteral("id")].toInteger(), secondId);

    // Staff download the other: byte for byte; from then on the contact cannot delete it.
    ServiceError error;
    QCOMPARE(downloadAsStaff(secondId, &error), QByteArray("second"));
    const QJsonObject after
        = browser.get(dropsPath(taskId)).json()[QStringLiteral("drops")].toArray().at(0).toObject();
    QCOMPARE(after[QStringLiteral("state")].toString(), QStringLiteral("downloaded"));
    QCOMPARE(after[QStringLiteral("downloaded")].toBool(), true);
    const QStringList before = state();
    const HttpReply refused = browser.send("DELETE", dropPath(secondId));
    QCOMPARE(refused.status, 409);
    QCOMPARE(refused.json()[QStringLiteral("error")].toString(),
             QStringLiteral("Your provider has already downloaded this file, so it can no longer "
                            "be deleted."));
    QCOMPARE(state(), before);
}

void TestPortalFileDrops::badInputIsRefusedAndChangesNothing_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("target"); // "drops", "standard" (another kind of task), "drop"
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    const QByteArray octets = "application/octet-stream";
    QTest::addRow("no name") << QByteArray("POST") << "drops" << QByteArray("x") << octets
                             << QString() << 400 << "bad_field";
    QTest::addRow("blank name") << QByteArray("POST") << "drops" << QByteArray("x") << octets
                                << QStringLiteral("  ") << 400 << "bad_field";
    QTest::addRow("as a form") << QByteArray("POST") << "drops" << QByteArray("x")
                               << QByteArray("multipart/form-data; boundary=x")
                               << QStringLiteral("a.txt") << 415 << "bad_content_type";
    QTest::addRow("empty file") << QByteArray("POST") << "drops" << QByteArray() << octets
                                << QStringLiteral("a.txt") << 422 << "invalid";
    QTest::addRow("not a file drop task") << QByteArray("POST") << "standard" << QByteArray("x")
                                          << octets << QStringLiteral("a.txt") << 422 << "invalid";
    QTest::addRow("no such task") << QByteArray("POST") << "missing" << QByteArray("x") << octets
                                  << QStringLiteral("a.txt") << 404 << "not_found";
    QTest::addRow("no such drop") << QByteArray("DELETE") << "missing" << QByteArray() << octets
                                  << QString() << 404 << "not_found";
}

void TestPortalFileDrops::badInputIsRefusedAndChangesNothing()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, target);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentType);
    QFETCH(QString, name);
    QFETCH(int, status);
    QFETCH(QString, code);
    PortalClient browser(m_portal.port());
    QString why;
    QVERIFY2(m_portal.signIn(browser, m_portal.contact().id, &why), qPrintable(why));
    QVERIFY(browser.learnCsrfToken());
    const qint64 taskId = fileDropTask(m_portal.contact().companyId);
    const QStringList before = state();
    QString path;
    if (method == "DELETE") {
        path = dropPath(999999);
    } else {
        const qint64 id = target == QLatin1String("standard")
                              ? m_portal.taskId(m_portal.contact().companyId, OwnerSide::Client,
                                                EvidenceType::Standard, TaskStatus::Pending)
                          : target == QLatin1String("missing") ? 999999
                                                               : taskId;
        path = QStringLiteral("/api/v1/tasks/%1/drops").arg(id)
               + (name.isNull() ? QString()
                                : QStringLiteral("?name=")
                                      + QString::fromLatin1(QUrl::toPercentEncoding(name)));
    }
    const HttpReply reply = browser.send(method, path, body, contentType);
    QVERIFY2(reply.status == status, reply.describe());
    QCOMPARE(reply.json()[QStringLiteral("code")].toString(), code);
    QCOMPARE(state(), before);
}

void TestPortalFileDrops::tooLargeIsRefused()
{
    PortalClient browser(m_portal.port());
    QString why;
    QVERIFY2(m_portal.signIn(browser, m_portal.contact().id, &why), qPrintable(why));
    QVERIFY(browser.learnCsrfToken());
    const qint64 taskId = fileDropTask(m_portal.contact().companyId);
    const QStringList before = state();
    // Past the route's limit (100 MiB): refused by the front door before the route sees it.
    const HttpReply reply
        = browser.send("POST", dropsPath(taskId, QStringLiteral("big.bin")),
                       QByteArray(100 * 1024 * 1024 + 1, 'x'), "application/octet-stream");
    QCOMPARE(reply.status, 413);
    QCOMPARE(state(), before);
    // Without the CSRF token, or without a session: nothing either.
    browser.setSendsCsrfToken(false);
    QCOMPARE(browser
                 .send("POST", dropsPath(taskId, QStringLiteral("a.txt")), "abc",
                       "application/octet-stream")
                 .status,
             403);
    PortalClient stranger(m_portal.port());
    QCOMPARE(stranger.get(dropsPath(taskId)).status, 401);
    QCOMPARE(state(), before);
}

void TestPortalFileDrops::expiredDropsShowAsExpired()
{
    const Actor staff
        = staffActor(m_portal.db(), StaffRole::Technician, QStringLiteral("Dana Admin"));
    PortalClient browser(m_portal.port());
    QString why;
    QVERIFY2(m_portal.signIn(browser, m_portal.contact().id, &why), qPrintable(why));
    QVERIFY(browser.learnCsrfToken());
    const qint64 taskId = fileDropTask(m_portal.contact().companyId);
    ServiceError error;
    QVERIFY(
        FileDropService(m_portal.db(), m_portal.clock()).setExpiryDays(taskId, 3, staff, &error));
    QCOMPARE(browser.get(dropsPath(taskId)).json()[QStringLiteral("expiryDays")].toInt(), 3);
    const HttpReply sent = browser.send("POST", dropsPath(taskId, QStringLiteral("old.txt")), "old",
                                        "application/octet-stream");
    QCOMPARE(sent.status, 201);
    const qint64 dropId = sent.json()[QStringLiteral("drop")][QStringLiteral("id")].toInteger();

    m_portal.clock().advanceMs(3 * kDayMs);
    // The portal host's job: a purge when it starts, then one on every tick of its timer.
    FileDropPurger purger(m_portal.db(), m_portal.clock(), 20);
    QSignalSpy purged(&purger, &FileDropPurger::purged);
    purger.start();
    QCOMPARE(purged.size(), 1);
    QCOMPARE(purged.first().first().toInt(), 1);
    QTRY_VERIFY(purged.size() >= 2);
    QCOMPARE(purged.last().first().toInt(), 0); // once only
    // Days later the contact signs in again (the first session has timed out).
    QCOMPARE(browser.get(dropsPath(taskId)).status, 401);
    QVERIFY2(m_portal.signIn(browser, m_portal.contact().id, &why), qPrintable(why));
    QVERIFY(browser.learnCsrfToken());
    const HttpReply list = browser.get(dropsPath(taskId));
    QVERIFY2(list.status == 200, list.describe());
    const QJsonArray listed = list.json()[QStringLiteral("drops")].toArray();
    QCOMPARE(listed.size(), 1);
    QCOMPARE(listed.at(0)[QStringLiteral("state")].toString(), QStringLiteral("expired"));
    const QStringList before = state();
    QCOMPARE(browser.send("DELETE", dropPath(dropId)).status, 409);
    QCOMPARE(downloadAsStaff(dropId, &error), QByteArray());
    QCOMPARE(error.kind, ServiceError::Kind::Conflict);
    QCOMPARE(state(), before);
}

void TestPortalFileDrops::scopedToTheContactsCompany()
{
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
    QVERIFY(first.learnCsrfToken() && other.learnCsrfToken());
    const qint64 firstTask = fileDropTask(m_portal.contact().companyId);
    const qint64 otherTask = fileDropTask(otherCompany);
    QVERIFY(firstTask > 0 && otherTask > 0 && firstTask != otherTask);
    const HttpReply sent = first.send("POST", dropsPath(firstTask, QStringLiteral("first.txt")),
                                      "first company", "application/octet-stream");
    QCOMPARE(sent.status, 201);
    const qint64 dropId = sent.json()[QStringLiteral("drop")][QStringLiteral("id")].toInteger();
    const QStringList before = state();

    // The other contact reaches none of it: 404 as for what does not exist.
    const HttpReply read = other.get(dropsPath(firstTask));
    QVERIFY2(read.status == 404, read.describe());
    QVERIFY(!read.body.contains("first.txt"));
    QCOMPARE(other
                 .send("POST", dropsPath(firstTask, QStringLiteral("mine.txt")), "mine",
                       "application/octet-stream")
                 .status,
             404);
    QCOMPARE(other.send("DELETE", dropPath(dropId)).status, 404);
    QCOMPARE(first.get(dropsPath(otherTask)).status, 404);
    QCOMPARE(state(), before);

    // Each contact's own task works, and shows only their own drops.
    QCOMPARE(other
                 .send("POST", dropsPath(otherTask, QStringLiteral("other.txt")), "other",
                       "application/octet-stream")
                 .status,
             201);
    const QJsonArray mine
        = first.get(dropsPath(firstTask)).json()[QStringLiteral("drops")].toArray();
    QCOMPARE(mine.size(), 1);
    QCOMPARE(mine.at(0)[QStringLiteral("name")].toString(), QStringLiteral("first.txt"));
    QCOMPARE(other.get(dropsPath(otherTask)).json()[QStringLiteral("drops")].toArray().size(), 1);
}

QTEST_GUILESS_MAIN(TestPortalFileDrops)
#include "tst_portal_filedrops.moc"
