#pragma once

#include "storage/ActivityRepository.h"

#include <QList>
#include <QObject>
#include <QTimer>

namespace Gatehouse {

class Database;

// Follows the activity feed so the console shows what clients do without a manual refresh.
// Each tick costs one cheap query (the latest id); only when it has grown are the new events
// read and announced. On PostgreSQL it also listens for the feed's notifications and polls at
// once when one arrives, so changes show without waiting for the next tick.
class ActivityWatcher : public QObject
{
    Q_OBJECT
public:
    static constexpr int kDefaultIntervalMs = 1000;

    explicit ActivityWatcher(const Database &db, QObject *parent = nullptr);

    int intervalMs() const { return m_timer.interval(); }
    void setIntervalMs(int ms) { m_timer.setInterval(ms); }

    // Starts after whatever has happened so far: only later events are announced.
    void start();
    void stop() { m_timer.stop(); }
    bool isActive() const { return m_timer.isActive(); }
    bool isListening() const { return m_listening; }
    qint64 lastSeenId() const { return m_lastSeenId; }

    // One polling round; the timer calls it, and anything that knows of a change may too.
    void poll();

Q_SIGNALS:
    void activity(const QList<Gatehouse::ActivityEvent> &events);
    // The feed could not be read (reported once until it can be read again).
    void failed(const QString &error);

private:
    void reportFailure(const QString &error);

    static constexpr int kBatchSize = 500;

    const Database &m_db;
    QTimer m_timer;
    qint64 m_lastSeenId = 0;
    bool m_failing = false;
    bool m_listening = false;
};

} // namespace Gatehouse
