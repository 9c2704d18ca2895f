#pragma once

#include "HomeCache.h"
#include "domain/Onboarding.h"
#include "services/PortalAuthService.h"

#include <QHostAddress>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <memory>
#include <optional>

class QIODevice;

namespace Gatehouse {

class Clock;
class Database;
class TransferRegistry;
struct StoredFile;

// What every API handler needs: the database, the clock, and the portal's public address
// (links and Origin checks come from configuration, never from the request's Host).
struct PortalContext
{
    static constexpr qsizetype kSessionCacheEntries = 10000;
    static constexpr qsizetype kTaskCacheEntries = 10000;

    const Database &db;
    const Clock &clock;
    QString publicUrl;
    QString publicOrigin;
    bool secure = false;
    QList<QPair<QHostAddress, int>> trustedProxies;
    // Spooled request bodies and files the front door sends (the server's; may be null in a
    // context without a front door).
    std::shared_ptr<TransferRegistry> transfers;
    // What this server thread read and may use again while the database is unchanged.
    std::shared_ptr<SessionCache> sessionCache
        = std::make_shared<SessionCache>(kSessionCacheEntries);
    std::shared_ptr<HomeCache> homeCache = std::make_shared<HomeCache>();
    // Tasks by (task, company), as the task routes read them.
    using TaskCache = StampedCache<QPair<qint64, qint64>, Task>;
    std::shared_ptr<TaskCache> taskCache = std::make_shared<TaskCache>(kTaskCacheEntries);

    QString clientIp(const QHttpServerRequest &request) const;

    QByteArray sessionCookieName() const;
    QByteArray sessionCookie(const QString &token, qint64 maxAgeSeconds) const;
    QString sessionToken(const QHttpServerRequest &request) const;
    // The full session behind the request's cookie, or a 401 in *refusal (also for a
    // half-session that has a second step to do, ACC-10). A request that may change something
    // (anything but GET and HEAD) must also carry the session's CSRF token, else 403.
    std::optional<PortalSession> requireSession(const QHttpServerRequest &request,
                                                QHttpServerResponse *refusal) const;
    // The same, but a half-session passes too: only for the routes that finish signing in
    // (/me, the second step, TOTP enrolment, logout), which check its stage themselves.
    // A staff member's read-only view of the portal (CON-7) is refused here, once for every
    // route, any request that may change something (403 read_only_view); every request of such
    // a view is recorded in the audit trail.
    std::optional<PortalSession> requireAnySession(const QHttpServerRequest &request,
                                                   QHttpServerResponse *refusal) const;
    // requireAnySession for signing out, the one change a read-only view may make: it ends it.
    std::optional<PortalSession> requireSessionToEnd(const QHttpServerRequest &request,
                                                     QHttpServerResponse *refusal) const;
    // The same for a session at one of the given stages; any other gets a 401: a route of one
    // step of a sign-in (choosing an account, setting up TOTP) is not another step's.
    std::optional<PortalSession> requireSessionAt(const QHttpServerRequest &request,
                                                  const QList<SessionStage> &stages,
                                                  QHttpServerResponse *refusal) const;
    // A JSON answer that sets the cookie of a new session.
    QHttpServerResponse signedIn(const QString &token, const QJsonObject &body) const;
    // The one door of every route that needs a role's permission (ACC-12): the session as
    // requireSession gives it, and then a 403 in *refusal unless the contact's role, read with
    // the session on this very request, grants the permission.
    std::optional<PortalSession> requirePermission(const QHttpServerRequest &request,
                                                   PortalPermission permission,
                                                   QHttpServerResponse *refusal) const;
    // For a request about a task: requirePermission, then a 404 unless the task is the
    // contact's company's, before anything of the request is looked at.
    std::optional<PortalSession> requireTaskAccess(const QHttpServerRequest &request, qint64 taskId,
                                                   PortalPermission permission,
                                                   QHttpServerResponse *refusal) const;
    // For a request that acts on a task: requireTaskAccess, then a 403 unless the role may act
    // on tasks of the task's kind.
    std::optional<PortalSession> requireTaskAction(const QHttpServerRequest &request, qint64 taskId,
                                                   PortalPermission permission,
                                                   QHttpServerResponse *refusal) const;
    // The task, when it is one of the session's company's (else none, and error stays empty),
    // as the database stood when the session was checked: read again only when it changed
    // since. Not for reading back what the request itself has changed.
    std::optional<Task> companyTask(const PortalSession &session, qint64 taskId,
                                    QString *error) const;
    // The file of an upload route (application/octet-stream from our own origin, else refused
    // in *refusal) to read: the front door's spool of it, decrypted as it is read, or the body
    // QHttpServer holds where the route is not spooled. bytesAvailable() is its size. A 400
    // when the spool is gone (the client left).
    std::unique_ptr<QIODevice> uploadBody(const QHttpServerRequest &request,
                                          QHttpServerResponse *refusal) const;
    // A stored file as a download (Content-Disposition attachment): the front door sends it
    // chunk by chunk as the client takes it, never whole from memory.
    QHttpServerResponse fileDownload(const StoredFile &file) const;

    // False, with a 403 in *refusal, unless X-CSRF-Token is the session's CSRF token.
    bool checkCsrf(const QHttpServerRequest &request, QHttpServerResponse *refusal) const;

private:
    std::optional<PortalSession> lookUpSession(const QHttpServerRequest &request, bool ending,
                                               QHttpServerResponse *refusal) const;
    std::optional<PortalSession> requireTask(const QHttpServerRequest &request, qint64 taskId,
                                             PortalPermission permission, bool actingOnKind,
                                             QHttpServerResponse *refusal) const;
};

} // namespace Gatehouse
