#include "FrontDoorConnection.h"

#include "ResponseHead.h"
#include "UploadSpool.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSslSocket>
#include <QTcpSocket>

#include <fcntl.h>
#include <sys/socket.h>

Q_LOGGING_CATEGORY(lcFrontDoor, "gatehouse.portal.http")

namespace Gatehouse {

namespace {

constexpr qint64 kReadBufferBytes = 64 * 1024;
constexpr qint64 kMaxPendingOutputBytes = 1024 * 1024;
// An offered file is read one chunk ahead of the client: never more than this waits for it.
constexpr qint64 kPumpAheadBytes = 512 * 1024;
constexpr int kDrainMs = 2000;

// The socket QHttpServer reads from: the server end of the local pair, showing the client's
// own address so the request knows who sent it.
class RelaySocket : public QTcpSocket
{
public:
    using QTcpSocket::QTcpSocket;
    void setClient(const QHostAddress &address, quint16 port)
    {
        setPeerAddress(address);
        setPeerPort(port);
    }
};

// A connected pair of local stream sockets, closed on exec.
bool openLocalPair(int pair[2])
{
#ifdef SOCK_CLOEXEC
    return ::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) == 0;
#else
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, pair) != 0) {
        return false;
    }
    ::fcntl(pair[0], F_SETFD, FD_CLOEXEC);
    ::fcntl(pair[1], F_SETFD, FD_CLOEXEC);
    return true;
#endif
}

QByteArray errorResponse(int status, const QByteArray &reason, const QString &message)
{
    const QByteArray code = reason.toLower().replace(' ', '_');
    const QByteArray body
        = QJsonDocument(QJsonObject{{QStringLiteral("error"), message},
                                    {QStringLiteral("code"), QString::fromLatin1(code)}})
              .toJson(QJsonDocument::Compact);
    return "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason
           + "\r\nContent-Type: application/json\r\nContent-Length: "
           + QByteArray::number(body.size())
           + "\r\nConnection: close\r\nCache-Control: no-store\r\n"
             "Content-Security-Policy: default-src 'none'; frame-ancestors 'none'\r\n"
             "X-Content-Type-Options: nosniff\r\nReferrer-Policy: no-referrer\r\n\r\n"
           + body;
}

} // namespace

FrontDoorConnection::FrontDoorConnection(qintptr socketDescriptor, const FrontDoorLimits &limits,
                                         const QSslConfiguration *tls, TransferRegistry *transfers,
                                         QObject *parent)
    : QObject(parent)
    , m_limits(limits)
    , m_gate(limits)
    , m_transfers(transfers)
{
    if (tls) {
        m_tlsWire = new QSslSocket(this);
        m_tlsWire->setSslConfiguration(*tls);
        m_wire = m_tlsWire;
    } else {
        m_wire = new QTcpSocket(this);
    }
    int pair[2] = {-1, -1};
    if (!m_wire->setSocketDescriptor(socketDescriptor) || !openLocalPair(pair)) {
        qCWarning(lcFrontDoor) << "cannot accept a connection:" << m_wire->errorString();
        return;
    }
    m_wire->setReadBufferSize(kReadBufferBytes);
    if (m_tlsWire) {
        // A failed handshake (old protocol, plain HTTP on the TLS port) just ends the connection.
        connect(m_tlsWire, &QSslSocket::errorOccurred, m_tlsWire, &QSslSocket::abort);
        m_tlsWire->startServerEncryption();
    }
    m_inner = new QTcpSocket(this);
    auto *relay = new RelaySocket(parent);
    if (!m_inner->setSocketDescriptor(pair[0]) || !relay->setSocketDescriptor(pair[1])) {
        qCWarning(lcFrontDoor) << "cannot open the local socket pair";
        delete relay;
        return;
    }
    relay->setClient(m_wire->peerAddress(), m_wire->peerPort());
    m_relay = relay;

    connect(m_wire, &QTcpSocket::readyRead, this, &FrontDoorConnection::readFromClient);
    connect(m_inner, &QTcpSocket::readyRead, this, &FrontDoorConnection::readFromServer);
    const auto written = [this] {
        m_writeStall.restart();
        if (m_download) {
            pump();
        } else if (pendingOutput() < kMaxPendingOutputBytes) {
            readFromServer(); // resume what backpressure held back
        }
    };
    connect(m_wire, &QTcpSocket::bytesWritten, this, written);
    if (m_tlsWire) {
        // Encrypted output drains from a buffer of its own.
        connect(m_tlsWire, &QSslSocket::encryptedBytesWritten, this, written);
    }
    connect(m_wire, &QTcpSocket::disconnected, this, &FrontDoorConnection::finish);
    connect(m_inner, &QTcpSocket::disconnected, this, [this] {
        if (m_closing || m_finished) {
            return; // our own doing: a refusal is on its way, or the client is gone
        }
        // The server hung up: pass on what it said, then close (after a file being sent).
        m_serverGone = true;
        readFromServer();
        if (!m_download) {
            m_wire->disconnectFromHost();
        }
    });
    const int shortest = qMin(qMin(m_limits.headerTimeoutMs, m_limits.idleTimeoutMs),
                              qMin(m_limits.bodyRateWindowMs, m_limits.writeTimeoutMs));
    m_ticker.setInterval(qBound(20, shortest / 4, 1000));
    connect(&m_ticker, &QTimer::timeout, this, &FrontDoorConnection::check);
    m_ticker.start();
    m_since.start();
    m_writeStall.start();
}

