#pragma once

#include "core/ServiceError.h"
#include "storage/TotpRepository.h"

#include <QList>
#include <QString>

#include <optional>

namespace Gatehouse {

class Database;

// The code checks a TOTP second factor needs, the same for contacts (TotpService) and staff
// (StaffTotpService): a 6-digit code of a step not used before, or an unused recovery code.
class SecondFactor
{
public:
    enum class Accepted { None, Totp, RecoveryCode };

    SecondFactor(const Database &db, TotpOwner owner)
        : m_db(db)
        , m_owner(owner)
    {}

    static constexpr int kRecoveryCodeCount = 10;

    static bool isSixDigits(const QString &code);
    // "ABCDE-FGHIJ" for "abcde fghij" and the like; empty when it cannot be a recovery code.
    static QString normalisedRecoveryCode(const QString &code);

    // Checks and uses up a code (the TOTP step, or the recovery code) in the caller's
    // transaction. None with *dbError empty: wrong, reused or malformed.
    Accepted useCode(qint64 ownerId, const QString &code, qint64 nowMs, QString *dbError);
    // A new pending secret (replacing an unconfirmed one) in the caller's transaction; Conflict
    // with the caller's words when TOTP is on already. The secret's bytes, for the QR code.
    std::optional<QByteArray> startEnrolment(qint64 ownerId, qint64 nowMs, const QString &alreadyOn,
                                             ServiceError *error);
    // The time step of the first code of a pending enrolment. Invalid for a malformed or wrong
    // code; Conflict (with the caller's words) when nothing is pending or TOTP is on already.
    std::optional<qint64> enrolmentStep(qint64 ownerId, const QString &code, qint64 nowMs,
                                        const QString &alreadyOn, const QString &notStarted,
                                        ServiceError *error) const;
    // Turns the pending secret on with its first step and makes the recovery codes, in the
    // caller's transaction; nullopt with *dbError empty when it was not pending.
    std::optional<QList<QString>> enable(qint64 ownerId, qint64 step, qint64 nowMs,
                                         QString *dbError);

    // The refusals of a second sign-in step, in the same words for contacts and staff.
    static QString wrongCodeMessage();
    static QString tooManyWrongCodesMessage();

    // kRecoveryCodeCount new codes replacing the old ones; the codes, to be shown once.
    std::optional<QList<QString>> storeNewRecoveryCodes(qint64 ownerId, qint64 nowMs,
                                                        QString *dbError);

private:
    // The owner in recovery code hashes: equal codes of two people never share a hash.
    QString recoveryHash(qint64 ownerId, const QString &normalised) const;

    const Database &m_db;
    TotpOwner m_owner;
};

} // namespace Gatehouse
