#include "PageRepository.h"

#include "SqlQuery.h"

namespace Gatehouse {

namespace {

const QString kColumns = QStringLiteral(
    "p.id, p.workspace_id, p.title, p.body, p.visible, p.position, p.created_at, p.updated_at, "
    "COALESCE(p.updated_by_staff_id, 0)");

} // namespace

QList<PortalPage> PageRepository::read(const QString &where, qint64 key, QString *error) const
{
    QList<PortalPage> pages;
    SqlQuery query(m_db, QStringLiteral("SELECT ") + kColumns
                             + QStringLiteral(" FROM portal_page p ") + where
                             + QStringLiteral(" ORDER BY p.position, p.id"));
    query << key;
    if (!query.exec(error)) {
        return pages;
    }
    while (query.next()) {
        PortalPage page;
        page.id = query.int64(0);
        page.workspaceId = query.int64(1);
        page.title = query.text(2);
        page.body = query.text(3);
        page.visible = query.int64(4) != 0;
        page.position = int(query.int64(5));
        page.createdAtMs = query.int64(6);
        page.updatedAtMs = query.int64(7);
        page.updatedByStaffId = query.int64(8);
        pages.append(page);
    }
    return pages;
}

QList<PortalPage> PageRepository::list(qint64 workspaceId, QString *error) const
{
    return read(QStringLiteral("WHERE p.workspace_id = ?"), workspaceId, error);
}

QList<PortalPage> PageRepository::visibleForCompany(qint64 companyId, QString *error) const
{
    return read(QStringLiteral("JOIN company c ON c.workspace_id = p.workspace_id "
                               "WHERE c.id = ? AND p.visible = 1"),
                companyId, error);
}

std::optional<PortalPage> PageRepository::get(qint64 workspaceId, qint64 id, QString *error) const
{
    for (const PortalPage &page : read(QStringLiteral("WHERE p.id = ?"), id, error)) {
        if (page.workspaceId == workspaceId) {
            return page;
        }
    }
    return std::nullopt;
}

qint64 PageRepository::insert(const PortalPage &page, QString *error)
{
    SqlQuery last(m_db, QStringLiteral("SELECT COALESCE(MAX(position), 0) FROM portal_page "
                                       "WHERE workspace_id = ?"));
    last << page.workspaceId;
    if (!last.exec(error) || !last.next()) {
        return 0;
    }
    const qint64 position = last.int64(0) + 1;
    SqlQuery insert(m_db, QStringLiteral("INSERT INTO portal_page (workspace_id, title, body, "
                                         "visible, position, created_at, updated_at, "
                                         "updated_by_staff_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                                         "RETURNING id"));
    insert << page.workspaceId << page.title << page.body << (page.visible ? 1 : 0) << position
           << page.createdAtMs << page.updatedAtMs << nullable(page.updatedByStaffId);
    const qint64 id = insert.exec(error) && insert.next() ? insert.int64(0) : 0;
    insert.raw().finish(); // SQLite cannot commit while a RETURNING statement is open
    return id;
}

bool PageRepository::update(const PortalPage &page, QString *error)
{
    SqlQuery query(m_db, QStringLiteral("UPDATE portal_page SET title = ?, body = ?, visible = ?, "
                                        "updated_at = ?, updated_by_staff_id = ? WHERE id = ?"));
    query << page.title << page.body << (page.visible ? 1 : 0) << page.updatedAtMs
          << nullable(page.updatedByStaffId) << page.id;
    return query.exec(error);
}

bool PageRepository::setPosition(qint64 id, int position, QString *error)
{
    SqlQuery query(m_db, QStringLiteral("UPDATE portal_page SET position = ? WHERE id = ?"));
    query << position << id;
    return query.exec(error);
}

bool PageRepository::remove(qint64 id, QString *error)
{
    SqlQuery query(m_db, QStringLiteral("DELETE FROM portal_page WHERE id = ?"));
    query << id;
    return query.exec(error);
}

} // namespace Gatehouse
