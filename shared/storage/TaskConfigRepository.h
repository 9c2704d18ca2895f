#pragma once

#include <QJsonObject>
#include <QString>

namespace Gatehouse {

class Database;

// Writes a task's config (the kind's settings staff set). Each kind owns a few keys of it, so a
// change merges those keys and leaves the others alone.
class TaskConfigRepository
{
public:
    explicit TaskConfigRepository(const Database &db)
        : m_db(db)
    {}

    // Rows changed (0 when there is no such task), -1 on failure. Call inside a transaction.
    int mergeConfig(qint64 taskId, const QJsonObject &keys, qint64 nowMs, QString *error);

private:
    const Database &m_db;
};

} // namespace Gatehouse
