#pragma once

#include "BackupControl.h"

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace Gatehouse {

class Database;

// PostgreSQL's client programs (pg_dump, pg_restore, psql) as the backup uses them: found on
// disk, no older than the server, and run with the connection's details in their environment
// (PGPASSWORD and friends), never on a command line where other users could read them.
class PostgresTools
{
public:
    // `preferredDir` is searched first (tests name their server's binaries this way); then
    // GATEHOUSE_PG_BINDIR, /usr/lib/postgresql/<server's major>/bin, PATH and the other
    // /usr/lib/postgresql/*/bin folders, newest first.
    PostgresTools(const Database &db, const QString &preferredDir);

    // Asks the server its major version; false (and why) when it cannot be reached.
    [[nodiscard]] bool connect(QString *error);
    int serverMajor() const { return m_serverMajor; }

    // The path of `program`, or nullopt and a message saying what to install.
    std::optional<QString> find(const QString &program, QString *error) const;
    static int majorVersionOf(const QString &path);

    struct Run
    {
        QString program;
        QStringList arguments;
        // Each line the program writes to stderr (pg_dump --verbose reports progress there).
        std::function<void(const QString &)> onErrorLine;
        // Streamed to the program's stdin, then closed; progress is the share written.
        QByteArray inputPrelude;
        QString inputFile;
        std::function<void(double)> onInputProgress;
    };
    // Runs to the end; false on a failure (the message names the program's error lines) or a
    // cancel (the program is killed).
    [[nodiscard]] bool run(const Run &run, const BackupControl &control, QString *error) const;

    QProcessEnvironment environment() const { return m_environment; }

private:
    const Database &m_db;
    QString m_preferredDir;
    QProcessEnvironment m_environment;
    int m_serverMajor = 0;
};

} // namespace Gatehouse
