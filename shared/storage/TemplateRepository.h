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

private:
    const Database &m_db;
};

} // namespace Gatehouse
