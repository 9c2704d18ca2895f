#pragma once

#include <QObject>

class QTimer;

namespace Gatehouse {

class Clock;
class Database;

// Purges the ciphertext of expired file drops (FileDropService::purgeExpired) once when it
// starts and then on a timer, in whatever thread it is moved to, so a large purge never holds
// up a request.
class FileDropPurger : public QObject
{
    Q_OBJECT
public:
    FileDropPurger(const Database &db, const Clock &clock, int intervalMs = 60 * 60 * 1000);

    Q_INVOKABLE void start();
    // Runs a purge now (thread-safe: queued into the purger's thread).
    void wake();

Q_SIGNALS:
    void purged(int count);
    void failed(const QString &error);

private:
    void purge();

    const Database &m_db;
    const Clock &m_clock;
    int m_intervalMs;
    QTimer *m_timer = nullptr;
};

} // namespace Gatehouse
