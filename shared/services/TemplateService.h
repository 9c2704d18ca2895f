#pragma once

#include "core/ServiceError.h"
#include "domain/Actor.h"
#include "domain/Template.h"
#include "domain/TemplateProblem.h"

#include <QList>
#include <QString>

#include <optional>

namespace Gatehouse {

class Clock;
class Database;

// Templates (CON-3): staff create, rename, duplicate, delete and edit the workspace's onboarding
// templates. An edit saves the whole structure (phases and tasks in order) at once, after the
// TemplateValidator's checks and a check that no other template has the name (ignoring case).
// A refused change changes nothing. Every change writes an activity row and an audit event in
// its transaction.
//
// Onboardings copy a template's phases and tasks when they are created, so editing or deleting
// a template never changes an onboarding: a deleted template's onboardings keep their tasks and
// only forget which template they came from.
class TemplateService
{
public:
    TemplateService(const Database &db, const Clock &clock);

    // Names and descriptions, by name.
    QList<OnboardingTemplate> list(ServiceError *error) const;
    std::optional<OnboardingTemplate> get(qint64 id, ServiceError *error) const;
    // How many onboardings were created from the template; -1 on failure.
    int onboardingCount(qint64 id, ServiceError *error) const;

    // A new template; its id, or 0 with the reason (and where, for a bad structure).
    qint64 create(const OnboardingTemplate &tmpl, const Actor &actor, ServiceError *error,
                  TemplateProblem *problem = nullptr);
    // Replaces the name, description, phases and tasks of the template tmpl.id.
    [[nodiscard]] bool save(const OnboardingTemplate &tmpl, const Actor &actor, ServiceError *error,
                            TemplateProblem *problem = nullptr);
    [[nodiscard]] bool rename(qint64 id, const QString &name, const Actor &actor,
                              ServiceError *error);
    // A copy under a new name; an empty name picks "Copy of …". Returns the copy's id or 0.
    qint64 duplicate(qint64 id, const QString &name, const Actor &actor, ServiceError *error);
    [[nodiscard]] bool remove(qint64 id, const Actor &actor, ServiceError *error);

    // The name "Copy of <name>" or "Copy of <name> (2)", ... that no template has yet.
    QString copyName(const QString &name, ServiceError *error) const;

private:
    // Whether another template than exceptId has this name; sets *error when so or on failure.
    bool nameTaken(qint64 workspaceId, const QString &name, qint64 exceptId,
                   ServiceError *error) const;
    [[nodiscard]] bool record(qint64 workspaceId, qint64 templateId, const Actor &actor,
                              const QString &action, const QString &summary, qint64 nowMs,
                              QString *dbError);

    const Database &m_db;
    const Clock &m_clock;
};

} // namespace Gatehouse
