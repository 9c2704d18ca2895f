#include "ActivityWatcher.h"

#include "ConsoleLogging.h"
#include "storage/Database.h"

#include <QSqlDriver>

namespace Gatehouse {

ActivityWatcher::ActivityWatcher(const Database &db, QObject *parent)
    : QObject(parent)
    , m_db(db)
{
    m_timer.setInterval(kDefaultIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &ActivityWatcher::poll);
}

void ActivityWatcher::start()
{
    QString error;
    const qint64 latest = ActivityRepository(m_db).latestId(&error);
    if (latest < 0) {
        reportFailure(error);
    } else {
        m_lastSeenId = latest;
    }
    m_timer.start();
    if (m_db.engine() == Engine::Postgres && !m_listening) {
        QSqlDriver *driver = m_db.connection().driver();
        const QString channel = QString::fromLatin1(ActivityRepository::kNotifyChannel);
        if (driver && driver->subscribeToNotification(channel)) {
            m_listening = true;
            connect(driver, &QSqlDriver::notification, this, [this, channel](const QString &name) {
                if (name == channel) {
                    poll();
                }
            });
        } else {
            qCInfo(lcConsole) << "no notifications from the database; polling only";
        }
    }
}

void ActivityWatcher::poll()
{
    ActivityRepository feed(m_db);
    QString error;
    const qint64 latest = feed.latestId(&error);
    if (latest < 0) {
        reportFailure(error);
        return;
    }
    m_failing = false;
    if (latest <= m_lastSeenId) {
        return;
    }
    QList<ActivityEvent> events;
    for (;;) {
        error.clear();
        const QList<ActivityEvent> batch = feed.since(m_lastSeenId, kBatchSize, &error);
        if (!error.isEmpty()) {
            reportFailure(error);
            break;
        }
        events.append(batch);
        if (!batch.isEmpty()) {
            m_lastSeenId = batch.last().id;
        }
        if (batch.size() < kBatchSize) {
            break;
        }
    }
    if (!events.isEmpty()) {
        Q_EMIT activity(events);
    }
}

void ActivityWatcher::reportFailure(const QString &error)
{
    if (m_failing) {
        return;
    }
    m_failing = true;
    qCWarning(lcConsole).noquote() << "cannot read the activity feed:" << error;
    Q_EMIT failed(error);
}

} // namespace Gatehouse
