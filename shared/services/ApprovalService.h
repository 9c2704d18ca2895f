#pragma once

#include "core/ServiceError.h"

#include <QList>
#include <QString>

#include <optional>

namespace Gatehouse {

class Clock;
class Database;

struct ApprovalDecision
{
    qint64 id = 0;
    qint64 taskId = 0;
    QString contactName;
    bool approved = false;
    QString comment;
    QString ip;
    QString userAgent;
    qint64 createdAtMs = 0;
};

// Approval tasks (ONB-4, ONB-6): the client approves, which completes the task, or rejects
// with a reason, which blocks it until staff revise and reopen it.
class ApprovalService
{
public:
    ApprovalService(const Database &db, const Clock &clock);

    static constexpr int kMaxCommentLength = 2000;

    std::optional<ApprovalDecision> decideAsContact(qint64 taskId, qint64 contactId,
                                                    qint64 companyId, bool approve,
                                                    const QString &comment, const QString &ip,
                                                    const QString &userAgent, ServiceError *error);
    // Newest first. NotFound for another company's task (companyId 0: staff, any company).
    std::optional<QList<ApprovalDecision>> decisions(qint64 taskId, qint64 companyId,
                                                     ServiceError *error) const;

private:
    const Database &m_db;
    const Clock &m_clock;
};

} // namespace Gatehouse
