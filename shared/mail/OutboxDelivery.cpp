#include "OutboxDelivery.h"

#include "MailComposer.h"
#include "OutboxRepository.h"
#include "core/Clock.h"
#include "core/Logging.h"
#include "storage/DirectoryRepository.h"
#include "storage/FileStore.h"

#include <QMetaObject>

namespace Gatehouse {

OutboxDelivery::OutboxDelivery(const Database &db, std::unique_ptr<MailTransport> transport,
                               const Clock &clock)
    : m_db(db)
    , m_transport(std::move(transport))
    , m_clock(clock)
{}

qint64 OutboxDelivery::backoffMs(int attempts)
{
    const qint64 base = 30 * 1000;
    return qMin<qint64>(base << qMin(attempts, 7), 60 * 60 * 1000);
}

QByteArray OutboxDelivery::workspaceLogo() const
{
    // Without its logo a mail still goes out: the image's empty alt text shows instead.
    QString error;
    const std::optional<Workspace> workspace = DirectoryRepository(m_db).workspace(&error);
    if (!workspace || workspace->logoFileId == 0) {
        return QByteArray();
    }
    return FileStore(m_db).readAll(workspace->logoFileId, &error).value_or(QByteArray());
}

int OutboxDelivery::deliverDue(QString *error, bool *more)
{
    if (more) {
        *more = false;
    }
    OutboxRepository outbox(m_db);
    QString readError;
    const QList<MailMessage> due = outbox.due(m_clock.nowMs(), kRoundSize, &readError);
    if (!readError.isEmpty()) {
        if (error) {
            *error = readError;
        }
        return -1;
    }
    if (more) {
        *more = due.size() == kRoundSize;
    }
    const QByteArray logo = due.isEmpty() ? QByteArray() : workspaceLogo();
    int sent = 0;
    for (const MailMessage &message : due) {
        QString sendError;
        const qint64 now = m_clock.nowMs();
        // Several portal processes deliver from one database: each message goes out through
        // whichever claims it first. A sender that dies mid-way leaves the claim to run out, and
        // the message is sent again after kClaimMs (at least once, never lost).
        QString claimError;
        if (!outbox.claim(message.id, now, now + kClaimMs, &claimError)) {
            if (!claimError.isEmpty()) {
                if (error) {
                    *error = claimError;
                }
                return -1;
            }
            continue;
        }
        if (m_transport->send(MailComposer::withLogo(message, logo), now, &sendError)) {
            if (!outbox.markSent(message.id, m_clock.nowMs(), error)) {
                return -1;
            }
            ++sent;
            qCInfo(lcMail) << "delivered mail" << message.id;
        } else {
            qCWarning(lcMail).noquote() << "mail" << message.id << "not delivered:" << sendError;
            if (!outbox.markFailed(message.id, sendError, now + backoffMs(message.attempts),
                                   error)) {
                return -1;
            }
        }
    }
    return sent;
}

OutboxWorker::OutboxWorker(const Database &db, MailSettings settings, int intervalMs)
    : m_db(db)
    , m_settings(std::move(settings))
    , m_intervalMs(intervalMs)
{}

void OutboxWorker::start()
{
    // Created here so the timer lives in the worker's thread.
    m_delivery = std::make_unique<OutboxDelivery>(m_db, MailTransport::create(m_settings),
                                                  Clock::system());
    m_timer = new QTimer(this);
    connect(m_timer, &QTimer::timeout, this, &OutboxWorker::deliver);
    m_timer->start(m_intervalMs);
    deliver();
}

void OutboxWorker::wake()
{
    QMetaObject::invokeMethod(this, &OutboxWorker::deliver, Qt::QueuedConnection);
}

void OutboxWorker::setSettings(const MailSettings &settings)
{
    QMetaObject::invokeMethod(
        this,
        [this, settings] {
            m_settings = settings;
            if (m_delivery) {
                m_delivery = std::make_unique<OutboxDelivery>(
                    m_db, MailTransport::create(m_settings), Clock::system());
                deliver();
            }
        },
        Qt::QueuedConnection);
}

void OutboxWorker::deliver()
{
    if (!m_delivery || m_settings.waitingForPassword) {
        return;
    }
    QString error;
    bool more = false;
    const int sent = m_delivery->deliverDue(&error, &more);
    if (sent < 0) {
        Q_EMIT failed(error);
    } else if (sent > 0) {
        Q_EMIT delivered(sent);
    }
    // A full round leaves more due: go on at once rather than after the interval (1,000 queued
    // invitations would otherwise take 20 intervals). Queued, so wake() and quitting still get in.
    if (sent > 0 && more) {
        wake();
    }
}

} // namespace Gatehouse
