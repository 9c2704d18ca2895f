#pragma once

#include <QString>

namespace Gatehouse {

// The per-user folder holding the SQLite database, the local mailbox, TLS files and the portal's
// upload spool.
class DataDir
{
public:
    explicit DataDir(const QString &path = QString());

    QString path() const { return m_path; }
    QString databaseFile() const;
    QString mailboxPath() const;
    // Large uploads while they arrive, encrypted (the portal's front door).
    QString spoolPath() const;

    [[nodiscard]] bool ensureExists(QString *error) const;

    static QString defaultPath();

private:
    QString m_path;
};

} // namespace Gatehouse
