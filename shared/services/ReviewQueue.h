#pragma once

#include <QList>
#include <QString>

namespace Gatehouse {

class Database;

// Something a client did that waits for staff (CON-5).
struct ReviewItem
{
    enum class Kind {
        File,     // an upload to approve or reject
        Approval, // the client asked for changes: revise and reopen
        Training  // an in-person training to mark done
    };

    qint64 id = 0; // unique within the queue (kind and row)
    Kind kind = Kind::File;
    qint64 taskId = 0;
    qint64 taskFileId = 0; // files only
    qint64 companyId = 0;
    QString company;
    QString onboarding;
    QString task;
    QString detail; // the file's name, the client's comment, the training's instructions
    QString mediaType;
    qint64 sinceMs = 0;
};

// Everything waiting for staff across the workspace, oldest first.
class ReviewQueue
{
public:
    explicit ReviewQueue(const Database &db)
        : m_db(db)
    {}

    QList<ReviewItem> items(qint64 workspaceId, QString *error) const;

private:
    const Database &m_db;
};

} // namespace Gatehouse
