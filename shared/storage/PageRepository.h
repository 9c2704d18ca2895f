#pragma once

#include "domain/PortalPage.h"

#include <QList>
#include <QString>

#include <optional>

namespace Gatehouse {

class Database;

// The portal's pages (table portal_page). No rules here: PageService checks input, records
// each change and runs it in a transaction.
class PageRepository
{
public:
    explicit PageRepository(const Database &db)
        : m_db(db)
    {}

    // Every page of the workspace, in position order (the console).
    QList<PortalPage> list(qint64 workspaceId, QString *error) const;
    // The visible pages of the workspace a company belongs to, in position order (the portal).
    QList<PortalPage> visibleForCompany(qint64 companyId, QString *error) const;
    std::optional<PortalPage> get(qint64 workspaceId, qint64 id, QString *error) const;

    // Appends the page after the last one; returns its id, 0 on failure.
    qint64 insert(const PortalPage &page, QString *error);
    // Title, body, visibility and who changed it when.
    [[nodiscard]] bool update(const PortalPage &page, QString *error);
    [[nodiscard]] bool setPosition(qint64 id, int position, QString *error);
    [[nodiscard]] bool remove(qint64 id, QString *error);

private:
    QList<PortalPage> read(const QString &where, qint64 key, QString *error) const;

    const Database &m_db;
};

} // namespace Gatehouse
