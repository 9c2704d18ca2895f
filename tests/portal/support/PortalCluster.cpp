#include "PortalCluster.h"

#include "Loopback.h"
#include "PortalClient.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTest>
#include <QThread>
#include <QUrl>

namespace Gatehouse::Testing {

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
    if (!m_proxy.start(m_port, m_upstreamPorts, error)) {
        stop();
        return false;
    }
    (void)takeServed(); // the probes
    return true;
}

void PortalCluster::stop()
{
    m_proxy.stop();
    std::vector<QProcess *> processes;
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
    const QString path = m_proxy.accessLogPath();
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
