#include "TemplateService.h"

#include "TemplateValidator.h"
#include "core/Clock.h"
#include "security/AuditLog.h"
#include "security/StaffAccess.h"
#include "storage/ActivityRepository.h"
#include "storage/DirectoryRepository.h"
#include "storage/TemplateRepository.h"
#include "storage/Transaction.h"

#include <QCoreApplication>

namespace Gatehouse {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Gatehouse::TemplateService", text);
}

int taskCount(const OnboardingTemplate &tmpl)
{
    int count = 0;
    for (const TemplatePhase &phase : tmpl.phases) {
        count += int(phase.tasks.size());
    }
    return count;
}

void notFound(ServiceError *error)
{
    ServiceError::set(error, ServiceError::Kind::NotFound, tr("There is no such template."));
}

bool refuseStructure(const TemplateProblem &found, ServiceError *error, TemplateProblem *problem)
{
    if (problem) {
        *problem = found;
    }
    ServiceError::set(error, ServiceError::Kind::Invalid, found.message);
    return false;
}

} // namespace

TemplateService::TemplateService(const Database &db, const Clock &clock)
    : m_db(db)
    , m_clock(clock)
{}

QList<OnboardingTemplate> TemplateService::list(ServiceError *error) const
{
    QString dbError;
    const std::optional<Workspace> workspace = DirectoryRepository(m_db).workspace(&dbError);
    if (!workspace) {
        ServiceError::internal(error);
        return {};
    }
    QList<OnboardingTemplate> templates = TemplateRepository(m_db).list(workspace->id, &dbError);
    if (!dbError.isEmpty()) {
        ServiceError::internal(error);
        return {};
    }
    return templates;
}

std::optional<OnboardingTemplate> TemplateService::get(qint64 id, ServiceError *error) const
{
    QString dbError;
    std::optional<OnboardingTemplate> tmpl = TemplateRepository(m_db).get(id, &dbError);
    if (!dbError.isEmpty()) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    if (!tmpl) {
        notFound(error);
    }
    return tmpl;
}

int TemplateService::onboardingCount(qint64 id, ServiceError *error) const
{
    QString dbError;
    const int count = TemplateRepository(m_db).onboardingCount(id, &dbError);
    if (count < 0) {
        ServiceError::internal(error);
    }
    return count;
}

bool TemplateService::nameTaken(qint64 workspaceId, const QString &name, qint64 exceptId,
                                ServiceError *error) const
{
    QString dbError;
    const QList<OnboardingTemplate> templates
        = TemplateRepository(m_db).list(workspaceId, &dbError);
    if (!dbError.isEmpty()) {
        ServiceError::internal(error);
        return true;
    }
    for (const OnboardingTemplate &other : templates) {
        if (other.id != exceptId && other.name.compare(name, Qt::CaseInsensitive) == 0) {
            ServiceError::set(error, ServiceError::Kind::Conflict,
                              tr("Another template is already called \"%1\".").arg(other.name));
            return true;
        }
    }
    return false;
}

QString TemplateService::copyName(const QString &name, ServiceError *error) const
{
    const QList<OnboardingTemplate> templates = list(error);
    const auto taken = [&templates](const QString &candidate) {
        for (const OnboardingTemplate &other : templates) {
            if (other.name.compare(candidate, Qt::CaseInsensitive) == 0) {
                return true;
            }
        }
        return false;
    };
    const QString base = tr("Copy of %1").arg(name.trimmed());
    QString candidate = base;
    for (int n = 2; taken(candidate); ++n) {
        candidate = QStringLiteral("%1 (%2)").arg(base).arg(n);
    }
    return candidate;
}

bool TemplateService::record(qint64 workspaceId, qint64 templateId, const Actor &actor,
                             const QString &action, const QString &summary, qint64 nowMs,
                             QString *dbError)
{
    // No company: templates belong to the workspace. The row still tells other consoles to
    // re-read their template lists.
    ActivityEvent event;
    event.kind = action;
    event.actor = actor.name;
    event.summary = summary;
    const AuditEvent audit = AuditEvent::make(
        workspaceId, nowMs, actor, action, AuditEvent::subjectOf("template", templateId), summary);
    return ActivityRepository(m_db).append(workspaceId, event, nowMs, dbError)
           && AuditLog(m_db).append(audit, dbError);
}

