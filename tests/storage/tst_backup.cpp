// Backing the database up and restoring it (issue 6) on SQLite and PostgreSQL: a restore gives
// back exactly the data of the backup, with an audit trail that still verifies; a file that is
// foreign, damaged, tampered with, from a newer schema or cancelled half-way changes nothing.
#include "TestDatabase.h"

#include "core/Clock.h"
#include "domain/Actor.h"
#include "security/AuditLog.h"
#include "services/WorkspaceSetup.h"
#include "storage/DatabaseBackup.h"
#include "storage/FileStore.h"
#include "storage/Migrations.h"
#include "storage/PgCopyReader.h"
#include "storage/SqlQuery.h"
#include "storage/Transaction.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

using namespace Gatehouse;
using Gatehouse::Testing::TestDatabase;

namespace {

// The demo's administrator: only an administrator may back up and restore (CON-11).
const Actor kStaff = Actor(Actor::Kind::Staff, WorkspaceSetup::demoCredentials().adminEmail,
                           QStringLiteral("Dana"));

} // namespace

class TestBackup : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addEngineRows(); }
    void init();
    void cleanup()
    {
        m_test.reset();
        m_dir.reset();
    }

    void backupThenRestoreGivesTheSameData();
    void refusesFilesThatAreNotGoodBackups_data();
    void refusesFilesThatAreNotGoodBackups();
    void refusesANewerSchema();
    void refusesABackupWithATamperedAuditTrail();
    void cancelledRestoreChangesNothing();
    void cancelledBackupLeavesNoFile();
    void copyFieldsAreDecoded();

private:
    // Every table's row count, and the rows that matter most in full.
    QStringList snapshot(Database &db);
    QStringList tableNames(Database &db);
    void changeEverything();
    std::unique_ptr<DatabaseBackup> makeBackup(Database &db);
    QString backupPath() const;
    void exec(Database &db, const QString &sql);

    std::unique_ptr<TestDatabase> m_test;
    std::unique_ptr<QTemporaryDir> m_dir;
    ManualClock m_clock{1'717'000'000'000};
    QByteArray m_fileBytes;
    qint64 m_workspaceId = 0;
    qint64 m_fileId = 0;
    QList<double> m_progress;
    std::atomic<bool> m_cancel{false};
};

void TestBackup::init()
{
    QFETCH_GLOBAL(QString, engine);
    m_test = TestDatabase::create(engine);
    QVERIFY(m_test);
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    QString error;
    DemoCredentials demo;
    QVERIFY2(WorkspaceSetup(m_test->db(), m_clock).ensureDemo(&demo, nullptr, &error),
             qPrintable(error));
    SqlQuery workspace(m_test->db(), QStringLiteral("SELECT MIN(id) FROM workspace"));
    QVERIFY2(workspace.exec(&error) && workspace.next(), qPrintable(error));
    m_workspaceId = workspace.int64(0);
    // Large enough that SQLite copies it in several steps, so progress has steps to show.
    m_fileBytes.resize(3 * 1024 * 1024);
    QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(m_fileBytes.data()),
                                          m_fileBytes.size() / 4);
    {
        Transaction transaction(m_test->db());
        const std::optional<StoredFile> stored
            = FileStore(m_test->db())
                  .write(m_workspaceId, QStringLiteral("contract.pdf"),
                         QStringLiteral("application/pdf"), m_fileBytes, m_clock.nowMs(), &error);
        QVERIFY2(stored, qPrintable(error));
        QVERIFY2(transaction.commit(&error), qPrintable(error));
        m_fileId = stored->id;
    }
    exec(m_test->db(), QStringLiteral("INSERT INTO company (workspace_id, name, created_at) "
                                      "VALUES (%1, 'Birch Dental', 5)")
                           .arg(m_workspaceId));
    m_progress.clear();
    m_cancel = false;
}

// Unprepared, so DDL runs on PostgreSQL too.
void TestBackup::exec(Database &db, const QString &sql)
{
    QSqlQuery query(db.connection());
    QVERIFY2(query.exec(sql), qPrintable(query.lastError().text()));
}

QString TestBackup::backupPath() const
{
    QFETCH_GLOBAL(QString, engine);
    return m_dir->filePath(DatabaseBackup::suggestedFileName(
        engine == QLatin1String("sqlite") ? Engine::Sqlite : Engine::Postgres, QDate(2024, 5, 31)));
}

