#include "RequestGate.h"

#include <QCoreApplication>
#include <QList>
#include <QVarLengthArray>

#include <algorithm>

namespace Gatehouse {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Gatehouse::RequestGate", text);
}

bool isTokenChar(char c)
{
    // RFC 9110 tchar
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
           || QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

bool isToken(QByteArrayView text)
{
    if (text.isEmpty()) {
        return false;
    }
    for (const char c : text) {
        if (!isTokenChar(c)) {
            return false;
        }
    }
    return true;
}

bool hasControlCharacters(QByteArrayView text)
{
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if ((u < 32 && c != '\t') || u == 127) {
            return true;
        }
    }
    return false;
}

// Header names and the few values compared are case-insensitive.
bool is(QByteArrayView text, QByteArrayView wanted)
{
    return text.compare(wanted, Qt::CaseInsensitive) == 0;
}

bool startsWithNoCase(QByteArrayView text, QByteArrayView prefix)
{
    return text.size() >= prefix.size() && is(text.first(prefix.size()), prefix);
}

QByteArrayView withoutCr(QByteArrayView line)
{
    return line.endsWith('\r') ? line.chopped(1) : line;
}

// Comma-separated tokens of a header such as Connection, lower-cased.
QList<QByteArray> tokens(QByteArrayView value)
{
    QList<QByteArray> result;
    for (const QByteArray &part : value.toByteArray().split(',')) {
        const QByteArray token = part.trimmed().toLower();
        if (!token.isEmpty()) {
            result.append(token);
        }
    }
    return result;
}

} // namespace

RequestGate::RequestGate(const FrontDoorLimits &limits)
    : m_limits(limits)
{}

bool RequestGate::isReadingBody() const
{
    return m_state == State::Body || m_state == State::ChunkSize || m_state == State::ChunkData
           || m_state == State::ChunkDataEnd || m_state == State::Trailer;
}

bool RequestGate::takeExpectContinue()
{
    const bool expect = m_expectContinue;
    m_expectContinue = false;
    return expect;
}

bool RequestGate::refuse(int status, const char *reason, const QString &message)
{
    m_state = State::Refused;
    m_refusal = {status, QByteArray(reason), message, {}};
    m_head.clear();
    m_line.clear();
    return false;
}

void RequestGate::body(QByteArrayView bytes, Sink &sink)
{
    if (m_spooling) {
        sink.spoolBody(bytes);
    } else {
        sink.pass(bytes);
    }
}

void RequestGate::framing(QByteArrayView bytes, Sink &sink)
{
    if (!m_spooling) {
        sink.pass(bytes);
    }
}

void RequestGate::requestComplete(Sink &sink)
{
    if (m_spooling) {
        m_spooling = false;
        sink.spoolEnd();
    }
    if (m_closeAfter) {
        m_closingRequest = m_completed;
    }
    ++m_completed;
    m_state = m_closeAfter ? State::Closing : State::Head;
}

