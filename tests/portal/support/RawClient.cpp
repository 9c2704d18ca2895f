#include "RawClient.h"

#include "Loopback.h"

#include <QRegularExpression>

namespace Gatehouse::Testing {

RawClient::RawClient(const PortalEndpoint &endpoint)
{
    QObject::connect(&m_socket, &QSslSocket::readyRead, [this] {
        if (m_reading) {
            m_received += m_socket.readAll();
        }
    });
    QObject::connect(&m_socket, &QSslSocket::disconnected, [this] { m_closed = true; });
    endpoint.connect(m_socket);
    // The server runs on this thread: wait with its event loop turning, never blocking.
    if (!waitFor([&] { return endpoint.isReady(m_socket) || m_closed; })) {
        qWarning("no connection within 5 s: %s", qPrintable(m_socket.errorString()));
    }
}

void RawClient::send(const QByteArray &bytes)
{
    m_socket.write(bytes);
    m_socket.flush();
}

QList<int> RawClient::statuses() const
{
    static const QRegularExpression line(QStringLiteral("HTTP/1\\.[01] (\\d{3}) "));
    QList<int> codes;
    auto it = line.globalMatch(QString::fromLatin1(m_received));
    while (it.hasNext()) {
        codes.append(it.next().captured(1).toInt());
    }
    return codes;
}

void RawClient::stopReading()
{
    m_reading = false;
    m_socket.setReadBufferSize(8192);
}

void RawClient::resumeReading()
{
    m_pace.stop();
    m_reading = true;
    m_socket.setReadBufferSize(0);
    m_received += m_socket.readAll();
}

void RawClient::readAtPace(qint64 bytes, int everyMs)
{
    m_reading = false;
    m_socket.setReadBufferSize(bytes);
    QObject::disconnect(&m_pace, nullptr, nullptr, nullptr);
    QObject::connect(&m_pace, &QTimer::timeout,
                     [this, bytes] { m_received += m_socket.read(bytes); });
    m_pace.start(everyMs);
}

bool RawClient::waitUntilClosed(int timeoutMs)
{
    return waitFor([this] { return m_closed; }, timeoutMs);
}

bool RawClient::waitForResponses(int count, int timeoutMs)
{
    return waitFor([this, count] { return statuses().size() >= count; }, timeoutMs);
}

} // namespace Gatehouse::Testing