std::unique_ptr<DatabaseBackup> TestBackup::makeBackup(Database &db)
{
    auto backup = std::make_unique<DatabaseBackup>(db, m_clock);
    BackupControl control;
    control.progress = [this](double fraction) {
        m_progress.append(fraction);
    };
    control.cancel = &m_cancel;
    backup->setControl(control);
    backup->setPostgresBinDir(qEnvironmentVariable("GATEHOUSE_TEST_PG_BINDIR"));
    return backup;
}

QStringList TestBackup::tableNames(Database &db)
{
    const QString sql = db.engine() == Engine::Sqlite
                            ? QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' "
                                             "AND name NOT LIKE 'sqlite_%' ORDER BY name")
                            : QStringLiteral("SELECT tablename FROM pg_tables WHERE schemaname = "
                                             "current_schema() ORDER BY tablename");
    SqlQuery query(db, sql);
    QString error;
    QStringList names;
    if (!query.exec(&error)) {
        qWarning().noquote() << error;
        return names;
    }
    while (query.next()) {
        names.append(query.text(0));
    }
    return names;
}

QStringList TestBackup::snapshot(Database &db)
{
    QStringList out;
    QString error;
    for (const QString &table : tableNames(db)) {
        SqlQuery count(db, QStringLiteral("SELECT COUNT(*) FROM ") + table);
        if (!count.exec(&error) || !count.next()) {
            return {error};
        }
        out.append(table + QLatin1Char('=') + count.text(0));
    }
    const QStringList rows
        = {QStringLiteral("SELECT id, name FROM company ORDER BY id"),
           QStringLiteral("SELECT id, email, name FROM contact ORDER BY id"),
           QStringLiteral("SELECT id, action, hash FROM audit_event ORDER BY id"),
           QStringLiteral("SELECT id, sha256, size FROM stored_file ORDER BY id"),
           QStringLiteral("SELECT version FROM schema_version ORDER BY version")};
    for (const QString &sql : rows) {
        SqlQuery query(db, sql);
        if (!query.exec(&error)) {
            return {error};
        }
        while (query.next()) {
            QStringList cells;
            for (int i = 0; i < query.raw().record().count(); ++i) {
                cells.append(query.text(i));
            }
            out.append(cells.join(QLatin1Char('|')));
        }
    }
    return out;
}

// What staff and contacts might do after a backup: rename, add, delete, upload, audit.
void TestBackup::changeEverything()
{
    Database &db = m_test->db();
    exec(db, QStringLiteral("UPDATE company SET name = 'Renamed Ltd' WHERE name = 'Birch Dental'"));
    exec(db, QStringLiteral("INSERT INTO company (workspace_id, name, created_at) VALUES (%1, "
                            "'Added Later', 9)")
                 .arg(m_workspaceId));
    exec(db, QStringLiteral("DELETE FROM activity"));
    QString error;
    Transaction transaction(db);
    QVERIFY(FileStore(db).remove(m_fileId, &error));
    QVERIFY(
        AuditLog(db).append(AuditEvent::make(m_workspaceId, m_clock.nowMs(), kStaff,
                                             QStringLiteral("test.change"), QString(), QString()),
                            &error));
    QVERIFY2(transaction.commit(&error), qPrintable(error));
}

