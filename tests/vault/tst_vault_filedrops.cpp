// Secure file drops as a service, on both engines: a multi-frame file dropped and downloaded
// byte for byte, no planted plaintext anywhere in the stored bytes, altered or cut ciphertext
// refused without a record, delete before and after download, and expiry purged on time.
#include "TestStaff.h"
#include "VaultFixture.h"

#include "security/Tokens.h"
#include "services/FileDropService.h"
#include "storage/OnboardingRepository.h"
#include "storage/SqlQuery.h"
#include "vault/VaultCrypto.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QTest>

using namespace Gatehouse;
using namespace Gatehouse::Testing;

namespace {

constexpr qint64 kDayMs = 24 * 60 * 60 * 1000;

} // namespace

class TestVaultFileDrops : public QObject, protected VaultFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(Tokens::initialise()); }
    void initTestCase_data() { TestDatabase::addEngineRows(); }
    void init()
    {
        QFETCH_GLOBAL(QString, engine);
        QString error;
        QVERIFY2(setUp(engine, &error), qPrintable(error));
        m_task = makeFileDropTask();
        QVERIFY(m_task > 0);
    }
    void cleanup()
    {
        QString error;
        QVERIFY2(tearDown(&error), qPrintable(error)); // every path keeps the audit chain whole
    }

    void roundTripByteForByte();
    void noPlaintextAtRest();
    void tamperedCiphertextIsRefused_data();
    void tamperedCiphertextIsRefused();
    void deleteBeforeAndAfterDownload();
    void expiryPurgesOnTime();
    void badDropsChangeNothing_data();
    void badDropsChangeNothing();

private:
    // A member of staff to act as (the services check the staff table).
    Actor technician()
    {
        return staffActor(db(), StaffRole::Technician, QStringLiteral("Dana Admin"));
    }
    // The demo's first client "standard" task, turned into a file drop.
    qint64 makeFileDropTask()
    {
        const qint64 id = rows(QStringLiteral("SELECT t.id FROM task t JOIN onboarding o ON o.id "
                                              "= t.onboarding_id WHERE o.company_id = %1 AND "
                                              "t.evidence_type = 'standard' AND t.owner_side = "
                                              "'client' ORDER BY t.id")
                                   .arg(m_contact.companyId))
                              .value(0)
                              .toLongLong();
        rows(QStringLiteral("UPDATE task SET evidence_type = 'file_drop' WHERE id = %1").arg(id));
        return id;
    }
    std::optional<FileDrop> dropBytes(const QByteArray &bytes, const QString &name,
                                      ServiceError *error, qint64 taskId = 0)
    {
        QBuffer buffer;
        buffer.setData(bytes);
        buffer.open(QIODevice::ReadOnly);
        return FileDropService(db(), m_clock)
            .drop(taskId ? taskId : m_task, m_contact.id, m_contact.companyId, name, buffer,
                  QStringLiteral("203.0.113.7"), error);
    }
    bool download(qint64 dropId, QByteArray *out, ServiceError *error,
                  const QString &reason = QString())
    {
        QBuffer buffer(out);
        buffer.open(QIODevice::WriteOnly);
        return FileDropService(db(), m_clock)
            .download(unlockAdmin(), technician(), dropId, reason, buffer, error);
    }
    QString taskStatus()
    {
        return rows(QStringLiteral("SELECT status FROM task WHERE id = %1").arg(m_task)).value(0);
    }
    static QByteArray randomBytes(qsizetype size)
    {
        QByteArray bytes(size, Qt::Uninitialized);
        QRandomGenerator rng(42);
        for (qsizetype i = 0; i < size; ++i) {
            bytes[i] = char(rng.bounded(256));
        }
        return bytes;
    }

    qint64 m_task = 0;
};

