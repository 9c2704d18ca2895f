#include "VaultRepository.h"

#include "storage/SqlQuery.h"

namespace Gatehouse {

namespace {

constexpr const char *kGrantColumns
    = "g.id, g.staff_id, s.name, s.email, g.sealed_vault_key, g.granted_by, g.granted_at, "
      "g.revoked_by, g.revoked_at";

VaultGrant readGrant(const SqlQuery &query)
{
    VaultGrant grant;
    grant.id = query.int64(0);
    grant.staffId = query.int64(1);
    grant.staffName = query.text(2);
    grant.staffEmail = query.text(3);
    grant.sealedVaultKey = query.value(4).toByteArray();
    grant.grantedBy = query.int64(5);
    grant.grantedAtMs = query.int64(6);
    grant.revokedBy = query.int64(7);
    grant.revokedAtMs = query.int64(8);
    return grant;
}

} // namespace

QByteArray VaultRepository::publicKey(qint64 workspaceId, QString *error) const
{
    SqlQuery query(m_db, QStringLiteral("SELECT public_key FROM vault WHERE workspace_id = ?"));
    query << workspaceId;
    if (!query.exec(error) || !query.next()) {
        return QByteArray();
    }
    return query.value(0).toByteArray();
}

bool VaultRepository::createVault(qint64 workspaceId, const QByteArray &publicKey, qint64 createdBy,
                                  qint64 nowMs, QString *error)
{
    SqlQuery query(m_db, QStringLiteral("INSERT INTO vault (workspace_id, public_key, created_by, "
                                        "created_at) VALUES (?, ?, ?, ?)"));
    query << workspaceId << publicKey << nullable(createdBy) << nowMs;
    return query.exec(error);
}

std::optional<StaffKey> VaultRepository::staffKey(qint64 staffId, QString *error) const
{
    SqlQuery query(m_db, QStringLiteral("SELECT public_key, wrapped_private_key, kdf_salt, "
                                        "kdf_opslimit, kdf_memlimit FROM staff_key "
                                        "WHERE staff_id = ?"));
    query << staffId;
    if (!query.exec(error) || !query.next()) {
        return std::nullopt;
    }
    StaffKey key;
    key.staffId = staffId;
    key.publicKey = query.value(0).toByteArray();
    key.wrapped.box = query.value(1).toByteArray();
    key.wrapped.salt = query.value(2).toByteArray();
    key.wrapped.kdf.opsLimit = quint64(query.int64(3));
    key.wrapped.kdf.memLimit = quint64(query.int64(4));
    return key;
}

bool VaultRepository::insertStaffKey(const StaffKey &key, qint64 nowMs, QString *error)
{
    SqlQuery query(m_db, QStringLiteral("INSERT INTO staff_key (staff_id, public_key, "
                                        "wrapped_private_key, kdf_salt, kdf_opslimit, "
                                        "kdf_memlimit, created_at, updated_at) "
                                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    query << key.staffId << key.publicKey << key.wrapped.box << key.wrapped.salt
          << qint64(key.wrapped.kdf.opsLimit) << qint64(key.wrapped.kdf.memLimit) << nowMs << nowMs;
    return query.exec(error);
}

bool VaultRepository::updateWrapping(qint64 staffId, const WrappedKey &wrapped, qint64 nowMs,
                                     QString *error)
{
    SqlQuery query(m_db, QStringLiteral("UPDATE staff_key SET wrapped_private_key = ?, "
                                        "kdf_salt = ?, kdf_opslimit = ?, kdf_memlimit = ?, "
                                        "updated_at = ? WHERE staff_id = ?"));
    query << wrapped.box << wrapped.salt << qint64(wrapped.kdf.opsLimit)
          << qint64(wrapped.kdf.memLimit) << nowMs << staffId;
    if (!query.exec(error)) {
        return false;
    }
    if (query.rowsAffected() != 1) {
        if (error) {
            *error = QStringLiteral("No key pair to re-wrap for staff %1").arg(staffId);
        }
        return false;
    }
    return true;
}

std::optional<VaultGrant> VaultRepository::activeGrant(qint64 staffId, QString *error) const
{
    SqlQuery query(m_db, QStringLiteral("SELECT %1 FROM vault_grant g "
                                        "JOIN staff s ON s.id = g.staff_id "
                                        "WHERE g.staff_id = ? AND g.revoked_at IS NULL")
                             .arg(QLatin1String(kGrantColumns)));
    query << staffId;
    if (!query.exec(error) || !query.next()) {
        return std::nullopt;
    }
    return readGrant(query);
}

bool VaultRepository::hasRevokedGrant(qint64 staffId, QString *error) const
{
    SqlQuery query(m_db, QStringLiteral("SELECT COUNT(*) FROM vault_grant WHERE staff_id = ? "
                                        "AND revoked_at IS NOT NULL"));
    query << staffId;
    return query.exec(error) && query.next() && query.int64(0) > 0;
}

qint64 VaultRepository::insertGrant(qint64 workspaceId, qint64 staffId,
                                    const QByteArray &sealedVaultKey, qint64 grantedBy,
                                    qint64 nowMs, QString *error)
{
    SqlQuery query(m_db, QStringLiteral("INSERT INTO vault_grant (workspace_id, staff_id, "
                                        "sealed_vault_key, granted_by, granted_at) "
                                        "VALUES (?, ?, ?, ?, ?) RETURNING id"));
    query << workspaceId << staffId << sealedVaultKey << nullable(grantedBy) << nowMs;
    if (!query.exec(error) || !query.next()) {
        return 0;
    }
    return query.int64(0);
}

int VaultRepository::revokeGrant(qint64 staffId, qint64 revokedBy, qint64 nowMs, QString *error)
{
    SqlQuery query(m_db, QStringLiteral("UPDATE vault_grant SET sealed_vault_key = NULL, "
                                        "revoked_by = ?, revoked_at = ? "
                                        "WHERE staff_id = ? AND revoked_at IS NULL"));
    query << nullable(revokedBy) << nowMs << staffId;
    if (!query.exec(error)) {
        return -1;
    }
    return query.rowsAffected();
}

QList<VaultGrant> VaultRepository::grants(qint64 workspaceId, QString *error) const
{
    SqlQuery query(m_db, QStringLiteral("SELECT %1 FROM vault_grant g "
                                        "JOIN staff s ON s.id = g.staff_id "
                                        "WHERE g.workspace_id = ? "
                                        "ORDER BY (g.revoked_at IS NULL) DESC, g.id DESC")
                             .arg(QLatin1String(kGrantColumns)));
    query << workspaceId;
    QList<VaultGrant> list;
    if (!query.exec(error)) {
        return list;
    }
    while (query.next()) {
        list.append(readGrant(query));
    }
    return list;
}

} // namespace Gatehouse
