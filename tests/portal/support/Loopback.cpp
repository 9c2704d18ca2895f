#include "Loopback.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

namespace Gatehouse::Testing {

namespace {

// The status line of GET /api/v1/branding on the port, or nothing when nobody listens yet.
// (rawRequest would wait its full timeout for a port that refuses the connection.)
QByteArray statusLine(quint16 port)
{
    QTcpSocket socket;
    QByteArray answer;
    bool done = false;
    QObject::connect(&socket, &QTcpSocket::connected, [&] {
        socket.write(
            "GET /api/v1/branding HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    });
    QObject::connect(&socket, &QTcpSocket::readyRead, [&] {
        answer += socket.readAll();
        done = done || answer.contains("\r\n");
    });
    QObject::connect(&socket, &QTcpSocket::disconnected, [&] { done = true; });
    QObject::connect(&socket, &QTcpSocket::errorOccurred, [&] { done = true; });
    socket.connectToHost(QHostAddress::LocalHost, port);
    // Nothing in time: the empty status line says so.
    (void)QTest::qWaitFor([&] { return done; }, 5000);
    return answer.left(answer.indexOf("\r\n"));
}

} // namespace

bool waitFor(const std::function<bool()> &done, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    QTimer wake; // so that the last wait ends at the deadline even when nothing happens
    wake.setSingleShot(true);
    wake.start(timeoutMs);
    while (!done()) {
        if (deadline.hasExpired()) {
            return false;
        }
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    }
    return true;
}

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

bool answers(quint16 port, const QProcess *process, int timeoutMs)
{
    return QTest::qWaitFor(
               [&] {
                   if (process->state() == QProcess::NotRunning) {
                       return true;
                   }
                   if (statusLine(port).startsWith("HTTP/1.1 200")) {
                       return true;
                   }
                   QTest::qWait(20);
                   return false;
               },
               timeoutMs)
           && process->state() == QProcess::Running;
}

} // namespace Gatehouse::Testing
