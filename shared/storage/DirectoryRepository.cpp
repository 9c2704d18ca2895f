#include "DirectoryRepository.h"

#include "SqlQuery.h"
#include "security/PasswordHasher.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace Gatehouse {

namespace {

constexpr int kMaxNameLength = 200;

QString tr(const char *text)
{
    return QCoreApplication::translate("Gatehouse::DirectoryRepository", text);
}

bool fail(QString *error, const QString &message)
{
    if (error) {
        *error = message;
    }
    return false;
}

// INSERT ... RETURNING id works on SQLite 3.35+ and PostgreSQL alike.
qint64 insertReturningId(SqlQuery &query, QString *error)
{
    if (!query.exec(error) || !query.next()) {
        return 0;
    }
    return query.int64(0);
}

bool isUniqueViolation(const QString &error)
{
    return error.contains(QLatin1String("UNIQUE"), Qt::CaseInsensitive)
           || error.contains(QLatin1String("duplicate key"), Qt::CaseInsensitive);
}

} // namespace

QString DirectoryRepository::normalisedEmail(const QString &email)
{
    return email.trimmed().toLower();
}

bool DirectoryRepository::isValidEmail(const QString &email)
{
    static const QRegularExpression pattern(
        QStringLiteral(R"(^[^@\s<>"',;]+@[^@\s<>"',;]+\.[^@\s<>"',;.]{2,}$)"));
    return email.size() <= 254 && pattern.match(email).hasMatch();
}

std::optional<Workspace> DirectoryRepository::workspace(QString *error) const
{
    SqlQuery query(m_db, QStringLiteral("SELECT id, name, accent_color, welcome_message, "
                                        "code_lifetime_minutes, new_contacts_portal_access, "
                                        "COALESCE(logo_file_id, 0), require_contact_totp, "
                                        "session_lifetime_hours "
                                        "FROM workspace ORDER BY id LIMIT 1"));
    if (!query.exec(error)) {
        return std::nullopt;
    }
    if (!query.next()) {
        if (error) {
            error->clear();
        }
        return std::nullopt;
    }
    Workspace workspace;
    workspace.id = query.int64(0);
    workspace.name = query.text(1);
    workspace.accentColor = query.text(2);
    workspace.welcomeMessage = query.text(3);
    workspace.codeLifetimeMinutes = query.value(4).toInt();
    workspace.newContactsPortalAccess = query.value(5).toInt() != 0;
    workspace.logoFileId = query.int64(6);
    workspace.requireContactTotp = query.value(7).toInt() != 0;
    workspace.sessionLifetimeHours = query.value(8).toInt();
    return workspace;
}

bool DirectoryRepository::setLifetimes(qint64 workspaceId, int codeMinutes, int sessionHours,
                                       QString *error)
{
    SqlQuery query(m_db, QStringLiteral("UPDATE workspace SET code_lifetime_minutes = ?, "
                                        "session_lifetime_hours = ? WHERE id = ?"));
    query << codeMinutes << sessionHours << workspaceId;
    return query.exec(error);
}

bool DirectoryRepository::setRequireContactTotp(qint64 workspaceId, bool on, QString *error)
{
    SqlQuery query(m_db, QStringLiteral("UPDATE workspace SET require_contact_totp = ? "
                                        "WHERE id = ?"));
    query << (on ? 1 : 0) << workspaceId;
    return query.exec(error);
}

bool DirectoryRepository::setNewContactsPortalAccess(qint64 workspaceId, bool on, QString *error)
{
    SqlQuery query(m_db, QStringLiteral("UPDATE workspace SET new_contacts_portal_access = ? "
                                        "WHERE id = ?"));
    query << (on ? 1 : 0) << workspaceId;
    return query.exec(error);
}

qint64 DirectoryRepository::createWorkspace(const QString &name, qint64 nowMs, QString *error)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty() || trimmed.size() > kMaxNameLength) {
        fail(error, tr("Give the workspace a name of at most 200 characters."));
        return 0;
    }
    SqlQuery query(m_db, QStringLiteral("INSERT INTO workspace (name, created_at) VALUES (?, ?) "
                                        "RETURNING id"));
    query << trimmed << nowMs;
    return insertReturningId(query, error);
}

StaffMember DirectoryRepository::staffFrom(const SqlQuery &query)
{
    return StaffMember{query.int64(0),         query.int64(1), query.text(2),
                       query.text(3),          query.text(4),  query.value(5).toBool(),
                       query.value(6).toBool()};
}

