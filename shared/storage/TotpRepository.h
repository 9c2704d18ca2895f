#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace Gatehouse {

class Database;

// Whose second factor a TotpRepository reads: a contact's (ACC-10) or a member of staff's
// (CON-11). Both keep the same columns in their own tables.
enum class TotpOwner { Contact, Staff };

struct StoredTotp
{
    qint64 ownerId = 0; // the contact's or the member of staff's id
    QString secret;     // base32
    bool enabled = false;
    qint64 lastStep = 0;
};

// A contact's or staff member's TOTP secret and recovery codes. Recovery codes are stored as
// hashes; every method takes the hash, never the code.
class TotpRepository
{
public:
    explicit TotpRepository(const Database &db, TotpOwner owner = TotpOwner::Contact)
        : m_db(db)
        , m_owner(owner)
    {}

    // nullopt with *error empty: the owner has no TOTP, not even a pending one.
    std::optional<StoredTotp> find(qint64 ownerId, QString *error) const;
    // Replaces a pending secret; false (with *error empty) when TOTP is already on.
    bool savePending(qint64 ownerId, const QString &secret, qint64 nowMs, QString *error);
    // Turns the pending secret on with its first accepted step; false if it was not pending.
    bool enable(qint64 ownerId, qint64 step, qint64 nowMs, QString *error);
    // Records an accepted step; false when that step or a later one was used already (a replay,
    // also between parallel requests).
    bool useStep(qint64 ownerId, qint64 step, QString *error);
    // Removes the secret and every recovery code.
    [[nodiscard]] bool remove(qint64 ownerId, QString *error);

    [[nodiscard]] bool replaceRecoveryCodes(qint64 ownerId, const QList<QString> &hashes,
                                            qint64 nowMs, QString *error);
    // Marks one unused code used; false when no such unused code exists.
    bool useRecoveryCode(qint64 ownerId, const QString &hash, qint64 nowMs, QString *error);
    int recoveryCodesLeft(qint64 ownerId, QString *error) const;

private:
    // "SELECT ... FROM {totp} WHERE {owner} = ?" with the owner's table and column names.
    QString sql(const char *statement) const;

    const Database &m_db;
    TotpOwner m_owner;
};

} // namespace Gatehouse