void TestVaultFileDrops::roundTripByteForByte()
{
    const Actor staff = staffActor(db(), StaffRole::Technician, QStringLiteral("Dana Admin"));
    // Three full frames and a part: the frames and the final tag are all exercised.
    const QByteArray file = randomBytes(3 * FileDropService::kFrameBytes + 12345);
    ServiceError error;
    QCOMPARE(taskStatus(), QStringLiteral("pending"));
    const std::optional<FileDrop> dropped
        = dropBytes(file, QStringLiteral("C:\\exports\\payroll.xlsx"), &error);
    QVERIFY2(dropped, qPrintable(error.message));
    QCOMPARE(dropped->fileName, QStringLiteral("payroll.xlsx"));
    QCOMPARE(dropped->size, file.size());
    QCOMPARE(dropped->expiresAtMs, kStartMs + 7 * kDayMs); // the default expiry
    QCOMPARE(taskStatus(), QStringLiteral("completed"));
    QCOMPARE(rows(QStringLiteral("SELECT COUNT(*), MAX(length(data)) FROM file_chunk c JOIN "
                                 "file_drop d ON d.file_id = c.file_id")),
             QStringList{QStringLiteral("4|%1").arg(256 * 1024)});
    QCOMPARE(rows(QStringLiteral("SELECT action, actor_kind FROM audit_event WHERE action LIKE "
                                 "'file_drop.%'")),
             QStringList{QStringLiteral("file_drop.dropped|contact")});

    const std::optional<QList<FileDrop>> listed
        = FileDropService(db(), m_clock).listForContact(m_task, m_contact.companyId, &error);
    QVERIFY(listed);
    QCOMPARE(listed->size(), 1);
    QCOMPARE(listed->first().stateAt(m_clock.nowMs()), FileDrop::State::Available);

    m_clock.advanceMs(60 * 1000);
    const qint64 mark = lastAuditId();
    QByteArray plain;
    int calls = 0;
    qint64 lastDone = 0;
    QBuffer sink(&plain);
    sink.open(QIODevice::WriteOnly);
    QVERIFY2(FileDropService(db(), m_clock)
                 .download(unlockAdmin(), staff, dropped->id, QStringLiteral("  import   payroll "),
                           sink, &error,
                           [&](qint64 done, qint64 total) {
                               ++calls;
                               lastDone = done;
                               return total == file.size();
                           }),
             qPrintable(error.message));
    QCOMPARE(plain.size(), file.size());
    QVERIFY(plain == file);
    QCOMPARE(calls, 4);
    QCOMPARE(lastDone, file.size());
    QCOMPARE(actionsAfter(mark), QStringList{QStringLiteral("file_drop.downloaded")});
    QCOMPARE(rows(QStringLiteral("SELECT detail FROM audit_event WHERE id > %1").arg(mark)),
             QStringList{
                 QStringLiteral("Dana Admin downloaded \"payroll.xlsx\" dropped by %1 on "
                                "\"%2\", giving the reason: import payroll")
                     .arg(m_contact.name,
                          rows(QStringLiteral("SELECT title FROM task WHERE id = %1").arg(m_task))
                              .value(0))});
    QCOMPARE(rows(QStringLiteral("SELECT downloaded_at, downloaded_by FROM file_drop")),
             QStringList{QStringLiteral("%1|Dana Admin").arg(kStartMs + 60 * 1000)});

    // A cancelled download records nothing.
    const qint64 before = lastAuditId();
    QByteArray partial;
    QBuffer partialSink(&partial);
    partialSink.open(QIODevice::WriteOnly);
    QVERIFY(!FileDropService(db(), m_clock)
                 .download(unlockAdmin(), staff, dropped->id, QString(), partialSink, &error,
                           [](qint64, qint64) { return false; }));
    QCOMPARE(actionsAfter(before), QStringList());
}

