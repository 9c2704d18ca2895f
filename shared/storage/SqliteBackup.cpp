#include "SqliteBackup.h"

#include "BackupChecks.h"
#include "Database.h"
#include "SqliteHandle.h"
#include "security/AuditLog.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>

#include <sqlite3.h>

#include <optional>

namespace Gatehouse {

namespace {

// Small enough that progress moves and a cancel is heard within a moment, large enough that
// the copy is not slowed by the locking around each step.
constexpr int kPagesPerStep = 256;
// How long another program may hold the lock before we give up (the portal's busy timeout is
// 10 s too).
constexpr qint64 kBusyLimitMs = 10000;
constexpr qint64 kCopyChunk = 1 << 20;

QString tr(const char *text)
{
    return BackupChecks::tr(text);
}

bool fail(QString *error, const QString &message)
{
    if (error) {
        *error = message;
    }
    return false;
}

// A connection of our own to a file, closed when it goes.
struct RawConnection
{
    sqlite3 *handle = nullptr;
    ~RawConnection() { sqlite3_close_v2(handle); }

    bool open(const QString &path, int flags, QString *error)
    {
        if (sqlite3_open_v2(QFile::encodeName(path).constData(), &handle, flags, nullptr)
            != SQLITE_OK) {
            return fail(error, QString::fromUtf8(sqlite3_errmsg(handle)));
        }
        return true;
    }
    bool exec(const char *sql, QString *error)
    {
        char *message = nullptr;
        if (sqlite3_exec(handle, sql, nullptr, nullptr, &message) != SQLITE_OK) {
            const QString text = QString::fromUtf8(message ? message : sqlite3_errmsg(handle));
            sqlite3_free(message);
            return fail(error, text);
        }
        return true;
    }
    // The first column of the first row as text; nullopt when the statement fails.
    std::optional<QString> single(const char *sql, QString *error)
    {
        sqlite3_stmt *statement = nullptr;
        if (sqlite3_prepare_v2(handle, sql, -1, &statement, nullptr) != SQLITE_OK) {
            fail(error, QString::fromUtf8(sqlite3_errmsg(handle)));
            return std::nullopt;
        }
        std::optional<QString> value;
        const int rc = sqlite3_step(statement);
        if (rc == SQLITE_ROW) {
            value = QString::fromUtf8(
                reinterpret_cast<const char *>(sqlite3_column_text(statement, 0)));
        } else if (rc == SQLITE_DONE) {
            value = QString();
        } else {
            fail(error, QString::fromUtf8(sqlite3_errmsg(handle)));
        }
        sqlite3_finalize(statement);
        return value;
    }
};

// Copies every page of `from` into `into`, reporting [from, to] of the whole. Finishing early
// (cancel, error) rolls the destination back: it is left as it was.
bool copyPages(sqlite3 *into, sqlite3 *from, const BackupControl &control, double start, double end,
               const QString &busyMessage, QString *error)
{
    sqlite3_backup *backup = sqlite3_backup_init(into, "main", from, "main");
    if (!backup) {
        return fail(error, QString::fromUtf8(sqlite3_errmsg(into)));
    }
    QElapsedTimer busy;
    int rc = SQLITE_OK;
    for (;;) {
        if (control.cancelled()) {
            sqlite3_backup_finish(backup);
            return fail(error, BackupControl::cancelledMessage());
        }
        rc = sqlite3_backup_step(backup, kPagesPerStep);
        const int total = sqlite3_backup_pagecount(backup);
        if (total > 0) {
            control.report(start, end,
                           double(total - sqlite3_backup_remaining(backup)) / double(total));
        }
        if (rc == SQLITE_OK) {
            busy.invalidate();
        } else if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
            if (!busy.isValid()) {
                busy.start();
            } else if (busy.elapsed() > kBusyLimitMs) {
                sqlite3_backup_finish(backup);
                return fail(error, busyMessage);
            }
            QThread::msleep(50);
        } else {
            break;
        }
    }
    const int finished = sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE || finished != SQLITE_OK) {
        return fail(error, QString::fromUtf8(sqlite3_errmsg(into)));
    }
    return true;
}

// Copies a file in chunks, so a large backup shows progress and can be cancelled.
bool copyFile(const QString &from, const QString &to, const BackupControl &control, double start,
              double end, QString *error)
{
    QFile in(from);
    if (!in.open(QIODevice::ReadOnly)) {
        return fail(error, tr("The backup could not be read: %1").arg(in.errorString()));
    }
    QFile out(to);
    if (!out.open(QIODevice::WriteOnly)) {
        return fail(error, tr("A working copy could not be written: %1").arg(out.errorString()));
    }
    const qint64 size = in.size();
    qint64 done = 0;
    while (!in.atEnd()) {
        if (control.cancelled()) {
            return fail(error, BackupControl::cancelledMessage());
        }
        const QByteArray chunk = in.read(kCopyChunk);
        if (chunk.isEmpty() && in.error() != QFileDevice::NoError) {
            return fail(error, tr("The backup could not be read: %1").arg(in.errorString()));
        }
        if (out.write(chunk) != chunk.size()) {
            return fail(error,
                        tr("A working copy could not be written: %1").arg(out.errorString()));
        }
        done += chunk.size();
        control.report(start, end, size > 0 ? double(done) / double(size) : 1.0);
    }
    return true;
}

