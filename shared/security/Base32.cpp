#include "Base32.h"

namespace Gatehouse::Base32 {

namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

int valueOf(QChar c)
{
    const char16_t u = c.toUpper().unicode();
    if (u >= u'A' && u <= u'Z') {
        return u - u'A';
    }
    if (u >= u'2' && u <= u'7') {
        return 26 + (u - u'2');
    }
    return -1;
}

} // namespace

QString encode(const QByteArray &bytes)
{
    QString out;
    out.reserve((bytes.size() * 8 + 4) / 5);
    quint32 buffer = 0;
    int bits = 0;
    for (const char byte : bytes) {
        buffer = (buffer << 8) | quint8(byte);
        bits += 8;
        while (bits >= 5) {
            out.append(QLatin1Char(kAlphabet[(buffer >> (bits - 5)) & 31]));
            bits -= 5;
        }
    }
    if (bits > 0) {
        out.append(QLatin1Char(kAlphabet[(buffer << (5 - bits)) & 31]));
    }
    return out;
}

std::optional<QByteArray> decode(const QString &text)
{
    QString clean;
    clean.reserve(text.size());
    for (const QChar c : text) {
        if (!c.isSpace()) {
            clean.append(c);
        }
    }
    while (clean.endsWith(QLatin1Char('='))) {
        clean.chop(1);
    }
    // 1, 3 and 6 leftover characters cannot come from whole bytes.
    const int rest = clean.size() % 8;
    if (rest == 1 || rest == 3 || rest == 6) {
        return std::nullopt;
    }
    QByteArray out;
    out.reserve(clean.size() * 5 / 8);
    quint32 buffer = 0;
    int bits = 0;
    for (const QChar c : clean) {
        const int value = valueOf(c);
        if (value < 0) {
            return std::nullopt;
        }
        buffer = (buffer << 5) | quint32(value);
        bits += 5;
        if (bits >= 8) {
            out.append(char((buffer >> (bits - 8)) & 0xff));
            bits -= 8;
        }
    }
    return out;
}

} // namespace Gatehouse::Base32
