#include "TaskFileRepository.h"

#include "SqlQuery.h"

namespace Gatehouse {

namespace {

const QLatin1String
    kSelect("SELECT tf.id, tf.task_id, tf.role, tf.contact_id, COALESCE(c.name, ''), f.id, f.name, "
            "f.media_type, f.size, f.sha256, f.created_at, tf.review_state, tf.review_note, "
            "tf.reviewed_by, tf.reviewed_at, tf.created_at FROM task_file tf "
            "JOIN stored_file f ON f.id = tf.file_id LEFT JOIN contact c ON c.id = tf.contact_id ");

TaskFile readTaskFile(const SqlQuery &query)
{
    TaskFile file;
    file.id = query.int64(0);
    file.taskId = query.int64(1);
    const QString role = query.text(2);
    file.role = role == QLatin1String("attachment") ? TaskFile::Role::Attachment
                : role == QLatin1String("signed")   ? TaskFile::Role::Signed
                                                    : TaskFile::Role::Upload;
    file.contactId = query.int64(3);
    file.uploadedBy = query.text(4);
    file.file = {query.int64(5), query.text(6), query.text(7),
                 query.int64(8), query.text(9), query.int64(10)};
    file.review = reviewStateFromString(query.text(11)).value_or(ReviewState::Uploaded);
    file.reviewNote = query.text(12);
    file.reviewedBy = query.text(13);
    file.reviewedAtMs = query.int64(14);
    file.createdAtMs = query.int64(15);
    return file;
}

} // namespace

qint64 TaskFileRepository::add(qint64 taskId, qint64 fileId, TaskFile::Role role, qint64 contactId,
                               qint64 nowMs, QString *error) const
{
    SqlQuery insert(m_db, QStringLiteral("INSERT INTO task_file (task_id, file_id, role, "
                                         "contact_id, created_at) VALUES (?, ?, ?, ?, ?) "
                                         "RETURNING id"));
    insert << taskId << fileId << toKey(role) << nullable(contactId) << nowMs;
    if (!insert.exec(error) || !insert.next()) {
        return 0;
    }
    return insert.int64(0);
}

QList<TaskFile> TaskFileRepository::forTask(qint64 taskId, QString *error) const
{
    QList<TaskFile> files;
    SqlQuery query(m_db, kSelect + QLatin1String("WHERE tf.task_id = ? ORDER BY tf.id"));
    query << taskId;
    if (!query.exec(error)) {
        return files;
    }
    while (query.next()) {
        files.append(readTaskFile(query));
    }
    return files;
}

std::optional<TaskFile> TaskFileRepository::get(qint64 taskFileId, qint64 companyId,
                                                QString *error) const
{
    SqlQuery query(m_db, kSelect
                             + QLatin1String("JOIN task t ON t.id = tf.task_id "
                                             "JOIN onboarding o ON o.id = t.onboarding_id "
                                             "WHERE tf.id = ? AND (? = 0 OR o.company_id = ?)"));
    query << taskFileId << companyId << companyId;
    if (!query.exec(error) || !query.next()) {
        return std::nullopt;
    }
    return readTaskFile(query);
}

int TaskFileRepository::setReview(qint64 taskFileId, ReviewState from, ReviewState to,
                                  const QString &note, const QString &reviewer, qint64 nowMs,
                                  QString *error) const
{
    SqlQuery update(m_db, QStringLiteral("UPDATE task_file SET review_state = ?, review_note = ?, "
                                         "reviewed_by = ?, reviewed_at = ? "
                                         "WHERE id = ? AND review_state = ?"));
    update << toKey(to) << note << reviewer << nowMs << taskFileId << toKey(from);
    if (!update.exec(error)) {
        return -1;
    }
    return update.rowsAffected();
}

} // namespace Gatehouse
