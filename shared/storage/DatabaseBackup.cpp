#include "DatabaseBackup.h"

#include "ActivityRepository.h"
#include "BackupChecks.h"
#include "Database.h"
#include "PostgresBackup.h"
#include "SqlQuery.h"
#include "SqliteBackup.h"
#include "Transaction.h"
#include "core/Clock.h"
#include "core/Logging.h"
#include "domain/Actor.h"
#include "security/AuditLog.h"
#include "security/StaffAccess.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace Gatehouse {

namespace {

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

// The workspace an event belongs to: the caller's when the (restored) data has it, the first
// one otherwise; 0 when there is none.
qint64 existingWorkspace(const Database &db, qint64 wanted, QString *error)
{
    SqlQuery query(db, QStringLiteral("SELECT id FROM workspace ORDER BY (id = ?) DESC, id "
                                      "LIMIT 1"));
    query << wanted;
    if (!query.exec(error)) {
        return -1;
    }
    return query.next() ? query.int64(0) : 0;
}

} // namespace

DatabaseBackup::DatabaseBackup(const Database &db, const Clock &clock)
    : m_db(db)
    , m_clock(clock)
{}

QString DatabaseBackup::suggestedFileName(Engine engine, const QDate &day)
{
    return QStringLiteral("gatehouse-backup-%1.%2")
        .arg(day.toString(Qt::ISODate),
             engine == Engine::Sqlite ? QStringLiteral("sqlite") : QStringLiteral("dump"));
}

QString DatabaseBackup::sha256Of(const QString &file)
{
    QFile in(file);
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!in.open(QIODevice::ReadOnly) || !hash.addData(&in)) {
        return QString();
    }
    return QString::fromLatin1(hash.result().toHex());
}

bool DatabaseBackup::sameEngine(const QString &file, QString *error) const
{
    QFile in(file);
    if (!in.open(QIODevice::ReadOnly)) {
        return fail(error, tr("The backup could not be read: %1").arg(in.errorString()));
    }
    const QByteArray head = in.read(16);
    const bool sqlite = head.startsWith("SQLite format 3");
    const bool postgres = head.startsWith("PGDMP");
    if (m_db.engine() == Engine::Postgres && sqlite) {
        return fail(error, tr("This is a backup of a SQLite database; this database is on "
                              "PostgreSQL. Nothing was changed."));
    }
    if (m_db.engine() == Engine::Sqlite && postgres) {
        return fail(error, tr("This is a backup of a PostgreSQL database; this database is a "
                              "SQLite file. Nothing was changed."));
    }
    return true;
}

bool DatabaseBackup::backup(const QString &file, const Actor &actor, qint64 workspaceId,
                            QString *error)
{
    ServiceError denied;
    if (!StaffAccess::require(m_db, actor, StaffPermission::ManageDatabase, &denied)) {
        return fail(error, denied.message);
    }
    const bool made = m_db.engine() == Engine::Sqlite
                          ? SqliteBackup::backup(m_db, file, m_control, error)
                          : PostgresBackup::backup(m_db, file, m_pgBinDir, m_control, error);
    if (!made) {
        return false;
    }
    // Recorded after the copy, so the event is in the live trail but not in the backup.
    const QString path = QDir::toNativeSeparators(QFileInfo(file).absoluteFilePath());
    const QString detail = tr("Backed up the database to %1 (%2 bytes, SHA-256 %3).")
                               .arg(path)
                               .arg(QFileInfo(file).size())
                               .arg(sha256Of(file));
    QString detailError;
    Transaction transaction(m_db);
    // The backup concerns every workspace; filed under the caller's, or the first.
    const qint64 workspace = existingWorkspace(m_db, workspaceId, &detailError);
    const AuditEvent event
        = AuditEvent::make(workspace > 0 ? workspace : workspaceId, m_clock.nowMs(), actor,
                           QStringLiteral("database.backup"), QStringLiteral("database"), detail);
    if (!transaction.isActive() || !AuditLog(m_db).append(event, &detailError)
        || !transaction.commit(&detailError)) {
        return fail(error,
                    tr("The backup was written to %1, but the audit trail could not "
                       "record it: %2")
                        .arg(path, transaction.isActive() ? detailError : transaction.error()));
    }
    qCInfo(lcStorage).noquote() << "database backed up to" << path;
    return true;
}

bool DatabaseBackup::restore(const QString &file, const Actor &actor, qint64 workspaceId,
                             QString *error)
{
    ServiceError denied;
    if (!StaffAccess::require(m_db, actor, StaffPermission::ManageDatabase, &denied)) {
        return fail(error, denied.message);
    }
    if (!QFileInfo(file).isFile()) {
        return fail(error, tr("There is no file %1.").arg(file));
    }
    if (!sameEngine(file, error)) {
        return false;
    }
    const QString hash = sha256Of(file);
    const bool restored = m_db.engine() == Engine::Sqlite
                              ? SqliteBackup::restore(m_db, file, m_control, error)
                              : PostgresBackup::restore(m_db, file, m_pgBinDir, m_control, error);
    if (!restored) {
        return false;
    }
    QString detail;
    if (!m_db.migrate(&detail)) {
        return fail(error, tr("The backup was restored, but its schema could not be brought up "
                              "to date: %1")
                               .arg(detail));
    }
    const AuditLog::VerifyResult chain = AuditLog(m_db).verify(&detail);
    if (!chain.ok) {
        return fail(error, tr("The backup was restored, but its audit trail does not verify "
                              "(event %1: %2).")
                               .arg(chain.firstBrokenId)
                               .arg(chain.reason));
    }
    if (!recordRestore(file, hash, actor, workspaceId, error)) {
        return false;
    }
    qCInfo(lcStorage).noquote() << "database restored from" << file;
    m_control.report(1.0);
    return true;
}

bool DatabaseBackup::recordRestore(const QString &file, const QString &hash, const Actor &actor,
                                   qint64 workspaceId, QString *error)
{
    const QString path = QDir::toNativeSeparators(QFileInfo(file).absoluteFilePath());
    QString detail;
    Transaction transaction(m_db);
    if (!transaction.isActive()) {
        return fail(error, transaction.error());
    }
    const qint64 workspace = existingWorkspace(m_db, workspaceId, &detail);
    bool ok = workspace >= 0;
    const qint64 now = m_clock.nowMs();
    if (ok) {
        const AuditEvent event = AuditEvent::make(
            workspace, now, actor, QStringLiteral("database.restore"), QStringLiteral("database"),
            tr("Restored the database from %1 (SHA-256 %2).").arg(path, hash));
        ok = AuditLog(m_db).append(event, &detail);
    }
    // The feed is how other consoles learn that everything they show has changed.
    if (ok && workspace > 0) {
        ActivityEvent activity;
        activity.kind = QStringLiteral("database.restored");
        activity.actor = actor.name;
        activity.summary = tr("%1 restored the database from a backup (%2).")
                               .arg(actor.name, QFileInfo(file).fileName());
        ok = ActivityRepository(m_db).append(workspace, activity, now, &detail);
    }
    if (!ok || !transaction.commit(&detail)) {
        return fail(error, tr("The backup was restored, but the audit trail could not record "
                              "it: %1")
                               .arg(detail));
    }
    return true;
}

} // namespace Gatehouse
