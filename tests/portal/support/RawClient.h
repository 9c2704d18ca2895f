#pragma once

#include "PortalEndpoint.h"

#include <QByteArray>
#include <QList>
#include <QSslSocket>
#include <QTimer>

namespace Gatehouse::Testing {

// A client that writes exactly what it is told and keeps everything it receives (decrypted,
// over TLS).
class RawClient
{
public:
    explicit RawClient(const PortalEndpoint &endpoint);

    void send(const QByteArray &bytes);
    bool isClosed() const { return m_closed; }
    QByteArray received() const { return m_received; }
    // Status codes of every response received so far, in order.
    QList<int> statuses() const;
    void abort() { m_socket.abort(); }
    // A slow reader: leaves what arrives in the kernel's buffers until resumed.
    void stopReading();
    void resumeReading();
    // Reads no more than bytes every everyMs, leaving the rest in the kernel's buffers.
    void readAtPace(qint64 bytes, int everyMs);
    [[nodiscard]] bool waitUntilClosed(int timeoutMs = 5000);
    [[nodiscard]] bool waitForResponses(int count, int timeoutMs = 5000);

private:
    QSslSocket m_socket;
    QTimer m_pace;
    QByteArray m_received;
    bool m_reading = true;
    bool m_closed = false;
};

} // namespace Gatehouse::Testing
