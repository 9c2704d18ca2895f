#include "DatabaseConfig.h"

#include <QUrl>

namespace Gatehouse {

std::optional<DatabaseConfig> DatabaseConfig::fromUrl(const QString &text, QString *error)
{
    auto fail = [error](const QString &message) -> std::optional<DatabaseConfig> {
        if (error) {
            *error = message;
        }
        return std::nullopt;
    };
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty()) {
        return fail(QStringLiteral("The database URL is empty."));
    }
    if (!trimmed.contains(QLatin1String("://"))) {
        return sqlite(trimmed);
    }
    const QUrl url(trimmed, QUrl::StrictMode);
    if (!url.isValid()) {
        // QUrl's message quotes the whole URL, password included; keep only what is wrong.
        return fail(QStringLiteral("The database URL is not valid: %1")
                        .arg(url.errorString().section(QStringLiteral("; source was"), 0, 0)));
    }
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("sqlite")) {
        if (url.path().isEmpty()) {
            return fail(QStringLiteral("A sqlite:// URL needs a file path."));
        }
        return sqlite(url.path());
    }
    if (scheme != QLatin1String("postgresql") && scheme != QLatin1String("postgres")) {
        return fail(
            QStringLiteral("Unknown database scheme \"%1\": use postgresql:// or sqlite://.")
                .arg(scheme));
    }
    DatabaseConfig config;
    config.engine = Engine::Postgres;
    config.host = url.host().isEmpty() ? QStringLiteral("localhost") : url.host();
    config.port = url.port(5432);
    config.databaseName = url.path().mid(1);
    config.user = url.userName();
    config.password = url.password();
    if (config.databaseName.isEmpty() || config.databaseName.contains(QLatin1Char('/'))) {
        return fail(QStringLiteral("A postgresql:// URL needs a database name, as in "
                                   "postgresql://user@host:5432/gatehouse."));
    }
    return config;
}

DatabaseConfig DatabaseConfig::sqlite(const QString &file)
{
    DatabaseConfig config;
    config.engine = Engine::Sqlite;
    config.sqliteFile = file;
    return config;
}

QString DatabaseConfig::describe() const
{
    if (engine == Engine::Sqlite) {
        return sqliteFile;
    }
    return QStringLiteral("postgresql://%1@%2:%3/%4").arg(user, host).arg(port).arg(databaseName);
}

} // namespace Gatehouse
