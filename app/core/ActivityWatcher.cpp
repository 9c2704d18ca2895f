#include "ActivityWatcher.h"

#include "ConsoleLogging.h"
#include "storage/Database.h"

#include <QSqlDriver>
#include <QSqlQuery>

namespace Gatehouse {

ActivityWatcher::ActivityWatcher(const Database &db, QObject *parent)
    : QObject(parent)
    , m_db(db)
{
    m_timer.setInterval(m_intervalMs);
    connect(&m_timer, &QTimer::timeout, this, &ActivityWatcher::tick);
}

ActivityWatcher::~ActivityWatcher()
{
    unlisten();
}

void ActivityWatcher::setIntervalMs(int ms)
{
    m_intervalMs = ms;
    updateInterval();
}

void ActivityWatcher::setSafetyIntervalMs(int ms)
{
    m_safetyIntervalMs = ms;
    updateInterval();
}

void ActivityWatcher::updateInterval()
{
    m_timer.setInterval(isListening() ? m_safetyIntervalMs : m_intervalMs);
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
    listen();
    m_timer.start();
}

void ActivityWatcher::stop()
{
    m_timer.stop();
    unlisten();
}

void ActivityWatcher::pause()
{
    stop();
}

void ActivityWatcher::resume()
{
    m_failing = false;
    listen();
    m_timer.start();
    poll();
}

void ActivityWatcher::listen()
{
    if (m_db.engine() != Engine::Postgres || isListening()) {
        return;
    }
    // A connection of its own that runs no other queries: libpq takes notifications off the
    // socket while it reads a query's result, and QPSQL only looks for them when the socket
    // becomes readable, so a listener sharing the console's busy connection could sit on a
    // notification until the next unrelated packet.
    const QString purpose
        = QStringLiteral("activity-listener-%1").arg(reinterpret_cast<quintptr>(this), 0, 16);
    QString error;
    QSqlDatabase connection = m_db.openSeparateConnection(purpose, &error);
    QSqlDriver *driver = connection.isValid() ? connection.driver() : nullptr;
    const QString channel = QString::fromLatin1(ActivityRepository::kNotifyChannel);
    if (!driver || !driver->subscribeToNotification(channel)) {
        qCInfo(lcConsole).noquote() << "no notifications from the database; polling only" << error;
        if (connection.isValid()) {
            const QString name = connection.connectionName();
            connection = QSqlDatabase();
            Database::closeSeparateConnection(name);
        }
        updateInterval();
        return;
    }
    m_listenConnection = connection.connectionName();
    ++m_listenCount;
    connect(driver, &QSqlDriver::notification, this, [this, channel](const QString &name) {
        if (name == channel) {
            poll();
        }
    });
    updateInterval();
}

void ActivityWatcher::unlisten()
{
    if (m_listenConnection.isEmpty()) {
        return;
    }
    {
        QSqlDatabase connection = QSqlDatabase::database(m_listenConnection, false);
        if (QSqlDriver *driver = connection.driver()) {
            disconnect(driver, nullptr, this, nullptr);
        }
    }
    Database::closeSeparateConnection(m_listenConnection);
    m_listenConnection.clear();
    updateInterval();
}

void ActivityWatcher::tick()
{
    // A listening connection the server dropped (restart, idle timeout, terminated backend)
    // hears nothing more: the safety poll notices and listens afresh.
    if (isListening() && !listenerAlive()) {
        qCInfo(lcConsole) << "the notification connection was lost; listening again";
        unlisten();
        listen();
    }
    poll();
}

bool ActivityWatcher::listenerAlive() const
{
    QSqlDatabase connection = QSqlDatabase::database(m_listenConnection, false);
    // A notification this probe's reply brings along is not lost: poll() reads the rows next.
    QSqlQuery probe(connection);
    return connection.isOpen() && probe.exec(QStringLiteral("SELECT 1"));
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
