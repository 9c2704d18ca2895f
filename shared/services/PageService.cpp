#include "PageService.h"

#include "core/Clock.h"
#include "security/AuditLog.h"
#include "security/StaffAccess.h"
#include "storage/ActivityRepository.h"
#include "storage/DirectoryRepository.h"
#include "storage/PageRepository.h"
#include "storage/SqlQuery.h"
#include "storage/Transaction.h"

#include <QCoreApplication>
#include <QStringList>

namespace Gatehouse {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Gatehouse::PageService", text);
}

} // namespace

PageService::PageService(const Database &db, const Clock &clock)
    : m_db(db)
    , m_clock(clock)
{}

QList<PortalPage> PageService::list(QString *error) const
{
    const std::optional<Workspace> workspace = DirectoryRepository(m_db).workspace(error);
    if (!workspace) {
        return {};
    }
    return PageRepository(m_db).list(workspace->id, error);
}

QList<PortalPage> PageService::visibleForCompany(qint64 companyId, QString *error) const
{
    return PageRepository(m_db).visibleForCompany(companyId, error);
}

bool PageService::checkInput(const QString &title, const QString &body, ServiceError *error) const
{
    const QString cleanTitle = title.simplified();
    if (cleanTitle.isEmpty() || cleanTitle.size() > kMaxTitleLength) {
        ServiceError::set(error, ServiceError::Kind::Invalid,
                          tr("Give the page a title of at most 200 characters."));
        return false;
    }
    if (body.size() > kMaxBodyLength) {
        ServiceError::set(error, ServiceError::Kind::Invalid,
                          tr("A page can be at most 100,000 characters long."));
        return false;
    }
    return true;
}

std::optional<PortalPage> PageService::find(qint64 id, ServiceError *error) const
{
    QString dbError;
    const std::optional<Workspace> workspace = DirectoryRepository(m_db).workspace(&dbError);
    const std::optional<PortalPage> page
        = workspace ? PageRepository(m_db).get(workspace->id, id, &dbError) : std::nullopt;
    if (!page) {
        if (dbError.isEmpty()) {
            ServiceError::set(error, ServiceError::Kind::NotFound, tr("There is no such page."));
        } else {
            ServiceError::internal(error);
        }
    }
    return page;
}

qint64 PageService::staffIdOf(qint64 workspaceId, const Actor &actor, QString *error) const
{
    if (actor.kind != Actor::Kind::Staff) {
        return 0;
    }
    SqlQuery query(m_db, QStringLiteral("SELECT id FROM staff WHERE workspace_id = ? AND "
                                        "email = ?"));
    query << workspaceId << actor.id;
    if (!query.exec(error)) {
        return -1;
    }
    return query.next() ? query.int64(0) : 0;
}

bool PageService::record(qint64 workspaceId, qint64 pageId, const QString &kind,
                         const QString &summary, const Actor &actor, qint64 nowMs,
                         QString *error) const
{
    ActivityEvent event;
    event.kind = kind;
    event.actor = actor.name;
    event.summary = summary;
    const AuditEvent audit
        = AuditEvent::make(workspaceId, nowMs, actor, kind, AuditEvent::subjectOf("page", pageId),
                           actor.name + QLatin1String(": ") + summary);
    return ActivityRepository(m_db).append(workspaceId, event, nowMs, error)
           && AuditLog(m_db).append(audit, error);
}

qint64 PageService::create(const QString &title, const QString &body, bool visible,
                           const Actor &actor, ServiceError *error)
{
    if (!StaffAccess::require(m_db, actor, StaffPermission::ManageSettings, error)) {
        return 0;
    }
    if (!checkInput(title, body, error)) {
        return 0;
    }
    QString dbError;
    const std::optional<Workspace> workspace = DirectoryRepository(m_db).workspace(&dbError);
    if (!workspace) {
        ServiceError::internal(error);
        return 0;
    }
    PortalPage page;
    page.workspaceId = workspace->id;
    page.title = title.simplified();
    page.body = body;
    page.visible = visible;
    page.createdAtMs = page.updatedAtMs = m_clock.nowMs();
    Transaction transaction(m_db);
    page.updatedByStaffId = transaction.isActive() ? staffIdOf(workspace->id, actor, &dbError) : -1;
    const qint64 id = page.updatedByStaffId >= 0 ? PageRepository(m_db).insert(page, &dbError) : 0;
    const QString summary = visible ? QStringLiteral("Created the page \"%1\", visible to clients")
                                    : QStringLiteral("Created the page \"%1\", hidden");
    if (id == 0
        || !record(workspace->id, id, QStringLiteral("page.created"), summary.arg(page.title),
                   actor, page.createdAtMs, &dbError)
        || !transaction.commit(&dbError)) {
        ServiceError::internal(error);
        return 0;
    }
    return id;
}

