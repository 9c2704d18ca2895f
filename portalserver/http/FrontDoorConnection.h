#pragma once

#include "FrontDoorLimits.h"
#include "RequestGate.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QObject>
#include <QTimer>

#include <functional>

class QSslConfiguration;
class QSslSocket;
class QTcpSocket;

namespace Gatehouse {

// One client connection through the front door: the client's socket (the wire) on one side,
// a local socket pair to QHttpServer on the other. Requests go in only as the RequestGate lets
// them; responses come back unchanged. Enforces the timeouts and honours Connection: close.
class FrontDoorConnection : public QObject
{
    Q_OBJECT
public:
    // Takes over the accepted socket; takeRelay() gives the socket meant for QHttpServer.
    // With tls set the client speaks TLS, decrypted here.
    FrontDoorConnection(qintptr socketDescriptor, const FrontDoorLimits &limits,
                        const QSslConfiguration *tls, QObject *parent = nullptr);
    ~FrontDoorConnection() override;

    bool isValid() const { return m_relay != nullptr; }
    QTcpSocket *takeRelay();
    QHostAddress peerAddress() const;

    // Answers with status and closes at once, e.g. when there are too many connections.
    void refuseAndClose(int status, const QByteArray &reason, const QString &message);

Q_SIGNALS:
    void finished();

private:
    void readFromClient();
    void readFromServer();
    void check();
    void drainAndClose();
    // Output not yet taken by the kernel: over TLS also what is encrypted but still queued.
    qint64 pendingOutput() const;
    // Calls slot whenever the kernel took some of our output.
    void onOutputSent(const std::function<void()> &slot);
    void finish();
    // Counts the server's responses, so a connection whose client asked to close ends after
    // the response to that request.
    void trackResponses(QByteArrayView bytes);

    FrontDoorLimits m_limits;
    RequestGate m_gate;
    QTcpSocket *m_wire = nullptr;
    QSslSocket *m_tlsWire = nullptr; // the same socket when it speaks TLS
    QTcpSocket *m_inner = nullptr;
    QTcpSocket *m_relay = nullptr;
    bool m_relayTaken = false;
    QTimer m_ticker;
    QElapsedTimer m_since;      // start of the current head, idle spell or body window
    qint64 m_windowBytes = 0;   // body bytes in the current window
    QElapsedTimer m_writeStall; // since the client last took any of our output
    bool m_closing = false;
    bool m_finished = false;
    // Response framing
    QByteArray m_responseHead;
    qint64 m_responseRemaining = 0;
    bool m_responseInBody = false;
    bool m_responseUntilClose = false;
    int m_responsesDone = 0;
};

} // namespace Gatehouse
