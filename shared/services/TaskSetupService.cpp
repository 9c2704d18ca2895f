#include "TaskSetupService.h"

#include "calendar/IcsWriter.h"
#include "core/Clock.h"
#include "domain/MeetingSchedule.h"
#include "domain/TrainingSpec.h"
#include "mail/MailComposer.h"
#include "mail/OutboxRepository.h"
#include "security/AuditLog.h"
#include "security/StaffAccess.h"
#include "services/OnboardingService.h"
#include "storage/ActivityRepository.h"
#include "storage/DirectoryRepository.h"
#include "storage/OnboardingRepository.h"
#include "storage/Transaction.h"

#include <QCoreApplication>
#include <QUrl>

namespace Gatehouse {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Gatehouse::TaskSetupService", text);
}

QString joinedMessages(const FieldErrors &errors)
{
    QStringList messages;
    for (const QString &message : errors) {
        messages.append(message);
    }
    return messages.join(QLatin1Char(' '));
}

bool refuseFields(const FieldErrors &found, ServiceError *error, FieldErrors *fieldErrors)
{
    if (fieldErrors) {
        *fieldErrors = found;
    }
    ServiceError::set(error, ServiceError::Kind::Invalid, joinedMessages(found));
    return false;
}

} // namespace

TaskSetupService::TaskSetupService(const Database &db, const Clock &clock, const QString &publicUrl)
    : m_db(db)
    , m_clock(clock)
    , m_publicUrl(publicUrl)
{}

QString TaskSetupService::uidDomain() const
{
    return QUrl(m_publicUrl).host();
}

bool TaskSetupService::scheduleMeeting(qint64 taskId, const MeetingSchedule &requested,
                                       const Actor &actor, ServiceError *error,
                                       FieldErrors *fieldErrors)
{
    if (!StaffAccess::require(m_db, actor, StaffPermission::WorkOnboardings, error)) {
        return false;
    }
    const FieldErrors found = requested.validate();
    if (!found.isEmpty()) {
        return refuseFields(found, error, fieldErrors);
    }
    QString dbError;
    qint64 companyId = 0;
    OnboardingRepository onboardings(m_db);
    DirectoryRepository directory(m_db);
    const std::optional<Task> task = onboardings.taskForStaff(taskId, &companyId, &dbError);
    const std::optional<Workspace> workspace = directory.workspace(&dbError);
    if (!dbError.isEmpty() || !workspace) {
        ServiceError::internal(error);
        return false;
    }
    if (!task) {
        ServiceError::set(error, ServiceError::Kind::NotFound, tr("There is no such task."));
        return false;
    }
    if (task->evidenceType != EvidenceType::Meeting) {
        ServiceError::set(error, ServiceError::Kind::Invalid,
                          tr("Only a meeting task can be scheduled."));
        return false;
    }
    MeetingSchedule schedule = requested;
    schedule.time = QTime(requested.time.hour(), requested.time.minute());
    const std::optional<MeetingSchedule> previous
        = MeetingSchedule::fromConfig(task->config, nullptr);
    if (previous) {
        schedule.sequence = previous->sequence;
        if (previous->toConfig() == schedule.toConfig()) {
            return true; // nothing changed: no new mail either
        }
        ++schedule.sequence;
    }
    const qint64 now = m_clock.nowMs();
    Task updated = *task;
    updated.config = schedule.toConfig();
    updated.updatedAtMs = now;
    const QString when = schedule.start().toString(QStringLiteral("yyyy-MM-dd HH:mm"))
                         + QLatin1Char(' ') + schedule.timeZone;

    Transaction transaction(m_db);
    const bool configured
        = transaction.isActive()
          && onboardings.setTaskConfig(taskId, updated.config, now, &dbError) == 1;
    const int invited
        = configured ? invite(*workspace, companyId, updated, schedule, now, &dbError) : -1;
    const bool ok = invited >= 0;
    ActivityEvent event;
    event.companyId = companyId;
    event.onboardingId = task->onboardingId;
    event.taskId = taskId;
    event.kind = QStringLiteral("task.meeting_scheduled");
    event.actor = actor.name;
    event.summary = QStringLiteral("%1 scheduled \"%2\" for %3").arg(actor.name, task->title, when);
    const AuditEvent audit = AuditEvent::make(
        workspace->id, now, actor, QStringLiteral("task.meeting_scheduled"),
        AuditEvent::subjectOf("task", taskId),
        QStringLiteral("%1 scheduled \"%2\" for %3 (%4 minutes, %5); %6 contact(s) invited")
            .arg(actor.name, task->title, when)
            .arg(schedule.durationMinutes)
            .arg(schedule.url)
            .arg(invited));
    if (!ok || !ActivityRepository(m_db).append(workspace->id, event, now, &dbError)
        || !AuditLog(m_db).append(audit, &dbError) || !transaction.commit(&dbError)) {
        ServiceError::internal(error);
        return false;
    }
    return true;
}

int TaskSetupService::invite(const Workspace &workspace, qint64 companyId, const Task &task,
                             const MeetingSchedule &schedule, qint64 nowMs, QString *error)
{
    const QList<Contact> contacts = DirectoryRepository(m_db).contacts(companyId, error);
    if (error && !error->isEmpty()) {
        return -1;
    }
    const QByteArray ics = IcsWriter::write(IcsWriter::meetingEvent(task, schedule, uidDomain()));
    OutboxRepository outbox(m_db);
    int invited = 0;
    for (const Contact &contact : contacts) {
        if (!contact.portalAccess) {
            continue;
        }
        if (outbox.enqueue(MailComposer::meetingInvitation(workspace, contact, task, schedule,
                                                           m_publicUrl, ics),
                           nowMs, error)
            == 0) {
            return -1;
        }
        ++invited;
    }
    return invited;
}

