#pragma once

#include <QHostAddress>
#include <QTcpSocket>

namespace Gatehouse {

// The socket QHttpServer reads from: the server end of a connection's pair, showing the
// client's own address so the request knows who sent it.
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

} // namespace Gatehouse