qint64 TemplateService::create(const OnboardingTemplate &requested, const Actor &actor,
                               ServiceError *error, TemplateProblem *problem)
{
    if (!StaffAccess::require(m_db, actor, StaffPermission::EditTemplates, error)) {
        return 0;
    }
    TemplateProblem found;
    const std::optional<OnboardingTemplate> tmpl = TemplateValidator::normalised(requested, &found);
    if (!tmpl) {
        refuseStructure(found, error, problem);
        return 0;
    }
    QString dbError;
    const std::optional<Workspace> workspace = DirectoryRepository(m_db).workspace(&dbError);
    if (!workspace) {
        ServiceError::internal(error);
        return 0;
    }
    const qint64 now = m_clock.nowMs();
    Transaction transaction(m_db);
    if (!transaction.isActive()) {
        ServiceError::internal(error);
        return 0;
    }
    if (nameTaken(workspace->id, tmpl->name, 0, error)) {
        return 0;
    }
    const qint64 id = TemplateRepository(m_db).create(workspace->id, *tmpl, now, &dbError);
    const QString summary = QStringLiteral("%1 created template \"%2\" (%3 phases, %4 tasks)")
                                .arg(actor.name, tmpl->name)
                                .arg(tmpl->phases.size())
                                .arg(taskCount(*tmpl));
    if (id == 0
        || !record(workspace->id, id, actor, QStringLiteral("template.created"), summary, now,
                   &dbError)
        || !transaction.commit(&dbError)) {
        ServiceError::internal(error);
        return 0;
    }
    return id;
}

bool TemplateService::save(const OnboardingTemplate &requested, const Actor &actor,
                           ServiceError *error, TemplateProblem *problem)
{
    if (!StaffAccess::require(m_db, actor, StaffPermission::EditTemplates, error)) {
        return false;
    }
    TemplateProblem found;
    const std::optional<OnboardingTemplate> tmpl = TemplateValidator::normalised(requested, &found);
    if (!tmpl) {
        return refuseStructure(found, error, problem);
    }
    QString dbError;
    const std::optional<Workspace> workspace = DirectoryRepository(m_db).workspace(&dbError);
    if (!workspace) {
        ServiceError::internal(error);
        return false;
    }
    const qint64 now = m_clock.nowMs();
    Transaction transaction(m_db);
    if (!transaction.isActive()) {
        ServiceError::internal(error);
        return false;
    }
    const std::optional<OnboardingTemplate> before = get(tmpl->id, error);
    if (!before) {
        return false;
    }
    TemplateRepository templates(m_db);
    if (nameTaken(workspace->id, tmpl->name, tmpl->id, error)) {
        return false;
    }
    const int changed = templates.update(tmpl->id, *tmpl, &dbError);
    const QString renamed = before->name == tmpl->name
                                ? QString()
                                : QStringLiteral(" (was \"%1\")").arg(before->name);
    const QString summary = QStringLiteral("%1 saved template \"%2\"%3: %4 phases, %5 tasks")
                                .arg(actor.name, tmpl->name, renamed)
                                .arg(tmpl->phases.size())
                                .arg(taskCount(*tmpl));
    if (changed != 1
        || !record(workspace->id, tmpl->id, actor, QStringLiteral("template.saved"), summary, now,
                   &dbError)
        || !transaction.commit(&dbError)) {
        ServiceError::internal(error);
        return false;
    }
    return true;
}

