#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace Gatehouse::Totp {

// RFC 6238 time-based one-time passwords as authenticator apps make them: HMAC-SHA1, 30 s
// steps from the epoch, 6 digits.
constexpr qint64 kStepMs = 30'000;
constexpr int kDigits = 6;
// Codes of the neighbouring steps are accepted too, for clocks a little off and codes typed
// just as they change.
constexpr int kWindowSteps = 1;
constexpr int kSecretBytes = 20;

inline qint64 stepAt(qint64 nowMs)
{
    return nowMs / kStepMs;
}

// The code of one time step (RFC 4226's HOTP of the step counter), zero-padded to digits.
QString code(const QByteArray &secret, qint64 step, int digits = kDigits);

// The step whose code `code` is, within kWindowSteps of nowMs and later than lastUsedStep (a
// code once accepted, or an older one, is refused: no replay). nullopt when none matches.
std::optional<qint64> matchingStep(const QByteArray &secret, const QString &code, qint64 nowMs,
                                   qint64 lastUsedStep);

// 20 bytes from the system CSPRNG.
QByteArray generateSecret();

// The otpauth:// URI authenticator apps read (Google's Key Uri Format): the label is
// "issuer:account", both also percent-encoded.
QString provisioningUri(const QByteArray &secret, const QString &issuer, const QString &account);

} // namespace Gatehouse::Totp
