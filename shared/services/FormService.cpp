#include "FormService.h"

#include "TaskEvents.h"
#include "core/Clock.h"
#include "storage/DirectoryRepository.h"
#include "storage/OnboardingRepository.h"
#include "storage/Transaction.h"

#include <QCoreApplication>

#include <algorithm>

namespace Gatehouse {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Gatehouse::FormService", text);
}

bool isForm(const Task &task, ServiceError *error)
{
    if (task.evidenceType != EvidenceType::Form) {
        ServiceError::set(error, ServiceError::Kind::Invalid, tr("This task is not a form."));
        return false;
    }
    return true;
}

} // namespace

FormService::FormService(const Database &db, const Clock &clock)
    : m_db(db)
    , m_clock(clock)
{}

std::optional<FormDefinition> FormService::definitionOf(const Task &task, ServiceError *error) const
{
    QString why;
    std::optional<FormDefinition> definition = FormDefinition::fromConfig(task.config, &why);
    if (!definition) {
        // Only staff write the config, through setDefinition(); a broken one is our fault.
        ServiceError::set(error, ServiceError::Kind::Conflict,
                          tr("This form cannot be filled in yet: %1").arg(why));
    }
    return definition;
}

bool FormService::setDefinition(qint64 taskId, const FormDefinition &definition, const Actor &actor,
                                ServiceError *error)
{
    QString why;
    if (!definition.check(&why)) {
        ServiceError::set(error, ServiceError::Kind::Invalid, why);
        return false;
    }
    // Activity and audit text is stored, so it stays in English like the rest of the feed.
    return saveTaskSettings(
        m_db, m_clock, taskId, EvidenceType::Form, tr("This task is not a form."),
        definition.toConfig(), actor, QStringLiteral("form.defined"),
        [&](const Task &task) {
            return QStringLiteral("%1 set the questions of \"%2\" (%3 fields)")
                .arg(actor.name, task.title)
                .arg(definition.fields.size());
        },
        error);
}

std::optional<FormState> FormService::stateForStaff(qint64 taskId, ServiceError *error) const
{
    QString dbError;
    qint64 companyId = 0;
    const std::optional<Task> task
        = OnboardingRepository(m_db).taskForStaff(taskId, &companyId, &dbError);
    if (!task) {
        if (dbError.isEmpty()) {
            ServiceError::set(error, ServiceError::Kind::NotFound, tr("There is no such task."));
        } else {
            ServiceError::internal(error);
        }
        return std::nullopt;
    }
    if (!isForm(*task, error)) {
        return std::nullopt;
    }
    FormState state;
    state.task = *task;
    // Staff see the answers even when the definition is unreadable, so they can repair it.
    state.definition = FormDefinition::fromConfig(task->config, nullptr).value_or(FormDefinition());
    state.entries = FormEntryRepository(m_db).forTask(taskId, &dbError);
    if (!dbError.isEmpty()) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    return state;
}

std::optional<FormState> FormService::stateForContact(qint64 taskId, qint64 companyId,
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
    if (!isForm(*task, error)) {
        return std::nullopt;
    }
    const std::optional<FormDefinition> definition = definitionOf(*task, error);
    if (!definition) {
        return std::nullopt;
    }
    FormState state{*task, *definition,
                    FormEntryRepository(m_db).forTaskOfCompany(taskId, companyId, &dbError)};
    if (!dbError.isEmpty()) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    return state;
}

std::optional<Task> FormService::changeableTask(qint64 taskId, qint64 companyId,
                                                const Workspace &workspace,
                                                ServiceError *error) const
{
    const std::optional<FormState> state = stateForContact(taskId, companyId, error);
    if (!state) {
        return std::nullopt;
    }
    if (state->task.ownerSide != OwnerSide::Client) {
        ServiceError::set(error, ServiceError::Kind::Invalid,
                          tr("This form is filled in by %1, not by you.").arg(workspace.name));
        return std::nullopt;
    }
    if (state->task.status == TaskStatus::Completed) {
        ServiceError::set(error, ServiceError::Kind::Conflict,
                          tr("This form has been submitted and can no longer be changed."));
        return std::nullopt;
    }
    return state->task;
}

