#pragma once

#include "core/ServiceError.h"
#include "domain/Onboarding.h"

#include <QDate>
#include <QString>

#include <optional>

namespace Gatehouse {

class Clock;
class Database;

// Rules about onboardings and their tasks that the console and the portal share.
class OnboardingService
{
public:
    OnboardingService(const Database &db, const Clock &clock);

    static constexpr int kMaxNoteLength = 2000;

    qint64 createFromTemplate(qint64 companyId, qint64 templateId, const QString &name,
                              const QDate &startDate, const QString &actor, ServiceError *error);

    // A contact completes one of their company's client-side standard tasks.
    std::optional<Task> completeAsContact(qint64 taskId, qint64 contactId, qint64 companyId,
                                          const QString &note, ServiceError *error);
    // Staff set any status on a task of any company in the workspace.
    [[nodiscard]] bool setStatusAsStaff(qint64 taskId, TaskStatus status, const QString &actor,
                                        ServiceError *error);

private:
    const Database &m_db;
    const Clock &m_clock;
};

} // namespace Gatehouse
