#include "SecondFactor.h"

#include "security/Base32.h"
#include "security/Tokens.h"
#include "security/Totp.h"

#include <sodium.h>

namespace Gatehouse {

bool SecondFactor::isSixDigits(const QString &code)
{
    if (code.size() != Totp::kDigits) {
        return false;
    }
    for (const QChar c : code) {
        if (c < QLatin1Char('0') || c > QLatin1Char('9')) {
            return false;
        }
    }
    return true;
}

QString SecondFactor::normalisedRecoveryCode(const QString &code)
{
    QString clean;
    for (const QChar c : code) {
        if (c != QLatin1Char('-') && !c.isSpace()) {
            clean.append(c.toUpper());
        }
    }
    if (clean.size() != 10 || !Base32::decode(clean)) {
        return QString();
    }
    return clean.left(5) + QLatin1Char('-') + clean.mid(5);
}

QString SecondFactor::recoveryHash(qint64 ownerId, const QString &normalised) const
{
    // Contacts' codes keep the prefix they were first stored with.
    const QString prefix = m_owner == TotpOwner::Staff ? QStringLiteral("staff-recovery:%1:")
                                                       : QStringLiteral("recovery:%1:");
    return Tokens::hash(prefix.arg(ownerId) + normalised);
}

SecondFactor::Accepted SecondFactor::useCode(qint64 ownerId, const QString &code, qint64 nowMs,
                                             QString *dbError)
{
    TotpRepository repository(m_db, m_owner);
    const QString typed = code.trimmed();
    if (isSixDigits(typed)) {
        const std::optional<StoredTotp> totp = repository.find(ownerId, dbError);
        const std::optional<QByteArray> secret
            = totp && totp->enabled ? Base32::decode(totp->secret) : std::nullopt;
        const std::optional<qint64> step
            = secret ? Totp::matchingStep(*secret, typed, nowMs, totp->lastStep) : std::nullopt;
        return step && repository.useStep(ownerId, *step, dbError) ? Accepted::Totp
                                                                   : Accepted::None;
    }
    const QString recovery = normalisedRecoveryCode(typed);
    if (!recovery.isEmpty()
        && repository.useRecoveryCode(ownerId, recoveryHash(ownerId, recovery), nowMs, dbError)) {
        return Accepted::RecoveryCode;
    }
    return Accepted::None;
}

std::optional<QList<QString>> SecondFactor::storeNewRecoveryCodes(qint64 ownerId, qint64 nowMs,
                                                                  QString *dbError)
{
    QList<QString> codes;
    QList<QString> hashes;
    for (int i = 0; i < kRecoveryCodeCount; ++i) {
        // 50 random bits, written as 10 base32 characters in two groups.
        QByteArray bytes(7, Qt::Uninitialized);
        randombytes_buf(bytes.data(), size_t(bytes.size()));
        const QString code = normalisedRecoveryCode(Base32::encode(bytes).left(10));
        codes.append(code);
        hashes.append(recoveryHash(ownerId, code));
    }
    if (!TotpRepository(m_db, m_owner).replaceRecoveryCodes(ownerId, hashes, nowMs, dbError)) {
        return std::nullopt;
    }
    return codes;
}

} // namespace Gatehouse
