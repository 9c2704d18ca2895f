#pragma once

#include "TaskKinds.h"

#include <QDate>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace Gatehouse {

struct Task
{
    qint64 id = 0;
    qint64 onboardingId = 0;
    qint64 phaseId = 0;
    int position = 0;
    QString title;
    QString description;
    EvidenceType evidenceType = EvidenceType::Standard;
    OwnerSide ownerSide = OwnerSide::Client;
    TaskStatus status = TaskStatus::Pending;
    QDate dueDate;
    qint64 completedAtMs = 0; // 0 while not completed
    QString completedBy;
    QString completionNote;
    qint64 updatedAtMs = 0;
    QJsonObject config;      // the kind's settings, as staff set them (see TaskConfig.h)
    qint64 staffOwnerId = 0; // the member of staff who answers for it; 0: the onboarding's owner
};

struct Phase
{
    qint64 id = 0;
    int position = 0;
    QString name;
    QList<Task> tasks;

    bool isComplete() const;
};

struct Progress
{
    int completed = 0;
    int total = 0;
    int percent() const { return total == 0 ? 0 : completed * 100 / total; }
};

struct Onboarding
{
    qint64 id = 0;
    qint64 companyId = 0;
    QString companyName;
    qint64 templateId = 0;
    QString name;
    QDate startDate;
    qint64 ownerStaffId = 0; // who started it, unless handed on; 0: nobody (staff since removed)
    Progress progress;
    QList<Phase> phases; // filled by OnboardingRepository::get()

    // The first phase with work left; -1 when everything is done.
    int currentPhaseIndex() const;
};

} // namespace Gatehouse