qint64 DirectoryRepository::createStaff(qint64 workspaceId, const QString &email,
                                        const QString &name, const QString &password,
                                        const QString &role, qint64 nowMs, QString *error)
{
    const QString address = normalisedEmail(email);
    if (name.trimmed().isEmpty() || name.size() > kMaxNameLength) {
        fail(error, tr("Enter a name of at most 200 characters."));
        return 0;
    }
    if (!isValidEmail(address)) {
        fail(error, tr("Enter a valid email address."));
        return 0;
    }
    const QString weakness = PasswordHasher::weakness(password);
    if (!weakness.isEmpty()) {
        fail(error, weakness);
        return 0;
    }
    const QString hash = PasswordHasher::hash(password);
    if (hash.isEmpty()) {
        fail(error, tr("The password could not be hashed (out of memory)."));
        return 0;
    }
    SqlQuery query(m_db,
                   QStringLiteral("INSERT INTO staff (workspace_id, email, name, "
                                  "password_hash, role, created_at) VALUES (?, ?, ?, ?, ?, ?) "
                                  "RETURNING id"));
    query << workspaceId << address << name.trimmed() << hash << role << nowMs;
    QString dbError;
    const qint64 id = insertReturningId(query, &dbError);
    if (id == 0) {
        fail(error, isUniqueViolation(dbError)
                        ? tr("A staff member with this email already exists.")
                        : dbError);
    }
    return id;
}

std::optional<StaffMember> DirectoryRepository::authenticateStaff(const QString &email,
                                                                  const QString &password,
                                                                  QString *error) const
{
    SqlQuery query(m_db, QStringLiteral("SELECT id, workspace_id, email, name, role, active, "
                                        "must_change_password, password_hash FROM staff "
                                        "WHERE email = ?"));
    query << normalisedEmail(email);
    if (!query.exec(error)) {
        return std::nullopt;
    }
    const bool found = query.next();
    const bool ok = found ? PasswordHasher::verify(password, query.text(7))
                          : PasswordHasher::verifyNothing(password);
    if (!found || !ok) {
        fail(error, tr("The email or password is not correct."));
        return std::nullopt;
    }
    const StaffMember member = staffFrom(query);
    if (!member.active) {
        // Said only after the right password: it tells nothing to someone guessing.
        fail(error, tr("This account has been deactivated. Ask an administrator."));
        return std::nullopt;
    }
    return member;
}

int DirectoryRepository::staffCount(QString *error) const
{
    SqlQuery query(m_db, QStringLiteral("SELECT COUNT(*) FROM staff"));
    if (!query.exec(error) || !query.next()) {
        return -1;
    }
    return query.value(0).toInt();
}

std::optional<StaffMember> DirectoryRepository::staff(qint64 id, QString *error) const
{
    SqlQuery query(m_db, QStringLiteral("SELECT id, workspace_id, email, name, role, active, "
                                        "must_change_password FROM staff WHERE id = ?"));
    query << id;
    if (!query.exec(error) || !query.next()) {
        return std::nullopt;
    }
    return staffFrom(query);
}

qint64 DirectoryRepository::staffIdByEmail(qint64 workspaceId, const QString &email,
                                           QString *error) const
{
    SqlQuery query(m_db,
                   QStringLiteral("SELECT id FROM staff WHERE workspace_id = ? AND email = ?"));
    query << workspaceId << normalisedEmail(email);
    if (!query.exec(error) || !query.next()) {
        return 0;
    }
    return query.int64(0);
}

QList<StaffMember> DirectoryRepository::staffList(qint64 workspaceId, QString *error) const
{
    SqlQuery query(m_db, QStringLiteral("SELECT id, workspace_id, email, name, role, active, "
                                        "must_change_password FROM staff "
                                        "WHERE workspace_id = ? ORDER BY name, id"));
    query << workspaceId;
    QList<StaffMember> list;
    if (!query.exec(error)) {
        return list;
    }
    while (query.next()) {
        list.append(staffFrom(query));
    }
    return list;
}

bool DirectoryRepository::checkStaffPassword(qint64 id, const QString &password,
                                             QString *error) const
{
    SqlQuery query(m_db, QStringLiteral("SELECT password_hash FROM staff WHERE id = ?"));
    query << id;
    if (!query.exec(error)) {
        return false;
    }
    if (!query.next()) {
        return PasswordHasher::verifyNothing(password);
    }
    return PasswordHasher::verify(password, query.text(0));
}

bool DirectoryRepository::setStaffPassword(qint64 id, const QString &password, QString *error)
{
    const QString weakness = PasswordHasher::weakness(password);
    if (!weakness.isEmpty()) {
        return fail(error, weakness);
    }
    const QString hash = PasswordHasher::hash(password);
    if (hash.isEmpty()) {
        return fail(error, tr("The password could not be hashed (out of memory)."));
    }
    SqlQuery query(m_db, QStringLiteral("UPDATE staff SET password_hash = ? WHERE id = ?"));
    query << hash << id;
    if (!query.exec(error)) {
        return false;
    }
    return query.rowsAffected() == 1 || fail(error, tr("There is no such staff member."));
}

