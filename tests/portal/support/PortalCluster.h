#pragma once

#include "NginxProxy.h"

#include "storage/DatabaseConfig.h"

#include <QList>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>

#include <memory>
#include <vector>

namespace Gatehouse::Testing {

// Several real gatehouse-portal processes on one database behind a real nginx that balances
// them round robin with no stickiness, as a scaled-out deployment runs them. nginx logs which
// process answered each request, so a test can tell that a session really moved between them.
class PortalCluster
{
public:
    struct Served
    {
        quint16 upstream = 0; // the portal process's port
        int status = 0;
        QString request; // "POST /api/v1/auth/code"
    };

    ~PortalCluster();

    // The processes share one data folder, so their mail lands in one mailbox.
    [[nodiscard]] bool start(const QString &binary, const DatabaseConfig &database, int processes,
                             QString *error);
    void stop();

    quint16 port() const { return m_port; } // nginx's
    QList<quint16> upstreamPorts() const { return m_upstreamPorts; }
    QString mailboxPath() const;
    // The requests answered since the last call, in order.
    QList<Served> takeServed();

private:
    QTemporaryDir m_dir;
    std::vector<std::unique_ptr<QProcess>> m_portals;
    NginxProxy m_proxy;
    quint16 m_port = 0;
    QList<quint16> m_upstreamPorts;
    qint64 m_logOffset = 0;
};

// A database URL gatehouse-portal --database accepts.
QString databaseUrl(const DatabaseConfig &config);

} // namespace Gatehouse::Testing
