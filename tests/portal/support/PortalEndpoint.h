#pragma once

#include <QHostAddress>
#include <QList>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QString>

class QSslSocket;

namespace Gatehouse::Testing {

// How a test reaches the portal: plain HTTP, or HTTPS with the fixture's self-signed certificate.
enum class Transport { Http, Https };

// "http" or "https", the global data rows of tests that run over both transports.
Transport transportNamed(const QString &name);
// Adds the global column "transport" with the rows "http" and "https".
void addTransportRows();

// Where a client finds a portal on loopback: its port and, over HTTPS, the one certificate it
// trusts (the fixture's own, so verification stays on without trusting anything else).
struct PortalEndpoint
{
    quint16 port = 0;
    Transport transport = Transport::Http;
    QList<QSslCertificate> trusted;

    bool isTls() const { return transport == Transport::Https; }
    QString baseUrl() const;
    // TLS 1.2 or newer, trusting exactly the portal's certificate.
    QSslConfiguration clientTls() const;
    // Starts a connection, from the given loopback address when one is set. Requests may be
    // written once isReady() says so; the caller waits with the event loop running.
    void connect(QSslSocket &socket, const QHostAddress &from = {}) const;
    bool isReady(const QSslSocket &socket) const;
};

} // namespace Gatehouse::Testing
