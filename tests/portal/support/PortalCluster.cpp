#include "PortalCluster.h"

#include "PortalClient.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QThread>
#include <QUrl>

namespace Gatehouse::Testing {

namespace {

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

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

// Waits until the port answers with 200, or the process has gone.
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

} // namespace

QString databaseUrl(const DatabaseConfig &config)
{
    if (config.engine == Engine::Sqlite) {
        return config.sqliteFile;
    }
    QUrl url;
    url.setScheme(QStringLiteral("postgresql"));
    url.setHost(config.host);
    url.setPort(config.port);
    url.setUserName(config.user);
    url.setPassword(config.password);
    url.setPath(QLatin1Char('/') + config.databaseName);
    return url.toString();
}

PortalCluster::~PortalCluster()
{
    stop();
}

bool PortalCluster::start(const QString &binary, const DatabaseConfig &database, int processes,
                          QString *error)
{
    m_port = freePort();
    const QString publicUrl = QStringLiteral("http://127.0.0.1:%1").arg(m_port);
    for (int i = 0; i < processes; ++i) {
        const quint16 port = freePort();
        auto portal = std::make_unique<QProcess>();
        portal->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        portal->setStandardOutputFile(QProcess::nullDevice());
        portal->start(binary, {QStringLiteral("--data-dir"), m_dir.path(),
                               QStringLiteral("--database"), databaseUrl(database),
                               QStringLiteral("--public-url"), publicUrl, QStringLiteral("serve"),
                               QStringLiteral("--listen"), QStringLiteral("127.0.0.1:%1").arg(port),
                               QStringLiteral("--threads"), QStringLiteral("1"),
                               QStringLiteral("--trusted-proxy"), QStringLiteral("127.0.0.1")});
        if (!answers(port, portal.get(), 15000)) {
            *error = QStringLiteral("portal process %1 did not answer on port %2 (%3)")
                         .arg(i + 1)
                         .arg(port)
                         .arg(portal->errorString());
            m_portals.push_back(std::move(portal));
            stop();
            return false;
        }
        m_portals.push_back(std::move(portal));
        m_upstreamPorts.append(port);
    }
    if (!startNginx(error)) {
        stop();
        return false;
    }
    return true;
}

bool PortalCluster::startNginx(QString *error)
{
    const QString nginx = QStandardPaths::findExecutable(
        QStringLiteral("nginx"), {QStringLiteral("/usr/sbin"), QStringLiteral("/usr/bin")});
    if (nginx.isEmpty()) {
        *error = QStringLiteral("nginx is not installed (test.sh installs nginx-light)");
        return false;
    }
    QDir(m_dir.path()).mkpath(QStringLiteral("logs"));
    QString upstreams;
    for (const quint16 port : std::as_const(m_upstreamPorts)) {
        upstreams += QStringLiteral("        server 127.0.0.1:%1;\n").arg(port);
    }
    // One worker, so round robin is strict; no retries on another process, so each request is
    // answered by exactly the process the log names.
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
                               .arg(upstreams);
    QFile file(m_dir.filePath(QStringLiteral("nginx.conf")));
    if (!file.open(QIODevice::WriteOnly) || file.write(config.toUtf8()) < 0) {
        *error = file.errorString();
        return false;
    }
    file.close();
    m_nginx.setProcessChannelMode(QProcess::ForwardedChannels);
    m_nginx.start(nginx, {QStringLiteral("-p"), m_dir.path(), QStringLiteral("-c"), file.fileName(),
                          QStringLiteral("-g"), QStringLiteral("daemon off;")});
    if (!answers(m_port, &m_nginx, 10000)) {
        *error = QStringLiteral("nginx did not answer on port %1").arg(m_port);
        return false;
    }
    (void)takeServed(); // the probes
    return true;
}

void PortalCluster::stop()
{
    std::vector<QProcess *> processes = {&m_nginx};
    for (const auto &portal : m_portals) {
        processes.push_back(portal.get());
    }
    for (QProcess *process : processes) {
        if (process->state() != QProcess::NotRunning) {
            process->terminate();
        }
    }
    for (QProcess *process : processes) {
        if (process->state() != QProcess::NotRunning && !process->waitForFinished(10000)) {
            process->kill();
            process->waitForFinished(5000);
        }
    }
    m_portals.clear();
    m_upstreamPorts.clear();
}

QString PortalCluster::mailboxPath() const
{
    return m_dir.filePath(QStringLiteral("mailbox"));
}

QList<PortalCluster::Served> PortalCluster::takeServed()
{
    QList<Served> served;
    const QString path = m_dir.filePath(QStringLiteral("logs/access.log"));
    // nginx writes a request's line just after the response went out, so the client can be a
    // moment ahead of the log: read once the file has stopped growing for 100 ms.
    QElapsedTimer waited;
    waited.start();
    for (qint64 last = -1; waited.elapsed() < 3000;) {
        const qint64 size = QFileInfo(path).size();
        if (size == last) {
            break;
        }
        last = size;
        QThread::msleep(100);
    }
    QFile log(path);
    if (!log.open(QIODevice::ReadOnly) || !log.seek(m_logOffset)) {
        return served;
    }
    const QByteArray text = log.readAll();
    const qsizetype end = text.lastIndexOf('\n') + 1; // a line still being written waits
    m_logOffset += end;
    for (const QByteArray &line : text.left(end).split('\n')) {
        const QList<QByteArray> fields = line.split(' ');
        if (fields.size() < 4) {
            continue;
        }
        Served entry;
        entry.upstream = fields.at(0).mid(fields.at(0).lastIndexOf(':') + 1).toUShort();
        entry.status = fields.at(1).toInt();
        entry.request = QString::fromLatin1(fields.at(2) + ' ' + fields.at(3));
        served.append(entry);
    }
    return served;
}

} // namespace Gatehouse::Testing