void TestVaultFileDrops::noPlaintextAtRest()
{
    const QByteArray marker = "Pl4nted-Drop-Marker-Qv7" + QByteArray::number(kStartMs, 36);
    // The marker in every frame, and across a frame boundary.
    QByteArray file = randomBytes(2 * FileDropService::kFrameBytes + 999);
    for (qsizetype at : {qsizetype(0), qsizetype(FileDropService::kFrameBytes - 10),
                         qsizetype(FileDropService::kFrameBytes + 500), file.size() - 100}) {
        file.replace(at, marker.size(), marker);
    }
    ServiceError error;
    const std::optional<FileDrop> dropped = dropBytes(file, QStringLiteral("secrets.kdbx"), &error);
    QVERIFY2(dropped, qPrintable(error.message));
    QByteArray roundTrip;
    QVERIFY2(download(dropped->id, &roundTrip, &error), qPrintable(error.message));
    QVERIFY(roundTrip == file);

    QByteArray stored;
    if (db().engine() == Engine::Sqlite) {
        for (const QString &suffix :
             {QString(), QStringLiteral("-wal"), QStringLiteral("-journal")}) {
            QFile f(db().config().sqliteFile + suffix);
            if (f.open(QIODevice::ReadOnly)) {
                stored += f.readAll();
            }
        }
    } else {
        const QString bin = qEnvironmentVariable("GATEHOUSE_TEST_PG_BINDIR");
        const DatabaseConfig &config = db().config();
        QProcess dump;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("PGPASSWORD"), config.password);
        dump.setProcessEnvironment(env);
        dump.start(bin.isEmpty() ? QStringLiteral("pg_dump") : bin + QStringLiteral("/pg_dump"),
                   {QStringLiteral("-h"), config.host, QStringLiteral("-p"),
                    QString::number(config.port), QStringLiteral("-U"), config.user,
                    QStringLiteral("-d"), config.databaseName});
        QVERIFY(dump.waitForFinished(60000));
        QVERIFY2(dump.exitCode() == 0, dump.readAllStandardError().constData());
        stored = dump.readAllStandardOutput();
    }
    // The scan sees what is stored: the file's name is there, its content is not.
    QVERIFY(stored.contains("secrets.kdbx"));
    QVERIFY(stored.size() > file.size()); // the ciphertext is in there too
    QVERIFY(!stored.contains(marker));
    QVERIFY(!stored.contains(marker.toHex()));
    QVERIFY(!stored.contains(marker.toBase64()));
    QVERIFY(!stored.contains(file.mid(1000, 64).toHex()));
}

void TestVaultFileDrops::tamperedCiphertextIsRefused_data()
{
    QTest::addColumn<QString>("change");
    QTest::addColumn<QString>("message");
    const QString altered = QStringLiteral("The encrypted file is damaged or was altered.");
    QTest::addRow("a byte of a frame flipped")
        << QStringLiteral("UPDATE file_chunk SET data = ? WHERE file_id = %1 AND seq = 1")
        << altered;
    QTest::addRow("the last frame cut off")
        << QStringLiteral("DELETE FROM file_chunk WHERE file_id = %1 AND seq = 2")
        << QStringLiteral("The encrypted file is incomplete: its end is missing.");
    QTest::addRow("a middle frame dropped")
        << QStringLiteral("DELETE FROM file_chunk WHERE file_id = %1 AND seq = 1") << QString();
    QTest::addRow("two frames swapped") << QStringLiteral("swap") << altered;
    QTest::addRow("the sealed key altered")
        << QStringLiteral("UPDATE file_drop SET sealed_key = ? WHERE file_id = %1")
        << QStringLiteral("The stored secret is damaged or was not sealed for this vault.");
}

