#include "PostgresBackup.h"

#include "BackupChecks.h"
#include "Database.h"
#include "PgCopyReader.h"
#include "PostgresTools.h"
#include "SqlQuery.h"
#include "security/AuditLog.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <algorithm>

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

// Drops every table of the schema before the dump's are created, inside psql's one transaction.
// The lock timeout turns "someone holds a lock" into a clear failure instead of a long wait.
const QByteArray kPrelude = "SET lock_timeout = '10s';\n"
                            "DO $$ DECLARE t record; BEGIN\n"
                            "  FOR t IN SELECT tablename FROM pg_tables\n"
                            "           WHERE schemaname = current_schema() LOOP\n"
                            "    EXECUTE format('DROP TABLE IF EXISTS %I.%I CASCADE',\n"
                            "                   current_schema(), t.tablename);\n"
                            "  END LOOP;\n"
                            "END $$;\n";

// The dump's audit trail checked as AuditLog::verify checks a live one: every hash matches its
// event and each event names the one before it, in id order.
AuditLog::VerifyResult verifyChain(const PgCopyReader::Table &table)
{
    AuditLog::VerifyResult result;
    const QStringList names = {
        QStringLiteral("id"),        QStringLiteral("workspace_id"), QStringLiteral("created_at"),
        QStringLiteral("actor"),     QStringLiteral("actor_kind"),   QStringLiteral("action"),
        QStringLiteral("subject"),   QStringLiteral("detail"),       QStringLiteral("ip"),
        QStringLiteral("prev_hash"), QStringLiteral("hash")};
    QList<int> at;
    for (const QString &name : names) {
        at.append(table.column(name));
        if (at.constLast() < 0) {
            result.reason = tr("the audit trail has no column %1").arg(name);
            return result;
        }
    }
    QList<AuditEvent> events;
    for (const QStringList &row : table.rows) {
        if (row.size() != table.columns.size()) {
            result.reason = tr("an audit event is malformed");
            return result;
        }
        AuditEvent event;
        event.id = row.at(at[0]).toLongLong();
        event.workspaceId = row.at(at[1]).toLongLong();
        event.createdAtMs = row.at(at[2]).toLongLong();
        event.actor = row.at(at[3]);
        event.actorKind = row.at(at[4]);
        event.action = row.at(at[5]);
        event.subject = row.at(at[6]);
        event.detail = row.at(at[7]);
        event.ip = row.at(at[8]);
        event.prevHash = row.at(at[9]);
        event.hash = row.at(at[10]);
        events.append(event);
    }
    std::sort(events.begin(), events.end(),
              [](const AuditEvent &a, const AuditEvent &b) { return a.id < b.id; });
    for (const AuditEvent &event : std::as_const(events)) {
        if (AuditLog::hashOf(event) != event.hash) {
            result.firstBrokenId = event.id;
            result.reason = tr("its contents were changed after it was written");
            return result;
        }
        if (event.prevHash != result.headHash) {
            result.firstBrokenId = event.id;
            result.reason = tr("it does not follow the event before it");
            return result;
        }
        ++result.checked;
        result.headHash = event.hash;
    }
    result.ok = true;
    return result;
}

// Reads the dump's schema version and audit trail and checks both.
bool checkDump(const PostgresTools &tools, const QString &pgRestore, const QString &file,
               const QString &workDir, const BackupControl &control, QString *error)
{
    const QString script = QDir(workDir).filePath(QStringLiteral("check.sql"));
    PostgresTools::Run extract;
    extract.program = pgRestore;
    extract.arguments
        = {QStringLiteral("--data-only"), QStringLiteral("--table=schema_version"),
           QStringLiteral("--table=audit_event"), QStringLiteral("--file=") + script, file};
    QString detail;
    if (!tools.run(extract, control, &detail)) {
        return fail(error,
                    tr("The backup could not be read (%1). Nothing was changed.").arg(detail));
    }
    PgCopyReader::Table versions;
    if (!PgCopyReader::read(script, QStringLiteral("public.schema_version"), &versions, error)) {
        return false;
    }
    int version = 0;
    const int column = versions.column(QStringLiteral("version"));
    for (const QStringList &row : std::as_const(versions.rows)) {
        if (column >= 0 && column < row.size()) {
            version = qMax(version, row.at(column).toInt());
        }
    }
    if (!BackupChecks::schemaVersionAcceptable(versions.found ? version : 0, error)) {
        return false;
    }
    PgCopyReader::Table audit;
    if (!PgCopyReader::read(script, QStringLiteral("public.audit_event"), &audit, error)) {
        return false;
    }
    return BackupChecks::auditChainIntact(verifyChain(audit), error);
}

} // namespace

