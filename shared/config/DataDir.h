#pragma once

#include <QString>

namespace Gatehouse {

// The per-user folder holding the SQLite database, the local mailbox and TLS files.
class DataDir
{
public:
    explicit DataDir(const QString &path = QString());

    QString path() const { return m_path; }
    QString databaseFile() const;
    QString mailboxPath() const;

    [[nodiscard]] bool ensureExists(QString *error) const;

    static QString defaultPath();

private:
    QString m_path;
};

} // namespace Gatehouse