void TestVaultFileDrops::tamperedCiphertextIsRefused()
{
    QFETCH(QString, change);
    QFETCH(QString, message);
    const QByteArray file = randomBytes(2 * FileDropService::kFrameBytes + 10);
    ServiceError error;
    const std::optional<FileDrop> dropped = dropBytes(file, QStringLiteral("a.bin"), &error);
    QVERIFY(dropped);
    const qint64 fileId
        = rows(QStringLiteral("SELECT file_id FROM file_drop WHERE id = %1").arg(dropped->id))
              .value(0)
              .toLongLong();
    QString dbError;
    if (change == QLatin1String("swap")) {
        for (const auto &[from, to] : {std::pair(0, 9), std::pair(1, 0), std::pair(9, 1)}) {
            QCOMPARE(rows(QStringLiteral("UPDATE file_chunk SET seq = %1 WHERE file_id = %2 AND "
                                         "seq = %3")
                              .arg(to)
                              .arg(fileId)
                              .arg(from)),
                     QStringList());
        }
    } else if (change.contains(QLatin1Char('?'))) {
        const bool key = change.contains(QLatin1String("sealed_key"));
        SqlQuery read(
            db(),
            key ? QStringLiteral("SELECT sealed_key FROM file_drop WHERE id = %1").arg(dropped->id)
                : QStringLiteral("SELECT data FROM file_chunk WHERE file_id = %1 "
                                 "AND seq = 1")
                      .arg(fileId));
        QVERIFY(read.exec(&dbError) && read.next());
        QByteArray bytes = read.value(0).toByteArray();
        bytes[bytes.size() / 2] = char(bytes.at(bytes.size() / 2) ^ 0x01);
        SqlQuery write(db(), change.arg(fileId));
        write << bytes;
        QVERIFY2(write.exec(&dbError), qPrintable(dbError));
    } else {
        QCOMPARE(rows(change.arg(fileId)), QStringList());
    }
    const qint64 mark = lastAuditId();
    const QStringList activity = rows(QStringLiteral("SELECT COUNT(*) FROM activity"));
    QByteArray out;
    QVERIFY(!download(dropped->id, &out, &error));
    QCOMPARE(error.kind, ServiceError::Kind::Invalid);
    if (!message.isEmpty()) {
        QCOMPARE(error.message, message);
    } else {
        QVERIFY(error.message.startsWith(QLatin1String("The encrypted file is")));
    }
    // Nothing recorded: the drop still counts as not downloaded, the contact may delete it.
    QCOMPARE(actionsAfter(mark), QStringList());
    QCOMPARE(rows(QStringLiteral("SELECT COUNT(*) FROM activity")), activity);
    QCOMPARE(rows(QStringLiteral("SELECT downloaded_at FROM file_drop")),
             QStringList{QStringLiteral("NULL")});

    // A key that is not the vault's opens nothing either.
    const std::optional<KeyPair> stranger = VaultCrypto::generateKeyPair();
    QBuffer sink;
    sink.open(QIODevice::WriteOnly);
    QVERIFY(
        !FileDropService(db(), m_clock)
             .download(stranger->secretKey, technician(), dropped->id, QString(), sink, &error));
    QCOMPARE(error.kind, ServiceError::Kind::Invalid);
}

void TestVaultFileDrops::deleteBeforeAndAfterDownload()
{
    FileDropService drops(db(), m_clock);
    ServiceError error;
    const std::optional<FileDrop> first
        = dropBytes("first file", QStringLiteral("one.txt"), &error);
    const std::optional<FileDrop> second
        = dropBytes("second file", QStringLiteral("two.txt"), &error);
    QVERIFY(first && second);
    QCOMPARE(rows(QStringLiteral("SELECT COUNT(*) FROM stored_file")),
             QStringList{QStringLiteral("2")});

    // Another company's contact cannot reach it.
    QVERIFY(!drops.deleteAsContact(first->id, m_contact.id, m_contact.companyId + 1000, QString(),
                                   &error));
    QCOMPARE(error.kind, ServiceError::Kind::NotFound);

    // Before staff downloaded it: deleted, ciphertext and sealed key gone, the record stays.
    const qint64 mark = lastAuditId();
    QVERIFY2(drops.deleteAsContact(first->id, m_contact.id, m_contact.companyId, QString(), &error),
             qPrintable(error.message));
    QCOMPARE(actionsAfter(mark), QStringList{QStringLiteral("file_drop.deleted")});
    QCOMPARE(rows(QStringLiteral("SELECT file_id, sealed_key, deleted_at FROM file_drop WHERE id "
                                 "= %1")
                      .arg(first->id)),
             QStringList{QStringLiteral("NULL|NULL|%1").arg(kStartMs)});
    QCOMPARE(rows(QStringLiteral("SELECT COUNT(*) FROM stored_file")),
             QStringList{QStringLiteral("1")});
    QCOMPARE(drops.listForContact(m_task, m_contact.companyId, &error)->size(), 1);
    QCOMPARE(drops.listForTask(m_task, &error)->size(), 2); // staff see it was deleted
    QVERIFY(
        !drops.deleteAsContact(first->id, m_contact.id, m_contact.companyId, QString(), &error));
    QCOMPARE(error.kind, ServiceError::Kind::NotFound);
    QByteArray out;
    QVERIFY(!download(first->id, &out, &error));
    QCOMPARE(error.kind, ServiceError::Kind::Conflict);

    // After staff downloaded it: refused with a clear message, nothing changes.
    QVERIFY2(download(second->id, &out, &error), qPrintable(error.message));
    QCOMPARE(out, QByteArray("second file"));
    const qint64 after = lastAuditId();
    QVERIFY(
        !drops.deleteAsContact(second->id, m_contact.id, m_contact.companyId, QString(), &error));
    QCOMPARE(error.kind, ServiceError::Kind::Conflict);
    QCOMPARE(error.message, QStringLiteral("Your provider has already downloaded this file, so it "
                                           "can no longer be deleted."));
    QCOMPARE(actionsAfter(after), QStringList());
    QCOMPARE(rows(QStringLiteral("SELECT COUNT(*) FROM stored_file")),
             QStringList{QStringLiteral("1")});
    QCOMPARE(taskStatus(), QStringLiteral("completed"));
}

