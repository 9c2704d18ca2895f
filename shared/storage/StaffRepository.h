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
    int activeAdminCount(qint64 workspaceId, QString *error) const;

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
