#pragma once

#include "HomeCache.h"
#include "services/PortalAuthService.h"

#include <QHostAddress>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <memory>
#include <optional>

namespace Gatehouse {

class Clock;
class Database;

// What every API handler needs: the database, the clock, and the portal's public address
// (links and Origin checks come from configuration, never from the request's Host).
struct PortalContext
{
    const Database &db;
    const Clock &clock;
    QString publicUrl;
    QString publicOrigin;
    bool secure = false;
    QList<QPair<QHostAddress, int>> trustedProxies;
    std::shared_ptr<HomeCache> homeCache = std::make_shared<HomeCache>();

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
    std::optional<PortalSession> requireAnySession(const QHttpServerRequest &request,
                                                   QHttpServerResponse *refusal) const;
    // A JSON answer that sets the cookie of a new session.
    QHttpServerResponse signedIn(const QString &token, const QJsonObject &body) const;
    // False, with a 403 in *refusal, unless X-CSRF-Token is the session's CSRF token.
    bool checkCsrf(const QHttpServerRequest &request, QHttpServerResponse *refusal) const;
};

} // namespace Gatehouse
