#pragma once

#include "MailMessage.h"

#include <QByteArray>

namespace Gatehouse::MimeWriter {

// An RFC 5322 message: UTF-8 text (and HTML when present) as quoted-printable parts, the
// subject and display name encoded per RFC 2047; attachments, when there are any, as base64
// parts of a multipart/mixed message; images with a content id inline beside the HTML, in a
// multipart/related.
QByteArray compose(const MailMessage &message, const QString &fromName, const QString &fromAddress,
                   qint64 nowMs);

QByteArray quotedPrintable(const QByteArray &utf8);
QByteArray encodedWord(const QString &text);

} // namespace Gatehouse::MimeWriter
