#include "FrontDoorConnection.h"

#include "FrontDoorRefusal.h"
#include "MemorySocket.h"
#include "SocketCalls.h"
#include "UploadSpool.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QSslSocket>
#include <QTcpSocket>

Q_LOGGING_CATEGORY(lcFrontDoor, "gatehouse.portal.http")

namespace Gatehouse {

namespace {

constexpr qint64 kReadBufferBytes = 64 * 1024;
constexpr int kDrainMs = 2000;

} // namespace

FrontDoorConnection::FrontDoorConnection(qintptr socketDescriptor, const FrontDoorLimits &limits,
                                         const QSslConfiguration *tls, TransferRegistry *transfers,
                                         const FrontDoor::LargeBodyAdmission *admission,
                                         QObject *parent)
    : QObject(parent)
    , m_limits(limits)
    , m_gate(limits)
    , m_transfers(transfers)
    , m_admission(admission)
{
    if (tls) {
        m_tlsWire = new QSslSocket(this);
        m_tlsWire->setSslConfiguration(*tls);
        m_wire = m_tlsWire;
    } else {
        m_wire = new QTcpSocket(this);
    }
    if (!m_wire->setSocketDescriptor(socketDescriptor)) {
        qCWarning(lcFrontDoor) << "cannot accept a connection:" << m_wire->errorString();
        return;
    }
    m_valid = true;
    m_wire->setReadBufferSize(kReadBufferBytes);
    // A response leaves in more than one write (its head is rewritten, then the body follows).
    // With Nagle's algorithm the second waits for the client to acknowledge the first, and
    // clients delay that acknowledgement by up to 40 ms: every keep-alive request would stall.
    m_wire->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    if (m_tlsWire) {
        // A failed handshake (old protocol, plain HTTP on the TLS port) just ends the connection.
        connect(m_tlsWire, &QSslSocket::errorOccurred, m_tlsWire, &QSslSocket::abort);
        m_tlsWire->startServerEncryption();
    }
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
        // Encrypted output drains from a buffer of its own; only this says the client's side
        // (the kernel) took it.
        connect(m_tlsWire, &QSslSocket::encryptedBytesWritten, this, written);
        connect(m_tlsWire, &QSslSocket::encryptedBytesWritten, this, &FrontDoorConnection::taken);
    } else {
        connect(m_wire, &QTcpSocket::bytesWritten, this, &FrontDoorConnection::taken);
    }
    connect(m_wire, &QTcpSocket::disconnected, this, &FrontDoorConnection::finish);
    // Before the pair exists only a refusal reads, to drain what the client sends.
    connect(m_wire, &QTcpSocket::readyRead, this, &FrontDoorConnection::readFromClient);
    const int shortest = qMin(qMin(qMin(m_limits.headerTimeoutMs, m_limits.idleTimeoutMs),
                                   qMin(m_limits.bodyRateWindowMs, m_limits.writeTimeoutMs)),
                              m_limits.sendRateWindowMs);
    m_ticker.setInterval(qBound(20, shortest / 4, 1000));
    connect(&m_ticker, &QTimer::timeout, this, &FrontDoorConnection::check);
    m_ticker.start();
    m_since.start();
    m_writeStall.start();
}

QTcpSocket *FrontDoorConnection::openRelay()
{
    const auto [inner, relay] = MemorySocket::createPair();
    inner->setParent(this);
    m_inner = inner;
    connect(m_inner, &QTcpSocket::readyRead, this, &FrontDoorConnection::readFromServer);
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
    relay->setClient(m_wire->peerAddress(), m_wire->peerPort());
    return relay;
}

FrontDoorConnection::~FrontDoorConnection()
{
    dropSpools(); // also when the server stops with the connection open
}

QHostAddress FrontDoorConnection::peerAddress() const
{
    return m_wire->peerAddress();
}

void FrontDoorConnection::readFromClient()
{
    if (m_closing || !m_inner) {
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
        refuseAndClose(refusal.status, refusal.reason, refusal.message, refusal.code);
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
    if (!m_heldHead.isEmpty()) {
        writeToClient(QByteArrayView(bytes));
        return;
    }
    if (pendingOutput() == 0) {
        m_writeStall.restart();
    }
    m_wire->write(bytes); // shared with the socket's buffer, not copied
}

void FrontDoorConnection::writeToClient(QByteArrayView bytes)
{
    if (m_heldHead.isEmpty()) {
        writeToClient(bytes.toByteArray());
        return;
    }
    // Head and body in one buffer, copied once.
    QByteArray out;
    out.reserve(m_heldHead.size() + bytes.size());
    out.append(std::exchange(m_heldHead, {})).append(bytes);
    writeToClient(out);
}

void FrontDoorConnection::flushHead()
{
    if (!m_heldHead.isEmpty()) {
        writeToClient(QByteArrayView());
    }
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
    if (dropsSlowReader()) {
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

void FrontDoorConnection::taken(qint64 bytes)
{
    m_sendWindowBytes += bytes;
}

bool FrontDoorConnection::dropsSlowReader()
{
    // What waits for the client includes what the kernel holds: with its send buffer grown to
    // megabytes, a trickling reader's responses may sit there entirely, none in ours. The
    // client took what the kernel took from us less what the kernel's queue grew by.
    const qint64 queued = SocketCalls::unsentBytes(m_wire->socketDescriptor());
    // The window runs only while output waits, so a client with nothing to read is never
    // measured, and a window that ends measured a client that had work all along.
    if (pendingOutput() + queued == 0) {
        m_sendWindow.invalidate();
        return false;
    }
    if (!m_sendWindow.isValid()) {
        m_sendWindow.start();
        m_sendWindowBytes = 0;
        m_sendWindowQueued = queued;
        return false;
    }
    if (m_sendWindow.elapsed() < m_limits.sendRateWindowMs) {
        return false;
    }
    const qint64 taken = m_sendWindowBytes - (queued - m_sendWindowQueued);
    if (taken < m_limits.minSendBytesPerWindow) {
        qCInfo(lcFrontDoor).noquote()
            << "dropping a client that reads too slowly:" << taken << "bytes in"
            << m_sendWindow.elapsed() << "ms from" << m_wire->peerAddress().toString();
        // Reset, so that the kernel does not go on holding (and sending) what it queued.
        SocketCalls::resetOnClose(m_wire->socketDescriptor());
        m_wire->abort();
        finish();
        return true;
    }
    m_sendWindow.restart();
    m_sendWindowBytes = 0;
    m_sendWindowQueued = queued;
    return false;
}

std::optional<RequestGate::Refusal> FrontDoorConnection::admitLargeBody(const QByteArray &head)
{
    return m_admission ? (*m_admission)(head) : std::nullopt;
}

void FrontDoorConnection::refuseAndClose(int status, const QByteArray &reason,
                                         const QString &message, const QByteArray &code)
{
    m_closing = true;
    dropSpools();
    m_wire->write(FrontDoorRefusal::response(status, reason, message, code));
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
            SocketCalls::shutdownWrite(m_wire->socketDescriptor());
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
    if (m_inner) {
        m_inner->disconnectFromHost();
    }
    Q_EMIT finished();
    deleteLater();
}

} // namespace Gatehouse
