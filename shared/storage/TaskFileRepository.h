#pragma once

#include "domain/TaskFile.h"

#include <QList>

#include <optional>

namespace Gatehouse {

class Database;

// The files on tasks (task_file joined with stored_file).
class TaskFileRepository
{
public:
    explicit TaskFileRepository(const Database &db)
        : m_db(db)
    {}

    qint64 add(qint64 taskId, qint64 fileId, TaskFile::Role role, qint64 contactId, qint64 nowMs,
               QString *error) const;
    QList<TaskFile> forTask(qint64 taskId, QString *error) const;
    // companyId 0: any company (staff).
    std::optional<TaskFile> get(qint64 taskFileId, qint64 companyId, QString *error) const;
    // Moves a file from one review state to another; 0 rows when it was not in `from`.
    int setReview(qint64 taskFileId, ReviewState from, ReviewState to, const QString &note,
                  const QString &reviewer, qint64 nowMs, QString *error) const;

private:
    const Database &m_db;
};

} // namespace Gatehouse
