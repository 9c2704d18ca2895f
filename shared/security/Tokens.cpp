#include "Tokens.h"

#include <QCryptographicHash>

#include <sodium.h>

namespace Gatehouse::Tokens {

bool initialise()
{
    return sodium_init() >= 0;
}

QString generate()
{
    QByteArray bytes(32, Qt::Uninitialized);
    randombytes_buf(bytes.data(), size_t(bytes.size()));
    const QString token = QString::fromLatin1(
        bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    sodium_memzero(bytes.data(), size_t(bytes.size()));
    return token;
}

QString generateCode()
{
    return QStringLiteral("%1").arg(randombytes_uniform(1000000), 6, 10, QLatin1Char('0'));
}

QString hash(const QString &token)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(token.toUtf8(), QCryptographicHash::Sha256).toHex());
}

QString hashCode(const QString &code, const QString &salt)
{
    return hash(salt + QLatin1Char(':') + code);
}

bool equalConstantTime(const QString &a, const QString &b)
{
    const QByteArray left = a.toUtf8();
    const QByteArray right = b.toUtf8();
    if (left.size() != right.size()) {
        return false;
    }
    return sodium_memcmp(left.constData(), right.constData(), size_t(left.size())) == 0;
}

bool looksLikeToken(const QString &text)
{
    if (text.size() != 43) {
        return false;
    }
    for (const QChar c : text) {
        const bool ok = (c >= QLatin1Char('a') && c <= QLatin1Char('z'))
                        || (c >= QLatin1Char('A') && c <= QLatin1Char('Z'))
                        || (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('-')
                        || c == QLatin1Char('_');
        if (!ok) {
            return false;
        }
    }
    return true;
}

} // namespace Gatehouse::Tokens
