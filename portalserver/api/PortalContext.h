#pragma once

#include "services/PortalAuthService.h"

#include <QHostAddress>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QList>
#include <QString>

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

    QString clientIp(const QHttpServerRequest &request) const;

    QByteArray sessionCookieName() const;
    QByteArray sessionCookie(const QString &token, qint64 maxAgeSeconds) const;
    QString sessionToken(const QHttpServerRequest &request) const;
    // The session behind the request's cookie, or a 401 in *refusal.
    std::optional<PortalSession> requireSession(const QHttpServerRequest &request,
                                                QHttpServerResponse *refusal) const;
};

} // namespace Gatehouse
