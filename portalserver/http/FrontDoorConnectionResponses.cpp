// FrontDoorConnection, the way back: the server's responses relayed to the client, and offered
// files pumped to it.
#include "FrontDoorConnection.h"

#include "ResponseHead.h"

#include <QLoggingCategory>
#include <QSslSocket>
#include <QTcpSocket>

Q_DECLARE_LOGGING_CATEGORY(lcFrontDoor)

namespace Gatehouse {

void FrontDoorConnection::readFromServer()
{
    if (!m_inner) {
        return; // refused before the pair to the server was made
    }
    // A slow reader holds the server's output back instead of our memory.
    while (!m_download && !m_finished && pendingOutput() < kMaxPendingOutputBytes) {
        if (m_fromServer.isEmpty()) {
            if (m_inner->bytesAvailable() == 0) {
                return;
            }
            m_fromServer = m_inner->read(qMin(m_inner->bytesAvailable(), kMaxPendingOutputBytes));
        }
        relayResponses();
        flushHead(); // a head whose body has not come yet, or has none
        if (m_closing) {
            return;
        }
    }
}

void FrontDoorConnection::relayResponses()
{
    qsizetype at = 0;
    while (at < m_fromServer.size() && !m_download && !m_closing && !m_finished) {
        if (m_responseUntilClose) {
            writeToClient(QByteArrayView(m_fromServer).sliced(at));
            at = m_fromServer.size();
            break;
        }
        if (m_responseInBody) {
            const qsizetype take
                = qsizetype(qMin<qint64>(m_responseRemaining, m_fromServer.size() - at));
            writeToClient(QByteArrayView(m_fromServer).sliced(at, take));
            at += take;
            m_responseRemaining -= take;
        } else {
            // A head is held until it is complete, to be looked at before the client gets it.
            // Usually it is whole in what was read, and only the head is copied out of it.
            const qsizetype before = m_responseHead.size();
            const qsizetype end
                = before == 0 ? m_fromServer.indexOf("\r\n\r\n", at)
                              : m_responseHead.append(QByteArrayView(m_fromServer).sliced(at))
                                    .indexOf("\r\n\r\n", qMax<qsizetype>(0, before - 3));
            if (end < 0) {
                if (before == 0) {
                    m_responseHead = m_fromServer.sliced(at);
                }
                at = m_fromServer.size();
                break;
            }
            QByteArray head;
            if (before == 0) {
                head = m_fromServer.sliced(at, end + 4 - at);
                at = end + 4;
            } else {
                at += end + 4 - before;
                head = m_responseHead.left(end + 4);
                m_responseHead.clear();
            }
            // What is consumed goes first: sending a small file to its end relays what follows
            // from within startResponse().
            m_fromServer.remove(0, at);
            at = 0;
            startResponse(head);
        }
        if (m_responseInBody && m_responseRemaining == 0 && !m_download) {
            m_responseInBody = false;
            if (!responseDone()) {
                break;
            }
        }
    }
    m_fromServer.remove(0, at);
}

void FrontDoorConnection::startResponse(const QByteArray &head)
{
    const ResponseHead parsed = ResponseHead::parse(head);
    if (parsed.isInterim()) {
        writeToClient(ResponseHead::rewrite(head, -1));
        return;
    }
    std::optional<FileDownload> download;
    if (!parsed.fileToken.isEmpty() && m_transfers) {
        download = m_transfers->takeDownload(parsed.fileToken);
    }
    if (!parsed.fileToken.isEmpty() && (!download || parsed.contentLength != 0)) {
        // An offer that is gone cannot become a body; a half answer is worse than none.
        qCWarning(lcFrontDoor) << "a response names a file that was not offered";
        m_wire->abort();
        finish();
        return;
    }
    holdHead(ResponseHead::rewrite(head, download ? download->size : -1));
    if (parsed.contentLength < 0) {
        m_responseUntilClose = true;
        return;
    }
    m_responseRemaining = parsed.contentLength;
    m_responseInBody = true;
    if (download) {
        m_downloadLeft = download->size;
        m_downloadSeq = 0;
        m_download = std::move(download);
        pump();
    }
}

void FrontDoorConnection::pump()
{
    while (m_download && pendingOutput() < kPumpAheadBytes) {
        if (m_downloadLeft == 0) {
            m_download.reset();
            m_responseInBody = false;
            if (responseDone()) {
                readFromServer(); // what the server said after this response
                if (m_serverGone && !m_download) {
                    m_wire->disconnectFromHost();
                }
            }
            return;
        }
        QString error;
        const std::optional<QByteArray> chunk = m_download->chunk(m_downloadSeq++, &error);
        if (!chunk || chunk->isEmpty() || chunk->size() > m_downloadLeft) {
            // The file changed or went while it was sent: the client must not take the
            // shortened body for the whole file, so the connection ends.
            qCWarning(lcFrontDoor).noquote()
                << "cannot send a file:"
                << (error.isEmpty() ? QStringLiteral("wrong size") : error);
            m_download.reset();
            m_wire->abort();
            finish();
            return;
        }
        m_downloadLeft -= chunk->size();
        writeToClient(*chunk);
    }
}

bool FrontDoorConnection::responseDone()
{
    flushHead(); // a response without a body
    const int request = m_responsesDone++;
    // The handler has answered: the body it was given is read and can go.
    const QByteArray spool = m_spoolOfRequest.take(request);
    if (!spool.isEmpty() && m_transfers) {
        m_transfers->removeSpool(spool);
    }
    if (m_gate.closesAfter(request)) {
        m_closing = true;
        m_wire->disconnectFromHost(); // after what is already queued
        return false;
    }
    if (m_responsesDone == m_gate.completedRequests() && m_gate.isBetweenRequests()) {
        m_since.restart(); // idle from now
    }
    return true;
}

} // namespace Gatehouse
