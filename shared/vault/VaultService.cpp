#include "VaultService.h"

#include "core/Clock.h"
#include "core/Logging.h"
#include "domain/StaffRole.h"
#include "security/AuditLog.h"
#include "storage/DirectoryRepository.h"
#include "storage/Transaction.h"

#include <QCoreApplication>

namespace Gatehouse {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Gatehouse::VaultService", text);
}

// A storage failure: logged with its detail, reported as a plain sentence.
void internal(ServiceError *error, const QString &detail)
{
    qCWarning(lcVault) << detail;
    ServiceError::internal(error);
}

} // namespace

VaultService::VaultService(const Database &db, const Clock &clock, const KdfParams &kdf)
    : m_db(db)
    , m_clock(clock)
    , m_kdf(kdf)
{}

bool VaultService::create(qint64 workspaceId, qint64 adminId, const QString &adminPassword,
                          ServiceError *error)
{
    QString dbError;
    const std::optional<StaffMember> admin = DirectoryRepository(m_db).staff(adminId, &dbError);
    if (!admin || admin->workspaceId != workspaceId) {
        ServiceError::set(error, ServiceError::Kind::NotFound,
                          tr("There is no such staff member."));
        return false;
    }
    VaultRepository vaults(m_db);
    if (!vaults.publicKey(workspaceId, &dbError).isEmpty()) {
        ServiceError::set(error, ServiceError::Kind::Conflict,
                          tr("This workspace has a vault already."));
        return false;
    }
    Transaction transaction(m_db);
    if (!transaction.isActive()) {
        internal(error, transaction.error());
        return false;
    }
    if (!ensureStaffKey(adminId, adminPassword, error)) {
        return false;
    }
    const std::optional<StaffKey> adminKey = vaults.staffKey(adminId, &dbError);
    std::optional<KeyPair> vault = VaultCrypto::generateKeyPair();
    if (!adminKey || !vault) {
        internal(error,
                 dbError.isEmpty() ? QStringLiteral("No guarded memory for a key pair") : dbError);
        return false;
    }
    const QByteArray sealed = VaultCrypto::seal(vault->secretKey, adminKey->publicKey);
    const qint64 now = m_clock.nowMs();
    const AuditEvent audit
        = AuditEvent::make(workspaceId, now, Actor::staff(*admin), QStringLiteral("vault.created"),
                           AuditEvent::subjectOf("workspace", workspaceId),
                           QStringLiteral("%1 <%2> created the credential vault and holds its key")
                               .arg(admin->name, admin->email));
    if (sealed.isEmpty()
        || !vaults.createVault(workspaceId, vault->publicKey, adminId, now, &dbError)
        || vaults.insertGrant(workspaceId, adminId, sealed, adminId, now, &dbError) == 0
        || !AuditLog(m_db).append(audit, &dbError) || !transaction.commit(&dbError)) {
        internal(error, dbError);
        return false;
    }
    return true;
}

QByteArray VaultService::publicKey(qint64 workspaceId, ServiceError *error) const
{
    QString dbError;
    const QByteArray key = VaultRepository(m_db).publicKey(workspaceId, &dbError);
    if (!dbError.isEmpty()) {
        internal(error, dbError);
    }
    return key;
}

bool VaultService::hasStaffKey(qint64 staffId, ServiceError *error) const
{
    QString dbError;
    const bool has = VaultRepository(m_db).staffKey(staffId, &dbError).has_value();
    if (!dbError.isEmpty()) {
        internal(error, dbError);
        return false;
    }
    return has;
}

bool VaultService::ensureStaffKey(qint64 staffId, const QString &password, ServiceError *error)
{
    QString dbError;
    VaultRepository vaults(m_db);
    if (vaults.staffKey(staffId, &dbError)) {
        return true;
    }
    if (!dbError.isEmpty()) {
        internal(error, dbError);
        return false;
    }
    std::optional<KeyPair> pair = VaultCrypto::generateKeyPair();
    QString cryptoError;
    std::optional<WrappedKey> wrapped
        = pair ? VaultCrypto::wrap(pair->secretKey, password, m_kdf, &cryptoError) : std::nullopt;
    if (!wrapped) {
        internal(error, cryptoError);
        return false;
    }
    // The key pair on its own says nothing about access, so it is not audited; grants are.
    if (!vaults.insertStaffKey({staffId, pair->publicKey, *wrapped}, m_clock.nowMs(), &dbError)) {
        internal(error, dbError);
        return false;
    }
    return true;
}

