#include "PortalEndpoint.h"

#include <QSslSocket>
#include <QTest>

namespace Gatehouse::Testing {

Transport transportNamed(const QString &name)
{
    return name == QLatin1String("https") ? Transport::Https : Transport::Http;
}

void addTransportRows()
{
    QTest::addColumn<QString>("transport");
    QTest::newRow("http") << QStringLiteral("http");
    QTest::newRow("https") << QStringLiteral("https");
}

QString PortalEndpoint::baseUrl() const
{
    return (isTls() ? QStringLiteral("https://127.0.0.1:%1")
                    : QStringLiteral("http://127.0.0.1:%1"))
        .arg(port);
}

QSslConfiguration PortalEndpoint::clientTls() const
{
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setProtocol(QSsl::TlsV1_2OrLater);
    configuration.setCaCertificates(trusted);
    configuration.setPeerVerifyMode(QSslSocket::VerifyPeer);
    return configuration;
}

void PortalEndpoint::connect(QSslSocket &socket, const QHostAddress &from) const
{
    if (!from.isNull()) {
        socket.bind(from);
    }
    if (isTls()) {
        socket.setSslConfiguration(clientTls());
        // The certificate names 127.0.0.1, so the name check passes as well.
        socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), port);
    } else {
        socket.connectToHost(QHostAddress::LocalHost, port);
    }
}

bool PortalEndpoint::isReady(const QSslSocket &socket) const
{
    return socket.state() == QAbstractSocket::ConnectedState && (!isTls() || socket.isEncrypted());
}

} // namespace Gatehouse::Testing
