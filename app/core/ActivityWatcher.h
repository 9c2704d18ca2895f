#pragma once

#include "storage/ActivityRepository.h"

#include <QList>
#include <QObject>
#include <QTimer>

namespace Gatehouse {

class Database;

// Follows the activity feed so the console shows what clients do without a manual refresh.
// Each tick costs one cheap query (the latest id); only when it has grown are the new events
// read and announced. On PostgreSQL it listens for the feed's notifications on a connection of
// its own and reads at once when one arrives; the timer is then only a slow safety net for a
// notification lost with a dropped connection. SQLite has no notifications and is polled fast.
class ActivityWatcher : public QObject
{
    Q_OBJECT
public:
    static constexpr int kDefaultIntervalMs = 1000;
    static constexpr int kSafetyIntervalMs = 30 * 1000;

    explicit ActivityWatcher(const Database &db, QObject *parent = nullptr);
    ~ActivityWatcher() override;

    // The poll interval without notifications (SQLite, or PostgreSQL when LISTEN failed).
    int intervalMs() const { return m_intervalMs; }
    void setIntervalMs(int ms);
    // The poll interval while notifications arrive.
    int safetyIntervalMs() const { return m_safetyIntervalMs; }
    void setSafetyIntervalMs(int ms);

    // Starts after whatever has happened so far: only later events are announced.
    void start();
    void stop();
    bool isActive() const { return m_timer.isActive(); }
    bool isListening() const { return !m_listenConnection.isEmpty(); }
    qint64 lastSeenId() const { return m_lastSeenId; }
    // How many times it has started listening (tests see a listener replaced).
    int listenCount() const { return m_listenCount; }

    // While the database cannot be reached: no polling, no listening (DatabaseHealth retries).
    void pause();
    // Back after pause(): listens again and reads what happened meanwhile at once.
    void resume();

    // One polling round; the timer calls it, and anything that knows of a change may too.
    void poll();

Q_SIGNALS:
    void activity(const QList<Gatehouse::ActivityEvent> &events);
    // The feed could not be read (reported once until it can be read again).
    void failed(const QString &error);

private:
    void tick();
    void listen();
    void unlisten();
    bool listenerAlive() const;
    void updateInterval();
    void reportFailure(const QString &error);

    static constexpr int kBatchSize = 500;

    const Database &m_db;
    QTimer m_timer;
    int m_intervalMs = kDefaultIntervalMs;
    int m_safetyIntervalMs = kSafetyIntervalMs;
    qint64 m_lastSeenId = 0;
    bool m_failing = false;
    QString m_listenConnection; // empty: not listening
    int m_listenCount = 0;
};

} // namespace Gatehouse
