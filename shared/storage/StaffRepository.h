#pragma once

#include "domain/Directory.h"

#include <QList>
#include <QString>

#include <optional>

namespace Gatehouse {

class Database;

// A member of staff as the console's Staff tab lists them.
struct StaffAccount
{
    StaffMember member;
    bool totpEnabled = false;
    qint64 lastSignInAt = 0; // 0: never, or before it was recorded
};

// Staff accounts (CON-11): roles, deactivation, sign-in bookkeeping. Creating a member and
// passwords stay in DirectoryRepository; StaffService checks permissions and audits.
class StaffRepository
{
public:
    explicit StaffRepository(const Database &db)
        : m_db(db)
    {}

    QList<StaffAccount> accounts(qint64 workspaceId, QString *error) const;
    // The member with this address in the workspace, active or not.
    std::optional<StaffMember> byEmail(qint64 workspaceId, const QString &email,
                                       QString *error) const;
    // How many active administrators the workspace has, inside the caller's transaction, with
    // their rows locked until it ends on PostgreSQL: two administrators demoting each other at
    // once then count one after the other, and the second sees the first's change. (SQLite's
    // transactions already take the write lock when they begin.) -1 on a database error.
    int lockActiveAdmins(qint64 workspaceId, QString *error);

    [[nodiscard]] bool setRole(qint64 staffId, const QString &role, QString *error);
    [[nodiscard]] bool setActive(qint64 staffId, bool active, QString *error);
    [[nodiscard]] bool setMustChangePassword(qint64 staffId, bool must, QString *error);
    [[nodiscard]] bool recordSignIn(qint64 staffId, qint64 nowMs, QString *error);

private:
    [[nodiscard]] bool update(const QString &sql, const QVariant &value, qint64 staffId,
                              QString *error);

    const Database &m_db;
};

} // namespace Gatehouse