std::optional<SecureBytes> VaultService::openStaffKey(qint64 staffId, const QString &password,
                                                      QString *reason) const
{
    QString dbError;
    VaultRepository vaults(m_db);
    const std::optional<StaffMember> member = DirectoryRepository(m_db).staff(staffId, &dbError);
    const std::optional<StaffKey> key = vaults.staffKey(staffId, &dbError);
    const QByteArray vaultPublicKey
        = member ? vaults.publicKey(member->workspaceId, &dbError) : QByteArray();
    if (!dbError.isEmpty()) {
        *reason = QStringLiteral("internal");
        return std::nullopt;
    }
    if (!member || vaultPublicKey.isEmpty()) {
        *reason = tr("This workspace has no vault yet.");
        return std::nullopt;
    }
    if (!key) {
        *reason = tr("You have no access to the vault. Ask an administrator to grant it.");
        return std::nullopt;
    }
    QString cryptoError;
    std::optional<SecureBytes> staffSecret
        = VaultCrypto::unwrap(key->wrapped, password, &cryptoError);
    if (!staffSecret) {
        *reason = cryptoError;
        return std::nullopt;
    }
    return staffSecret;
}

std::optional<SecureBytes> VaultService::openVault(qint64 staffId, const SecureBytes &staffSecret,
                                                   QString *reason) const
{
    QString dbError;
    VaultRepository vaults(m_db);
    const std::optional<StaffMember> member = DirectoryRepository(m_db).staff(staffId, &dbError);
    const std::optional<StaffKey> key = vaults.staffKey(staffId, &dbError);
    const QByteArray vaultPublicKey
        = member ? vaults.publicKey(member->workspaceId, &dbError) : QByteArray();
    if (!dbError.isEmpty()) {
        *reason = QStringLiteral("internal");
        return std::nullopt;
    }
    if (!member || vaultPublicKey.isEmpty()) {
        *reason = tr("This workspace has no vault yet.");
        return std::nullopt;
    }
    if (!key) {
        *reason = tr("You have no access to the vault. Ask an administrator to grant it.");
        return std::nullopt;
    }
    // A remembered key may belong to another database or have been altered where it was kept.
    if (staffSecret.size() != std::size_t(VaultCrypto::kSecretKeyBytes)
        || VaultCrypto::publicKeyOf(staffSecret) != key->publicKey) {
        *reason = tr("The key remembered on this device is not yours. Unlock with your password.");
        return std::nullopt;
    }
    const std::optional<VaultGrant> grant = vaults.activeGrant(staffId, &dbError);
    if (!grant) {
        const bool revoked = vaults.hasRevokedGrant(staffId, &dbError);
        *reason = !dbError.isEmpty() ? QStringLiteral("internal")
                  : revoked          ? tr("Your access to the vault was revoked.")
                            : tr("You have no access to the vault. Ask an administrator to "
                                 "grant it.");
        return std::nullopt;
    }
    QString cryptoError;
    std::optional<SecureBytes> vaultSecret
        = VaultCrypto::open(grant->sealedVaultKey, key->publicKey, staffSecret, &cryptoError);
    // A key that opens but is not the vault's would seal to nobody: check before handing it out.
    if (!vaultSecret || VaultCrypto::publicKeyOf(*vaultSecret) != vaultPublicKey) {
        *reason = tr("Your copy of the vault key is damaged. Ask an administrator to grant "
                     "access again.");
        return std::nullopt;
    }
    // Only ever read from here on; a stray write now faults instead of corrupting the key.
    vaultSecret->readOnly();
    return vaultSecret;
}

void VaultService::refuse(qint64 staffId, const QString &reason, ServiceError *error)
{
    if (reason == QLatin1String("internal")) {
        internal(error, QStringLiteral("Storage failed while unlocking the vault"));
        return;
    }
    QString dbError;
    const std::optional<StaffMember> member = DirectoryRepository(m_db).staff(staffId, &dbError);
    if (member) {
        const AuditEvent audit = AuditEvent::make(
            member->workspaceId, m_clock.nowMs(), Actor::staff(*member),
            QStringLiteral("vault.unlock_failed"), AuditEvent::subjectOf("staff", staffId),
            QStringLiteral("Refused to unlock the vault for %1 <%2>: %3")
                .arg(member->name, member->email, reason));
        if (!AuditLog(m_db).append(audit, &dbError)) {
            internal(error, dbError);
            return;
        }
    }
    ServiceError::set(error, ServiceError::Kind::Unauthorized, reason);
}