qint64 DirectoryRepository::createCompany(qint64 workspaceId, const QString &name, qint64 nowMs,
                                          QString *error)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty() || trimmed.size() > kMaxNameLength) {
        fail(error, tr("Enter a company name of at most 200 characters."));
        return 0;
    }
    SqlQuery query(m_db, QStringLiteral("INSERT INTO company (workspace_id, name, created_at) "
                                        "VALUES (?, ?, ?) RETURNING id"));
    query << workspaceId << trimmed << nowMs;
    QString dbError;
    const qint64 id = insertReturningId(query, &dbError);
    if (id == 0) {
        fail(error,
             isUniqueViolation(dbError) ? tr("A company with this name already exists.") : dbError);
    }
    return id;
}

QList<Company> DirectoryRepository::companies(qint64 workspaceId, QString *error) const
{
    QList<Company> result;
    SqlQuery query(m_db, QStringLiteral("SELECT c.id, c.workspace_id, c.name, "
                                        "(SELECT COUNT(*) FROM contact WHERE company_id = c.id), "
                                        "(SELECT COUNT(*) FROM onboarding WHERE company_id = c.id) "
                                        "FROM company c WHERE c.workspace_id = ? ORDER BY c.name"));
    query << workspaceId;
    if (!query.exec(error)) {
        return result;
    }
    while (query.next()) {
        result.append({query.int64(0), query.int64(1), query.text(2), query.value(3).toInt(),
                       query.value(4).toInt()});
    }
    return result;
}

std::optional<Company> DirectoryRepository::company(qint64 id, QString *error) const
{
    SqlQuery query(m_db, QStringLiteral("SELECT id, workspace_id, name FROM company WHERE id = ?"));
    query << id;
    if (!query.exec(error) || !query.next()) {
        return std::nullopt;
    }
    return Company{query.int64(0), query.int64(1), query.text(2), 0, 0};
}

qint64 DirectoryRepository::createContact(qint64 companyId, const QString &name,
                                          const QString &email, qint64 nowMs, QString *error)
{
    const QString address = normalisedEmail(email);
    if (name.trimmed().isEmpty() || name.size() > kMaxNameLength) {
        fail(error, tr("Enter the contact's name (at most 200 characters)."));
        return 0;
    }
    if (!isValidEmail(address)) {
        fail(error, tr("Enter a valid email address."));
        return 0;
    }
    // Portal access (ACC-9) and role (ACC-12) as the company's workspace sets them for new
    // contacts.
    SqlQuery query(m_db, QStringLiteral("INSERT INTO contact (company_id, name, email, "
                                        "portal_access, role_id, created_at) VALUES (?, ?, ?, "
                                        "COALESCE((SELECT w.new_contacts_portal_access "
                                        "FROM company c JOIN workspace w ON w.id = c.workspace_id "
                                        "WHERE c.id = ?), 1), (SELECT w.new_contacts_role_id "
                                        "FROM company c JOIN workspace w ON w.id = c.workspace_id "
                                        "WHERE c.id = ?), ?) RETURNING id"));
    query << companyId << name.trimmed() << address << companyId << companyId << nowMs;
    QString dbError;
    const qint64 id = insertReturningId(query, &dbError);
    if (id == 0) {
        fail(error, isUniqueViolation(dbError)
                        ? tr("This company already has a contact with this email.")
                        : dbError);
    }
    return id;
}

bool DirectoryRepository::setPortalAccess(qint64 contactId, bool on, QString *error)
{
    SqlQuery query(m_db, QStringLiteral("UPDATE contact SET portal_access = ? WHERE id = ?"));
    query << (on ? 1 : 0) << contactId;
    return query.exec(error);
}

QList<Contact> DirectoryRepository::readContacts(const QString &where, const QVariant &value,
                                                 QString *error) const
{
    QList<Contact> result;
    SqlQuery query(m_db, QStringLiteral("SELECT k.id, k.company_id, c.name, k.name, k.email, "
                                        "k.portal_access FROM contact k "
                                        "JOIN company c ON c.id = k.company_id WHERE ")
                             + where + QStringLiteral(" ORDER BY k.name, c.name"));
    query << value;
    if (!query.exec(error)) {
        return result;
    }
    while (query.next()) {
        result.append({query.int64(0), query.int64(1), query.text(2), query.text(3), query.text(4),
                       query.value(5).toInt() != 0});
    }
    return result;
}

QList<Contact> DirectoryRepository::contacts(qint64 companyId, QString *error) const
{
    return readContacts(QStringLiteral("k.company_id = ?"), companyId, error);
}

std::optional<Contact> DirectoryRepository::contact(qint64 id, QString *error) const
{
    const QList<Contact> found = readContacts(QStringLiteral("k.id = ?"), id, error);
    if (found.isEmpty()) {
        return std::nullopt;
    }
    return found.first();
}

QList<Contact> DirectoryRepository::contactsByEmail(const QString &email, QString *error) const
{
    return readContacts(QStringLiteral("k.email = ?"), normalisedEmail(email), error);
}

} // namespace Gatehouse
