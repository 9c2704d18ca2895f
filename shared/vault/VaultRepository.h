#pragma once

#include "VaultCrypto.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace Gatehouse {

class Database;

// A staff member's key pair as stored: the public half and the password-wrapped private half.
struct StaffKey
{
    qint64 staffId = 0;
    QByteArray publicKey;
    WrappedKey wrapped;
};

// One member's access to the vault: the vault's private key sealed to their public key.
struct VaultGrant
{
    qint64 id = 0;
    qint64 staffId = 0;
    QString staffName;
    QString staffEmail;
    QByteArray sealedVaultKey; // empty once revoked
    qint64 grantedBy = 0;
    qint64 grantedAtMs = 0;
    qint64 revokedBy = 0;
    qint64 revokedAtMs = 0; // 0: active
};

// The vault's rows: the workspace's public key, staff key pairs and grants. Only ciphertext
// and public keys pass through here. VaultService decides; this only reads and writes.
class VaultRepository
{
public:
    explicit VaultRepository(const Database &db)
        : m_db(db)
    {}

    // The workspace's vault public key; empty (and no error) when there is no vault yet.
    QByteArray publicKey(qint64 workspaceId, QString *error) const;
    [[nodiscard]] bool createVault(qint64 workspaceId, const QByteArray &publicKey,
                                   qint64 createdBy, qint64 nowMs, QString *error);

    // Nullopt (and no error) when the member has no key pair yet.
    std::optional<StaffKey> staffKey(qint64 staffId, QString *error) const;
    [[nodiscard]] bool insertStaffKey(const StaffKey &key, qint64 nowMs, QString *error);
    // Replaces only the wrapping (a password change); the key pair stays.
    [[nodiscard]] bool updateWrapping(qint64 staffId, const WrappedKey &wrapped, qint64 nowMs,
                                      QString *error);

    std::optional<VaultGrant> activeGrant(qint64 staffId, QString *error) const;
    bool hasRevokedGrant(qint64 staffId, QString *error) const;
    qint64 insertGrant(qint64 workspaceId, qint64 staffId, const QByteArray &sealedVaultKey,
                       qint64 grantedBy, qint64 nowMs, QString *error);
    // Ends the active grant and forgets its sealed key. Rows changed (0 or 1), -1 on error.
    int revokeGrant(qint64 staffId, qint64 revokedBy, qint64 nowMs, QString *error);
    // Every grant of the workspace, active ones first, newest first.
    QList<VaultGrant> grants(qint64 workspaceId, QString *error) const;

private:
    const Database &m_db;
};

} // namespace Gatehouse