std::optional<SecureBytes> VaultService::unlock(qint64 staffId, const QString &password,
                                                ServiceError *error)
{
    QString reason;
    const std::optional<SecureBytes> staffSecret = openStaffKey(staffId, password, &reason);
    std::optional<SecureBytes> key
        = staffSecret ? openVault(staffId, *staffSecret, &reason) : std::nullopt;
    if (!key) {
        refuse(staffId, reason, error);
    }
    return key;
}

std::optional<SecureBytes> VaultService::unlockStaffKey(qint64 staffId, const QString &password,
                                                        ServiceError *error)
{
    QString reason;
    std::optional<SecureBytes> staffSecret = openStaffKey(staffId, password, &reason);
    if (!staffSecret) {
        refuse(staffId, reason, error);
    }
    return staffSecret;
}

std::optional<SecureBytes>
VaultService::unlockWithStaffKey(qint64 staffId, const SecureBytes &staffKey, ServiceError *error)
{
    QString reason;
    std::optional<SecureBytes> key = openVault(staffId, staffKey, &reason);
    if (!key) {
        refuse(staffId, reason, error);
    }
    return key;
}

bool VaultService::grant(const SecureBytes &vaultKey, qint64 adminId, qint64 colleagueId,
                         ServiceError *error)
{
    QString dbError;
    DirectoryRepository directory(m_db);
    VaultRepository vaults(m_db);
    const std::optional<StaffMember> admin = directory.staff(adminId, &dbError);
    const std::optional<StaffMember> colleague = directory.staff(colleagueId, &dbError);
    if (!admin || !colleague || colleague->workspaceId != admin->workspaceId) {
        ServiceError::set(error, ServiceError::Kind::NotFound,
                          tr("There is no such staff member."));
        return false;
    }
    if (!admin->active || !StaffRoles::allows(admin->role, StaffPermission::ManageVaultAccess)) {
        ServiceError::set(error, ServiceError::Kind::Unauthorized,
                          tr("Only an administrator can grant access to the vault."));
        return false;
    }
    if (VaultCrypto::publicKeyOf(vaultKey) != vaults.publicKey(admin->workspaceId, &dbError)) {
        ServiceError::set(error, ServiceError::Kind::Unauthorized,
                          tr("Unlock the vault before granting access to it."));
        return false;
    }
    const std::optional<StaffKey> colleagueKey = vaults.staffKey(colleagueId, &dbError);
    if (!colleagueKey) {
        ServiceError::set(error, ServiceError::Kind::Conflict,
                          tr("%1 has no vault key yet: they get one when they next sign in.")
                              .arg(colleague->name));
        return false;
    }
    if (vaults.activeGrant(colleagueId, &dbError)) {
        ServiceError::set(error, ServiceError::Kind::Conflict,
                          tr("%1 has access to the vault already.").arg(colleague->name));
        return false;
    }
    if (!dbError.isEmpty()) {
        internal(error, dbError);
        return false;
    }
    const QByteArray sealed = VaultCrypto::seal(vaultKey, colleagueKey->publicKey);
    const qint64 now = m_clock.nowMs();
    const AuditEvent audit = AuditEvent::make(
        admin->workspaceId, now, Actor::staff(*admin), QStringLiteral("vault.granted"),
        AuditEvent::subjectOf("staff", colleagueId),
        QStringLiteral("%1 <%2> granted %3 <%4> access to the vault")
            .arg(admin->name, admin->email, colleague->name, colleague->email));
    Transaction transaction(m_db);
    if (sealed.isEmpty() || !transaction.isActive()
        || vaults.insertGrant(admin->workspaceId, colleagueId, sealed, adminId, now, &dbError) == 0
        || !AuditLog(m_db).append(audit, &dbError) || !transaction.commit(&dbError)) {
        internal(error, dbError.isEmpty() ? transaction.error() : dbError);
        return false;
    }
    return true;
}

