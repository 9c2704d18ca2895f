#include "StaffRepository.h"

#include "Database.h"
#include "DirectoryRepository.h"
#include "SqlQuery.h"

#include <QCoreApplication>

namespace Gatehouse {

QList<StaffAccount> StaffRepository::accounts(qint64 workspaceId, QString *error) const
{
    SqlQuery query(m_db, QStringLiteral("SELECT s.id, s.workspace_id, s.email, s.name, s.role, "
                                        "s.active, s.must_change_password, "
                                        "t.enabled_at IS NOT NULL, s.last_login_at "
                                        "FROM staff s LEFT JOIN staff_totp t ON t.staff_id = s.id "
                                        "WHERE s.workspace_id = ? ORDER BY s.name, s.id"));
    query << workspaceId;
    QList<StaffAccount> list;
    if (!query.exec(error)) {
        return list;
    }
    while (query.next()) {
        StaffAccount account;
        account.member = StaffMember{
            query.int64(0), query.int64(1),          query.text(2),          query.text(3),
            query.text(4),  query.value(5).toBool(), query.value(6).toBool()};
        account.totpEnabled = query.value(7).toBool();
        account.lastSignInAt = query.int64(8);
        list.append(account);
    }
    return list;
}

std::optional<StaffMember> StaffRepository::byEmail(qint64 workspaceId, const QString &email,
                                                    QString *error) const
{
    SqlQuery query(m_db, QStringLiteral("SELECT id, workspace_id, email, name, role, active, "
                                        "must_change_password FROM staff "
                                        "WHERE workspace_id = ? AND email = ?"));
    query << workspaceId << DirectoryRepository::normalisedEmail(email);
    if (!query.exec(error) || !query.next()) {
        return std::nullopt;
    }
    return StaffMember{query.int64(0),         query.int64(1), query.text(2),
                       query.text(3),          query.text(4),  query.value(5).toBool(),
                       query.value(6).toBool()};
}

int StaffRepository::lockActiveAdmins(qint64 workspaceId, QString *error)
{
    // Rows, not COUNT(*): PostgreSQL locks no rows for an aggregate. In id order, so two
    // transactions lock them in the same order and cannot deadlock.
    const QString lock
        = m_db.engine() == Engine::Postgres ? QStringLiteral(" FOR UPDATE") : QString();
    SqlQuery query(m_db, QStringLiteral("SELECT id FROM staff WHERE workspace_id = ? "
                                        "AND role = 'admin' AND active = 1 ORDER BY id")
                             + lock);
    query << workspaceId;
    if (!query.exec(error)) {
        return -1;
    }
    int admins = 0;
    while (query.next()) {
        ++admins;
    }
    return admins;
}

bool StaffRepository::update(const QString &sql, const QVariant &value, qint64 staffId,
                             QString *error)
{
    SqlQuery query(m_db, sql);
    query << value << staffId;
    if (!query.exec(error)) {
        return false;
    }
    if (query.rowsAffected() != 1) {
        if (error) {
            *error = QCoreApplication::translate("Gatehouse::StaffRepository",
                                                 "There is no such staff member.");
        }
        return false;
    }
    return true;
}

bool StaffRepository::setRole(qint64 staffId, const QString &role, QString *error)
{
    return update(QStringLiteral("UPDATE staff SET role = ? WHERE id = ?"), role, staffId, error);
}

bool StaffRepository::setActive(qint64 staffId, bool active, QString *error)
{
    return update(QStringLiteral("UPDATE staff SET active = ? WHERE id = ?"), active ? 1 : 0,
                  staffId, error);
}

bool StaffRepository::setMustChangePassword(qint64 staffId, bool must, QString *error)
{
    return update(QStringLiteral("UPDATE staff SET must_change_password = ? WHERE id = ?"),
                  must ? 1 : 0, staffId, error);
}

bool StaffRepository::recordSignIn(qint64 staffId, qint64 nowMs, QString *error)
{
    return update(QStringLiteral("UPDATE staff SET last_login_at = ? WHERE id = ?"), nowMs, staffId,
                  error);
}

} // namespace Gatehouse
