#include "InnerPair.h"

#include "LoopbackPairListener.h"
#include "MemorySocket.h"
#include "RelaySocket.h"
#include "SocketCalls.h"

#include <QTcpSocket>

namespace Gatehouse {

InnerPair::Kind InnerPair::kindFor(bool preferTcp)
{
    return preferTcp ? Kind::LoopbackTcp : Kind::Memory;
}

InnerPair::InnerPair(QObject *parent)
    : QObject(parent)
{}

InnerPair::~InnerPair()
{
    if (m_listener && m_expectedPort != 0) {
        m_listener->forget(m_expectedPort);
    }
    if (!m_relayTaken) {
        delete m_relay; // QHttpServer never got it (a refused connection)
    }
}

bool InnerPair::open(Kind kind, LoopbackPairListener *listener, QString *error)
{
    if (kind == Kind::Memory) {
        const auto [inner, relay] = MemorySocket::createPair();
        inner->setParent(this);
        m_inner = inner;
        accepted(relay);
        return true;
    }
    m_inner = new QTcpSocket(this);
    if (kind == Kind::SocketPair) {
#ifdef Q_OS_WIN
        Q_UNUSED(listener)
        *error = QStringLiteral("no socketpair() on this system");
        return false;
#else
        qintptr pair[2] = {-1, -1};
        if (!SocketCalls::openSocketPair(pair)) {
            *error = QStringLiteral("cannot open a local socket pair");
            return false;
        }
        auto *relay = new RelaySocket();
        if (!m_inner->setSocketDescriptor(pair[0]) || !relay->setSocketDescriptor(pair[1])) {
            *error = QStringLiteral("cannot use the local socket pair");
            delete relay;
            return false;
        }
        accepted(relay);
        return true;
#endif
    }
    if (!listener || !listener->start(error)) {
        if (error && error->isEmpty()) {
            *error = QStringLiteral("no loopback listener for the inner pair");
        }
        return false;
    }
    // Our own port, not shared, before connecting: how the listener tells our connection from
    // anyone else's (see LoopbackPairListener).
    if (!m_inner->bind(QHostAddress::LocalHost, 0, QAbstractSocket::DontShareAddress)) {
        *error = QStringLiteral("cannot bind the inner socket: %1").arg(m_inner->errorString());
        return false;
    }
    m_listener = listener;
    m_expectedPort = m_inner->localPort();
    listener->expect(m_expectedPort, this);
    connect(m_inner, &QTcpSocket::errorOccurred, this, [this] {
        if (!isReady()) {
            Q_EMIT failed();
        }
    });
    m_inner->connectToHost(QHostAddress::LocalHost, listener->serverPort());
    return true;
}

void InnerPair::close()
{
    if (m_inner && m_inner->state() != QAbstractSocket::UnconnectedState) {
        m_inner->disconnectFromHost();
    }
}

void InnerPair::accepted(RelaySocket *relay)
{
    m_expectedPort = 0; // the listener has forgotten it
    m_relay = relay;
    Q_EMIT ready();
}

QTcpSocket *InnerPair::takeRelay(const QHostAddress &client, quint16 clientPort, QObject *newParent)
{
    if (!m_relay || m_relayTaken) {
        return nullptr;
    }
    m_relayTaken = true;
    m_relay->setClient(client, clientPort);
    m_relay->setParent(newParent);
    return m_relay;
}

} // namespace Gatehouse