bool VaultService::revoke(qint64 adminId, qint64 colleagueId, ServiceError *error)
{
    QString dbError;
    DirectoryRepository directory(m_db);
    VaultRepository vaults(m_db);
    const std::optional<StaffMember> admin = directory.staff(adminId, &dbError);
    const std::optional<StaffMember> colleague = directory.staff(colleagueId, &dbError);
    if (!admin || !colleague || colleague->workspaceId != admin->workspaceId) {
        ServiceError::set(error, ServiceError::Kind::NotFound,
                          tr("There is no such staff member."));
        return false;
    }
    if (!admin->active || !StaffRoles::allows(admin->role, StaffPermission::ManageVaultAccess)) {
        ServiceError::set(error, ServiceError::Kind::Unauthorized,
                          tr("Only an administrator can revoke access to the vault."));
        return false;
    }
    Transaction transaction(m_db);
    const QList<VaultGrant> all = vaults.grants(admin->workspaceId, &dbError);
    int active = 0;
    bool colleagueActive = false;
    for (const VaultGrant &grant : all) {
        if (grant.revokedAtMs == 0) {
            ++active;
            colleagueActive = colleagueActive || grant.staffId == colleagueId;
        }
    }
    if (!transaction.isActive() || !dbError.isEmpty()) {
        internal(error, dbError.isEmpty() ? transaction.error() : dbError);
        return false;
    }
    if (!colleagueActive) {
        ServiceError::set(error, ServiceError::Kind::Conflict,
                          tr("%1 has no access to the vault.").arg(colleague->name));
        return false;
    }
    // Without any grant the vault's key is gone for good, and with it everything sealed.
    if (active <= 1) {
        ServiceError::set(error, ServiceError::Kind::Conflict,
                          tr("%1 is the only one with access to the vault; grant someone else "
                             "access first.")
                              .arg(colleague->name));
        return false;
    }
    const qint64 now = m_clock.nowMs();
    const AuditEvent audit = AuditEvent::make(
        admin->workspaceId, now, Actor::staff(*admin), QStringLiteral("vault.revoked"),
        AuditEvent::subjectOf("staff", colleagueId),
        QStringLiteral("%1 <%2> revoked the vault access of %3 <%4>")
            .arg(admin->name, admin->email, colleague->name, colleague->email));
    if (vaults.revokeGrant(colleagueId, adminId, now, &dbError) != 1
        || !AuditLog(m_db).append(audit, &dbError) || !transaction.commit(&dbError)) {
        internal(error, dbError);
        return false;
    }
    return true;
}

QList<VaultGrant> VaultService::grants(qint64 workspaceId, ServiceError *error) const
{
    QString dbError;
    QList<VaultGrant> list = VaultRepository(m_db).grants(workspaceId, &dbError);
    if (!dbError.isEmpty()) {
        internal(error, dbError);
    }
    return list;
}

bool VaultService::rewrap(qint64 staffId, const QString &oldPassword, const QString &newPassword,
                          ServiceError *error)
{
    QString dbError;
    VaultRepository vaults(m_db);
    const std::optional<StaffKey> key = vaults.staffKey(staffId, &dbError);
    if (!dbError.isEmpty()) {
        internal(error, dbError);
        return false;
    }
    if (!key) {
        return ensureStaffKey(staffId, newPassword, error);
    }
    QString cryptoError;
    const std::optional<SecureBytes> secret
        = VaultCrypto::unwrap(key->wrapped, oldPassword, &cryptoError);
    if (!secret || VaultCrypto::publicKeyOf(*secret) != key->publicKey) {
        ServiceError::set(error, ServiceError::Kind::Unauthorized,
                          tr("The current password is not correct."));
        return false;
    }
    // The new wrap gets today's work factors, so raising them upgrades keys as passwords change.
    const std::optional<WrappedKey> wrapped
        = VaultCrypto::wrap(*secret, newPassword, m_kdf, &cryptoError);
    if (!wrapped) {
        internal(error, cryptoError);
        return false;
    }
    if (!vaults.updateWrapping(staffId, *wrapped, m_clock.nowMs(), &dbError)) {
        internal(error, dbError);
        return false;
    }
    return true;
}

} // namespace Gatehouse
