#pragma once

#include "TaskKinds.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace Gatehouse {

struct TemplateTask
{
    QString title;
    QString description;
    EvidenceType evidenceType = EvidenceType::Standard;
    OwnerSide ownerSide = OwnerSide::Client;
    int dueOffsetDays = 0; // from the onboarding's start date
    QJsonObject config;    // the kind's settings, copied into each onboarding's task

    bool operator==(const TemplateTask &other) const
    {
        return title == other.title && description == other.description
               && evidenceType == other.evidenceType && ownerSide == other.ownerSide
               && dueOffsetDays == other.dueOffsetDays && config == other.config;
    }
    bool operator!=(const TemplateTask &other) const { return !(*this == other); }
};

struct TemplatePhase
{
    QString name;
    QList<TemplateTask> tasks;

    bool operator==(const TemplatePhase &other) const
    {
        return name == other.name && tasks == other.tasks;
    }
    bool operator!=(const TemplatePhase &other) const { return !(*this == other); }
};

struct OnboardingTemplate
{
    qint64 id = 0;
    QString name;
    QString description;
    QList<TemplatePhase> phases;

    bool operator==(const OnboardingTemplate &other) const
    {
        return id == other.id && name == other.name && description == other.description
               && phases == other.phases;
    }
    bool operator!=(const OnboardingTemplate &other) const { return !(*this == other); }
};

} // namespace Gatehouse
