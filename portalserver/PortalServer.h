#pragma once

#include "api/PortalContext.h"
#include "http/FrontDoorLimits.h"
#include "web/PortalTranslations.h"

#include <QHostAddress>
#include <QObject>
#include <QString>

#include <atomic>
#include <memory>

class QHttpServer;

namespace Gatehouse {

class Clock;
class Database;
class FrontDoor;
class TransferRegistry;

struct PortalConfig
{
    QHostAddress address = QHostAddress::LocalHost;
    quint16 port = 8080; // 0: any free port
    // Where clients reach the portal; links in mail are built from it. Defaults to the
    // listening address.
    QString publicUrl;
    FrontDoorLimits limits;
    // PEM files; when set the portal speaks HTTPS.
    QString tlsCertificateFile;
    QString tlsKeyFile;
    // Where large request bodies are spooled, encrypted, while they arrive (the data folder's
    // spool folder); empty: a folder in the system's temporary folder.
    QString spoolPath;
    // PortalHost: how many servers, each on a thread of its own, share the port.
    int threads = 1;
    // Listen with SO_REUSEPORT, so that further servers can listen on the same port and the
    // kernel spreads new connections over them (Linux only; see canSharePort()).
    bool sharePort = false;
};

// The portal: its routes over the shared core, served from Gatehouse's own listening socket.
class PortalServer : public QObject
{
    Q_OBJECT
public:
    PortalServer(const Database &db, PortalConfig config, const Clock &clock,
                 QObject *parent = nullptr);
    ~PortalServer() override;

    [[nodiscard]] bool start(QString *error);
    quint16 port() const;
    QString publicUrl() const;
    // Requests answered by a route so far; may be read from any thread.
    qint64 requestsServed() const { return m_requestsServed.load(std::memory_order_relaxed); }
    // Whether several servers can listen on one port here (sharePort).
    static bool canSharePort();

    static std::optional<PortalConfig> parseListen(const QString &text, QString *error);
    // Spooled request bodies whose requests have not ended yet.
    int openSpools() const;
    // Client connections the front door holds now.
    int openConnections() const;

private:
    void registerRoutes();
    [[nodiscard]] bool listen(QString *error);

    const Database &m_db;
    PortalConfig m_config;
    const Clock &m_clock;
    // Before m_http: the front door's connections give their spools back when they go.
    std::shared_ptr<TransferRegistry> m_transfers;
    std::unique_ptr<QHttpServer> m_http;
    std::unique_ptr<PortalContext> m_context;
    PortalTranslations m_translations;
    FrontDoor *m_listener = nullptr;
    std::atomic<qint64> m_requestsServed{0};
};

} // namespace Gatehouse
