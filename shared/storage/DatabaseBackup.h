#pragma once

#include "BackupControl.h"
#include "DatabaseConfig.h"

#include <QDate>
#include <QString>

namespace Gatehouse {

class Clock;
class Database;
struct Actor;

// Backs the whole database up to one file and restores it from one: SQLite's online backup
// API, or pg_dump/pg_restore on PostgreSQL. Both record who did it in the audit trail; a
// restore also tells the activity feed, so every console showing the data reloads it.
//
// Runs on the calling thread with that thread's connection (the console runs it on a worker
// thread of its own); `control` reports progress and hears a cancel from any thread.
class DatabaseBackup
{
public:
    DatabaseBackup(const Database &db, const Clock &clock);

    void setControl(BackupControl control) { m_control = std::move(control); }
    // Where pg_dump, pg_restore and psql are looked for first.
    void setPostgresBinDir(const QString &dir) { m_pgBinDir = dir; }

    [[nodiscard]] bool backup(const QString &file, const Actor &actor, qint64 workspaceId,
                              QString *error);
    // Replaces everything in the database with the backup's data, or changes nothing: the file
    // must be a backup of this engine, intact, with a schema no newer than this program's and
    // an audit trail that verifies. The schema is brought up to date afterwards.
    [[nodiscard]] bool restore(const QString &file, const Actor &actor, qint64 workspaceId,
                               QString *error);

    // "gatehouse-backup-2024-05-31.sqlite" (or ".dump" for PostgreSQL).
    static QString suggestedFileName(Engine engine, const QDate &day);
    // The hex SHA-256 of a file, or an empty string when it cannot be read.
    static QString sha256Of(const QString &file);

private:
    [[nodiscard]] bool sameEngine(const QString &file, QString *error) const;
    [[nodiscard]] bool recordRestore(const QString &file, const QString &hash, const Actor &actor,
                                     qint64 workspaceId, QString *error);

    const Database &m_db;
    const Clock &m_clock;
    BackupControl m_control;
    QString m_pgBinDir;
};

} // namespace Gatehouse
