#pragma once

#include "MailTransport.h"

#include <QObject>
#include <QString>
#include <QTimer>

#include <memory>

namespace Gatehouse {

class Clock;
class Database;

// Sends what the outbox holds. A failure is recorded on the row and retried later with
// exponential backoff (30 s doubling up to an hour); nothing is dropped.
class OutboxDelivery
{
public:
    OutboxDelivery(const Database &db, std::unique_ptr<MailTransport> transport,
                   const Clock &clock);

    // Sends every due message once, at most kRoundSize; returns how many went out, or -1 on a
    // database error. *more, when given, tells whether the round was full (more may be due).
    int deliverDue(QString *error, bool *more = nullptr);

    static constexpr int kRoundSize = 50;

    static qint64 backoffMs(int attempts);
    // How long a claimed message is left to its sender before another may try it: longer than
    // the SMTP transfer may take (60 s) by a wide margin.
    static constexpr qint64 kClaimMs = 10LL * 60 * 1000;

private:
    QByteArray workspaceLogo() const;

    const Database &m_db;
    std::unique_ptr<MailTransport> m_transport;
    const Clock &m_clock;
};

// Runs OutboxDelivery on a timer in whatever thread it is moved to, so a slow SMTP server never
// blocks the console or the portal.
class OutboxWorker : public QObject
{
    Q_OBJECT
public:
    OutboxWorker(const Database &db, MailSettings settings, int intervalMs = 2000);

    Q_INVOKABLE void start();
    // Asks for a delivery round now (thread-safe: queued into the worker's thread).
    void wake();
    // Sends with these from the next round on (thread-safe, like wake()).
    void setSettings(const MailSettings &settings);

Q_SIGNALS:
    void delivered(int count);
    void failed(const QString &error);

private:
    void deliver();

    const Database &m_db;
    MailSettings m_settings;
    int m_intervalMs;
    QTimer *m_timer = nullptr;
    std::unique_ptr<OutboxDelivery> m_delivery;
};

} // namespace Gatehouse
