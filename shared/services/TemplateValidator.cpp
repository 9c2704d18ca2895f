#include "TemplateValidator.h"

#include "domain/MeetingSchedule.h"
#include "domain/TrainingSpec.h"
#include "files/UploadSpec.h"
#include "forms/ChecklistDefinition.h"
#include "forms/FormDefinition.h"
#include "storage/TaskConfigText.h"

#include <QCoreApplication>
#include <QStringList>

namespace Gatehouse {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Gatehouse::TemplateValidator", text);
}

QString joined(const FieldErrors &errors)
{
    QStringList messages;
    for (const QString &message : errors) {
        messages.append(message);
    }
    return messages.join(QLatin1Char(' '));
}

bool refuse(TemplateProblem *problem, int phase, int task, const QString &message)
{
    if (problem) {
        *problem = {phase, task, message};
    }
    return false;
}

} // namespace

QString TemplateValidator::nameProblem(const QString &name)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty()) {
        return tr("Give the template a name.");
    }
    if (trimmed.size() > kMaxNameLength) {
        return tr("The template's name can be at most %1 characters long.").arg(kMaxNameLength);
    }
    return QString();
}

std::optional<QJsonObject>
TemplateValidator::normalisedConfig(EvidenceType type, const QJsonObject &config, QString *error)
{
    const auto fail = [error](const QString &message) -> std::optional<QJsonObject> {
        if (error) {
            *error = message;
        }
        return std::nullopt;
    };
    if (configToText(config).toUtf8().size() > kMaxConfigBytes) {
        return fail(tr("The task's settings are too large."));
    }
    QString why;
    FieldErrors fields;
    switch (type) {
    case EvidenceType::Upload: {
        const std::optional<UploadSpec> spec = UploadSpec::fromConfig(config, &why);
        return spec ? std::optional(spec->toConfig()) : fail(why);
    }
    case EvidenceType::Meeting: {
        // A template rarely knows the date; each onboarding's meeting is scheduled later.
        if (config.isEmpty()) {
            return config;
        }
        const std::optional<MeetingSchedule> schedule
            = MeetingSchedule::fromConfig(config, &fields);
        return schedule ? std::optional(schedule->toConfig()) : fail(joined(fields));
    }
    case EvidenceType::Training: {
        if (config.isEmpty()) {
            return config;
        }
        const std::optional<TrainingSpec> spec = TrainingSpec::fromConfig(config, &fields);
        return spec ? std::optional(spec->toConfig()) : fail(joined(fields));
    }
    case EvidenceType::Form: {
        const std::optional<FormDefinition> form = FormDefinition::fromConfig(config, &why);
        return form ? std::optional(form->toConfig()) : fail(why);
    }
    case EvidenceType::Checklist: {
        const std::optional<ChecklistDefinition> list
            = ChecklistDefinition::fromConfig(config, &why);
        return list ? std::optional(list->toConfig()) : fail(why);
    }
    case EvidenceType::Standard:
    case EvidenceType::Signature:
    case EvidenceType::Credential:
    case EvidenceType::FileDrop:
    case EvidenceType::Approval:
        // No settings of their own yet; what is there is kept for the code that reads it.
        return config;
    }
    return fail(tr("Unknown kind of task."));
}

std::optional<OnboardingTemplate> TemplateValidator::normalised(const OnboardingTemplate &tmpl,
                                                                TemplateProblem *problem)
{
    OnboardingTemplate result = tmpl;
    result.name = tmpl.name.trimmed();
    result.description = tmpl.description.trimmed();
    const QString name = nameProblem(result.name);
    if (!name.isEmpty()) {
        refuse(problem, -1, -1, name);
        return std::nullopt;
    }
    if (result.description.size() > kMaxDescriptionLength) {
        refuse(problem, -1, -1,
               tr("The template's description can be at most %1 characters long.")
                   .arg(kMaxDescriptionLength));
        return std::nullopt;
    }
    if (result.phases.isEmpty()) {
        refuse(problem, -1, -1, tr("A template needs at least one phase."));
        return std::nullopt;
    }
    if (result.phases.size() > kMaxPhases) {
        refuse(problem, -1, -1, tr("A template can have at most %1 phases.").arg(kMaxPhases));
        return std::nullopt;
    }
    int taskCount = 0;
    for (int p = 0; p < result.phases.size(); ++p) {
        TemplatePhase &phase = result.phases[p];
        phase.name = phase.name.trimmed();
        if (phase.name.isEmpty()) {
            refuse(problem, p, -1, tr("Phase %1 needs a name.").arg(p + 1));
            return std::nullopt;
        }
        if (phase.name.size() > kMaxPhaseNameLength) {
            refuse(problem, p, -1,
                   tr("The name of phase %1 can be at most %2 characters long.")
                       .arg(p + 1)
                       .arg(kMaxPhaseNameLength));
            return std::nullopt;
        }
        taskCount += int(phase.tasks.size());
        if (taskCount > kMaxTasks) {
            refuse(problem, p, -1, tr("A template can have at most %1 tasks.").arg(kMaxTasks));
            return std::nullopt;
        }
        for (int t = 0; t < phase.tasks.size(); ++t) {
            TemplateTask &task = phase.tasks[t];
            task.title = task.title.trimmed();
            task.description = task.description.trimmed();
            // "Phase 2, task 3": where people find it in the tree.
            const QString where = tr("%1, task %2").arg(phase.name).arg(t + 1);
            if (task.title.isEmpty()) {
                refuse(problem, p, t, tr("%1 needs a title.").arg(where));
                return std::nullopt;
            }
            if (task.title.size() > kMaxTitleLength) {
                refuse(problem, p, t,
                       tr("%1: the title can be at most %2 characters long.")
                           .arg(where)
                           .arg(kMaxTitleLength));
                return std::nullopt;
            }
            if (task.description.size() > kMaxTaskDescriptionLength) {
                refuse(problem, p, t,
                       tr("%1: the description can be at most %2 characters long.")
                           .arg(where)
                           .arg(kMaxTaskDescriptionLength));
                return std::nullopt;
            }
            if (task.dueOffsetDays < 0 || task.dueOffsetDays > kMaxDueOffsetDays) {
                refuse(problem, p, t,
                       tr("\"%1\": the due date must be 0 to %2 days after the start.")
                           .arg(task.title)
                           .arg(kMaxDueOffsetDays));
                return std::nullopt;
            }
            QString why;
            const std::optional<QJsonObject> config
                = normalisedConfig(task.evidenceType, task.config, &why);
            if (!config) {
                refuse(problem, p, t,
                       tr("\"%1\" (%2): %3").arg(task.title, displayName(task.evidenceType), why));
                return std::nullopt;
            }
            task.config = *config;
        }
    }
    return result;
}

} // namespace Gatehouse
