#include "PortalRoleRepository.h"

#include "SqlQuery.h"

namespace Gatehouse {

namespace {

const QString kColumns = QStringLiteral("r.id, r.built_in, r.name, r.permissions");

PortalRole roleFrom(const SqlQuery &query, int first = 0)
{
    PortalRole role;
    role.id = query.int64(first);
    const QString builtIn = query.isNull(first + 1) ? QString() : query.text(first + 1);
    if (!builtIn.isEmpty()) {
        role.builtIn = PortalRole::builtInFromKey(builtIn);
    }
    role.name = role.builtIn ? PortalRole::displayName(*role.builtIn) : query.text(first + 2);
    role.permissions = PortalRole::resolve(builtIn, query.text(first + 3), true);
    return role;
}

std::optional<PortalRole> oneRole(SqlQuery &query, QString *error)
{
    if (!query.exec(error) || !query.next()) {
        return std::nullopt;
    }
    return roleFrom(query);
}

} // namespace

bool PortalRoleRepository::isUniqueViolation(const QString &error)
{
    return error.contains(QLatin1String("UNIQUE"), Qt::CaseInsensitive)
           || error.contains(QLatin1String("duplicate key"), Qt::CaseInsensitive);
}

QList<PortalRole> PortalRoleRepository::roles(QString *error) const
{
    // Built-in rows were inserted first, in the order people expect them.
    SqlQuery query(m_db,
                   QStringLiteral("SELECT ") + kColumns
                       + QStringLiteral(" FROM portal_role r ORDER BY "
                                        "CASE WHEN r.built_in IS NULL THEN 1 ELSE 0 END, "
                                        "CASE WHEN r.built_in IS NULL THEN r.name END, r.id"));
    QList<PortalRole> list;
    if (!query.exec(error)) {
        return list;
    }
    while (query.next()) {
        list.append(roleFrom(query));
    }
    return list;
}

std::optional<PortalRole> PortalRoleRepository::role(qint64 roleId, QString *error) const
{
    SqlQuery query(m_db, QStringLiteral("SELECT ") + kColumns
                             + QStringLiteral(" FROM portal_role r WHERE r.id = ?"));
    query << roleId;
    return oneRole(query, error);
}

std::optional<PortalRole> PortalRoleRepository::builtIn(BuiltInRole role, QString *error) const
{
    SqlQuery query(m_db, QStringLiteral("SELECT ") + kColumns
                             + QStringLiteral(" FROM portal_role r WHERE r.built_in = ?"));
    query << PortalRole::key(role);
    return oneRole(query, error);
}

qint64 PortalRoleRepository::createCustom(const QString &name, PortalPermissions permissions,
                                          qint64 nowMs, QString *error)
{
    SqlQuery query(m_db, QStringLiteral("INSERT INTO portal_role (name, permissions, created_at) "
                                        "VALUES (?, ?, ?) RETURNING id"));
    query << name << PortalRole::toStored(permissions) << nowMs;
    if (!query.exec(error) || !query.next()) {
        return 0;
    }
    return query.int64(0);
}

bool PortalRoleRepository::updateCustom(qint64 roleId, const QString &name,
                                        PortalPermissions permissions, QString *error)
{
    SqlQuery query(m_db, QStringLiteral("UPDATE portal_role SET name = ?, permissions = ? "
                                        "WHERE id = ? AND built_in IS NULL"));
    query << name << PortalRole::toStored(permissions) << roleId;
    return query.exec(error) && query.rowsAffected() == 1;
}

bool PortalRoleRepository::removeCustom(qint64 roleId, QString *error)
{
    SqlQuery query(m_db,
                   QStringLiteral("DELETE FROM portal_role WHERE id = ? AND built_in IS NULL"));
    query << roleId;
    return query.exec(error) && query.rowsAffected() == 1;
}

int PortalRoleRepository::holders(qint64 roleId, QString *error) const
{
    SqlQuery query(m_db, QStringLiteral("SELECT (SELECT COUNT(*) FROM contact WHERE role_id = ?) "
                                        "+ (SELECT COUNT(*) FROM workspace "
                                        "WHERE new_contacts_role_id = ?)"));
    query << roleId << roleId;
    if (!query.exec(error) || !query.next()) {
        return -1;
    }
    return int(query.int64(0));
}

std::optional<PortalRole> PortalRoleRepository::roleOfContact(qint64 contactId,
                                                              QString *error) const
{
    SqlQuery query(m_db, QStringLiteral("SELECT k.role_id FROM contact k WHERE k.id = ?"));
    query << contactId;
    if (!query.exec(error) || !query.next()) {
        return std::nullopt;
    }
    return query.isNull(0) ? builtIn(BuiltInRole::Primary, error) : role(query.int64(0), error);
}

bool PortalRoleRepository::setContactRole(qint64 contactId, qint64 roleId, QString *error)
{
    SqlQuery query(m_db, QStringLiteral("UPDATE contact SET role_id = ? WHERE id = ?"));
    query << roleId << contactId;
    return query.exec(error) && query.rowsAffected() == 1;
}

std::optional<PortalRole> PortalRoleRepository::newContactsRole(QString *error) const
{
    SqlQuery query(m_db, QStringLiteral("SELECT new_contacts_role_id FROM workspace "
                                        "ORDER BY id LIMIT 1"));
    if (!query.exec(error) || !query.next()) {
        return std::nullopt;
    }
    return query.isNull(0) ? builtIn(BuiltInRole::Primary, error) : role(query.int64(0), error);
}

bool PortalRoleRepository::setNewContactsRole(qint64 workspaceId, qint64 roleId, QString *error)
{
    SqlQuery query(m_db,
                   QStringLiteral("UPDATE workspace SET new_contacts_role_id = ? WHERE id = ?"));
    query << roleId << workspaceId;
    return query.exec(error) && query.rowsAffected() == 1;
}

} // namespace Gatehouse