bool RequestGate::feed(QByteArrayView bytes, Sink &sink)
{
    qsizetype at = 0;
    while (at < bytes.size()) {
        switch (m_state) {
        case State::Refused:
            return false;
        case State::Closing:
            return true; // the client said this was its last request
        case State::Head: {
            // Blank lines before a request are tolerated (RFC 9112, 2.2).
            if (m_head.isEmpty() && (bytes[at] == '\r' || bytes[at] == '\n')) {
                ++at;
                break;
            }
            const qsizetype before = m_head.size();
            const qsizetype take = qMin(bytes.size() - at, m_limits.maxHeaderBytes + 4 - before);
            m_head.append(bytes.data() + at, take);
            const qsizetype end = m_head.indexOf("\r\n\r\n", qMax<qsizetype>(0, before - 3));
            const qsizetype lineEnd = m_head.indexOf("\r\n");
            if ((lineEnd < 0 ? m_head.size() : lineEnd) > m_limits.maxRequestLineBytes) {
                return refuse(414, "URI Too Long", tr("The address of this request is too long."));
            }
            if (end < 0) {
                if (m_head.size() > m_limits.maxHeaderBytes) {
                    return refuse(431, "Request Header Fields Too Large",
                                  tr("The request headers are too large."));
                }
                at += take;
                break;
            }
            const qsizetype headSize = end + 4;
            at += headSize - before; // the rest of this chunk belongs to the body
            m_head.truncate(headSize);
            if (!headComplete(sink)) {
                return false;
            }
            break;
        }
        case State::Body: {
            const qsizetype take = qsizetype(qMin<qint64>(m_remaining, bytes.size() - at));
            body(bytes.sliced(at, take), sink);
            at += take;
            m_remaining -= take;
            if (m_remaining == 0) {
                requestComplete(sink);
            }
            break;
        }
        case State::ChunkSize:
        case State::Trailer: {
            const char c = bytes[at];
            framing(bytes.sliced(at++, 1), sink);
            m_line.append(c);
            if (m_state == State::Trailer && ++m_trailerBytes > m_limits.maxHeaderBytes) {
                return refuse(431, "Request Header Fields Too Large",
                              tr("The request trailers are too large."));
            }
            if (m_line.size() > 1024) {
                return refuse(400, "Bad Request", tr("A chunk header is malformed."));
            }
            if (!m_line.endsWith("\r\n")) {
                break;
            }
            const QByteArray line = m_line.chopped(2);
            m_line.clear();
            if (m_state == State::Trailer) {
                if (line.isEmpty()) {
                    requestComplete(sink);
                }
            } else if (!chunkSizeLine(line)) {
                return false;
            }
            break;
        }
        case State::ChunkData: {
            const qsizetype take = qsizetype(qMin<qint64>(m_remaining, bytes.size() - at));
            body(bytes.sliced(at, take), sink);
            at += take;
            m_remaining -= take;
            if (m_remaining == 0) {
                m_state = State::ChunkDataEnd;
            }
            break;
        }
        case State::ChunkDataEnd: {
            const char c = bytes[at];
            framing(bytes.sliced(at++, 1), sink);
            m_line.append(c);
            if (m_line.size() == 2) {
                if (m_line != "\r\n") {
                    return refuse(400, "Bad Request", tr("A chunk is not terminated properly."));
                }
                m_line.clear();
                m_state = State::ChunkSize;
            }
            break;
        }
        }
    }
    return m_state != State::Refused;
}

bool RequestGate::chunkSizeLine(const QByteArray &line)
{
    const QByteArray hex = line.split(';').first().trimmed();
    bool ok = false;
    const qint64 size = hex.size() <= 15 ? hex.toLongLong(&ok, 16) : -1;
    if (!ok || size < 0 || hex.startsWith('+') || hex.startsWith('-')) {
        return refuse(400, "Bad Request", tr("A chunk size is malformed."));
    }
    if (m_bodyBytes + size > m_bodyLimit) {
        return refuse(413, "Payload Too Large", tr("The request body is too large."));
    }
    m_bodyBytes += size;
    if (size == 0) {
        m_state = State::Trailer;
        m_trailerBytes = 0;
    } else {
        m_remaining = size;
        m_state = State::ChunkData;
    }
    return true;
}

