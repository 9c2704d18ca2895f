#include "PortalHost.h"

#include "core/Clock.h"
#include "mail/OutboxDelivery.h"

#include <QMetaObject>

namespace Gatehouse {

PortalHost::PortalHost(const Database &db, QObject *parent)
    : QObject(parent)
    , m_db(db)
{
    m_httpThread.setObjectName(QStringLiteral("portal-http"));
    m_mailThread.setObjectName(QStringLiteral("outbox"));
}

PortalHost::~PortalHost()
{
    stop();
}

bool PortalHost::start(const PortalConfig &config, const MailSettings &mail, QString *error)
{
    m_server = new PortalServer(m_db, config, Clock::system());
    m_server->moveToThread(&m_httpThread);
    connect(&m_httpThread, &QThread::finished, m_server, &QObject::deleteLater);
    m_httpThread.start();

    bool started = false;
    QString startError;
    QMetaObject::invokeMethod(
        m_server,
        [this, &started, &startError] {
            started = m_server->start(&startError);
            m_port = m_server->port();
            m_publicUrl = m_server->publicUrl();
        },
        Qt::BlockingQueuedConnection);
    if (!started) {
        if (error) {
            *error = startError;
        }
        stop();
        return false;
    }

    m_outbox = new OutboxWorker(m_db, mail);
    m_outbox->moveToThread(&m_mailThread);
    connect(&m_mailThread, &QThread::started, m_outbox, &OutboxWorker::start);
    connect(&m_mailThread, &QThread::finished, m_outbox, &QObject::deleteLater);
    connect(m_outbox, &OutboxWorker::delivered, this, &PortalHost::mailDelivered);
    connect(m_outbox, &OutboxWorker::failed, this, &PortalHost::mailFailed);
    m_mailThread.start();
    return true;
}

void PortalHost::stop()
{
    for (QThread *thread : {&m_httpThread, &m_mailThread}) {
        if (thread->isRunning()) {
            thread->quit();
            thread->wait();
        }
    }
    m_server = nullptr;
    m_outbox = nullptr;
}

void PortalHost::wakeOutbox()
{
    if (m_outbox) {
        m_outbox->wake();
    }
}

} // namespace Gatehouse
