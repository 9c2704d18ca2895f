#include "PortalHost.h"

#include "FileDropPurger.h"
#include "core/Clock.h"
#include "mail/OutboxDelivery.h"

#include <QLoggingCategory>
#include <QMetaObject>

Q_LOGGING_CATEGORY(lcPortalHost, "gatehouse.portal.host")

namespace Gatehouse {

PortalHost::PortalHost(const Database &db, QObject *parent)
    : QObject(parent)
    , m_db(db)
{
    m_mailThread.setObjectName(QStringLiteral("outbox"));
}

PortalHost::~PortalHost()
{
    stop();
}

bool PortalHost::start(const PortalConfig &config, const MailSettings &mail, QString *error)
{
    int threads = qMax(1, config.threads);
    if (threads > 1 && !PortalServer::canSharePort()) {
        qCWarning(lcPortalHost) << "this platform cannot share a port between servers; serving"
                                << "with one thread instead of" << threads;
        threads = 1;
    }
    PortalConfig serverConfig = config;
    serverConfig.sharePort = threads > 1;
    for (int i = 0; i < threads; ++i) {
        auto thread = std::make_unique<QThread>();
        thread->setObjectName(QStringLiteral("portal-http-%1").arg(i + 1));
        auto *server = new PortalServer(m_db, serverConfig, Clock::system());
        server->moveToThread(thread.get());
        connect(thread.get(), &QThread::finished, server, &QObject::deleteLater);
        thread->start();
        m_httpThreads.push_back(std::move(thread));
        m_servers.push_back(server);

        bool started = false;
        QString startError;
        QMetaObject::invokeMethod(
            server,
            [this, server, &started, &startError] {
                started = server->start(&startError);
                m_port = server->port();
                m_publicUrl = server->publicUrl();
            },
            Qt::BlockingQueuedConnection);
        if (!started) {
            if (error) {
                *error = startError;
            }
            stop();
            return false;
        }
        // The first server may have been given any free port: the others join it there.
        serverConfig.port = m_port;
    }

    m_outbox = new OutboxWorker(m_db, mail);
    m_outbox->moveToThread(&m_mailThread);
    connect(&m_mailThread, &QThread::started, m_outbox, &OutboxWorker::start);
    connect(&m_mailThread, &QThread::finished, m_outbox, &QObject::deleteLater);
    connect(m_outbox, &OutboxWorker::delivered, this, &PortalHost::mailDelivered);
    connect(m_outbox, &OutboxWorker::failed, this, &PortalHost::mailFailed);
    m_purger = new FileDropPurger(m_db, Clock::system());
    m_purger->moveToThread(&m_mailThread);
    connect(&m_mailThread, &QThread::started, m_purger, &FileDropPurger::start);
    connect(&m_mailThread, &QThread::finished, m_purger, &QObject::deleteLater);
    connect(m_purger, &FileDropPurger::purged, this, &PortalHost::dropsPurged);
    m_mailThread.start();
    return true;
}

void PortalHost::stop()
{
    std::vector<QThread *> threads = {&m_mailThread};
    for (const auto &thread : m_httpThreads) {
        threads.push_back(thread.get());
    }
    for (QThread *thread : threads) {
        thread->quit();
    }
    for (QThread *thread : threads) {
        thread->wait();
    }
    m_servers.clear();
    m_httpThreads.clear();
    m_outbox = nullptr;
    m_purger = nullptr;
}

QList<qint64> PortalHost::requestsPerServer() const
{
    QList<qint64> counts;
    for (const PortalServer *server : m_servers) {
        counts.append(server->requestsServed());
    }
    return counts;
}

void PortalHost::purgeExpiredDrops()
{
    if (m_purger) {
        m_purger->wake();
    }
}

void PortalHost::setMailSettings(const MailSettings &mail)
{
    if (m_outbox) {
        m_outbox->setSettings(mail);
    }
}

void PortalHost::wakeOutbox()
{
    if (m_outbox) {
        m_outbox->wake();
    }
}

} // namespace Gatehouse