bool TemplateService::rename(qint64 id, const QString &requested, const Actor &actor,
                             ServiceError *error)
{
    if (!StaffAccess::require(m_db, actor, StaffPermission::EditTemplates, error)) {
        return false;
    }
    const QString name = requested.trimmed();
    const QString problem = TemplateValidator::nameProblem(name);
    if (!problem.isEmpty()) {
        ServiceError::set(error, ServiceError::Kind::Invalid, problem);
        return false;
    }
    QString dbError;
    const std::optional<Workspace> workspace = DirectoryRepository(m_db).workspace(&dbError);
    if (!workspace) {
        ServiceError::internal(error);
        return false;
    }
    const qint64 now = m_clock.nowMs();
    Transaction transaction(m_db);
    if (!transaction.isActive()) {
        ServiceError::internal(error);
        return false;
    }
    const std::optional<OnboardingTemplate> before = get(id, error);
    if (!before) {
        return false;
    }
    TemplateRepository templates(m_db);
    if (before->name == name) {
        return true;
    }
    if (nameTaken(workspace->id, name, id, error)) {
        return false;
    }
    const QString summary = QStringLiteral("%1 renamed template \"%2\" to \"%3\"")
                                .arg(actor.name, before->name, name);
    if (templates.rename(id, name, &dbError) != 1
        || !record(workspace->id, id, actor, QStringLiteral("template.renamed"), summary, now,
                   &dbError)
        || !transaction.commit(&dbError)) {
        ServiceError::internal(error);
        return false;
    }
    return true;
}

qint64 TemplateService::duplicate(qint64 id, const QString &requestedName, const Actor &actor,
                                  ServiceError *error)
{
    if (!StaffAccess::require(m_db, actor, StaffPermission::EditTemplates, error)) {
        return 0;
    }
    std::optional<OnboardingTemplate> source = get(id, error);
    if (!source) {
        return 0;
    }
    const QString name = requestedName.trimmed().isEmpty() ? copyName(source->name, error)
                                                           : requestedName.trimmed();
    if (name.isEmpty()) {
        return 0;
    }
    const QString problem = TemplateValidator::nameProblem(name);
    if (!problem.isEmpty()) {
        ServiceError::set(error, ServiceError::Kind::Invalid, problem);
        return 0;
    }
    QString dbError;
    const std::optional<Workspace> workspace = DirectoryRepository(m_db).workspace(&dbError);
    if (!workspace) {
        ServiceError::internal(error);
        return 0;
    }
    const qint64 now = m_clock.nowMs();
    Transaction transaction(m_db);
    if (!transaction.isActive()) {
        ServiceError::internal(error);
        return 0;
    }
    if (nameTaken(workspace->id, name, 0, error)) {
        return 0;
    }
    // Copied as stored: a template saved before a rule was tightened still copies.
    OnboardingTemplate copy = *source;
    copy.id = 0;
    copy.name = name;
    const qint64 copyId = TemplateRepository(m_db).create(workspace->id, copy, now, &dbError);
    const QString summary = QStringLiteral("%1 duplicated template \"%2\" as \"%3\"")
                                .arg(actor.name, source->name, name);
    if (copyId == 0
        || !record(workspace->id, copyId, actor, QStringLiteral("template.duplicated"), summary,
                   now, &dbError)
        || !transaction.commit(&dbError)) {
        ServiceError::internal(error);
        return 0;
    }
    return copyId;
}

bool TemplateService::remove(qint64 id, const Actor &actor, ServiceError *error)
{
    if (!StaffAccess::require(m_db, actor, StaffPermission::EditTemplates, error)) {
        return false;
    }
    QString dbError;
    const std::optional<Workspace> workspace = DirectoryRepository(m_db).workspace(&dbError);
    if (!workspace) {
        ServiceError::internal(error);
        return false;
    }
    const qint64 now = m_clock.nowMs();
    Transaction transaction(m_db);
    if (!transaction.isActive()) {
        ServiceError::internal(error);
        return false;
    }
    const std::optional<OnboardingTemplate> before = get(id, error);
    if (!before) {
        return false;
    }
    TemplateRepository templates(m_db);
    const int used = templates.onboardingCount(id, &dbError);
    const QString summary
        = QStringLiteral("%1 deleted template \"%2\"; %3 onboardings created from it keep their "
                         "tasks")
              .arg(actor.name, before->name)
              .arg(used);
    if (used < 0 || templates.remove(id, &dbError) != 1
        || !record(workspace->id, id, actor, QStringLiteral("template.deleted"), summary, now,
                   &dbError)
        || !transaction.commit(&dbError)) {
        ServiceError::internal(error);
        return false;
    }
    return true;
}

} // namespace Gatehouse