void TestVaultFileDrops::expiryPurgesOnTime()
{
    const Actor staff = staffActor(db(), StaffRole::Technician, QStringLiteral("Dana Admin"));
    FileDropService drops(db(), m_clock);
    ServiceError error;
    for (int days : {0, 91, -3}) {
        QVERIFY(!drops.setExpiryDays(m_task, days, staff, &error));
        QCOMPARE(error.kind, ServiceError::Kind::Invalid);
    }
    QVERIFY2(drops.setExpiryDays(m_task, 2, staff, &error), qPrintable(error.message));
    QCOMPARE(rows(QStringLiteral("SELECT config FROM task WHERE id = %1").arg(m_task)),
             QStringList{QStringLiteral("{\"expiryDays\":2}")});
    const std::optional<FileDrop> dropped = dropBytes("expiring", QStringLiteral("e.txt"), &error);
    QVERIFY(dropped);
    QCOMPARE(dropped->expiresAtMs, kStartMs + 2 * kDayMs);
    // A drop made later under a longer expiry outlives it.
    QVERIFY(drops.setExpiryDays(m_task, 30, staff, &error));
    const std::optional<FileDrop> later = dropBytes("staying", QStringLiteral("s.txt"), &error);
    QVERIFY(later);

    QString dbError;
    QCOMPARE(drops.purgeExpired(kStartMs + 2 * kDayMs - 1, &dbError), 0);
    m_clock.advanceMs(2 * kDayMs);
    // Past its expiry it is refused even before the purge ran.
    QByteArray out;
    QVERIFY(!download(dropped->id, &out, &error));
    QCOMPARE(error.kind, ServiceError::Kind::Conflict);
    QCOMPARE(
        drops.listForContact(m_task, m_contact.companyId, &error)->first().stateAt(m_clock.nowMs()),
        FileDrop::State::Expired);

    // A slice of the ciphertext, to look for in the database's files after the purge.
    const QByteArray ciphertext = QByteArray::fromHex(
        rows(QStringLiteral("SELECT c.data FROM file_chunk c JOIN file_drop d ON d.file_id = "
                            "c.file_id WHERE d.id = %1 ORDER BY c.seq")
                 .arg(dropped->id))
            .value(0)
            .toLatin1());
    if (db().engine() == Engine::Sqlite) {
        // Into the main file first, as it would be after any checkpoint: its freed pages are
        // what secure_delete must clear.
        QVERIFY(rows(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"))
                    .value(0)
                    .startsWith(QLatin1String("0|")));
    }
    const qint64 mark = lastAuditId();
    QCOMPARE(drops.purgeExpired(m_clock.nowMs(), &dbError), 1);
    QVERIFY2(dbError.isEmpty(), qPrintable(dbError));
    QCOMPARE(actionsAfter(mark), QStringList{QStringLiteral("file_drop.purged")});
    QCOMPARE(rows(QStringLiteral("SELECT actor_kind FROM audit_event WHERE id > %1").arg(mark)),
             QStringList{QStringLiteral("system")});
    QCOMPARE(rows(QStringLiteral("SELECT file_id, sealed_key, purged_at FROM file_drop WHERE id "
                                 "= %1")
                      .arg(dropped->id)),
             QStringList{QStringLiteral("NULL|NULL|%1").arg(m_clock.nowMs())});
    QCOMPARE(rows(QStringLiteral("SELECT COUNT(*) FROM stored_file")),
             QStringList{QStringLiteral("1")});
    QCOMPARE(drops.purgeExpired(m_clock.nowMs(), &dbError), 0); // once only
    if (db().engine() == Engine::Sqlite) {
        // Nothing of it is left in the file or its write-ahead log (secure_delete, checkpoint).
        QVERIFY2(ciphertext.size() >= 16, ciphertext.toHex().constData());
        const QByteArray needle = ciphertext.right(16); // random bytes: found only where kept
        const QDir dir(m_test->dataDir());
        int read = 0;
        for (const QFileInfo &file : dir.entryInfoList(QDir::Files)) {
            QFile in(file.filePath());
            QVERIFY(in.open(QIODevice::ReadOnly));
            QVERIFY2(!in.readAll().contains(needle), qPrintable(file.fileName()));
            ++read;
        }
        QVERIFY(read > 0);
    }

    // The contact still sees it, as expired; it can no longer be deleted or downloaded.
    const std::optional<QList<FileDrop>> listed
        = drops.listForContact(m_task, m_contact.companyId, &error);
    QCOMPARE(listed->size(), 2);
    QCOMPARE(listed->first().stateAt(m_clock.nowMs()), FileDrop::State::Expired);
    QCOMPARE(listed->last().stateAt(m_clock.nowMs()), FileDrop::State::Available);
    QVERIFY(
        !drops.deleteAsContact(dropped->id, m_contact.id, m_contact.companyId, QString(), &error));
    QCOMPARE(error.kind, ServiceError::Kind::Conflict);
    QVERIFY(download(later->id, &out, &error));
    QCOMPARE(out, QByteArray("staying"));

    // Downloaded drops expire too.
    m_clock.advanceMs(30 * kDayMs);
    QCOMPARE(drops.purgeExpired(m_clock.nowMs(), &dbError), 1);
    QCOMPARE(rows(QStringLiteral("SELECT COUNT(*) FROM file_chunk")),
             QStringList{QStringLiteral("0")});
}

void TestVaultFileDrops::badDropsChangeNothing_data()
{
    QTest::addColumn<QString>("what");
    QTest::addColumn<int>("kind");
    QTest::addRow("empty file") << QStringLiteral("empty") << int(ServiceError::Kind::Invalid);
    QTest::addRow("blank name") << QStringLiteral("blank") << int(ServiceError::Kind::Invalid);
    QTest::addRow("too large") << QStringLiteral("large") << int(ServiceError::Kind::Invalid);
    QTest::addRow("not a file drop task")
        << QStringLiteral("credential") << int(ServiceError::Kind::Invalid);
    QTest::addRow("no such task") << QStringLiteral("missing") << int(ServiceError::Kind::NotFound);
}

void TestVaultFileDrops::badDropsChangeNothing()
{
    QFETCH(QString, what);
    QFETCH(int, kind);
    const auto state = [this] {
        return rows(QStringLiteral("SELECT COUNT(*) FROM file_drop"))
               + rows(QStringLiteral("SELECT COUNT(*) FROM stored_file"))
               + rows(QStringLiteral("SELECT COUNT(*) FROM file_chunk"))
               + rows(QStringLiteral("SELECT COUNT(*) FROM activity"))
               + rows(QStringLiteral("SELECT MAX(id) FROM audit_event"))
               + rows(QStringLiteral("SELECT status FROM task ORDER BY id"));
    };
    const QStringList before = state();
    ServiceError error;
    std::optional<FileDrop> dropped;
    if (what == QLatin1String("empty")) {
        dropped = dropBytes(QByteArray(), QStringLiteral("x.txt"), &error);
    } else if (what == QLatin1String("blank")) {
        dropped = dropBytes("x", QStringLiteral("   "), &error);
    } else if (what == QLatin1String("large")) {
        dropped = dropBytes(QByteArray(FileDropService::kMaxBytes + 1, 'x'), QStringLiteral("x"),
                            &error);
    } else if (what == QLatin1String("credential")) {
        dropped = dropBytes("x", QStringLiteral("x"), &error, credentialTask());
    } else {
        dropped = dropBytes("x", QStringLiteral("x"), &error, 999999);
    }
    QVERIFY(!dropped);
    QCOMPARE(int(error.kind), kind);
    QVERIFY(!error.message.isEmpty());
    QCOMPARE(state(), before);
}

QTEST_GUILESS_MAIN(TestVaultFileDrops)
#include "tst_vault_filedrops.moc"
