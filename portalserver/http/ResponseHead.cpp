#include "ResponseHead.h"

#include "RequestGate.h"
#include "TransferRegistry.h"

#include <QList>

namespace Gatehouse {

namespace {

QByteArray nameOf(const QByteArray &line)
{
    const qsizetype colon = line.indexOf(':');
    return colon < 0 ? QByteArray() : line.left(colon).trimmed().toLower();
}

} // namespace

ResponseHead ResponseHead::parse(const QByteArray &head)
{
    ResponseHead parsed;
    const QList<QByteArray> lines = head.trimmed().split('\n');
    parsed.status = lines.first().split(' ').value(1).toInt();
    const QByteArray fileHeader = QByteArray(TransferRegistry::kFileHeader).toLower();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray name = nameOf(lines.at(i));
        const QByteArray value = lines.at(i).mid(lines.at(i).indexOf(':') + 1).trimmed();
        if (name == "content-length") {
            parsed.contentLength = value.toLongLong();
        } else if (name == fileHeader) {
            parsed.fileToken = value;
        }
    }
    if (parsed.status == 204 || parsed.status == 304) {
        parsed.contentLength = 0;
    }
    return parsed;
}

QByteArray ResponseHead::rewrite(const QByteArray &head, qint64 contentLength)
{
    QList<QByteArray> lines = head.split('\n');
    QByteArray out;
    out.reserve(head.size() + 16);
    bool lengthGiven = false;
    for (const QByteArray &line : lines) {
        if (line.isEmpty()) {
            continue; // the end of the last "\r\n"
        }
        const QByteArray name = nameOf(line);
        if (name.startsWith(RequestGate::kInternalHeaderPrefix)) {
            continue;
        }
        if (name == "content-length" && contentLength >= 0) {
            if (!lengthGiven) {
                out += "Content-Length: " + QByteArray::number(contentLength) + "\r\n";
            }
            lengthGiven = true;
            continue;
        }
        if (line == "\r") {
            continue; // the blank line, put back below
        }
        out += line + '\n';
    }
    if (!lengthGiven && contentLength >= 0) {
        out += "Content-Length: " + QByteArray::number(contentLength) + "\r\n";
    }
    return out + "\r\n";
}

} // namespace Gatehouse