qint64 TaskSetupService::startOnboarding(qint64 companyId, qint64 templateId, const QString &name,
                                         const QDate &startDate, const Actor &actor,
                                         ServiceError *error)
{
    Transaction transaction(m_db);
    const qint64 id = transaction.isActive() ? OnboardingService(m_db, m_clock)
                                                   .createFromTemplate(companyId, templateId, name,
                                                                       startDate, actor, error)
                                             : 0;
    if (id == 0) {
        if (!transaction.isActive()) {
            ServiceError::internal(error);
        }
        return 0;
    }
    QString dbError;
    const std::optional<Onboarding> onboarding = OnboardingRepository(m_db).get(id, &dbError);
    const std::optional<Workspace> workspace = DirectoryRepository(m_db).workspace(&dbError);
    bool ok = onboarding && workspace;
    for (const Phase &phase : onboarding ? onboarding->phases : QList<Phase>()) {
        for (const Task &task : phase.tasks) {
            // A template that fixes a meeting's date invites as scheduling it by hand would;
            // a date already past is left for staff to move.
            const std::optional<MeetingSchedule> schedule
                = task.evidenceType == EvidenceType::Meeting
                      ? MeetingSchedule::fromConfig(task.config, nullptr)
                      : std::nullopt;
            const bool upcoming
                = schedule && schedule->start().toMSecsSinceEpoch() > m_clock.nowMs();
            ok = ok
                 && (!upcoming
                     || invite(*workspace, onboarding->companyId, task, *schedule, m_clock.nowMs(),
                               &dbError)
                            >= 0);
        }
    }
    if (!ok || !transaction.commit(&dbError)) {
        ServiceError::internal(error);
        return 0;
    }
    return id;
}

bool TaskSetupService::setTraining(qint64 taskId, const TrainingSpec &requested, const Actor &actor,
                                   ServiceError *error, FieldErrors *fieldErrors)
{
    if (!StaffAccess::require(m_db, actor, StaffPermission::WorkOnboardings, error)) {
        return false;
    }
    TrainingSpec spec = requested;
    const FieldErrors found = spec.normalise();
    if (!found.isEmpty()) {
        return refuseFields(found, error, fieldErrors);
    }
    QString dbError;
    qint64 companyId = 0;
    OnboardingRepository onboardings(m_db);
    const std::optional<Task> task = onboardings.taskForStaff(taskId, &companyId, &dbError);
    const std::optional<Workspace> workspace = DirectoryRepository(m_db).workspace(&dbError);
    if (!dbError.isEmpty() || !workspace) {
        ServiceError::internal(error);
        return false;
    }
    if (!task) {
        ServiceError::set(error, ServiceError::Kind::NotFound, tr("There is no such task."));
        return false;
    }
    if (task->evidenceType != EvidenceType::Training) {
        ServiceError::set(error, ServiceError::Kind::Invalid,
                          tr("Only a training task can be set up as a training."));
        return false;
    }
    const QString what = spec.mode == TrainingSpec::Mode::Video
                             ? QStringLiteral("a %1 video (%2)").arg(spec.provider, spec.embedUrl)
                             : QStringLiteral("in person");
    const qint64 now = m_clock.nowMs();
    Transaction transaction(m_db);
    const bool ok = transaction.isActive()
                    && onboardings.setTaskConfig(taskId, spec.toConfig(), now, &dbError) == 1;
    ActivityEvent event;
    event.companyId = companyId;
    event.onboardingId = task->onboardingId;
    event.taskId = taskId;
    event.kind = QStringLiteral("task.training_set");
    event.actor = actor.name;
    event.summary = QStringLiteral("%1 set up \"%2\" as %3").arg(actor.name, task->title, what);
    const AuditEvent audit = AuditEvent::make(
        workspace->id, now, actor, QStringLiteral("task.training_set"),
        AuditEvent::subjectOf("task", taskId),
        QStringLiteral("%1 set up \"%2\" as %3").arg(actor.name, task->title, what));
    if (!ok || !ActivityRepository(m_db).append(workspace->id, event, now, &dbError)
        || !AuditLog(m_db).append(audit, &dbError) || !transaction.commit(&dbError)) {
        ServiceError::internal(error);
        return false;
    }
    return true;
}

std::optional<QByteArray> TaskSetupService::meetingCalendar(qint64 taskId, qint64 companyId,
                                                            ServiceError *error) const
{
    QString dbError;
    const std::optional<Task> task
        = OnboardingRepository(m_db).taskForCompany(taskId, companyId, &dbError);
    if (!dbError.isEmpty()) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    if (!task) {
        ServiceError::set(error, ServiceError::Kind::NotFound, tr("There is no such task."));
        return std::nullopt;
    }
    if (task->evidenceType != EvidenceType::Meeting) {
        ServiceError::set(error, ServiceError::Kind::NotFound, tr("This task is not a meeting."));
        return std::nullopt;
    }
    const std::optional<MeetingSchedule> schedule
        = MeetingSchedule::fromConfig(task->config, nullptr);
    if (!schedule) {
        ServiceError::set(error, ServiceError::Kind::Conflict,
                          tr("This meeting has not been scheduled yet."));
        return std::nullopt;
    }
    return IcsWriter::write(IcsWriter::meetingEvent(*task, *schedule, uidDomain()));
}

} // namespace Gatehouse
