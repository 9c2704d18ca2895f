#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace Gatehouse {

class Database;

struct ContactTotp
{
    qint64 contactId = 0;
    QString secret; // base32
    bool enabled = false;
    qint64 lastStep = 0;
};

// A contact's TOTP secret (ACC-10) and recovery codes. Recovery codes are stored as hashes;
// every method takes the hash, never the code.
class TotpRepository
{
public:
    explicit TotpRepository(const Database &db)
        : m_db(db)
    {}

    // nullopt with *error empty: the contact has no TOTP, not even a pending one.
    std::optional<ContactTotp> find(qint64 contactId, QString *error) const;
    // Replaces a pending secret; false (with *error empty) when TOTP is already on.
    bool savePending(qint64 contactId, const QString &secret, qint64 nowMs, QString *error);
    // Turns the pending secret on with its first accepted step; false if it was not pending.
    bool enable(qint64 contactId, qint64 step, qint64 nowMs, QString *error);
    // Records an accepted step; false when that step or a later one was used already (a replay,
    // also between parallel requests).
    bool useStep(qint64 contactId, qint64 step, QString *error);
    // Removes the secret and every recovery code.
    [[nodiscard]] bool remove(qint64 contactId, QString *error);

    [[nodiscard]] bool replaceRecoveryCodes(qint64 contactId, const QList<QString> &hashes,
                                            qint64 nowMs, QString *error);
    // Marks one unused code used; false when no such unused code exists.
    bool useRecoveryCode(qint64 contactId, const QString &hash, qint64 nowMs, QString *error);
    int recoveryCodesLeft(qint64 contactId, QString *error) const;

private:
    const Database &m_db;
};

} // namespace Gatehouse
