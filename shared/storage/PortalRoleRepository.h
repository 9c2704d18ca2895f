#pragma once

#include "domain/PortalRole.h"

#include <QList>
#include <QString>

#include <optional>

namespace Gatehouse {

class Database;

// Portal roles (ACC-12): the four built-in rows and the custom roles staff define, which role
// each contact has, and the workspace's role for new contacts.
class PortalRoleRepository
{
public:
    explicit PortalRoleRepository(const Database &db)
        : m_db(db)
    {}

    // Built-in roles first (primary, technical, billing, read-only), then custom ones by name.
    QList<PortalRole> roles(QString *error) const;
    std::optional<PortalRole> role(qint64 roleId, QString *error) const;
    std::optional<PortalRole> builtIn(BuiltInRole role, QString *error) const;

    // 0 with *error on failure; a name taken (by any role) is refused by the database.
    qint64 createCustom(const QString &name, PortalPermissions permissions, qint64 nowMs,
                        QString *error);
    [[nodiscard]] bool updateCustom(qint64 roleId, const QString &name,
                                    PortalPermissions permissions, QString *error);
    [[nodiscard]] bool removeCustom(qint64 roleId, QString *error);
    // How many contacts hold the role, and whether it is the default for new contacts.
    int holders(qint64 roleId, QString *error) const;

    // The contact's role; Primary for a contact that never had one set.
    std::optional<PortalRole> roleOfContact(qint64 contactId, QString *error) const;
    [[nodiscard]] bool setContactRole(qint64 contactId, qint64 roleId, QString *error);

    std::optional<PortalRole> newContactsRole(QString *error) const;
    [[nodiscard]] bool setNewContactsRole(qint64 workspaceId, qint64 roleId, QString *error);

    static bool isUniqueViolation(const QString &error);

private:
    const Database &m_db;
};

} // namespace Gatehouse
