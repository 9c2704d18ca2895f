#pragma once

#include <QList>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>

namespace Gatehouse::Testing {

// A real nginx in front of portals on loopback, configured as the installers' example deploys
// it: HTTP/1.1 to the upstreams, the client's Host passed on, the peer appended to
// X-Forwarded-For. With several upstreams it balances round robin with one worker (so strictly)
// and never retries a request on another upstream; the access log names the upstream that
// answered: "$upstream_addr $status $request_method $uri" per line.
class NginxProxy
{
public:
    ~NginxProxy();

    // Listens on port (0: a free one) and waits until a request through it is answered.
    [[nodiscard]] bool start(quint16 port, const QList<quint16> &upstreams, QString *error);
    void stop();

    quint16 port() const { return m_port; }
    QString accessLogPath() const;

private:
    QTemporaryDir m_dir;
    QProcess m_process;
    quint16 m_port = 0;
};

} // namespace Gatehouse::Testing