bool PageService::update(qint64 id, const QString &title, const QString &body, bool visible,
                         const Actor &actor, ServiceError *error)
{
    if (!StaffAccess::require(m_db, actor, StaffPermission::ManageSettings, error)) {
        return false;
    }
    if (!checkInput(title, body, error)) {
        return false;
    }
    std::optional<PortalPage> page = find(id, error);
    if (!page) {
        return false;
    }
    const QString cleanTitle = title.simplified();
    if (page->title == cleanTitle && page->body == body && page->visible == visible) {
        return true; // nothing to record
    }
    QStringList what;
    if (page->title != cleanTitle) {
        what << QStringLiteral("renamed it from \"%1\"").arg(page->title);
    }
    if (page->body != body) {
        what << QStringLiteral("changed its text (%1 characters)").arg(body.size());
    }
    if (page->visible != visible) {
        what << (visible ? QStringLiteral("made it visible to clients")
                         : QStringLiteral("hid it from clients"));
    }
    page->title = cleanTitle;
    page->body = body;
    page->visible = visible;
    page->updatedAtMs = m_clock.nowMs();
    QString dbError;
    Transaction transaction(m_db);
    page->updatedByStaffId
        = transaction.isActive() ? staffIdOf(page->workspaceId, actor, &dbError) : -1;
    const QString summary = QStringLiteral("Changed the page \"%1\": %2")
                                .arg(cleanTitle, what.join(QLatin1String(", ")));
    if (page->updatedByStaffId < 0 || !PageRepository(m_db).update(*page, &dbError)
        || !record(page->workspaceId, id, QStringLiteral("page.changed"), summary, actor,
                   page->updatedAtMs, &dbError)
        || !transaction.commit(&dbError)) {
        ServiceError::internal(error);
        return false;
    }
    return true;
}

bool PageService::setVisible(qint64 id, bool visible, const Actor &actor, ServiceError *error)
{
    if (!StaffAccess::require(m_db, actor, StaffPermission::ManageSettings, error)) {
        return false;
    }
    const std::optional<PortalPage> page = find(id, error);
    return page && update(id, page->title, page->body, visible, actor, error);
}

bool PageService::move(qint64 id, Move direction, const Actor &actor, ServiceError *error)
{
    if (!StaffAccess::require(m_db, actor, StaffPermission::ManageSettings, error)) {
        return false;
    }
    const std::optional<PortalPage> page = find(id, error);
    if (!page) {
        return false;
    }
    QString dbError;
    QList<PortalPage> pages = PageRepository(m_db).list(page->workspaceId, &dbError);
    if (!dbError.isEmpty()) {
        ServiceError::internal(error);
        return false;
    }
    qsizetype from = 0;
    while (from < pages.size() && pages.at(from).id != id) {
        ++from;
    }
    const qsizetype to = direction == Move::Up ? from - 1 : from + 1;
    if (from >= pages.size() || to < 0 || to >= pages.size()) {
        return true; // already first (or last)
    }
    pages.swapItemsAt(from, to);
    // Numbered afresh, so positions that ever collided come apart again.
    Transaction transaction(m_db);
    bool ok = transaction.isActive();
    for (qsizetype i = 0; ok && i < pages.size(); ++i) {
        if (pages.at(i).position != int(i + 1)) {
            ok = PageRepository(m_db).setPosition(pages.at(i).id, int(i + 1), &dbError);
        }
    }
    const QString summary = direction == Move::Up
                                ? QStringLiteral("Moved the page \"%1\" up to place %2")
                                : QStringLiteral("Moved the page \"%1\" down to place %2");
    if (!ok
        || !record(page->workspaceId, id, QStringLiteral("page.moved"),
                   summary.arg(page->title).arg(to + 1), actor, m_clock.nowMs(), &dbError)
        || !transaction.commit(&dbError)) {
        ServiceError::internal(error);
        return false;
    }
    return true;
}

bool PageService::remove(qint64 id, const Actor &actor, ServiceError *error)
{
    if (!StaffAccess::require(m_db, actor, StaffPermission::ManageSettings, error)) {
        return false;
    }
    const std::optional<PortalPage> page = find(id, error);
    if (!page) {
        return false;
    }
    QString dbError;
    Transaction transaction(m_db);
    if (!transaction.isActive() || !PageRepository(m_db).remove(id, &dbError)
        || !record(page->workspaceId, id, QStringLiteral("page.deleted"),
                   QStringLiteral("Deleted the page \"%1\"").arg(page->title), actor,
                   m_clock.nowMs(), &dbError)
        || !transaction.commit(&dbError)) {
        ServiceError::internal(error);
        return false;
    }
    return true;
}

} // namespace Gatehouse
