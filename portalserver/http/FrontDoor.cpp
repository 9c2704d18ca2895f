#include "FrontDoor.h"

#include "FrontDoorConnection.h"

#include <QCoreApplication>
#include <QTcpSocket>

namespace Gatehouse {

FrontDoor::FrontDoor(const FrontDoorLimits &limits, QObject *parent)
    : QTcpServer(parent)
    , m_limits(limits)
{}

void FrontDoor::setTls(const QSslConfiguration &configuration)
{
    m_tls = configuration;
}

void FrontDoor::incomingConnection(qintptr socketDescriptor)
{
    auto *connection
        = new FrontDoorConnection(socketDescriptor, m_limits, m_tls ? &*m_tls : nullptr,
                                  m_transfers, m_admission ? &m_admission : nullptr, this);
    if (!connection->isValid()) {
        delete connection;
        return;
    }
    const QHostAddress address = connection->peerAddress();
    const bool proxy = m_limits.isTrustedProxy(address);
    if (m_total >= m_limits.maxConnections
        || (!proxy && m_perAddress.value(address) >= m_limits.maxConnectionsPerAddress)) {
        connection->refuseAndClose(503, "Service Unavailable",
                                   QCoreApplication::translate("Gatehouse::FrontDoor",
                                                               "Too many connections. Please "
                                                               "try again in a moment."));
        return;
    }
    ++m_total;
    ++m_perAddress[address];
    connect(connection, &FrontDoorConnection::finished, this,
            [this, address] { release(address); });
    // QTcpServer announces it (pendingConnectionAvailable), and QHttpServer takes it from there.
    // Ours, like any socket a QTcpServer hands out, so that it goes with the server at the end.
    QTcpSocket *relay = connection->openRelay();
    relay->setParent(this);
    addPendingConnection(relay);
}

void FrontDoor::release(const QHostAddress &address)
{
    --m_total;
    if (--m_perAddress[address] <= 0) {
        m_perAddress.remove(address);
    }
}

} // namespace Gatehouse