bool PostgresBackup::backup(const Database &db, const QString &file, const QString &binDir,
                            const BackupControl &control, QString *error)
{
    control.report(0.0);
    PostgresTools tools(db, binDir);
    if (!tools.connect(error)) {
        return false;
    }
    const std::optional<QString> pgDump = tools.find(QStringLiteral("pg_dump"), error);
    if (!pgDump) {
        return false;
    }
    SqlQuery count(db, QStringLiteral("SELECT COUNT(*) FROM pg_tables "
                                      "WHERE schemaname = current_schema()"));
    if (!count.exec(error) || !count.next()) {
        return false;
    }
    const qint64 tables = count.int64(0);
    const QFileInfo target(file);
    const QString partial = target.absolutePath() + QStringLiteral("/.") + target.fileName()
                            + QStringLiteral(".partial");
    QFile::remove(partial);

    PostgresTools::Run dump;
    dump.program = *pgDump;
    dump.arguments = {QStringLiteral("--format=custom"), QStringLiteral("--verbose"),
                      QStringLiteral("--file=") + partial};
    qint64 dumped = 0;
    dump.onErrorLine = [&dumped, tables, &control](const QString &line) {
        if (line.contains(QLatin1String("dumping contents of table"))) {
            ++dumped;
            control.report(0.0, 0.95, tables > 0 ? double(dumped) / double(tables) : 0.0);
        }
    };
    bool ok = tools.run(dump, control, error);
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

bool PostgresBackup::restore(const Database &db, const QString &file, const QString &binDir,
                             const BackupControl &control, QString *error)
{
    control.report(0.0);
    if (!QFileInfo(file).isFile()) {
        return fail(error, tr("There is no file %1.").arg(file));
    }
    PostgresTools tools(db, binDir);
    if (!tools.connect(error)) {
        return false;
    }
    const std::optional<QString> pgRestore = tools.find(QStringLiteral("pg_restore"), error);
    if (!pgRestore) {
        return false;
    }
    const std::optional<QString> psql = tools.find(QStringLiteral("psql"), error);
    if (!psql) {
        return false;
    }
    const QTemporaryDir work;
    if (!work.isValid()) {
        return fail(error, tr("A working folder could not be made: %1").arg(work.errorString()));
    }
    PostgresTools::Run list;
    list.program = *pgRestore;
    list.arguments = {QStringLiteral("--list"),
                      QStringLiteral("--file=") + work.filePath(QStringLiteral("list.txt")), file};
    QString detail;
    if (!tools.run(list, control, &detail)) {
        return fail(error, control.cancelled()
                               ? detail
                               : tr("The file is not a Gatehouse backup of a PostgreSQL "
                                    "database (%1). Nothing was changed.")
                                     .arg(detail));
    }
    control.report(0.05);
    if (!checkDump(tools, *pgRestore, file, work.path(), control, error)) {
        return false;
    }
    control.report(0.1);

    const QString script = work.filePath(QStringLiteral("restore.sql"));
    PostgresTools::Run write;
    write.program = *pgRestore;
    write.arguments = {QStringLiteral("--clean"),          QStringLiteral("--if-exists"),
                       QStringLiteral("--no-owner"),       QStringLiteral("--no-acl"),
                       QStringLiteral("--file=") + script, file};
    if (!tools.run(write, control, error)) {
        return false;
    }
    control.report(0.2);

    PostgresTools::Run apply;
    apply.program = *psql;
    apply.arguments = {QStringLiteral("--no-psqlrc"), QStringLiteral("--quiet"),
                       QStringLiteral("--set=ON_ERROR_STOP=1"),
                       QStringLiteral("--single-transaction"), QStringLiteral("--file=-")};
    apply.inputPrelude = kPrelude;
    apply.inputFile = script;
    apply.onInputProgress = [&control](double share) {
        control.report(0.2, 0.95, share);
    };
    if (!tools.run(apply, control, &detail)) {
        if (control.cancelled()) {
            return fail(error, detail);
        }
        return fail(error, detail.contains(QLatin1String("lock timeout"))
                               ? tr("The database is in use: another program held a lock on it. "
                                    "Nothing was changed; try again.")
                               : tr("The restore failed and was rolled back; nothing was "
                                    "changed. %1")
                                     .arg(detail));
    }
    control.report(0.95);
    return true;
}

} // namespace Gatehouse
