#pragma once

#include <QHash>
#include <QPointer>
#include <QTcpServer>

namespace Gatehouse {

class InnerPair;

// Where the loopback inner pairs of one FrontDoor connect: listens on 127.0.0.1, on a port
// of the system's choosing, and hands each accepted connection to the InnerPair that made it.
//
// Why no other local process can slip in: an InnerPair binds its socket to 127.0.0.1 and a
// port of its own before connecting, without address sharing (no SO_REUSEADDR; on Windows
// SO_EXCLUSIVEADDRUSE), and tells the listener that port. For as long as that socket exists
// nothing else can bind 127.0.0.1 with that port, nor be given it as an ephemeral port, so a
// connection from 127.0.0.1 and that port is ours. Every other connection (another process,
// another user) matches no expected port and is closed before a byte of it is read; an
// expected port is matched once and forgotten. The listener is reachable from this host only.
class LoopbackPairListener : public QTcpServer
{
    Q_OBJECT
public:
    explicit LoopbackPairListener(QObject *parent = nullptr);

    [[nodiscard]] bool start(QString *error);
    void expect(quint16 port, InnerPair *pair);
    void forget(quint16 port);
    // Connections accepted and refused so far (a test's view).
    int refusedConnections() const { return m_refused; }

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    QHash<quint16, QPointer<InnerPair>> m_expected;
    int m_refused = 0;
};

} // namespace Gatehouse
