#pragma once

#include <QByteArray>

namespace Gatehouse {

// The head of one response from QHttpServer, as the front door relays it: its status, its
// framing, and the file a handler asked the door to send as its body (TransferRegistry).
struct ResponseHead
{
    int status = 0;
    qint64 contentLength = -1; // -1: none given (the body runs until the connection closes)
    QByteArray fileToken;      // from TransferRegistry::kFileHeader; empty for most responses

    // head: the status line and headers through the blank line that ends them.
    static ResponseHead parse(const QByteArray &head);
    // head again, without any Gatehouse-Internal-* header (those never reach a client) and,
    // when contentLength >= 0, with that Content-Length instead of the one it had.
    static QByteArray rewrite(const QByteArray &head, qint64 contentLength);
    bool isInterim() const { return status >= 100 && status < 200; }
};

} // namespace Gatehouse
