#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace Gatehouse::Testing {

// Reads back a delivered message the way a mail client would, written independently of
// MimeWriter so the tests do not trust the code they check.
struct ReadMail
{
    // Header lines in order, unfolded, as raw "Name: value" text.
    QList<QByteArray> headerLines;
    QString text; // decoded text/plain part, lines ending in \n
    QString html; // decoded text/html part, if any
    struct Attachment
    {
        QByteArray contentType; // the header's value, raw
        QString fileName;       // from Content-Disposition (filename= or RFC 2231 filename*=)
        QByteArray data;        // decoded bytes
    };
    QList<Attachment> attachments; // parts sent with Content-Disposition: attachment
    struct InlinePart
    {
        QByteArray contentType;
        QByteArray contentId; // without the angle brackets
        QByteArray data;
    };
    QList<InlinePart> inlineParts; // parts with a Content-ID, which HTML shows as cid:

    // The first header of that name (case-insensitive), raw and unfolded; empty when missing.
    QByteArray header(const QByteArray &name) const;
    int headerCount(const QByteArray &name) const;
    // The header with RFC 2047 encoded words decoded.
    QString decodedHeader(const QByteArray &name) const;
};

namespace MimeReader {

ReadMail read(const QByteArray &raw);
QByteArray decodeQuotedPrintable(const QByteArray &encoded);
// Decodes RFC 2047 encoded words (B and Q, UTF-8 and ASCII); text around them is kept.
QString decodeWords(const QByteArray &value);

} // namespace MimeReader

} // namespace Gatehouse::Testing
