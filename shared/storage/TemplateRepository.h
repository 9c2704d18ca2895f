#pragma once

#include "domain/Template.h"

#include <QList>
#include <QString>

#include <optional>

namespace Gatehouse {

class Database;

class TemplateRepository
{
public:
    explicit TemplateRepository(const Database &db)
        : m_db(db)
    {}

    // Writes the template with its phases and tasks; call inside a transaction.
    qint64 create(qint64 workspaceId, const OnboardingTemplate &tmpl, qint64 nowMs, QString *error);
    QList<OnboardingTemplate> list(qint64 workspaceId, QString *error) const; // names only
    std::optional<OnboardingTemplate> get(qint64 id, QString *error) const;

    // These return the rows changed (0 when there is no such template) or -1 on failure; call
    // them inside a transaction.
    // Replaces the name, description, phases and tasks.
    int update(qint64 id, const OnboardingTemplate &tmpl, QString *error);
    int rename(qint64 id, const QString &name, QString *error);
    // Onboardings created from it keep their own copies of its phases and tasks.
    int remove(qint64 id, QString *error);
    // How many onboardings were created from it; -1 on failure.
    int onboardingCount(qint64 id, QString *error) const;

private:
    [[nodiscard]] bool insertPhases(qint64 templateId, const QList<TemplatePhase> &phases,
                                    QString *error);

    const Database &m_db;
};

} // namespace Gatehouse
