#include "MimeReader.h"

#include <QRegularExpression>

namespace Gatehouse::Testing {

namespace {

int hexValue(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    return -1;
}

// Splits at the first empty line; accepts CRLF (as sent) and LF (as a Maildir stores it).
void splitHeadersAndBody(const QByteArray &raw, QByteArray *headers, QByteArray *body)
{
    const QByteArray normalised = QByteArray(raw).replace("\r\n", "\n");
    const qsizetype gap = normalised.indexOf("\n\n");
    *headers = gap < 0 ? normalised : normalised.left(gap);
    *body = gap < 0 ? QByteArray() : normalised.mid(gap + 2);
}

QList<QByteArray> unfold(const QByteArray &headerBlock)
{
    QList<QByteArray> lines;
    for (const QByteArray &line : headerBlock.split('\n')) {
        if (!lines.isEmpty() && (line.startsWith(' ') || line.startsWith('\t'))) {
            lines.last() += line;
        } else if (!line.isEmpty()) {
            lines.append(line);
        }
    }
    return lines;
}

QByteArray headerIn(const QList<QByteArray> &lines, const QByteArray &name)
{
    const QByteArray prefix = name.toLower() + ':';
    for (const QByteArray &line : lines) {
        if (line.toLower().startsWith(prefix)) {
            return line.mid(prefix.size()).trimmed();
        }
    }
    return QByteArray();
}

QString decodeBody(const QByteArray &body, const QByteArray &transferEncoding)
{
    const QByteArray encoding = transferEncoding.trimmed().toLower();
    QByteArray bytes = body;
    if (encoding == "quoted-printable") {
        bytes = MimeReader::decodeQuotedPrintable(body);
    } else if (encoding == "base64") {
        bytes = QByteArray::fromBase64(body);
    }
    // Line ends as a reader sees them, whatever the wire format was.
    return QString::fromUtf8(bytes.replace("\r\n", "\n"));
}

QByteArray decodeBytes(const QByteArray &body, const QByteArray &transferEncoding)
{
    const QByteArray encoding = transferEncoding.trimmed().toLower();
    if (encoding == "base64") {
        return QByteArray::fromBase64(QByteArray(body).replace("\n", "").replace("\r", ""),
                                      QByteArray::AbortOnBase64DecodingErrors);
    }
    if (encoding == "quoted-printable") {
        return MimeReader::decodeQuotedPrintable(body);
    }
    return body;
}

QString fileNameIn(const QByteArray &disposition)
{
    static const QRegularExpression extended(
        QStringLiteral(R"re(filename\*\s*=\s*UTF-8''([^;\s]+))re"),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression plain(QStringLiteral(R"re(filename\s*=\s*"([^"]*)")re"),
                                          QRegularExpression::CaseInsensitiveOption);
    const QString value = QString::fromLatin1(disposition);
    const QRegularExpressionMatch encoded = extended.match(value);
    if (encoded.hasMatch()) {
        return QString::fromUtf8(QByteArray::fromPercentEncoding(encoded.captured(1).toLatin1()));
    }
    return plain.match(value).captured(1);
}

void readPart(const QByteArray &raw, ReadMail *mail, bool top)
{
    QByteArray headerBlock;
    QByteArray body;
    splitHeadersAndBody(raw, &headerBlock, &body);
    const QList<QByteArray> lines = unfold(headerBlock);
    if (top) {
        mail->headerLines = lines;
    }
    const QByteArray contentType = headerIn(lines, "Content-Type");
    const QByteArray type = contentType.split(';').first().trimmed().toLower();
    if (type.startsWith("multipart/")) {
        static const QRegularExpression boundaryPattern(
            QStringLiteral(R"re(boundary\s*=\s*(?:"([^"]+)"|([^;\s]+)))re"),
            QRegularExpression::CaseInsensitiveOption);
        const QRegularExpressionMatch match
            = boundaryPattern.match(QString::fromLatin1(contentType));
        if (!match.hasMatch()) {
            return;
        }
        const QByteArray boundary
            = "--"
              + (match.captured(1).isEmpty() ? match.captured(2) : match.captured(1)).toLatin1();
        // Parts sit between boundary lines; the first piece is the preamble.
        QList<QByteArray> parts;
        QByteArray current;
        bool inPart = false;
        for (const QByteArray &line : body.split('\n')) {
            if (line.startsWith(boundary)) {
                if (inPart) {
                    parts.append(current);
                }
                current.clear();
                inPart = !line.startsWith(QByteArray(boundary + "--"));
                continue;
            }
            if (inPart) {
                current += line + '\n';
            }
        }
        for (const QByteArray &part : parts) {
            readPart(part, mail, false);
        }
        return;
    }
    if (body.endsWith('\n')) {
        body.chop(1); // the line break before the next boundary belongs to it
    }
    const QByteArray disposition = headerIn(lines, "Content-Disposition");
    const QByteArray contentId = headerIn(lines, "Content-ID");
    if (!contentId.isEmpty()) {
        QByteArray id = contentId.trimmed();
        if (id.startsWith('<') && id.endsWith('>')) {
            id = id.mid(1, id.size() - 2);
        }
        mail->inlineParts.append(
            {contentType, id, decodeBytes(body, headerIn(lines, "Content-Transfer-Encoding"))});
        return;
    }
    if (disposition.toLower().startsWith("attachment")) {
        mail->attachments.append({contentType, fileNameIn(disposition),
                                  decodeBytes(body, headerIn(lines, "Content-Transfer-Encoding"))});
        return;
    }
    const QString decoded = decodeBody(body, headerIn(lines, "Content-Transfer-Encoding"));
    if (type == "text/html") {
        mail->html = decoded;
    } else if (type.isEmpty() || type == "text/plain") {
        mail->text = decoded;
    }
}

} // namespace

QByteArray ReadMail::header(const QByteArray &name) const
{
    return headerIn(headerLines, name);
}

int ReadMail::headerCount(const QByteArray &name) const
{
    const QByteArray prefix = name.toLower() + ':';
    int count = 0;
    for (const QByteArray &line : headerLines) {
        count += line.toLower().startsWith(prefix) ? 1 : 0;
    }
    return count;
}

QString ReadMail::decodedHeader(const QByteArray &name) const
{
    return MimeReader::decodeWords(header(name));
}

namespace MimeReader {

ReadMail read(const QByteArray &raw)
{
    ReadMail mail;
    readPart(raw, &mail, true);
    return mail;
}

QByteArray decodeQuotedPrintable(const QByteArray &encoded)
{
    QByteArray out;
    const QByteArray text = QByteArray(encoded).replace("\r\n", "\n");
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text.at(i);
        if (c != '=') {
            out += c == '\n' ? QByteArray("\r\n") : QByteArray(1, c);
            continue;
        }
        if (i + 1 < text.size() && text.at(i + 1) == '\n') {
            ++i; // soft line break
            continue;
        }
        const int high = i + 2 < text.size() ? hexValue(text.at(i + 1)) : -1;
        const int low = i + 2 < text.size() ? hexValue(text.at(i + 2)) : -1;
        if (high < 0 || low < 0) {
            out += c; // not an escape: kept, as lenient readers do
            continue;
        }
        out += char(high * 16 + low);
        i += 2;
    }
    return out;
}

QString decodeWords(const QByteArray &value)
{
    static const QRegularExpression word(QStringLiteral(R"(=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=)"));
    const QString text = QString::fromLatin1(value);
    QString out;
    QByteArray pendingBytes; // adjacent words join before UTF-8 decoding
    qsizetype position = 0;
    QRegularExpressionMatchIterator it = word.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        const QString between = text.mid(position, match.capturedStart() - position);
        // Whitespace between two encoded words is not part of the text (RFC 2047, 6.2).
        if (!(position > 0 && !pendingBytes.isEmpty() && between.trimmed().isEmpty())) {
            out += QString::fromUtf8(pendingBytes) + between;
            pendingBytes.clear();
        }
        const QByteArray payload = match.captured(3).toLatin1();
        if (match.captured(2).compare(QLatin1String("B"), Qt::CaseInsensitive) == 0) {
            pendingBytes += QByteArray::fromBase64(payload);
        } else {
            pendingBytes += decodeQuotedPrintable(QByteArray(payload).replace('_', ' '));
        }
        position = match.capturedEnd();
    }
    out += QString::fromUtf8(pendingBytes) + text.mid(position);
    return out;
}

} // namespace MimeReader

} // namespace Gatehouse::Testing
