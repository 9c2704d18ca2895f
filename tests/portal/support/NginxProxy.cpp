#include "NginxProxy.h"

#include "Loopback.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>

namespace Gatehouse::Testing {

NginxProxy::~NginxProxy()
{
    stop();
}

bool NginxProxy::start(quint16 port, const QList<quint16> &upstreams, QString *error)
{
    const QString nginx = QStandardPaths::findExecutable(
        QStringLiteral("nginx"), {QStringLiteral("/usr/sbin"), QStringLiteral("/usr/bin")});
    if (nginx.isEmpty()) {
        *error = QStringLiteral("nginx is not installed (test.sh installs nginx-light)");
        return false;
    }
    m_port = port != 0 ? port : freePort();
    QDir(m_dir.path()).mkpath(QStringLiteral("logs"));
    QString servers;
    for (const quint16 upstream : upstreams) {
        servers += QStringLiteral("        server 127.0.0.1:%1;\n").arg(upstream);
    }
    const QString config = QStringLiteral(R"(
worker_processes 1;
pid %1/nginx.pid;
error_log %1/logs/error.log;
events { worker_connections 256; }
http {
    log_format upstream '$upstream_addr $status $request_method $uri';
    access_log %1/logs/access.log upstream;
    client_body_temp_path %1/body;
    proxy_temp_path %1/proxy;
    fastcgi_temp_path %1/fastcgi;
    uwsgi_temp_path %1/uwsgi;
    scgi_temp_path %1/scgi;
    upstream portal {
%3    }
    server {
        listen 127.0.0.1:%2;
        location / {
            proxy_pass http://portal;
            proxy_next_upstream off;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
        }
    }
}
)")
                               .arg(m_dir.path())
                               .arg(m_port)
                               .arg(servers);
    QFile file(m_dir.filePath(QStringLiteral("nginx.conf")));
    if (!file.open(QIODevice::WriteOnly) || file.write(config.toUtf8()) < 0) {
        *error = file.errorString();
        return false;
    }
    file.close();
    m_process.setProcessChannelMode(QProcess::ForwardedChannels);
    m_process.start(nginx, {QStringLiteral("-p"), m_dir.path(), QStringLiteral("-c"),
                            file.fileName(), QStringLiteral("-g"), QStringLiteral("daemon off;")});
    if (!answers(m_port, &m_process, 10000)) {
        *error = QStringLiteral("nginx did not answer on port %1 (%2)")
                     .arg(m_port)
                     .arg(m_process.errorString());
        stop();
        return false;
    }
    return true;
}

void NginxProxy::stop()
{
    if (m_process.state() == QProcess::NotRunning) {
        return;
    }
    m_process.terminate();
    if (!m_process.waitForFinished(10000)) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

QString NginxProxy::accessLogPath() const
{
    return m_dir.filePath(QStringLiteral("logs/access.log"));
}

} // namespace Gatehouse::Testing