void TestBackup::backupThenRestoreGivesTheSameData()
{
    Database &db = m_test->db();
    const QStringList before = snapshot(db);
    QString error;
    QVERIFY2(makeBackup(db)->backup(backupPath(), kStaff, m_workspaceId, &error),
             qPrintable(error));
    QVERIFY(QFileInfo(backupPath()).size() > m_fileBytes.size());
    QVERIFY(!QFileInfo::exists(backupPath() + QStringLiteral(".partial")));
    // Progress runs from 0 to 1, never backwards, with steps in between.
    QVERIFY(m_progress.size() >= 3);
    QCOMPARE(m_progress.first(), 0.0);
    QCOMPARE(m_progress.last(), 1.0);
    QVERIFY(std::is_sorted(m_progress.cbegin(), m_progress.cend()));
    QVERIFY(std::any_of(m_progress.cbegin(), m_progress.cend(),
                        [](double f) { return f > 0.0 && f < 1.0; }));
    const QList<AuditEvent> backedUp = AuditLog(db).list({}, 1, 0, &error);
    QCOMPARE(backedUp.first().action, QStringLiteral("database.backup"));
    QVERIFY(backedUp.first().detail.contains(DatabaseBackup::sha256Of(backupPath())));

    changeEverything();
    QVERIFY(snapshot(db) != before);

    m_progress.clear();
    QVERIFY2(makeBackup(db)->restore(backupPath(), kStaff, m_workspaceId, &error),
             qPrintable(error));
    QVERIFY(m_progress.size() >= 3);
    QCOMPARE(m_progress.first(), 0.0);
    QCOMPARE(m_progress.last(), 1.0);
    QVERIFY(std::is_sorted(m_progress.cbegin(), m_progress.cend()));

    // Exactly the data of the backup, plus the restore's own event and activity row.
    QStringList after = snapshot(db);
    const QList<AuditEvent> newest = AuditLog(db).list({}, 1, 0, &error);
    QCOMPARE(newest.first().action, QStringLiteral("database.restore"));
    QCOMPARE(newest.first().actor, kStaff.id);
    QVERIFY(newest.first().detail.contains(DatabaseBackup::sha256Of(backupPath())));
    QVERIFY(after.removeOne(
        QStringLiteral("%1|database.restore|%2").arg(newest.first().id).arg(newest.first().hash)));
    QStringList expected = before;
    for (QString &line : expected) {
        if (line.startsWith(QLatin1String("audit_event="))) {
            line = QStringLiteral("audit_event=%1")
                       .arg(line.section(QLatin1Char('='), 1).toInt() + 1);
        }
        if (line.startsWith(QLatin1String("activity="))) {
            line = QStringLiteral("activity=%1").arg(line.section(QLatin1Char('='), 1).toInt() + 1);
        }
    }
    QCOMPARE(after, expected);
    QCOMPARE(FileStore(db).readAll(m_fileId, &error).value_or(QByteArray()), m_fileBytes);
    const AuditLog::VerifyResult chain = AuditLog(db).verify(&error);
    QVERIFY2(chain.ok, qPrintable(chain.reason));
    QCOMPARE(db.schemaVersion(), Migrations::latestVersion());
    // Sequences came back too: new rows do not collide with restored ones.
    exec(db, QStringLiteral("INSERT INTO company (workspace_id, name, created_at) VALUES (%1, "
                            "'After Restore', 10)")
                 .arg(m_workspaceId));
}

void TestBackup::refusesFilesThatAreNotGoodBackups_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("message");
    QTest::addRow("text file") << QStringLiteral("text") << QStringLiteral("not a Gatehouse");
    QTest::addRow("empty file") << QStringLiteral("empty") << QStringLiteral("not a Gatehouse");
    QTest::addRow("truncated backup") << QStringLiteral("truncated") << QString();
    QTest::addRow("other engine") << QStringLiteral("engine") << QStringLiteral("backup of a");
    QTest::addRow("not gatehouse")
        << QStringLiteral("foreign") << QStringLiteral("not a Gatehouse backup");
    QTest::addRow("missing file") << QStringLiteral("missing") << QStringLiteral("no file");
}

void TestBackup::refusesFilesThatAreNotGoodBackups()
{
    QFETCH(QString, kind);
    QFETCH(QString, message);
    Database &db = m_test->db();
    const QString path = m_dir->filePath(QStringLiteral("bad-") + kind);
    QString error;
    if (kind == QLatin1String("truncated")) {
        QVERIFY2(makeBackup(db)->backup(path, kStaff, m_workspaceId, &error), qPrintable(error));
        QVERIFY(QFile::resize(path, QFileInfo(path).size() / 2));
    } else if (kind == QLatin1String("foreign")) {
        // A database of the same engine without Gatehouse's schema.
        QFETCH_GLOBAL(QString, engine);
        std::unique_ptr<TestDatabase> other = TestDatabase::create(engine);
        QVERIFY(other);
        exec(other->db(), QStringLiteral("DROP TABLE schema_version"));
        QVERIFY2(
            makeBackup(other->db())->backup(path, Actor::system(QStringLiteral("test")), 0, &error),
            qPrintable(error));
    } else if (kind != QLatin1String("missing")) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        if (kind == QLatin1String("text")) {
            file.write("id,name\n1,Acme\n");
        } else if (kind == QLatin1String("engine")) {
            file.write(db.engine() == Engine::Sqlite ? QByteArray("PGDMP\x01\x0e\x00", 8)
                                                     : QByteArray("SQLite format 3\0", 16));
            file.write(QByteArray(4096, '\0'));
        }
    }
    const QStringList before = snapshot(db);
    m_progress.clear();
    QVERIFY(!makeBackup(db)->restore(path, kStaff, m_workspaceId, &error));
    QVERIFY(!error.isEmpty());
    if (!message.isEmpty()) {
        QVERIFY2(error.contains(message), qPrintable(error));
    }
    QCOMPARE(snapshot(db), before);
    const AuditLog::VerifyResult chain = AuditLog(db).verify(&error);
    QVERIFY2(chain.ok, qPrintable(chain.reason));
}

