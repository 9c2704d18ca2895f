#include "ResponseHead.h"

#include "RequestGate.h"
#include "TransferRegistry.h"

namespace Gatehouse {

namespace {

struct HeaderLine
{
    QByteArrayView line;  // with its line end, as it came
    QByteArrayView name;  // trimmed
    QByteArrayView value; // trimmed
};

bool nameIs(QByteArrayView name, QByteArrayView wanted)
{
    return name.compare(wanted, Qt::CaseInsensitive) == 0;
}

// Calls visit for each header of head (the status line and headers through the blank line),
// reading head in place: a response passes here once on its way to the client.
template<typename Visit>
void forEachHeader(QByteArrayView head, Visit visit)
{
    qsizetype at = head.indexOf('\n');
    at = at < 0 ? head.size() : at + 1;
    while (at < head.size()) {
        qsizetype end = head.indexOf('\n', at);
        end = end < 0 ? head.size() : end + 1;
        const QByteArrayView line = head.sliced(at, end - at);
        const qsizetype colon = line.indexOf(':');
        if (colon >= 0) {
            visit(HeaderLine{line, line.first(colon).trimmed(), line.sliced(colon + 1).trimmed()});
        } else {
            visit(HeaderLine{line, QByteArrayView(), QByteArrayView()});
        }
        at = end;
    }
}

void appendContentLength(QByteArray &out, qint64 contentLength)
{
    out += "Content-Length: ";
    out += QByteArray::number(contentLength);
    out += "\r\n";
}

} // namespace

ResponseHead ResponseHead::parse(const QByteArray &head)
{
    ResponseHead parsed;
    const QByteArrayView statusLine = QByteArrayView(head).first(qMax(head.indexOf('\n'), 0));
    const qsizetype space = statusLine.indexOf(' ');
    if (space >= 0) {
        const QByteArrayView rest = statusLine.sliced(space + 1);
        const qsizetype end = rest.indexOf(' ');
        parsed.status = (end < 0 ? rest : rest.first(end)).trimmed().toInt();
    }
    forEachHeader(head, [&parsed](const HeaderLine &header) {
        if (nameIs(header.name, "content-length")) {
            parsed.contentLength = header.value.toLongLong();
        } else if (nameIs(header.name, TransferRegistry::kFileHeader)) {
            parsed.fileToken = header.value.toByteArray();
        }
    });
    if (parsed.status == 204 || parsed.status == 304) {
        parsed.contentLength = 0;
    }
    return parsed;
}

QByteArray ResponseHead::rewrite(const QByteArray &head, qint64 contentLength)
{
    QByteArray out;
    out.reserve(head.size() + 32);
    const qsizetype statusEnd = head.indexOf('\n');
    out += QByteArrayView(head).first(statusEnd < 0 ? head.size() : statusEnd + 1);
    bool lengthGiven = false;
    forEachHeader(head, [&](const HeaderLine &header) {
        const QByteArrayView prefix = RequestGate::kInternalHeaderPrefix;
        if (header.line.trimmed().isEmpty()) {
            return; // the blank line, put back below
        }
        if (header.name.size() >= prefix.size()
            && nameIs(header.name.first(prefix.size()), prefix)) {
            return;
        }
        if (nameIs(header.name, "content-length") && contentLength >= 0) {
            if (!lengthGiven) {
                appendContentLength(out, contentLength);
            }
            lengthGiven = true;
            return;
        }
        out += header.line;
    });
    if (!lengthGiven && contentLength >= 0) {
        appendContentLength(out, contentLength);
    }
    out += "\r\n";
    return out;
}

} // namespace Gatehouse
