#include "SecondFactor.h"

#include "security/Base32.h"
#include "security/Tokens.h"
#include "security/Totp.h"

#include <QCoreApplication>

#include <sodium.h>

namespace Gatehouse {

namespace {

// The words were the contact's first (TotpService); their translations stay under that name.
QString tr(const char *text)
{
    return QCoreApplication::translate("Gatehouse::TotpService", text);
}

} // namespace

QString SecondFactor::wrongCodeMessage()
{
    return tr("That code is not correct. Enter the code your authenticator app shows now, or one "
              "of your recovery codes.");
}

QString SecondFactor::tooManyWrongCodesMessage()
{
    return tr("Too many wrong codes. Please sign in again.");
}

std::optional<QByteArray> SecondFactor::startEnrolment(qint64 ownerId, qint64 nowMs,
                                                       const QString &alreadyOn,
                                                       ServiceError *error)
{
    const QByteArray secret = Totp::generateSecret();
    QString dbError;
    if (!TotpRepository(m_db, m_owner)
             .savePending(ownerId, Base32::encode(secret), nowMs, &dbError)) {
        if (dbError.isEmpty()) {
            ServiceError::set(error, ServiceError::Kind::Conflict, alreadyOn);
        } else {
            ServiceError::internal(error);
        }
        return std::nullopt;
    }
    return secret;
}

std::optional<qint64> SecondFactor::enrolmentStep(qint64 ownerId, const QString &code, qint64 nowMs,
                                                  const QString &alreadyOn,
                                                  const QString &notStarted,
                                                  ServiceError *error) const
{
    const QString typed = code.trimmed();
    if (!isSixDigits(typed)) {
        ServiceError::set(error, ServiceError::Kind::Invalid,
                          tr("Enter the 6-digit code your authenticator app shows."));
        return std::nullopt;
    }
    QString dbError;
    const std::optional<StoredTotp> totp = TotpRepository(m_db, m_owner).find(ownerId, &dbError);
    if (!dbError.isEmpty()) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    if (!totp || totp->enabled) {
        ServiceError::set(error, ServiceError::Kind::Conflict, totp ? alreadyOn : notStarted);
        return std::nullopt;
    }
    const std::optional<QByteArray> secret = Base32::decode(totp->secret);
    const std::optional<qint64> step
        = secret ? Totp::matchingStep(*secret, typed, nowMs, 0) : std::nullopt;
    if (!step) {
        ServiceError::set(error, ServiceError::Kind::Invalid,
                          tr("That code is not correct. Check that your phone's clock is right "
                             "and enter the code your app shows now."));
    }
    return step;
}

std::optional<QList<QString>> SecondFactor::enable(qint64 ownerId, qint64 step, qint64 nowMs,
                                                   QString *dbError)
{
    if (!TotpRepository(m_db, m_owner).enable(ownerId, step, nowMs, dbError)) {
        return std::nullopt;
    }
    return storeNewRecoveryCodes(ownerId, nowMs, dbError);
}

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