std::optional<FormEntry> FormService::saveEntry(qint64 taskId, qint64 entryId,
                                                const QJsonObject &answers, qint64 contactId,
                                                qint64 companyId, const QString &ip,
                                                FieldErrors *fieldErrors, ServiceError *error)
{
    QString dbError;
    DirectoryRepository directory(m_db);
    const std::optional<Workspace> workspace = directory.workspace(&dbError);
    const std::optional<Contact> contact = directory.contact(contactId, &dbError);
    if (!workspace || !contact || contact->companyId != companyId) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    const std::optional<Task> task = changeableTask(taskId, companyId, *workspace, error);
    if (!task) {
        return std::nullopt;
    }
    const FormDefinition definition = FormDefinition::fromConfig(task->config, nullptr).value();
    if (definition.fields.isEmpty()) {
        ServiceError::set(error, ServiceError::Kind::Conflict,
                          tr("This form has no questions yet."));
        return std::nullopt;
    }
    const FieldErrors problems = definition.validate(answers);
    if (!problems.isEmpty()) {
        if (fieldErrors) {
            *fieldErrors = problems;
        }
        ServiceError::set(error, ServiceError::Kind::Invalid,
                          tr("Some answers need your attention."));
        return std::nullopt;
    }
    const QJsonObject stored = definition.normalised(answers);

    const qint64 now = m_clock.nowMs();
    FormEntryRepository entries(m_db);
    Transaction transaction(m_db);
    if (!transaction.isActive()) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    // Read inside the transaction, so two saves of a single-entry form cannot both insert.
    const QList<FormEntry> existing = entries.forTaskOfCompany(taskId, companyId, &dbError);
    qint64 target = entryId;
    if (target == 0 && !definition.multipleEntries && !existing.isEmpty()) {
        target = existing.first().id;
    }
    bool added = false;
    if (target != 0) {
        const bool known = std::any_of(existing.begin(), existing.end(),
                                       [target](const FormEntry &e) { return e.id == target; });
        if (!known) {
            ServiceError::set(error, ServiceError::Kind::NotFound,
                              tr("There is no such entry. It may have been removed."));
            return std::nullopt;
        }
        if (entries.update(target, taskId, contactId, contact->name, stored, now, &dbError) != 1) {
            ServiceError::internal(error);
            return std::nullopt;
        }
    } else {
        if (existing.size() >= kMaxEntries) {
            ServiceError::set(error, ServiceError::Kind::Conflict,
                              tr("This form can have at most %1 entries.").arg(kMaxEntries));
            return std::nullopt;
        }
        target = entries.insert(taskId, contactId, contact->name, stored, now, &dbError);
        added = true;
    }
    const int moved
        = target == 0 || task->status != TaskStatus::Pending
              ? 0
              : OnboardingRepository(m_db).setTaskStatus(taskId, companyId, TaskStatus::InProgress,
                                                         contact->name, QString(), now, &dbError);
    const QString summary = (added ? QStringLiteral("%1 added an entry to \"%2\"")
                                   : QStringLiteral("%1 changed an entry of \"%2\""))
                                .arg(contact->name, task->title);
    if (target == 0 || moved < 0
        || !recordTaskEvent(m_db, workspace->id, companyId, *task,
                            QStringLiteral("form.entry_saved"), Actor::contact(*contact, ip),
                            summary, QString(), now, &dbError)
        || !transaction.commit(&dbError)) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    return entries.get(target, taskId, companyId, &dbError);
}

bool FormService::removeEntry(qint64 taskId, qint64 entryId, qint64 contactId, qint64 companyId,
                              const QString &ip, ServiceError *error)
{
    QString dbError;
    DirectoryRepository directory(m_db);
    const std::optional<Workspace> workspace = directory.workspace(&dbError);
    const std::optional<Contact> contact = directory.contact(contactId, &dbError);
    if (!workspace || !contact || contact->companyId != companyId) {
        ServiceError::internal(error);
        return false;
    }
    const std::optional<Task> task = changeableTask(taskId, companyId, *workspace, error);
    if (!task) {
        return false;
    }
    const qint64 now = m_clock.nowMs();
    Transaction transaction(m_db);
    FormEntryRepository entries(m_db);
    if (!transaction.isActive()) {
        ServiceError::internal(error);
        return false;
    }
    if (!entries.get(entryId, taskId, companyId, &dbError)) {
        if (dbError.isEmpty()) {
            ServiceError::set(error, ServiceError::Kind::NotFound,
                              tr("There is no such entry. It may have been removed."));
        } else {
            ServiceError::internal(error);
        }
        return false;
    }
    if (entries.remove(entryId, taskId, &dbError) != 1
        || !recordTaskEvent(
            m_db, workspace->id, companyId, *task, QStringLiteral("form.entry_removed"),
            Actor::contact(*contact, ip),
            QStringLiteral("%1 removed an entry of \"%2\"").arg(contact->name, task->title),
            QString(), now, &dbError)
        || !transaction.commit(&dbError)) {
        ServiceError::internal(error);
        return false;
    }
    return true;
}

std::optional<Task> FormService::submit(qint64 taskId, qint64 contactId, qint64 companyId,
                                        const QString &ip, ServiceError *error)
{
    QString dbError;
    DirectoryRepository directory(m_db);
    const std::optional<Workspace> workspace = directory.workspace(&dbError);
    const std::optional<Contact> contact = directory.contact(contactId, &dbError);
    if (!workspace || !contact || contact->companyId != companyId) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    const std::optional<Task> task = changeableTask(taskId, companyId, *workspace, error);
    if (!task) {
        return std::nullopt;
    }
    const qint64 now = m_clock.nowMs();
    OnboardingRepository onboardings(m_db);
    Transaction transaction(m_db);
    if (!transaction.isActive()) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    const QList<FormEntry> entries
        = FormEntryRepository(m_db).forTaskOfCompany(taskId, companyId, &dbError);
    if (!dbError.isEmpty()) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    if (entries.isEmpty()) {
        ServiceError::set(error, ServiceError::Kind::Conflict,
                          tr("Save your answers before you submit the form."));
        return std::nullopt;
    }
    const int changed = onboardings.setTaskStatus(taskId, companyId, TaskStatus::Completed,
                                                  contact->name, QString(), now, &dbError);
    if (changed == 0) {
        ServiceError::set(error, ServiceError::Kind::Conflict,
                          tr("This form has been submitted and can no longer be changed."));
        return std::nullopt;
    }
    if (changed < 0
        || !recordTaskEvent(m_db, workspace->id, companyId, *task, QStringLiteral("task.completed"),
                            Actor::contact(*contact, ip),
                            QStringLiteral("%1 submitted \"%2\"").arg(contact->name, task->title),
                            QString(), now, &dbError)
        || !transaction.commit(&dbError)) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    return onboardings.taskForCompany(taskId, companyId, &dbError);
}

} // namespace Gatehouse
