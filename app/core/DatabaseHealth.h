#pragma once

#include <QObject>
#include <QString>
#include <QTimer>

namespace Gatehouse {

class Database;

// The one place that decides whether the console's database can be reached. It probes the
// connection now and then (and whenever someone reports a failed read); when the probe fails it
// closes the connection, says so (lost) and reconnects with backoff until it works (restored).
// Views do not detect anything themselves: they follow these signals.
class DatabaseHealth : public QObject
{
    Q_OBJECT
public:
    static constexpr int kHeartbeatMs = 5000;
    static constexpr int kFirstRetryMs = 1000;
    static constexpr int kMaxRetryMs = 30 * 1000;

    explicit DatabaseHealth(const Database &db, QObject *parent = nullptr);
    ~DatabaseHealth() override;

    // Whether any console window's database is unreachable now (for messages that cannot
    // reach a window, such as ErrorLabel's).
    static bool anyUnreachable();

    bool isReachable() const { return m_reachable; }
    // Why it cannot be reached (empty while it can).
    QString reason() const { return m_reason; }
    // The delay before the next reconnect attempt (0 while reachable).
    int retryDelayMs() const { return m_reachable ? 0 : m_retry.interval(); }

    // Tests shorten these.
    void setHeartbeatMs(int ms) { m_heartbeat.setInterval(ms); }
    void setRetryDelays(int firstMs, int maxMs);

    // Starts probing now and then.
    void start();
    // A read or write failed with this error: probes at once, and the database is declared lost
    // only if the probe fails too (a failed statement alone is not a lost connection).
    void reportFailure(const QString &error);
    // One probe; declares the database lost when it fails. Returns whether it is reachable.
    bool check();
    // Reconnects now instead of waiting for the next attempt (the banner's Retry now).
    void retryNow();

    // The first line of a driver's message, without the trailing period, to fit in a sentence.
    static QString shortReason(const QString &error);

Q_SIGNALS:
    // The database cannot be reached; also sent after every failed attempt with its reason.
    void lost(const QString &reason);
    // It can be reached again (the connection has been reopened).
    void restored();

private:
    [[nodiscard]] bool probe(QString *error) const;
    void markLost(const QString &error);
    void attempt();
    void setReachable(bool reachable);

    const Database &m_db;
    QTimer m_heartbeat;
    QTimer m_retry;
    int m_firstRetryMs = kFirstRetryMs;
    int m_maxRetryMs = kMaxRetryMs;
    bool m_reachable = true;
    QString m_reason;
};

} // namespace Gatehouse
