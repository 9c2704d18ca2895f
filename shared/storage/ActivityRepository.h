#pragma once

#include <QList>
#include <QString>

namespace Gatehouse {

class Database;

struct ActivityEvent
{
    qint64 id = 0;
    qint64 companyId = 0;
    qint64 onboardingId = 0;
    qint64 taskId = 0;
    QString kind; // e.g. "task.completed", "invite.sent"
    QString actor;
    QString summary;
    qint64 createdAtMs = 0;
};

// The activity feed. Rows only ever get appended, so "everything after id N" is how the
// console follows what clients do.
class ActivityRepository
{
public:
    explicit ActivityRepository(const Database &db)
        : m_db(db)
    {}

    // On PostgreSQL every append also notifies this channel (delivered when the transaction
    // commits), so a console listening on it hears of changes at once instead of polling.
    static constexpr const char *kNotifyChannel = "gatehouse_activity";

    [[nodiscard]] bool append(qint64 workspaceId, const ActivityEvent &event, qint64 nowMs,
                              QString *error);
    qint64 latestId(QString *error) const;
    QList<ActivityEvent> since(qint64 afterId, int limit, QString *error) const;

private:
    const Database &m_db;
};

} // namespace Gatehouse
