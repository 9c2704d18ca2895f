#pragma once

#include "FrontDoor.h"
#include "FrontDoorLimits.h"
#include "RequestGate.h"
#include "TransferRegistry.h"

#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QTimer>

#include <memory>
#include <optional>

class QSslConfiguration;
class QSslSocket;
class QTcpSocket;

namespace Gatehouse {

class UploadSpool;

// One client connection through the front door: the client's socket (the wire) on one side,
// an in-process socket pair (MemorySocket) to QHttpServer on the other. Requests go in only as the
// RequestGate lets them; responses come back unchanged. Enforces the timeouts and honours
// Connection: close. Two things bypass QHttpServer, which holds bodies whole in memory: the bodies
// of spooled routes go to an encrypted spool file as they arrive (the request reaches QHttpServer
// once the body is complete, with a header naming the spool, and the spool is deleted when its
// response has gone out or the connection ends), and a response naming an offered file gets
// that file pumped chunk by chunk, each only once the client has taken the one before.
class FrontDoorConnection : public QObject, private RequestGate::Sink
{
    Q_OBJECT
public:
    // Takes over the accepted socket. With tls set the client speaks TLS, decrypted here.
    // admission (may be null) is asked before a large body is read.
    FrontDoorConnection(qintptr socketDescriptor, const FrontDoorLimits &limits,
                        const QSslConfiguration *tls, TransferRegistry *transfers,
                        const FrontDoor::LargeBodyAdmission *admission, QObject *parent = nullptr);
    ~FrontDoorConnection() override;

    bool isValid() const { return m_valid; }
    // Makes the pair to QHttpServer and returns its end, showing the client's address, for
    // QHttpServer to take over.
    QTcpSocket *openRelay();
    QHostAddress peerAddress() const;

    // Answers with status and closes at once, e.g. when there are too many connections.
    // code: the JSON body's code; empty: the reason, lower-cased.
    void refuseAndClose(int status, const QByteArray &reason, const QString &message,
                        const QByteArray &code = {});

Q_SIGNALS:
    void finished();

private:
    static constexpr qint64 kMaxPendingOutputBytes = 1024 * 1024;
    // An offered file is read one chunk ahead of the client: never more than this waits for it.
    static constexpr qint64 kPumpAheadBytes = 512 * 1024;

    void readFromClient();
    void readFromServer();
    void check();
    void drainAndClose();
    void finish();
    // Relays the server's responses held in m_fromServer, counting them, so a connection whose
    // client asked to close ends after the response to that request.
    void relayResponses();
    void startResponse(const QByteArray &head);
    // A response is complete; false when the connection closes after it.
    bool responseDone();
    // Sends the offered file's next chunks while the client keeps up.
    void pump();
    void writeToClient(const QByteArray &bytes);
    void writeToClient(QByteArrayView bytes);
    // A response's head waits for the first bytes of its body, so that both leave in one write
    // (one segment for a small response instead of two); flushHead() sends it alone.
    void holdHead(const QByteArray &head) { m_heldHead = head; }
    void flushHead();
    // What we wrote and the client has not taken yet (for TLS: plaintext and ciphertext).
    qint64 pendingOutput() const;
    void dropSpools();
    // Counts what the client took of our output, for the minimum send rate.
    void taken(qint64 bytes);
    // Whether the client takes our output fast enough; drops it (true) when not.
    bool dropsSlowReader();

    // RequestGate::Sink
    void pass(QByteArrayView bytes) override;
    void spoolStart(const QByteArray &head) override;
    void spoolBody(QByteArrayView bytes) override;
    void spoolEnd() override;
    std::optional<RequestGate::Refusal> admitLargeBody(const QByteArray &head) override;

    FrontDoorLimits m_limits;
    RequestGate m_gate;
    TransferRegistry *m_transfers = nullptr;
    QTcpSocket *m_wire = nullptr;
    QSslSocket *m_tlsWire = nullptr; // the same socket when it speaks TLS
    const FrontDoor::LargeBodyAdmission *m_admission = nullptr;
    bool m_valid = false;
    QTcpSocket *m_inner = nullptr; // our end of the pair to QHttpServer
    QTimer m_ticker;
    QElapsedTimer m_since;         // start of the current head, idle spell or body window
    qint64 m_windowBytes = 0;      // body bytes in the current window
    QElapsedTimer m_writeStall;    // since the client last took any of our output
    QElapsedTimer m_sendWindow;    // running while output waits for the client
    qint64 m_sendWindowBytes = 0;  // what the kernel took from us in the current window
    qint64 m_sendWindowQueued = 0; // what the kernel held unacknowledged at its start
    bool m_closing = false;
    bool m_finished = false;
    bool m_serverGone = false; // QHttpServer closed its end
    // The body being spooled, and the spool of each request whose response is still to come.
    std::shared_ptr<UploadSpool> m_spool;
    QByteArray m_spoolHead;
    QString m_spoolError;
    QHash<int, QByteArray> m_spoolOfRequest;
    // Response framing
    QByteArray m_fromServer; // read from the server, not relayed yet
    QByteArray m_responseHead;
    QByteArray m_heldHead;
    qint64 m_responseRemaining = 0;
    bool m_responseInBody = false;
    bool m_responseUntilClose = false;
    int m_responsesDone = 0;
    // The offered file being sent
    std::optional<FileDownload> m_download;
    int m_downloadSeq = 0;
    qint64 m_downloadLeft = 0;
};

} // namespace Gatehouse
