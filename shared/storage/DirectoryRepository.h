#pragma once

#include "domain/Directory.h"

#include <QList>
#include <QString>

#include <optional>

namespace Gatehouse {

class Database;
class SqlQuery;

// Workspace, staff, companies and contacts. Input is validated here, so the console and the
// command line refuse the same things with the same words.
class DirectoryRepository
{
public:
    explicit DirectoryRepository(const Database &db)
        : m_db(db)
    {}

    std::optional<Workspace> workspace(QString *error) const;
    qint64 createWorkspace(const QString &name, qint64 nowMs, QString *error);
    // Whether contacts created from now on may use the portal. Services audit the change.
    [[nodiscard]] bool setNewContactsPortalAccess(qint64 workspaceId, bool on, QString *error);
    [[nodiscard]] bool setRequireContactTotp(qint64 workspaceId, bool on, QString *error);
    [[nodiscard]] bool setLifetimes(qint64 workspaceId, int codeMinutes, int sessionHours,
                                    QString *error);

    qint64 createStaff(qint64 workspaceId, const QString &email, const QString &name,
                       const QString &password, const QString &role, qint64 nowMs, QString *error);
    std::optional<StaffMember> authenticateStaff(const QString &email, const QString &password,
                                                 QString *error) const;
    int staffCount(QString *error) const;
    std::optional<StaffMember> staff(qint64 id, QString *error) const;
    // The member with that email in the workspace; 0 when there is none.
    qint64 staffIdByEmail(qint64 workspaceId, const QString &email, QString *error) const;
    // The workspace's staff by name.
    QList<StaffMember> staffList(qint64 workspaceId, QString *error) const;
    // Whether the password is the member's current one (Argon2id, as at sign-in).
    bool checkStaffPassword(qint64 id, const QString &password, QString *error) const;
    // Refuses a weak password like createStaff(). Services re-wrap the vault key and audit.
    [[nodiscard]] bool setStaffPassword(qint64 id, const QString &password, QString *error);

    qint64 createCompany(qint64 workspaceId, const QString &name, qint64 nowMs, QString *error);
    QList<Company> companies(qint64 workspaceId, QString *error) const;
    std::optional<Company> company(qint64 id, QString *error) const;

    // The contact starts with the workspace's default portal access.
    qint64 createContact(qint64 companyId, const QString &name, const QString &email, qint64 nowMs,
                         QString *error);
    // Only the flag: PortalAccessService also ends what was handed out, and audits it.
    [[nodiscard]] bool setPortalAccess(qint64 contactId, bool on, QString *error);
    QList<Contact> contacts(qint64 companyId, QString *error) const;
    std::optional<Contact> contact(qint64 id, QString *error) const;
    // Every account on an address (a person may be a contact at several companies).
    QList<Contact> contactsByEmail(const QString &email, QString *error) const;

    static QString normalisedEmail(const QString &email);
    static bool isValidEmail(const QString &email);

private:
    // id, workspace_id, email, name, role, active, must_change_password
    static StaffMember staffFrom(const SqlQuery &query);
    QList<Contact> readContacts(const QString &where, const QVariant &value, QString *error) const;

    const Database &m_db;
};

} // namespace Gatehouse
