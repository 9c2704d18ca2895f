#include "OutboxRepository.h"

#include "storage/SqlQuery.h"

namespace Gatehouse {

qint64 OutboxRepository::enqueue(const MailMessage &message, qint64 nowMs, QString *error)
{
    SqlQuery query(m_db, QStringLiteral("INSERT INTO outbox (recipient, subject, body_text, "
                                        "body_html, created_at, next_attempt_at) "
                                        "VALUES (?, ?, ?, ?, ?, ?) RETURNING id"));
    query << message.to << message.subject << message.text << message.html << nowMs << nowMs;
    if (!query.exec(error) || !query.next()) {
        return 0;
    }
    const qint64 id = query.int64(0);
    for (qsizetype i = 0; i < message.attachments.size(); ++i) {
        const MailAttachment &attachment = message.attachments.at(i);
        SqlQuery insert(m_db, QStringLiteral("INSERT INTO outbox_attachment (outbox_id, position, "
                                             "name, media_type, data) VALUES (?, ?, ?, ?, ?)"));
        insert << id << int(i) << attachment.name << QString::fromLatin1(attachment.mediaType)
               << attachment.data;
        if (!insert.exec(error)) {
            return 0;
        }
    }
    return id;
}

bool OutboxRepository::loadAttachments(QList<MailMessage> &messages, QString *error) const
{
    for (MailMessage &message : messages) {
        SqlQuery query(m_db, QStringLiteral("SELECT name, media_type, data FROM outbox_attachment "
                                            "WHERE outbox_id = ? ORDER BY position"));
        query << message.id;
        if (!query.exec(error)) {
            return false;
        }
        while (query.next()) {
            message.attachments.append(
                {query.text(0), query.text(1).toLatin1(), query.value(2).toByteArray()});
        }
    }
    return true;
}

QList<MailMessage> OutboxRepository::read(const QString &sql, const QVariantList &binds,
                                          QString *error) const
{
    QList<MailMessage> result;
    SqlQuery query(m_db, QStringLiteral("SELECT id, recipient, subject, body_text, body_html, "
                                        "attempts, created_at, sent_at, last_error FROM outbox ")
                             + sql);
    for (const QVariant &bind : binds) {
        query << bind;
    }
    if (!query.exec(error)) {
        return result;
    }
    while (query.next()) {
        MailMessage message;
        message.id = query.int64(0);
        message.to = query.text(1);
        message.subject = query.text(2);
        message.text = query.text(3);
        message.html = query.text(4);
        message.attempts = query.value(5).toInt();
        message.createdAtMs = query.int64(6);
        message.sentAtMs = query.int64(7);
        message.lastError = query.text(8);
        result.append(message);
    }
    return result;
}

QList<MailMessage> OutboxRepository::due(qint64 nowMs, int limit, QString *error) const
{
    QString readError;
    QList<MailMessage> messages
        = read(QStringLiteral("WHERE sent_at IS NULL AND next_attempt_at <= ? ORDER BY id "
                              "LIMIT ?"),
               {nowMs, limit}, &readError);
    // A mail without its attachments must not go out: on a failure nothing is due this round.
    if (!readError.isEmpty() || !loadAttachments(messages, &readError)) {
        if (error) {
            *error = readError;
        }
        return {};
    }
    return messages;
}

QList<MailMessage> OutboxRepository::recent(int limit, QString *error) const
{
    return read(QStringLiteral("ORDER BY id DESC LIMIT ?"), {limit}, error);
}

int OutboxRepository::pendingCount(QString *error) const
{
    SqlQuery query(m_db, QStringLiteral("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL"));
    if (!query.exec(error) || !query.next()) {
        return -1;
    }
    return query.value(0).toInt();
}

int OutboxRepository::sentCount(const QList<qint64> &ids, QString *error) const
{
    // In slices, so 1,000 ids stay well below any engine's limit of bound parameters.
    constexpr qsizetype kSlice = 200;
    int sent = 0;
    for (qsizetype at = 0; at < ids.size(); at += kSlice) {
        const QList<qint64> slice = ids.mid(at, kSlice);
        QStringList marks;
        marks.fill(QStringLiteral("?"), slice.size());
        SqlQuery query(m_db, QStringLiteral("SELECT COUNT(*) FROM outbox WHERE sent_at IS NOT NULL "
                                            "AND id IN (")
                                 + marks.join(QLatin1Char(',')) + QLatin1Char(')'));
        for (const qint64 id : slice) {
            query << id;
        }
        if (!query.exec(error) || !query.next()) {
            return -1;
        }
        sent += query.value(0).toInt();
    }
    return sent;
}

bool OutboxRepository::claim(qint64 id, qint64 nowMs, qint64 untilMs, QString *error)
{
    // One conditional UPDATE: of two senders racing for the row, the second finds it no longer
    // due (PostgreSQL re-checks the WHERE after the first commits; SQLite writes one at a time).
    SqlQuery query(m_db, QStringLiteral("UPDATE outbox SET next_attempt_at = ? WHERE id = ? AND "
                                        "sent_at IS NULL AND next_attempt_at <= ?"));
    query << untilMs << id << nowMs;
    if (!query.exec(error)) {
        return false;
    }
    return query.rowsAffected() == 1;
}

bool OutboxRepository::markSent(qint64 id, qint64 nowMs, QString *error)
{
    SqlQuery query(m_db, QStringLiteral("UPDATE outbox SET sent_at = ?, attempts = attempts + 1, "
                                        "last_error = '' WHERE id = ?"));
    query << nowMs << id;
    return query.exec(error);
}

bool OutboxRepository::markFailed(qint64 id, const QString &reason, qint64 nextAttemptAtMs,
                                  QString *error)
{
    SqlQuery query(m_db, QStringLiteral("UPDATE outbox SET attempts = attempts + 1, "
                                        "last_error = ?, next_attempt_at = ? WHERE id = ?"));
    query << reason.left(500) << nextAttemptAtMs << id;
    return query.exec(error);
}

} // namespace Gatehouse
