#pragma once

#include <QString>

#include <optional>

namespace Gatehouse {

enum class Engine { Sqlite, Postgres };

// Where the database lives: a SQLite file or a PostgreSQL server.
struct DatabaseConfig
{
    Engine engine = Engine::Sqlite;
    QString sqliteFile;
    QString host;
    int port = 5432;
    QString databaseName;
    QString user;
    QString password;

    // Accepts "postgresql://user:pass@host:port/db", "sqlite:///path/file.sqlite" or a plain path.
    static std::optional<DatabaseConfig> fromUrl(const QString &url, QString *error);
    static DatabaseConfig sqlite(const QString &file);

    QString describe() const; // for messages: never contains the password
};

} // namespace Gatehouse