FrontDoorConnection::~FrontDoorConnection()
{
    dropSpools(); // also when the server stops with the connection open
    // A relay that QHttpServer never took (a refused connection) is ours to delete.
    if (!m_relayTaken) {
        delete m_relay;
    }
}

QTcpSocket *FrontDoorConnection::takeRelay()
{
    m_relayTaken = true;
    return m_relay;
}

QHostAddress FrontDoorConnection::peerAddress() const
{
    return m_wire->peerAddress();
}

void FrontDoorConnection::readFromClient()
{
    if (m_closing) {
        m_wire->readAll(); // draining after a refusal or the client's last request
        return;
    }
    const QByteArray data = m_wire->readAll();
    const bool wasBetween = m_gate.isBetweenRequests();
    const bool wasInBody = m_gate.isReadingBody();
    const bool ok = m_gate.feed(data, *this);
    if (!m_spoolError.isEmpty()) {
        qCWarning(lcFrontDoor).noquote() << m_spoolError;
        refuseAndClose(503, "Service Unavailable",
                       QCoreApplication::translate("Gatehouse::FrontDoor",
                                                   "The upload cannot be stored right now. "
                                                   "Please try again later."));
        return;
    }
    if (!ok) {
        const RequestGate::Refusal &refusal = m_gate.refusal();
        qCInfo(lcFrontDoor).noquote() << "refused" << refusal.status << "to"
                                      << m_wire->peerAddress().toString() << refusal.message;
        refuseAndClose(refusal.status, refusal.reason, refusal.message);
        return;
    }
    if (m_gate.takeExpectContinue()) {
        m_wire->write("HTTP/1.1 100 Continue\r\n\r\n");
    }
    if ((wasBetween && !m_gate.isBetweenRequests()) || (!wasInBody && m_gate.isReadingBody())) {
        m_since.restart(); // a new head or body starts its clock
        m_windowBytes = 0;
    }
    if (m_gate.isReadingBody()) {
        m_windowBytes += data.size();
    }
}

void FrontDoorConnection::pass(QByteArrayView bytes)
{
    m_inner->write(bytes.data(), bytes.size());
}

void FrontDoorConnection::spoolStart(const QByteArray &head)
{
    m_spoolHead = head;
    if (!m_transfers) {
        m_spoolError = QStringLiteral("no spool for a spooled route");
        return;
    }
    m_spool = m_transfers->createSpool(&m_spoolError);
}

void FrontDoorConnection::spoolBody(QByteArrayView bytes)
{
    if (m_spool && m_spoolError.isEmpty()) {
        (void)m_spool->append(bytes, &m_spoolError);
    }
}

void FrontDoorConnection::spoolEnd()
{
    if (!m_spool || !m_spoolError.isEmpty() || !m_spool->complete(&m_spoolError)) {
        return;
    }
    // Called before the gate counts the request: its number is the count so far.
    m_spoolOfRequest.insert(m_gate.completedRequests(), m_spool->id());
    m_inner->write(m_spoolHead + TransferRegistry::kSpoolHeader + ": " + m_spool->id()
                   + "\r\n\r\n");
    m_spool.reset();
    m_spoolHead.clear();
}

void FrontDoorConnection::dropSpools()
{
    if (!m_transfers) {
        return;
    }
    if (m_spool) {
        m_transfers->removeSpool(m_spool->id());
        m_spool.reset();
    }
    for (const QByteArray &id : std::as_const(m_spoolOfRequest)) {
        m_transfers->removeSpool(id);
    }
    m_spoolOfRequest.clear();
}

qint64 FrontDoorConnection::pendingOutput() const
{
    return m_wire->bytesToWrite() + (m_tlsWire ? m_tlsWire->encryptedBytesToWrite() : 0);
}

void FrontDoorConnection::writeToClient(const QByteArray &bytes)
{
    if (pendingOutput() == 0) {
        m_writeStall.restart();
    }
    m_wire->write(bytes);
}