// Is this a sound SQLite database with a schema we can bring up to date? Read only.
bool inspect(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly) || file.read(16) != QByteArray("SQLite format 3", 16)) {
        return fail(error, tr("The file is not a Gatehouse backup of a SQLite database. Nothing "
                              "was changed."));
    }
    file.close();
    RawConnection raw;
    QString detail;
    if (!raw.open(path, SQLITE_OPEN_READONLY, &detail)) {
        return fail(error, tr("The backup could not be opened: %1").arg(detail));
    }
    const std::optional<QString> check = raw.single("PRAGMA integrity_check(1)", &detail);
    if (!check || *check != QLatin1String("ok")) {
        return fail(
            error,
            tr("The backup is damaged (%1). Nothing was changed.").arg(check ? *check : detail));
    }
    const std::optional<QString> hasSchema = raw.single(
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'",
        &detail);
    if (!hasSchema) {
        return fail(error, tr("The backup could not be read: %1").arg(detail));
    }
    int version = 0;
    if (hasSchema->toInt() > 0) {
        const std::optional<QString> latest
            = raw.single("SELECT MAX(version) FROM schema_version", &detail);
        if (!latest) {
            return fail(error, tr("The backup could not be read: %1").arg(detail));
        }
        version = latest->toInt();
    }
    return BackupChecks::schemaVersionAcceptable(version, error);
}

} // namespace

bool SqliteBackup::backup(const Database &db, const QString &file, const BackupControl &control,
                          QString *error)
{
    control.report(0.0);
    if (!db.open(error)) {
        return false;
    }
    const QSqlDatabase live = db.connection();
    sqlite3 *source = sqliteHandle(live);
    if (!source) {
        return fail(error, tr("The SQLite driver does not give access to its connection."));
    }
    const QFileInfo target(file);
    const QString partial = target.absolutePath() + QStringLiteral("/.") + target.fileName()
                            + QStringLiteral(".partial");
    QFile::remove(partial);
    bool ok = false;
    {
        RawConnection copy;
        QString detail;
        if (!copy.open(partial, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, &detail)) {
            return fail(error, tr("The backup file could not be created: %1").arg(detail));
        }
        // One read snapshot for the whole copy: with WAL, writers elsewhere carry on and the
        // copy is neither restarted nor a mix of before and after.
        QSqlQuery snapshot(live);
        if (!snapshot.exec(QStringLiteral("BEGIN"))
            || !snapshot.exec(QStringLiteral("SELECT COUNT(*) FROM sqlite_master"))) {
            QFile::remove(partial);
            return fail(error, snapshot.lastError().text());
        }
        snapshot.finish();
        ok = copyPages(copy.handle, source, control, 0.0, 0.95,
                       tr("The database stayed locked by another program; try again."), error);
        if (!snapshot.exec(QStringLiteral("COMMIT"))) {
            ok = fail(error, snapshot.lastError().text());
        }
        // The live file uses WAL; the copy should need no side files.
        if (ok && !copy.exec("PRAGMA journal_mode=DELETE", &detail)) {
            ok = fail(error, tr("The backup file could not be finished: %1").arg(detail));
        }
    }
    if (ok && target.exists() && !QFile::remove(file)) {
        ok = fail(error, tr("The existing file %1 could not be replaced.").arg(file));
    }
    if (ok && !QFile::rename(partial, file)) {
        ok = fail(error, tr("The backup could not be moved to %1.").arg(file));
    }
    if (!ok) {
        QFile::remove(partial);
        return false;
    }
    control.report(1.0);
    return true;
}

bool SqliteBackup::restore(const Database &db, const QString &file, const BackupControl &control,
                           QString *error)
{
    control.report(0.0);
    if (!QFileInfo(file).isFile()) {
        return fail(error, tr("There is no file %1.").arg(file));
    }
    if (!db.open(error)) {
        return false;
    }
    sqlite3 *live = sqliteHandle(db.connection());
    if (!live) {
        return fail(error, tr("The SQLite driver does not give access to its connection."));
    }
    // The working copy sits next to the database: the same disk, which has room for it.
    const QTemporaryDir staging(QFileInfo(db.config().sqliteFile).absolutePath()
                                + QStringLiteral("/.gatehouse-restore-XXXXXX"));
    if (!staging.isValid()) {
        return fail(error, tr("A working folder could not be made: %1").arg(staging.errorString()));
    }
    const QString copy = staging.filePath(QStringLiteral("restore.sqlite"));
    if (!copyFile(file, copy, control, 0.0, 0.2, error) || !inspect(copy, error)) {
        return false;
    }
    control.report(0.25);
    if (control.cancelled()) {
        return fail(error, BackupControl::cancelledMessage());
    }
    // The copy, not the live database, is migrated and checked, so a backup that fails either
    // leaves the live data alone.
    const Database staged(DatabaseConfig::sqlite(copy));
    QString detail;
    if (!staged.migrate(&detail)) {
        return fail(error, tr("The backup could not be brought up to date: %1").arg(detail));
    }
    if (!BackupChecks::auditChainIntact(AuditLog(staged).verify(&detail), error)) {
        return false;
    }
    control.report(0.3);
    return copyPages(live, sqliteHandle(staged.connection()), control, 0.3, 1.0,
                     tr("The database is in use: another program (a portal server?) kept it "
                        "locked. Nothing was changed; try again, or stop that program first."),
                     error);
}

} // namespace Gatehouse
