#pragma once

#include <QHostAddress>
#include <QObject>
#include <QPointer>

class QTcpSocket;

namespace Gatehouse {

class LoopbackPairListener;
class RelaySocket;

// The local connection between one FrontDoorConnection and QHttpServer: the door's end
// (inner()) and QHttpServer's end (the relay). Two ways to make it: a POSIX socketpair, or,
// where there is none (Windows), a loopback TCP connection to the FrontDoor's
// LoopbackPairListener (selectable elsewhere too, so that it is tested).
class InnerPair : public QObject
{
    Q_OBJECT
public:
    enum class Kind { Memory, SocketPair, LoopbackTcp };
    // In memory, unless preferTcp asks for the loopback pair.
    static Kind kindFor(bool preferTcp);

    explicit InnerPair(QObject *parent = nullptr);
    ~InnerPair() override;

    // Starts making the pair; ready() follows once QHttpServer's end exists (for a socketpair
    // before open() returns). The inner end may be written to at once: what is written before
    // it is connected waits in its buffer. A loopback pair needs the listener.
    [[nodiscard]] bool open(Kind kind, LoopbackPairListener *listener, QString *error);
    QTcpSocket *inner() const { return m_inner; }
    bool isReady() const { return m_relay != nullptr; }
    // QHttpServer's end, showing the client's address, handed over to newParent.
    QTcpSocket *takeRelay(const QHostAddress &client, quint16 clientPort, QObject *newParent);
    // Closes our end after what is queued.
    void close();

Q_SIGNALS:
    void ready();
    void failed();

private:
    friend class LoopbackPairListener;
    // The listener accepted the connection made from our inner end.
    void accepted(RelaySocket *relay);

    QTcpSocket *m_inner = nullptr;
    RelaySocket *m_relay = nullptr; // ours until taken
    bool m_relayTaken = false;
    QPointer<LoopbackPairListener> m_listener;
    quint16 m_expectedPort = 0;
};

} // namespace Gatehouse
