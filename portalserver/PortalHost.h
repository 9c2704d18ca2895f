#pragma once

#include "PortalServer.h"
#include "mail/MailTransport.h"

#include <QList>
#include <QObject>
#include <QThread>

#include <memory>
#include <vector>

namespace Gatehouse {

class FileDropPurger;
class OutboxWorker;

// Runs the portal server and the mail outbox, each on a thread of its own, so neither a slow
// SMTP server nor a busy portal stalls the program that hosts them (the console or the
// gatehouse-portal command). The purge of expired file drops shares the outbox's thread. With
// config.threads > 1 it runs that many portal servers, each on its own thread with its own database
// connection, sharing one port (SO_REUSEPORT).
class PortalHost : public QObject
{
    Q_OBJECT
public:
    PortalHost(const Database &db, QObject *parent = nullptr);
    ~PortalHost() override;

    [[nodiscard]] bool start(const PortalConfig &config, const MailSettings &mail, QString *error);
    void stop();

    quint16 port() const { return m_port; }
    QString publicUrl() const { return m_publicUrl; }
    int serverCount() const { return int(m_servers.size()); }
    // Requests each server has answered, in the order the servers started.
    QList<qint64> requestsPerServer() const;
    // Asks the outbox for a delivery round now.
    void wakeOutbox();
    // How the outbox sends from now on (staff changed the mail settings).
    void setMailSettings(const MailSettings &mail);
    // Asks for a purge of expired file drops now.
    void purgeExpiredDrops();

Q_SIGNALS:
    void mailDelivered(int count);
    void mailFailed(const QString &error);
    void dropsPurged(int count);

private:
    const Database &m_db;
    std::vector<std::unique_ptr<QThread>> m_httpThreads;
    QThread m_mailThread;
    std::vector<PortalServer *> m_servers; // each lives on its thread, deleted when it ends
    OutboxWorker *m_outbox = nullptr;
    FileDropPurger *m_purger = nullptr;
    quint16 m_port = 0;
    QString m_publicUrl;
};

} // namespace Gatehouse