void TestBackup::refusesANewerSchema()
{
    Database &db = m_test->db();
    const int future = Migrations::latestVersion() + 1;
    exec(db, QStringLiteral("INSERT INTO schema_version (version, applied_at) VALUES (%1, 1)")
                 .arg(future));
    QString error;
    QVERIFY2(makeBackup(db)->backup(backupPath(), kStaff, m_workspaceId, &error),
             qPrintable(error));
    exec(db, QStringLiteral("DELETE FROM schema_version WHERE version = %1").arg(future));
    changeEverything();
    const QStringList before = snapshot(db);
    QVERIFY(!makeBackup(db)->restore(backupPath(), kStaff, m_workspaceId, &error));
    QVERIFY2(error.contains(QStringLiteral("newer version of Gatehouse")), qPrintable(error));
    QVERIFY2(error.contains(QString::number(future)), qPrintable(error));
    QCOMPARE(snapshot(db), before);
}

void TestBackup::refusesABackupWithATamperedAuditTrail()
{
    Database &db = m_test->db();
    exec(db, QStringLiteral("UPDATE audit_event SET detail = 'nothing happened' WHERE id = "
                            "(SELECT MIN(id) FROM audit_event)"));
    QString error;
    QVERIFY2(makeBackup(db)->backup(backupPath(), kStaff, m_workspaceId, &error),
             qPrintable(error));
    // Put right here, so only the backup carries the tampered event.
    exec(db, QStringLiteral("DELETE FROM audit_event"));
    QVERIFY(
        AuditLog(db).append(AuditEvent::make(m_workspaceId, 1, kStaff, QStringLiteral("test.fresh"),
                                             QString(), QString()),
                            &error));
    const QStringList before = snapshot(db);
    QVERIFY(!makeBackup(db)->restore(backupPath(), kStaff, m_workspaceId, &error));
    QVERIFY2(error.contains(QStringLiteral("audit trail does not verify")), qPrintable(error));
    QCOMPARE(snapshot(db), before);
}

void TestBackup::cancelledRestoreChangesNothing()
{
    Database &db = m_test->db();
    QString error;
    QVERIFY2(makeBackup(db)->backup(backupPath(), kStaff, m_workspaceId, &error),
             qPrintable(error));
    changeEverything();
    const QStringList before = snapshot(db);
    // Cancelled while the data is being written into the live database.
    auto restore = makeBackup(db);
    BackupControl control;
    control.cancel = &m_cancel;
    control.progress = [this](double fraction) {
        m_progress.append(fraction);
        if (fraction > 0.5) {
            m_cancel = true;
        }
    };
    restore->setControl(control);
    QVERIFY(!restore->restore(backupPath(), kStaff, m_workspaceId, &error));
    QVERIFY2(error.startsWith(QStringLiteral("Cancelled")), qPrintable(error));
    QVERIFY(m_progress.last() < 1.0);
    QCOMPARE(snapshot(db), before);
}

void TestBackup::cancelledBackupLeavesNoFile()
{
    Database &db = m_test->db();
    auto backup = makeBackup(db);
    BackupControl control;
    control.cancel = &m_cancel;
    control.progress = [this](double fraction) {
        if (fraction > 0.0) {
            m_cancel = true;
        }
    };
    backup->setControl(control);
    const qint64 events = AuditLog(db).count({}, nullptr);
    QString error;
    QVERIFY(!backup->backup(backupPath(), kStaff, m_workspaceId, &error));
    QVERIFY2(error.startsWith(QStringLiteral("Cancelled")), qPrintable(error));
    QVERIFY(!QFileInfo::exists(backupPath()));
    QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files | QDir::Hidden), QStringList());
    QCOMPARE(AuditLog(db).count({}, nullptr), events);
}

void TestBackup::copyFieldsAreDecoded()
{
    QFETCH_GLOBAL(QString, engine);
    if (engine != QLatin1String("sqlite")) {
        QSKIP("engine-independent");
    }
    QCOMPARE(PgCopyReader::decodeField("\\N"), QString());
    QVERIFY(!PgCopyReader::decodeField("").isNull());
    QCOMPARE(PgCopyReader::decodeField("a\\tb\\nc\\\\d"), QStringLiteral("a\tb\nc\\d"));
    QCOMPARE(PgCopyReader::decodeField("caf\\303\\251 \\x41"), QStringLiteral("café A"));
}

QTEST_GUILESS_MAIN(TestBackup)
#include "tst_backup.moc"
