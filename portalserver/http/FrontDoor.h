#pragma once

#include "FrontDoorLimits.h"
#include "RequestGate.h"

#include <QHash>
#include <QHostAddress>
#include <QSslConfiguration>
#include <QTcpServer>

#include <functional>
#include <optional>

namespace Gatehouse {

class FrontDoorConnection;
class TransferRegistry;

// Gatehouse's own listening socket, handed to QHttpServer with bind(). QHttpServer 6.4 reads
// whatever a client sends, for as long as it likes, into memory. So every client connection
// ends here instead: a FrontDoorConnection reads it under the limits and hands only acceptable
// requests on, through an in-process socket pair (MemorySocket), to the socket QHttpServer gets
// from nextPendingConnection(). Responses travel back the same way.
class FrontDoor : public QTcpServer
{
    Q_OBJECT
public:
    explicit FrontDoor(const FrontDoorLimits &limits, QObject *parent = nullptr);

    const FrontDoorLimits &limits() const { return m_limits; }
    // Serve TLS (1.2 or newer) with this certificate and key instead of plain HTTP. The handshake
    // happens here; QHttpServer behind the door only ever sees plain requests.
    void setTls(const QSslConfiguration &configuration);
    bool isTls() const { return m_tls.has_value(); }
    // Where spooled bodies go and offered files come from; without it, spooled routes are
    // refused (503) and offered files are not sent.
    void setTransfers(TransferRegistry *transfers) { m_transfers = transfers; }
    int openConnections() const { return m_total; }
    // Asked before a large body (one over maxBodyBytes that its route allows) is read: whether
    // the request can be accepted at all, so that nobody without a session makes the server
    // read, or spool to disk, up to the route's limit. Runs on this thread.
    using LargeBodyAdmission
        = std::function<std::optional<RequestGate::Refusal>(const QByteArray &head)>;
    void setLargeBodyAdmission(LargeBodyAdmission admission) { m_admission = std::move(admission); }

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    void release(const QHostAddress &address);

    FrontDoorLimits m_limits;
    std::optional<QSslConfiguration> m_tls;
    TransferRegistry *m_transfers = nullptr;
    LargeBodyAdmission m_admission;
    QHash<QHostAddress, int> m_perAddress;
    int m_total = 0;
};

} // namespace Gatehouse
