#include "DataDir.h"

#include <QDir>
#include <QStandardPaths>

namespace Gatehouse {

DataDir::DataDir(const QString &path)
    : m_path(path.isEmpty() ? defaultPath() : path)
{}

QString DataDir::databaseFile() const
{
    return QDir(m_path).filePath(QStringLiteral("gatehouse.sqlite"));
}

QString DataDir::mailboxPath() const
{
    return QDir(m_path).filePath(QStringLiteral("mailbox"));
}

QString DataDir::spoolPath() const
{
    return QDir(m_path).filePath(QStringLiteral("spool"));
}

bool DataDir::ensureExists(QString *error) const
{
    if (!QDir().mkpath(m_path) || !QDir().mkpath(mailboxPath())) {
        if (error) {
            *error = QStringLiteral("Cannot create the data folder %1").arg(m_path);
        }
        return false;
    }
    return true;
}

QString DataDir::defaultPath()
{
    const QString env = qEnvironmentVariable("GATEHOUSE_DATA_DIR");
    if (!env.isEmpty()) {
        return env;
    }
    const QString base = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    return QDir(base).filePath(QStringLiteral("gatehouse"));
}

} // namespace Gatehouse
