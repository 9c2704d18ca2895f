#pragma once

#include "RelaySocket.h"

#include <QByteArray>
#include <QPointer>

#include <utility>

namespace Gatehouse {

// One end of a connection that never leaves the process: what one end writes, the other reads,
// with no kernel socket between them. It is a QTcpSocket so that QHttpServer can take it from
// the front door's QTcpServer like any accepted connection, and the front door can use its end
// like any socket: readyRead, disconnected and bytesWritten come as they would, from the event
// loop, never from within the call that caused them.
//
// Both ends live in one thread. Closing either end tells the other, which can still read what
// had reached it.
class MemorySocket : public RelaySocket
{
    Q_OBJECT
public:
    // The two ends, connected to each other, without parents.
    static std::pair<MemorySocket *, MemorySocket *> createPair();
    ~MemorySocket() override;

    qint64 bytesAvailable() const override;
    qint64 bytesToWrite() const override { return 0; }
    void disconnectFromHost() override;
    void close() override;

protected:
    void connectNotify(const QMetaMethod &signal) override;
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *data, qint64 size) override;

private:
    MemorySocket();
    void receive(const char *data, qint64 size);
    void peerClosed();
    // Ends our side: the peer learns of it, and we announce it ourselves (from the event loop).
    void hangUp(bool discardInput);
    void announceReadable();
    void announceWritten(qint64 bytes);

    QPointer<MemorySocket> m_peer;
    QByteArray m_input;
    qsizetype m_inputRead = 0;
    bool m_readablePosted = false;
    qint64 m_writtenUnannounced = 0;
    // Whether anyone ever listened for bytesWritten: neither QHttpServer nor the front door
    // does, and posting it for nobody would cost an event per write.
    bool m_writtenWanted = false;
};

} // namespace Gatehouse
