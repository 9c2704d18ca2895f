#include "Migrations.h"

#include "Database.h"
#include "SqlQuery.h"
#include "Transaction.h"
#include "core/Clock.h"
#include "core/Logging.h"

#include <QDir>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

namespace Gatehouse {

namespace {

// The schema's history: resources/migrations/NNNN-name.sql, applied in order of their number.
// Never edit a migration that has shipped: add the next number instead.
struct Migration
{
    int version = 0;
    QString path;
};

QList<Migration> migrations()
{
    static const QList<Migration> list = [] {
        QList<Migration> found;
        const QDir dir(QStringLiteral(":/migrations"));
        for (const QString &name :
             dir.entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name)) {
            found.append({name.section(QLatin1Char('-'), 0, 0).toInt(), dir.filePath(name)});
        }
        return found;
    }();
    return list;
}

// The statements of a migration file: comment lines dropped, split at semicolons.
QStringList statementsOf(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        return {};
    }
    QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'));
    lines.removeIf(
        [](const QString &line) { return line.trimmed().startsWith(QLatin1String("--")); });
    QStringList statements = lines.join(QLatin1Char('\n')).split(QLatin1Char(';'));
    statements.removeIf([](const QString &statement) { return statement.trimmed().isEmpty(); });
    return statements;
}

QString dialect(const QString &sql, Engine engine)
{
    QString out = sql;
    if (engine == Engine::Sqlite) {
        out.replace(QLatin1String("{{pk}}"), QLatin1String("INTEGER PRIMARY KEY AUTOINCREMENT"));
        out.replace(QLatin1String("{{blob}}"), QLatin1String("BLOB"));
    } else {
        out.replace(QLatin1String("{{pk}}"), QLatin1String("BIGSERIAL PRIMARY KEY"));
        out.replace(QLatin1String("{{blob}}"), QLatin1String("BYTEA"));
    }
    return out;
}

bool execRaw(const Database &db, const QString &sql, QString *error)
{
    QSqlQuery query(db.connection());
    if (query.exec(sql)) {
        return true;
    }
    if (error) {
        *error = QStringLiteral("Migration failed: %1 (in: %2)")
                     .arg(query.lastError().text(), sql.simplified().left(120));
    }
    return false;
}

} // namespace

int Migrations::latestVersion()
{
    return migrations().isEmpty() ? 0 : migrations().constLast().version;
}

int Migrations::currentVersion(const Database &db)
{
    QSqlQuery query(db.connection());
    if (!query.exec(QStringLiteral("SELECT MAX(version) FROM schema_version")) || !query.next()) {
        return 0;
    }
    return query.value(0).toInt();
}

bool Migrations::run(const Database &db, QString *error)
{
    if (!db.open(error)) {
        return false;
    }
    if (!execRaw(db,
                 QStringLiteral("CREATE TABLE IF NOT EXISTS schema_version ("
                                "version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)"),
                 error)) {
        return false;
    }
    for (const Migration &migration : migrations()) {
        Transaction transaction(db);
        if (!transaction.isActive()) {
            if (error) {
                *error = transaction.error();
            }
            return false;
        }
        if (db.engine() == Engine::Postgres) {
            // Several portal servers may start at once: one migrates, the others wait.
            if (!execRaw(db, QStringLiteral("SELECT pg_advisory_xact_lock(7262024)"), error)) {
                return false;
            }
        }
        if (currentVersion(db) >= migration.version) {
            continue;
        }
        const QStringList statements = statementsOf(migration.path);
        if (statements.isEmpty()) {
            if (error) {
                *error = QStringLiteral("Migration %1 is missing or empty.").arg(migration.path);
            }
            return false;
        }
        for (const QString &statement : statements) {
            if (!execRaw(db, dialect(statement, db.engine()), error)) {
                return false;
            }
        }
        SqlQuery record(db, QStringLiteral("INSERT INTO schema_version (version, applied_at) "
                                           "VALUES (?, ?)"));
        record << migration.version << Clock::system().nowMs();
        if (!record.exec(error) || !transaction.commit(error)) {
            return false;
        }
        qCInfo(lcStorage) << "applied schema migration" << migration.version;
    }
    return true;
}

} // namespace Gatehouse
