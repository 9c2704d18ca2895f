#pragma once

#include "core/ServiceError.h"
#include "domain/Actor.h"
#include "domain/FieldErrors.h"

#include <QByteArray>
#include <QDate>
#include <QString>

#include <optional>

namespace Gatehouse {

class Clock;
class Database;
struct MeetingSchedule;
struct Task;
struct TrainingSpec;
struct Workspace;

// Staff set up a task of a kind that needs settings: a meeting's schedule, a training's video or
// instructions. Each change writes the task's config, an activity row and an audit event in one
// transaction; scheduling a meeting also mails each contact of the company who may use the
// portal an invitation with the calendar file, in the same transaction.
class TaskSetupService
{
public:
    // publicUrl: the portal's address, for links in mail and the calendar file's UIDs.
    TaskSetupService(const Database &db, const Clock &clock, const QString &publicUrl);

    // On bad input: Invalid in *error with every field's message in *fieldErrors.
    [[nodiscard]] bool scheduleMeeting(qint64 taskId, const MeetingSchedule &schedule,
                                       const Actor &actor, ServiceError *error,
                                       FieldErrors *fieldErrors = nullptr);
    [[nodiscard]] bool setTraining(qint64 taskId, const TrainingSpec &spec, const Actor &actor,
                                   ServiceError *error, FieldErrors *fieldErrors = nullptr);

    // Starts an onboarding from a template (OnboardingService::createFromTemplate) and sends
    // the invitations of any meeting the template already schedules, all in one transaction.
    qint64 startOnboarding(qint64 companyId, qint64 templateId, const QString &name,
                           const QDate &startDate, const Actor &actor, ServiceError *error);

    // The .ics of a scheduled meeting task of the company (the portal's download).
    std::optional<QByteArray> meetingCalendar(qint64 taskId, qint64 companyId,
                                              ServiceError *error) const;

private:
    QString uidDomain() const;
    // Mails the meeting's calendar file to each of the company's contacts who may use the
    // portal; returns how many, -1 on a database error.
    int invite(const Workspace &workspace, qint64 companyId, const Task &task,
               const MeetingSchedule &schedule, qint64 nowMs, QString *error);

    const Database &m_db;
    const Clock &m_clock;
    QString m_publicUrl;
};

} // namespace Gatehouse
