#pragma once

#include "domain/Template.h"
#include "domain/TemplateProblem.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace Gatehouse {

// The rules a template must meet before it is stored (CON-3): a name, at least one phase, every
// phase and task named, due dates within a year of the start, and each task's settings readable
// by the code that uses them once the task is copied into an onboarding. Checks are done on
// the values alone; whether a name is taken is the service's question.
class TemplateValidator
{
public:
    static constexpr int kMaxNameLength = 200;
    static constexpr int kMaxDescriptionLength = 2000;
    static constexpr int kMaxPhases = 50;
    static constexpr int kMaxTasks = 500; // in the whole template
    static constexpr int kMaxPhaseNameLength = 200;
    static constexpr int kMaxTitleLength = 200;
    static constexpr int kMaxTaskDescriptionLength = 4000;
    static constexpr int kMaxDueOffsetDays = 365;
    static constexpr int kMaxConfigBytes = 256 * 1024;

    // The template as it is stored (text trimmed, settings in their canonical form), or
    // std::nullopt and the first problem found.
    static std::optional<OnboardingTemplate> normalised(const OnboardingTemplate &tmpl,
                                                        TemplateProblem *problem);
    // A name's problem, or an empty string when it may be used.
    static QString nameProblem(const QString &name);
    // The settings of a task of this kind as they are stored, or std::nullopt and why not.
    // Meetings and trainings may have none yet: those are set up on each onboarding.
    static std::optional<QJsonObject> normalisedConfig(EvidenceType type, const QJsonObject &config,
                                                       QString *error);
};

} // namespace Gatehouse
