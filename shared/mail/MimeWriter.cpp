#include "MimeWriter.h"

#include "security/Tokens.h"

#include <QDateTime>
#include <QLocale>
#include <QRegularExpression>

namespace Gatehouse::MimeWriter {

QByteArray quotedPrintable(const QByteArray &utf8)
{
    static const char hex[] = "0123456789ABCDEF";
    QByteArray normalised = utf8;
    normalised.replace("\r\n", "\n");
    QByteArray out;
    out.reserve(normalised.size() * 11 / 10 + 16);
    const QList<QByteArray> lines = normalised.split('\n');
    for (qsizetype l = 0; l < lines.size(); ++l) {
        const QByteArray &line = lines.at(l);
        int column = 0;
        for (qsizetype i = 0; i < line.size(); ++i) {
            const unsigned char c = static_cast<unsigned char>(line.at(i));
            const bool lastInLine = i == line.size() - 1;
            const bool plain
                = (c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !lastInLine);
            const int width = plain ? 1 : 3;
            if (column + width > 75) {
                out += "=\r\n";
                column = 0;
            }
            if (plain) {
                out += char(c);
            } else {
                out += '=';
                out += hex[c >> 4];
                out += hex[c & 0x0f];
            }
            column += width;
        }
        if (l + 1 < lines.size()) {
            out += "\r\n";
        }
    }
    return out;
}

QByteArray encodedWord(const QString &text)
{
    bool ascii = true;
    for (const QChar c : text) {
        if (c.unicode() < 32 || c.unicode() > 126) {
            ascii = false;
            break;
        }
    }
    if (ascii) {
        return text.toLatin1();
    }
    // RFC 2047: an encoded word is at most 75 characters and holds whole characters, so longer
    // text becomes several words on folded lines (39 bytes make 64 characters each).
    QByteArray out;
    QByteArray chunk;
    const auto flush = [&out, &chunk] {
        if (!out.isEmpty()) {
            out += "\r\n ";
        }
        out += "=?UTF-8?B?" + chunk.toBase64() + "?=";
        chunk.clear();
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const qsizetype length = text.at(i).isHighSurrogate() && i + 1 < text.size() ? 2 : 1;
        const QByteArray bytes = text.mid(i, length).toUtf8();
        i += length - 1;
        if (chunk.size() + bytes.size() > 39) {
            flush();
        }
        chunk += bytes;
    }
    flush();
    return out;
}

namespace {

QByteArray part(const QByteArray &contentType, const QString &body)
{
    return "Content-Type: " + contentType
           + "; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
           + quotedPrintable(body.toUtf8()) + "\r\n";
}

QByteArray headerSafe(const QString &value)
{
    // Header injection: a value never carries a line break.
    QString cleaned = value;
    cleaned.remove(QLatin1Char('\r'));
    cleaned.remove(QLatin1Char('\n'));
    return encodedWord(cleaned);
}

// A type such as "text/calendar; method=PUBLISH; charset=UTF-8"; anything else is sent as
// opaque bytes rather than let into a header.
QByteArray safeMediaType(const QByteArray &mediaType)
{
    static const QRegularExpression pattern(
        QStringLiteral("^[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+"
                       "(; ?[A-Za-z0-9-]+=[A-Za-z0-9._-]+)*$"));
    return pattern.match(QString::fromLatin1(mediaType)).hasMatch()
               ? mediaType
               : QByteArray("application/octet-stream");
}

// filename="..." for plain names, RFC 2231 filename*=UTF-8''... for any other.
QByteArray fileNameParameter(const QString &name)
{
    QString cleaned = name;
    cleaned.remove(QRegularExpression(QStringLiteral("[\\x00-\\x1f\\x7f/\\\\]")));
    if (cleaned.isEmpty()) {
        cleaned = QStringLiteral("attachment");
    }
    static const QRegularExpression simple(QStringLiteral("^[A-Za-z0-9._ ()-]+$"));
    if (simple.match(cleaned).hasMatch()) {
        return "filename=\"" + cleaned.toLatin1() + "\"";
    }
    return "filename*=UTF-8''" + cleaned.toUtf8().toPercentEncoding();
}

QByteArray base64Lines(const QByteArray &data)
{
    const QByteArray encoded = data.toBase64();
    QByteArray out;
    for (qsizetype i = 0; i < encoded.size(); i += 76) {
        out += encoded.mid(i, 76) + "\r\n";
    }
    return out;
}

// The HTML, with the images it shows by cid: as parts of a multipart/related beside it.
QByteArray htmlBody(const MailMessage &message)
{
    QByteArray related;
    const QByteArray boundary = "=_related_" + Tokens::generate().left(20).toLatin1();
    for (const MailAttachment &image : message.attachments) {
        if (image.contentId.isEmpty()) {
            continue;
        }
        related += "--" + boundary + "\r\n";
        related += "Content-Type: " + safeMediaType(image.mediaType) + "\r\n";
        related += "Content-Transfer-Encoding: base64\r\n";
        related += "Content-ID: <" + headerSafe(QString::fromLatin1(image.contentId)) + ">\r\n";
        related += "Content-Disposition: inline;\r\n " + fileNameParameter(image.name) + "\r\n\r\n";
        related += base64Lines(image.data);
    }
    if (related.isEmpty()) {
        return part("text/html", message.html);
    }
    return "Content-Type: multipart/related;\r\n type=\"text/html\";\r\n boundary=\"" + boundary
           + "\"\r\n\r\n--" + boundary + "\r\n" + part("text/html", message.html) + related + "--"
           + boundary + "--\r\n";
}

// The readable part: plain text, or text and HTML as alternatives.
QByteArray textBody(const MailMessage &message)
{
    if (message.html.isEmpty()) {
        return part("text/plain", message.text);
    }
    const QByteArray boundary = "=_gatehouse_" + Tokens::generate().left(20).toLatin1();
    QByteArray out
        = "Content-Type: multipart/alternative;\r\n boundary=\"" + boundary + "\"\r\n\r\n";
    out += "--" + boundary + "\r\n" + part("text/plain", message.text);
    out += "--" + boundary + "\r\n" + htmlBody(message);
    out += "--" + boundary + "--\r\n";
    return out;
}

QByteArray attachmentPart(const MailAttachment &attachment)
{
    QByteArray out = "Content-Type: " + safeMediaType(attachment.mediaType) + "\r\n";
    out += "Content-Transfer-Encoding: base64\r\n";
    out += "Content-Disposition: attachment;\r\n " + fileNameParameter(attachment.name)
           + "\r\n\r\n";
    return out + base64Lines(attachment.data);
}

} // namespace

QByteArray compose(const MailMessage &message, const QString &fromName, const QString &fromAddress,
                   qint64 nowMs)
{
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(nowMs, Qt::UTC);
    const QByteArray date
        = QLocale::c().toString(now, QStringLiteral("ddd, dd MMM yyyy HH:mm:ss")).toLatin1()
          + " +0000";
    const QString domain = fromAddress.section(QLatin1Char('@'), 1);
    QByteArray out;
    out += "Date: " + date + "\r\n";
    out += "From: " + headerSafe(fromName) + " <" + headerSafe(fromAddress) + ">\r\n";
    out += "To: <" + headerSafe(message.to) + ">\r\n";
    out += "Subject: " + headerSafe(message.subject) + "\r\n";
    out += "Message-ID: <" + Tokens::generate().left(24).toLatin1() + "@" + headerSafe(domain)
           + ">\r\n";
    out += "MIME-Version: 1.0\r\n";
    out += "Auto-Submitted: auto-generated\r\n";
    QList<MailAttachment> files;
    for (const MailAttachment &attachment : message.attachments) {
        if (attachment.contentId.isEmpty()) {
            files.append(attachment);
        }
    }
    if (files.isEmpty()) {
        return out + textBody(message);
    }
    const QByteArray boundary = "=_mixed_" + Tokens::generate().left(20).toLatin1();
    out += "Content-Type: multipart/mixed;\r\n boundary=\"" + boundary + "\"\r\n\r\n";
    out += "--" + boundary + "\r\n" + textBody(message);
    for (const MailAttachment &attachment : std::as_const(files)) {
        out += "--" + boundary + "\r\n" + attachmentPart(attachment);
    }
    out += "--" + boundary + "--\r\n";
    return out;
}

} // namespace Gatehouse::MimeWriter
