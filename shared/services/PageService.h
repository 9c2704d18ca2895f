#pragma once

#include "core/ServiceError.h"
#include "domain/Actor.h"
#include "domain/PortalPage.h"

#include <QList>
#include <QString>

#include <optional>

namespace Gatehouse {

class Clock;
class Database;

// The portal's pages (ONB-7): staff write reference articles in Markdown and choose which
// clients see, and in what order. Every change lands in the activity feed and the audit trail
// with it; refused input changes nothing.
class PageService
{
public:
    PageService(const Database &db, const Clock &clock);

    static constexpr int kMaxTitleLength = 200;
    static constexpr int kMaxBodyLength = 100000;

    enum class Move { Up, Down };

    // Every page of the workspace, in order (the console).
    QList<PortalPage> list(QString *error) const;
    // What a company's contacts see: the visible pages of its workspace, in order.
    QList<PortalPage> visibleForCompany(qint64 companyId, QString *error) const;

    // A new page after the last one; its id, or 0.
    qint64 create(const QString &title, const QString &body, bool visible, const Actor &actor,
                  ServiceError *error);
    [[nodiscard]] bool update(qint64 id, const QString &title, const QString &body, bool visible,
                              const Actor &actor, ServiceError *error);
    [[nodiscard]] bool setVisible(qint64 id, bool visible, const Actor &actor, ServiceError *error);
    // One place up or down; the first page going up (the last going down) stays where it is.
    [[nodiscard]] bool move(qint64 id, Move direction, const Actor &actor, ServiceError *error);
    [[nodiscard]] bool remove(qint64 id, const Actor &actor, ServiceError *error);

private:
    bool checkInput(const QString &title, const QString &body, ServiceError *error) const;
    std::optional<PortalPage> find(qint64 id, ServiceError *error) const;
    qint64 staffIdOf(qint64 workspaceId, const Actor &actor, QString *error) const;
    // The activity row and the audit event of a change; call inside its transaction.
    bool record(qint64 workspaceId, qint64 pageId, const QString &kind, const QString &summary,
                const Actor &actor, qint64 nowMs, QString *error) const;

    const Database &m_db;
    const Clock &m_clock;
};

} // namespace Gatehouse