void FrontDoorConnection::readFromServer()
{
    // A slow reader holds the server's output back instead of our memory.
    while (!m_download && !m_finished && pendingOutput() < kMaxPendingOutputBytes) {
        if (m_fromServer.isEmpty()) {
            if (m_inner->bytesAvailable() == 0) {
                return;
            }
            m_fromServer = m_inner->read(kMaxPendingOutputBytes);
        }
        relayResponses();
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
            writeToClient(m_fromServer.sliced(at));
            at = m_fromServer.size();
            break;
        }
        if (m_responseInBody) {
            const qsizetype take
                = qsizetype(qMin<qint64>(m_responseRemaining, m_fromServer.size() - at));
            writeToClient(m_fromServer.sliced(at, take));
            at += take;
            m_responseRemaining -= take;
        } else {
            // A head is held until it is complete, to be looked at before the client gets it.
            const qsizetype before = m_responseHead.size();
            m_responseHead.append(m_fromServer.sliced(at));
            const qsizetype end
                = m_responseHead.indexOf("\r\n\r\n", qMax<qsizetype>(0, before - 3));
            if (end < 0) {
                at = m_fromServer.size();
                break;
            }
            at += end + 4 - before;
            const QByteArray head = m_responseHead.left(end + 4);
            m_responseHead.clear();
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
    writeToClient(ResponseHead::rewrite(head, download ? download->size : -1));
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

void FrontDoorConnection::check()
{
    if (m_finished) {
        return;
    }
    if (pendingOutput() > 0 && m_writeStall.elapsed() > m_limits.writeTimeoutMs) {
        qCInfo(lcFrontDoor) << "dropping a client that stopped reading";
        m_wire->abort();
        finish();
        return;
    }
    if (m_closing) {
        return;
    }
    const qint64 elapsed = m_since.elapsed();
    if (m_tlsWire && !m_tlsWire->isEncrypted()) {
        if (elapsed > m_limits.headerTimeoutMs) {
            m_wire->abort(); // no TLS handshake in time: nothing to answer in
            finish();
        }
        return;
    }
    if (m_gate.isReadingHead() && elapsed > m_limits.headerTimeoutMs) {
        refuseAndClose(408, "Request Timeout",
                       QCoreApplication::translate("Gatehouse::FrontDoor",
                                                   "The request took too long to arrive."));
    } else if (m_gate.isReadingBody() && elapsed > m_limits.bodyRateWindowMs) {
        if (m_windowBytes < m_limits.minBodyBytesPerWindow) {
            refuseAndClose(
                408, "Request Timeout",
                QCoreApplication::translate("Gatehouse::FrontDoor", "The upload is too slow."));
            return;
        }
        m_since.restart();
        m_windowBytes = 0;
    } else if (m_gate.isBetweenRequests() && m_responsesDone >= m_gate.completedRequests()
               && elapsed > m_limits.idleTimeoutMs) {
        m_closing = true;
        m_wire->disconnectFromHost();
    }
}

void FrontDoorConnection::refuseAndClose(int status, const QByteArray &reason,
                                         const QString &message)
{
    m_closing = true;
    dropSpools();
    m_wire->write(errorResponse(status, reason, message));
    if (m_inner) {
        m_inner->abort(); // whatever QHttpServer holds of this request is dropped
    }
    drainAndClose();
}

void FrontDoorConnection::drainAndClose()
{
    // Closing with unread input would reset the connection and lose the answer, so the answer
    // is sent, our side shut for writing, and the client's remaining bytes read and dropped for
    // a moment before the socket goes.
    // Over TLS the shutdown waits for the encrypted answer too, or it would never leave.
    const auto shutWrite = [this] {
        if (pendingOutput() == 0 && m_wire->state() == QAbstractSocket::ConnectedState) {
            ::shutdown(int(m_wire->socketDescriptor()), SHUT_WR);
        }
    };
    if (m_tlsWire) {
        // QSslSocket announces bytesWritten once it has encrypted the bytes into its own
        // buffer; only encryptedBytesWritten says that the kernel took them.
        connect(m_tlsWire, &QSslSocket::encryptedBytesWritten, this, shutWrite);
    } else {
        connect(m_wire, &QTcpSocket::bytesWritten, this, shutWrite);
    }
    shutWrite();
    QTimer::singleShot(kDrainMs, this, [this] {
        m_wire->abort();
        finish();
    });
}

void FrontDoorConnection::finish()
{
    if (m_finished) {
        return;
    }
    m_finished = true;
    m_ticker.stop();
    m_download.reset();
    dropSpools();
    if (m_inner && m_inner->state() != QAbstractSocket::UnconnectedState) {
        m_inner->disconnectFromHost();
    }
    Q_EMIT finished();
    deleteLater();
}

} // namespace Gatehouse
