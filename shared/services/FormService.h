#pragma once

#include "core/ServiceError.h"
#include "domain/Actor.h"
#include "domain/Directory.h"
#include "domain/Onboarding.h"
#include "forms/FormDefinition.h"
#include "storage/FormEntryRepository.h"

#include <QJsonObject>
#include <QList>

#include <optional>

namespace Gatehouse {

class Clock;
class Database;

// A form task as one side sees it: the task, its questions and the answers given so far.
struct FormState
{
    Task task;
    FormDefinition definition;
    QList<FormEntry> entries;
};

// Form tasks (ONB-4): staff define the questions, contacts of the task's company answer them.
// Saving a valid entry moves a pending task to in progress; the contact then submits the form,
// which completes the task and freezes its answers (staff may reopen it). A single-entry form's
// entry is replaced on every save; others hold up to kMaxEntries entries. Every change is
// recorded in the activity feed and the audit trail in the same transaction.
class FormService
{
public:
    static constexpr int kMaxEntries = 100;

    FormService(const Database &db, const Clock &clock);

    [[nodiscard]] bool setDefinition(qint64 taskId, const FormDefinition &definition,
                                     const Actor &actor, ServiceError *error);
    std::optional<FormState> stateForStaff(qint64 taskId, ServiceError *error) const;

    std::optional<FormState> stateForContact(qint64 taskId, qint64 companyId,
                                             ServiceError *error) const;
    // entryId 0 adds an entry (a single-entry form replaces its one entry). Answers that do not
    // pass the definition's checks leave everything unchanged and fill *fieldErrors.
    std::optional<FormEntry> saveEntry(qint64 taskId, qint64 entryId, const QJsonObject &answers,
                                       qint64 contactId, qint64 companyId, const QString &ip,
                                       FieldErrors *fieldErrors, ServiceError *error);
    [[nodiscard]] bool removeEntry(qint64 taskId, qint64 entryId, qint64 contactId,
                                   qint64 companyId, const QString &ip, ServiceError *error);
    std::optional<Task> submit(qint64 taskId, qint64 contactId, qint64 companyId, const QString &ip,
                               ServiceError *error);

private:
    // The task, if this contact may change its answers now; else a refusal in *error.
    std::optional<Task> changeableTask(qint64 taskId, qint64 companyId, const Workspace &workspace,
                                       ServiceError *error) const;
    std::optional<FormDefinition> definitionOf(const Task &task, ServiceError *error) const;

    const Database &m_db;
    const Clock &m_clock;
};

} // namespace Gatehouse
