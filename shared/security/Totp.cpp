#include "Totp.h"

#include "Base32.h"
#include "Tokens.h"

#include <QUrl>

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sodium.h>

namespace Gatehouse::Totp {

QString code(const QByteArray &secret, qint64 step, int digits)
{
    unsigned char counter[8];
    quint64 value = quint64(step);
    for (int i = 7; i >= 0; --i) {
        counter[i] = static_cast<unsigned char>(value & 0xff);
        value >>= 8;
    }
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int macLength = 0;
    if (!HMAC(EVP_sha1(), secret.constData(), int(secret.size()), counter, sizeof counter, mac,
              &macLength)
        || macLength < 20) {
        return QString();
    }
    // RFC 4226 section 5.3: dynamic truncation.
    const int offset = mac[macLength - 1] & 0x0f;
    const quint32 binary = (quint32(mac[offset] & 0x7f) << 24) | (quint32(mac[offset + 1]) << 16)
                           | (quint32(mac[offset + 2]) << 8) | quint32(mac[offset + 3]);
    quint32 modulus = 1;
    for (int i = 0; i < digits; ++i) {
        modulus *= 10;
    }
    return QStringLiteral("%1").arg(binary % modulus, digits, 10, QLatin1Char('0'));
}

std::optional<qint64> matchingStep(const QByteArray &secret, const QString &typed, qint64 nowMs,
                                   qint64 lastUsedStep)
{
    if (secret.isEmpty() || typed.size() != kDigits) {
        return std::nullopt;
    }
    const qint64 now = stepAt(nowMs);
    // Every step of the window is computed and compared, so the time taken does not tell which
    // one (if any) matched.
    std::optional<qint64> matched;
    for (qint64 step = now - kWindowSteps; step <= now + kWindowSteps; ++step) {
        if (Tokens::equalConstantTime(code(secret, step), typed) && step > lastUsedStep
            && !matched) {
            matched = step;
        }
    }
    return matched;
}

QByteArray generateSecret()
{
    QByteArray secret(kSecretBytes, Qt::Uninitialized);
    randombytes_buf(secret.data(), size_t(secret.size()));
    return secret;
}

QString provisioningUri(const QByteArray &secret, const QString &issuer, const QString &account)
{
    const QString encodedIssuer = QString::fromLatin1(QUrl::toPercentEncoding(issuer));
    return QStringLiteral("otpauth://totp/") + encodedIssuer + QStringLiteral("%3A")
           + QString::fromLatin1(QUrl::toPercentEncoding(account)) + QStringLiteral("?secret=")
           + Base32::encode(secret) + QStringLiteral("&issuer=") + encodedIssuer
           + QStringLiteral("&algorithm=SHA1&digits=6&period=30");
}

} // namespace Gatehouse::Totp
