#pragma once

#include "MailMessage.h"

#include <QList>

namespace Gatehouse {

class Database;

// Mail waiting to go out. Writers enqueue inside the transaction of the change that caused the
// mail, so a change and its mail are committed together or not at all.
class OutboxRepository
{
public:
    explicit OutboxRepository(const Database &db)
        : m_db(db)
    {}

    // The message with its attachments; call inside the transaction of the change it reports.
    qint64 enqueue(const MailMessage &message, qint64 nowMs, QString *error);
    // Due messages with their attachments (recent() leaves attachments out: it is for lists).
    QList<MailMessage> due(qint64 nowMs, int limit, QString *error) const;
    QList<MailMessage> recent(int limit, QString *error) const;
    int pendingCount(QString *error) const;
    // How many of these messages have been sent; -1 on a database error.
    int sentCount(const QList<qint64> &ids, QString *error) const;
    // Takes a due message for one sender until untilMs: true when this caller got it, false when
    // another sender (another portal process on the same database) took or sent it first.
    [[nodiscard]] bool claim(qint64 id, qint64 nowMs, qint64 untilMs, QString *error);
    [[nodiscard]] bool markSent(qint64 id, qint64 nowMs, QString *error);
    [[nodiscard]] bool markFailed(qint64 id, const QString &reason, qint64 nextAttemptAtMs,
                                  QString *error);

private:
    [[nodiscard]] bool loadAttachments(QList<MailMessage> &messages, QString *error) const;
    QList<MailMessage> read(const QString &sql, const QVariantList &binds, QString *error) const;

    const Database &m_db;
};

} // namespace Gatehouse
