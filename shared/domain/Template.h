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
};

struct TemplatePhase
{
    QString name;
    QList<TemplateTask> tasks;
};

struct OnboardingTemplate
{
    qint64 id = 0;
    QString name;
    QString description;
    QList<TemplatePhase> phases;
};

} // namespace Gatehouse
