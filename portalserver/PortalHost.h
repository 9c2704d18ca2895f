#pragma once

#include "PortalServer.h"
#include "mail/MailTransport.h"

#include <QObject>
#include <QThread>

namespace Gatehouse {

class OutboxWorker;

// Runs the portal server and the mail outbox, each on a thread of its own, so neither a slow
// SMTP server nor a busy portal stalls the program that hosts them (the console or the
// gatehouse-portal command).
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
    // Asks the outbox for a delivery round now.
    void wakeOutbox();

Q_SIGNALS:
    void mailDelivered(int count);
    void mailFailed(const QString &error);

private:
    const Database &m_db;
    QThread m_httpThread;
    QThread m_mailThread;
    PortalServer *m_server = nullptr;
    OutboxWorker *m_outbox = nullptr;
    quint16 m_port = 0;
    QString m_publicUrl;
};

} // namespace Gatehouse