bool RequestGate::headComplete(Sink &sink)
{
    // The head's lines, read in place, each still with its "\r"; the empty line that ends the
    // head is left off.
    const QByteArrayView head = QByteArrayView(m_head).chopped(2);
    QVarLengthArray<QByteArrayView, 32> lines;
    for (qsizetype at = 0; at < head.size();) {
        qsizetype end = head.indexOf('\n', at);
        end = end < 0 ? head.size() : end;
        lines.append(head.sliced(at, end - at));
        at = end + 1;
    }
    const QByteArrayView requestLine = withoutCr(lines.first());
    // Exactly three parts, one space apart.
    const qsizetype firstSpace = requestLine.indexOf(' ');
    const qsizetype secondSpace = firstSpace < 0 ? -1 : requestLine.indexOf(' ', firstSpace + 1);
    const bool threeParts = secondSpace >= 0 && requestLine.indexOf(' ', secondSpace + 1) < 0;
    const QByteArrayView method = threeParts ? requestLine.first(firstSpace) : QByteArrayView();
    const QByteArrayView target
        = threeParts ? requestLine.sliced(firstSpace + 1, secondSpace - firstSpace - 1)
                     : QByteArrayView();
    const QByteArrayView version
        = threeParts ? requestLine.sliced(secondSpace + 1) : QByteArrayView();
    if (version.startsWith("HTTP/") && version != "HTTP/1.1" && version != "HTTP/1.0") {
        return refuse(505, "HTTP Version Not Supported", tr("Use HTTP/1.1."));
    }
    if (!threeParts || !isToken(method) || hasControlCharacters(target)
        || !version.startsWith("HTTP/")
        || !(target.startsWith('/') || (method == "OPTIONS" && target == "*"))) {
        return refuse(400, "Bad Request", tr("The request line is malformed."));
    }
    if (lines.size() - 1 > m_limits.maxHeaderFields) {
        return refuse(431, "Request Header Fields Too Large",
                      tr("The request has too many header fields."));
    }
    qint64 contentLength = -1;
    bool chunked = false;
    bool hasHost = false;
    bool close = version == "HTTP/1.0";
    m_expectContinue = false;
    const FrontDoorLimits::RouteBodyLimit *route = m_limits.routeFor(target);
    const bool spool = route && route->spool;
    // A spooled request's head as the server gets it: no body announced, nothing to continue.
    QByteArray spooledHead;
    if (spool) {
        spooledHead.append(lines.first()).append('\n');
    }
    for (qsizetype i = 1; i < lines.size(); ++i) {
        if (!lines.at(i).endsWith('\r')) {
            return refuse(400, "Bad Request", tr("A header line is malformed."));
        }
        const QByteArrayView line = lines.at(i).chopped(1);
        const qsizetype colon = line.indexOf(':');
        // No obsolete line folding, no space before the colon (RFC 9112, 5.1 and 5.2).
        if (colon <= 0 || !isToken(line.first(colon))
            || hasControlCharacters(line.sliced(colon + 1))) {
            return refuse(400, "Bad Request", tr("A header line is malformed."));
        }
        const QByteArrayView name = line.first(colon);
        const QByteArrayView value = line.sliced(colon + 1).trimmed();
        // Only the front door names a spool or a file to send; a client cannot.
        if (startsWithNoCase(name, kInternalHeaderPrefix)) {
            return refuse(400, "Bad Request",
                          tr("The request carries a header reserved for the "
                             "server."));
        }
        const bool isLength = is(name, "content-length");
        const bool isEncoding = is(name, "transfer-encoding");
        const bool isExpect = is(name, "expect");
        if (spool && !isLength && !isEncoding && !isExpect) {
            spooledHead.append(lines.at(i)).append('\n');
        }
        if (isLength) {
            bool ok = false;
            const qint64 length = value.toLongLong(&ok);
            const bool digitsOnly = !value.isEmpty()
                                    && std::all_of(value.cbegin(), value.cend(),
                                                   [](char c) { return c >= '0' && c <= '9'; });
            if (!ok || !digitsOnly || (contentLength >= 0 && contentLength != length)) {
                return refuse(400, "Bad Request", tr("The Content-Length header is invalid."));
            }
            contentLength = length;
        } else if (isEncoding) {
            if (tokens(value) != QList<QByteArray>{QByteArrayLiteral("chunked")} || chunked) {
                return refuse(501, "Not Implemented",
                              tr("Only the chunked transfer encoding is supported."));
            }
            chunked = true;
        } else if (is(name, "host")) {
            if (hasHost) {
                return refuse(400, "Bad Request", tr("The request has two Host headers."));
            }
            hasHost = true;
        } else if (is(name, "connection")) {
            const QList<QByteArray> options = tokens(value);
            if (options.contains("close")) {
                close = true;
            } else if (options.contains("keep-alive")) {
                close = false;
            }
        } else if (isExpect) {
            if (!is(value, "100-continue")) {
                return refuse(417, "Expectation Failed", tr("Unsupported expectation."));
            }
            m_expectContinue = version == "HTTP/1.1";
        }
    }
    // Both framings at once is how requests are smuggled past a proxy (RFC 9112, 6.1).
    if (chunked && contentLength >= 0) {
        return refuse(400, "Bad Request",
                      tr("A request cannot carry both Content-Length and Transfer-Encoding."));
    }
    if (!hasHost && version == "HTTP/1.1") {
        return refuse(400, "Bad Request", tr("The request has no Host header."));
    }
    m_bodyLimit = route ? route->maxBytes : m_limits.maxBodyBytes;
    if (contentLength > m_bodyLimit) {
        return refuse(413, "Payload Too Large", tr("The request body is too large."));
    }
    if ((chunked || contentLength > 0) && route) {
        if (std::optional<Refusal> refusal = sink.admitLargeBody(m_head)) {
            m_state = State::Refused;
            m_refusal = *refusal;
            m_head.clear();
            return false;
        }
    }
    m_spooling = spool;
    if (spool) {
        sink.spoolStart(spooledHead + "Content-Length: 0\r\n");
    } else {
        sink.pass(m_head);
    }
    m_head.clear();
    m_closeAfter = close;
    m_bodyBytes = 0;
    if (chunked) {
        m_state = State::ChunkSize;
    } else if (contentLength > 0) {
        m_remaining = contentLength;
        m_state = State::Body;
    } else {
        m_expectContinue = false;
        requestComplete(sink);
    }
    return true;
}

} // namespace Gatehouse
